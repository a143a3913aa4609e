import Kernel

/// A calendar quarter, the period firms report R&D in (rules.md §11.6 R1). Stored as one integer,
/// year × 10 + quarter (20231 … 20234), so ranges of quarters are ranges of integers.
public struct Quarter: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let quarter: Int

    public init?(year: Int, quarter: Int) {
        guard (1949...2200).contains(year), (1...4).contains(quarter) else { return nil }
        self.year = year; self.quarter = quarter
    }

    /// The quarter a date falls in.
    public init(containing date: LocalDate) { year = date.year; quarter = (date.month - 1) / 3 + 1 }

    /// "2023Q1" (also "2023-Q1", "2023q1").
    public init?(_ text: String) {
        let t = String(text.uppercased().filter { $0 != "-" })
        guard t.count == 6, t.dropFirst(4).first == "Q", let y = Int(t.prefix(4)), let q = Int(t.suffix(1)) else { return nil }
        self.init(year: y, quarter: q)
    }

    public init?(code: Int) { self.init(year: code / 10, quarter: code % 10) }

    public var code: Int { year * 10 + quarter }
    public var description: String { "\(year)Q\(quarter)" }
    public var firstDay: LocalDate { LocalDate(year: year, month: 3 * quarter - 2, day: 1)! }
    public var lastDay: LocalDate { next.firstDay.adding(days: -1) }
    public var next: Quarter { quarter == 4 ? Quarter(year: year + 1, quarter: 1)! : Quarter(year: year, quarter: quarter + 1)! }
    public var previous: Quarter { quarter == 1 ? Quarter(year: year - 1, quarter: 4)! : Quarter(year: year, quarter: quarter - 1)! }

    /// Reports are due on the rules' day of the month after the quarter (the 15th [I]: the
    /// statistics bureau's quarterly R&D survey closes about then).
    public func dueDate(dueDay: Int = RDRules.current.reportDueDay) -> LocalDate { next.firstDay.adding(days: dueDay - 1) }

    /// The latest quarter whose reports are due by `date` (its due day reached).
    public static func latestDue(on date: LocalDate, dueDay: Int = RDRules.current.reportDueDay) -> Quarter {
        var q = Quarter(containing: date).previous
        while q.dueDate(dueDay: dueDay) > date { q = q.previous }
        return q
    }

    /// The quarter a year's monitoring runs through on `date` (数据截至): the latest due quarter,
    /// within the year; nil when none of the year is due yet. Never the latest quarter any firm
    /// happened to file, so one early filing cannot move the pace, trend or warnings.
    public static func reportedThrough(year: Int, on date: LocalDate, dueDay: Int = RDRules.current.reportDueDay) -> Quarter? {
        let due = latestDue(on: date, dueDay: dueDay)
        if due.year < year { return nil }
        return due.year > year ? Quarter(year: year, quarter: 4) : due
    }

    /// `n` quarters later (earlier when negative).
    public func adding(quarters n: Int) -> Quarter {
        let index = year * 4 + quarter - 1 + n
        return Quarter(year: index / 4, quarter: index % 4 + 1) ?? self
    }

    public static func < (a: Quarter, b: Quarter) -> Bool { a.code < b.code }

    /// The quarters from `a` to `b`, both included.
    public static func range(_ a: Quarter, _ b: Quarter) -> [Quarter] {
        var out: [Quarter] = [], q = a
        while q <= b { out.append(q); q = q.next }
        return out
    }
}
