import Foundation
import Kernel

/// UTC instants as `2024-07-01T08:00:00Z`, the form stored in every timestamp column.
/// Our own, because Foundation's formatters are not Sendable and these run on every request.
public enum ISOTime {
    public static func format(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secs = total - days * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(LocalDate(dayNumber: days))T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))Z"
    }

    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z"),
              let day = LocalDate(String(decoding: b[0..<10], as: UTF8.self)),
              let h = Int(String(decoding: b[11..<13], as: UTF8.self)), let m = Int(String(decoding: b[14..<16], as: UTF8.self)),
              let s = Int(String(decoding: b[17..<19], as: UTF8.self)), h < 24, m < 60, s < 60 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400 + h * 3600 + m * 60 + s))
    }
}
