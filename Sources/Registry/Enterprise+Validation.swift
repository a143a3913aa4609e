import Foundation
import Kernel

/// Business checks on registry values, reported as `Problem`s so that all are shown at once.
/// Structural parsing (is it a number, a date, a USCC) happens where the text is read.
extension Enterprise {
    public func problems(at path: String = "") -> [Problem] {
        var out: [Problem] = []
        let p = path.isEmpty ? "" : path + "."
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { out.append(Problem(path: p + "name", message: "企业名称不能为空 / the name is required")) }
        if name.count > 100 { out.append(Problem(path: p + "name", message: "企业名称不超过 100 字 / at most 100 characters")) }
        if let bad = ControlCharacters.first(in: name, allowLineBreaks: false) {
            out.append(Problem(path: p + "name", message: "企业名称" + ControlCharacters.message(bad)))
        }
        if let code = industryCode, !Enterprise.isIndustryCode(code) {
            out.append(Problem(path: p + "industryCode",
                               message: "“\(code)”不是 GB/T 4754 行业代码（如 C3841）/ not a GB/T 4754 industry code such as C3841"))
        }
        if let town = townCode, !(town.count == 9 && town.allSatisfy(\.isASCIIDigitCharacter)) {
            out.append(Problem(path: p + "townCode", message: "镇街代码应为 9 位数字 / a town code has 9 digits"))
        }
        return out
    }

    /// A section letter A–T, optionally followed by 2, 3 or 4 digits (division, group, class).
    public static func isIndustryCode(_ code: String) -> Bool {
        let b = Array(code.utf8)
        guard let first = b.first, (UInt8(ascii: "A")...UInt8(ascii: "T")).contains(first) else { return false }
        let digits = b.dropFirst()
        return [0, 2, 3, 4].contains(digits.count) && digits.allSatisfy { (48...57).contains($0) }
    }
}

extension FiscalYearFacts {
    /// Range and consistency checks; `path` is the JSON path or spreadsheet row prefix.
    public func problems(at path: String, registeredOn: LocalDate? = nil) -> [Problem] {
        var out: [Problem] = []
        let p = path.isEmpty ? "" : path + "."
        if !(1949...2200).contains(year) {
            out.append(Problem(path: p + "year", message: "年度 \(year) 不合理 / year \(year) is out of range"))
        }
        let counts: [(String, Int?)] = [("employees", employees), ("stStaff", stStaff), ("rdStaff", rdStaff), ("conversions", conversions)]
        for (field, value) in counts {
            if let value, value < 0 { out.append(Problem(path: p + field, message: "must be >= 0 / 不能为负数")) }
        }
        let nonNegativeMoney: [(String, Money?)] = [
            ("salesRevenue", salesRevenue), ("operatingRevenue", operatingRevenue),
            ("mainBusinessRevenue", mainBusinessRevenue), ("totalIncome", totalIncome),
            ("highTechRevenue", highTechRevenue), ("totalCostAndExpense", totalCostAndExpense),
            ("rdExpense", rdExpense), ("rdExpenseDomestic", rdExpenseDomestic),
            ("totalAssets", totalAssets), ("totalLiabilities", totalLiabilities),
        ]
        for (field, value) in nonNegativeMoney {
            if let value, value.fen < 0 { out.append(Problem(path: p + field, message: "must be >= 0 / 金额不能为负数")) }
        }
        // Net profit may be negative (a loss); the parts may not exceed their wholes.
        if let e = employees, let s = stStaff, s > e {
            out.append(Problem(path: p + "stStaff", message: "科技人员 \(s) 多于职工总数 \(e) / more S&T staff than employees"))
        }
        if let e = employees, let r = rdStaff, r > e {
            out.append(Problem(path: p + "rdStaff", message: "研发人员 \(r) 多于职工总数 \(e) / more R&D staff than employees"))
        }
        if let d = rdExpenseDomestic, let t = rdExpense, d > t {
            out.append(Problem(path: p + "rdExpenseDomestic", message: "境内研发费用多于研发费用总额 / domestic R&D exceeds total R&D"))
        }
        if let registeredOn, year < registeredOn.year {
            out.append(Problem(path: p + "year", message: "年度早于成立日期 \(registeredOn) / year before registration"))
        }
        return out
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
