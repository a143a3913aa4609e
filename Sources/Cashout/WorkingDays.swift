import Kernel

/// Working days for deadlines: Monday to Friday, less public holidays, plus the weekend days
/// made working days by the State Council's yearly holiday notice (调休). The holiday data is
/// [R] recalled from the notices for 2023–2025 and kept as data: a district loads the next
/// year's notice with `WorkingCalendar(holidays:workingWeekends:)`.
public struct WorkingCalendar: Sendable, Hashable {
    /// Which notices the calendar encodes, so a deadline can be traced to its data.
    public var source: String
    public var holidays: Set<LocalDate>
    public var workingWeekends: Set<LocalDate>

    public init(source: String, holidays: Set<LocalDate>, workingWeekends: Set<LocalDate>) {
        self.source = source; self.holidays = holidays; self.workingWeekends = workingWeekends
    }

    public func isWorkingDay(_ d: LocalDate) -> Bool {
        if workingWeekends.contains(d) { return true }
        if holidays.contains(d) { return false }
        // dayNumber 0 is 1970-01-01, a Thursday: weekday 0 = Monday.
        let weekday = ((d.dayNumber + 3) % 7 + 7) % 7
        return weekday < 5
    }

    /// The `n`th working day after `d` (n ≥ 0; n = 0 is `d` itself).
    public func adding(workingDays n: Int, to d: LocalDate) -> LocalDate {
        var day = d, left = n
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
    public func workingDays(from: LocalDate, to: LocalDate) -> Int {
        guard from < to else { return 0 }
        var n = 0, day = from
        while day < to { day = day.adding(days: 1); if isWorkingDay(day) { n += 1 } }
        return n
    }

    public static let china: WorkingCalendar = {
        func days(_ list: [String]) -> Set<LocalDate> { Set(list.compactMap(LocalDate.init)) }
        func range(_ a: String, _ b: String) -> [String] {
            guard let x = LocalDate(a), let y = LocalDate(b) else { return [] }
            return (x.dayNumber...y.dayNumber).map { LocalDate(dayNumber: $0).description }
        }
        let holidays = ["2023-01-01", "2023-01-02"] + range("2023-01-21", "2023-01-27") + ["2023-04-05"] + range("2023-04-29", "2023-05-03")
            + range("2023-06-22", "2023-06-24") + range("2023-09-29", "2023-10-06") + range("2023-12-30", "2024-01-01")
            + range("2024-02-10", "2024-02-17") + range("2024-04-04", "2024-04-06") + range("2024-05-01", "2024-05-05")
            + ["2024-06-10"] + range("2024-09-15", "2024-09-17") + range("2024-10-01", "2024-10-07")
            + ["2025-01-01"] + range("2025-01-28", "2025-02-04") + range("2025-04-04", "2025-04-06") + range("2025-05-01", "2025-05-05")
            + range("2025-05-31", "2025-06-02") + range("2025-10-01", "2025-10-08")
        let working = ["2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08",
                       "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12",
                       "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]
        return WorkingCalendar(source: "cn-holidays-2023-2025 [R]: 国务院办公厅关于2023年、2024年、2025年部分节假日安排的通知",
                               holidays: days(holidays), workingWeekends: days(working))
    }()
}

/// The working days each step may take (item 3): by default 60 working days from submission to
/// payment [I: the split is ours; the 60-day total is the issue's]. Publication (公示) is a
/// fixed period: approval may not come before it ends.
public struct StepDeadlines: Sendable, Hashable, Codable {
    public var acceptance = 5
    public var review = 20
    public var publication = 5
    public var approval = 10
    public var payment = 20
    public init() {}

    public var total: Int { acceptance + review + publication + approval + payment }

    /// Working days allowed in `status` before the next step is due (nil: nobody is waited on).
    public func allowance(in status: ApplicationStatus) -> Int? {
        switch status {
        case .submitted: return acceptance
        case .underReview: return review
        case .inPublication: return publication + approval
        case .objected: return approval
        case .approved: return payment
        default: return nil
        }
    }
}
