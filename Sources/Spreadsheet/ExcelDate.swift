/// Excel date serials and the number formats that mark a cell as a date.
enum ExcelDate {
    /// "YYYY-MM-DD" for a serial day number; nil when the value has no date part or is out of range.
    ///
    /// 1900 system: serial 1 is 1900-01-01 and Excel keeps Lotus's fictitious 1900-02-29 as serial 60,
    /// so from serial 61 on the epoch is 1899-12-30. 1904 system: serial 0 is 1904-01-01.
    static func isoDate(serial text: String, date1904: Bool) -> String? {
        guard let value = Double(text.trimmingSpaces()), value.isFinite, value >= 1, value < 2_958_466 else {
            return nil
        }
        let day = Int(value.rounded(.down))
        if date1904 {
            return format(daysSinceEpoch: daysFromCivil(1904, 1, 1) + day)
        }
        if day == 60 { return "1900-02-29" }
        let epoch = day < 60 ? daysFromCivil(1899, 12, 31) : daysFromCivil(1899, 12, 30)
        return format(daysSinceEpoch: epoch + day)
    }

    /// Built-in formats with a date: 14–22 and 45–47 (ECMA-376 §18.8.30), and the East Asian date
    /// formats 27–36 and 50–58 that Chinese Excel refers to by id without defining them.
    static func isBuiltInDateFormat(_ id: Int) -> Bool {
        switch id {
        case 14...22, 27...36, 45...47, 50...58: true
        default: false
        }
    }

    /// Whether a custom format code shows a date: y, d, or a month m (not the minutes of h:mm or mm:ss),
    /// outside quoted text, [brackets] (colours, locales, elapsed time) and escaped characters.
    static func isDateFormatCode(_ code: String) -> Bool {
        var letters = Set<Character>()
        var iterator = code.lowercased().makeIterator()
        while let ch = iterator.next() {
            switch ch {
            case "\"":
                while let inner = iterator.next(), inner != "\"" {}
            case "[":
                while let inner = iterator.next(), inner != "]" {}
            case "\\", "_", "*":
                _ = iterator.next()
            default:
                letters.insert(ch)
            }
        }
        if letters.contains("y") || letters.contains("d") { return true }
        return letters.contains("m") && !letters.contains("h") && !letters.contains("s")
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func format(daysSinceEpoch days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension String {
    func trimmingSpaces() -> Substring {
        var s = self[...]
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}
