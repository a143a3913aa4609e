import Kernel
import RDMonitoring

/// A stored report with what the statistics need of its firm at the time: the town it
/// reported in and whether it was industrial (kept with the report, so a later move does not
/// rewrite a closed quarter's figures) [I].
public struct StoredRDReport: Sendable, Hashable {
    public var report: RDReport
    public var townCode: String?
    public var industrial: Bool
    public var submittedAt: String
    public var submittedBy: String
    public init(report: RDReport, townCode: String?, industrial: Bool, submittedAt: String, submittedBy: String) {
        self.report = report; self.townCode = townCode; self.industrial = industrial; self.submittedAt = submittedAt; self.submittedBy = submittedBy
    }
}

/// One firm over a period, as the town page lists it.
public struct RDFirmRow: Sendable, Hashable {
    public var uscc: USCC
    public var name: String
    public var townCode: String?
    public var quarters: Int
    public var revenue: Money
    public var statisticalRD: Money
    public var aboveScaleIndustrial: Bool
    public var hasRDActivity: Bool
    public init(uscc: USCC, name: String, townCode: String?, quarters: Int, revenue: Money, statisticalRD: Money, aboveScaleIndustrial: Bool, hasRDActivity: Bool) {
        self.uscc = uscc; self.name = name; self.townCode = townCode; self.quarters = quarters; self.revenue = revenue
        self.statisticalRD = statisticalRD; self.aboveScaleIndustrial = aboveScaleIndustrial; self.hasRDActivity = hasRDActivity
    }
}

public protocol RDStore: Sendable {
    /// Inserts or replaces each firm's report for its quarter.
    func upsertReports(_ reports: [StoredRDReport]) async throws
    func fetchReports(_ uscc: USCC) async throws -> [StoredRDReport]
    /// The reports of many firms, keyed "USCC QUARTER" (2023Q4).
    func fetchReports(usccs: [USCC]) async throws -> [String: RDReport]
    /// Every report, firm by firm, for the export.
    func forEachReportBatch(batchSize: Int, _ body: @Sendable ([StoredRDReport]) async throws -> Void) async throws
    /// The totals of a year's quarters filed so far, per town (nil: firms without a town); the
    /// district is their sum. Above scale is judged per firm over the quarters it filed.
    func yearTotals(_ year: Int) async throws -> [String?: RDTotals]
    /// As `yearTotals`, counting only the quarters up to `through`.
    func yearTotals(_ year: Int, through: Quarter) async throws -> [String?: RDTotals]
    /// Statistical R&D per town and quarter number of a year (for last year's seasonal shape).
    func quarterTotals(year: Int) async throws -> [String?: [Int: Int64]]
    /// Statistical R&D per quarter, for the trend.
    func series(from: Quarter, to: Quarter, town: String?) async throws -> [(Quarter, Money)]
    /// The firms of a town (or all) over the quarters, largest R&D first.
    func firms(from: Quarter, to: Quarter, town: String?, limit: Int) async throws -> [RDFirmRow]
    /// Above-scale industrial firms whose reports for both `quarter` and the one before show no R&D activity.
    func idleTwoQuarters(_ quarter: Quarter, town: String?) async throws -> [RDFirmRow]
    /// Firms that reported for the quarter before `quarter` but not for `quarter`.
    func missingReports(_ quarter: Quarter, town: String?) async throws -> [(USCC, String)]
    func setGDP(year: Int, gdp: Money) async throws
    func fetchGDP(year: Int) async throws -> Money?
    /// Replaces the year's targets with the plan's.
    func replacePlan(_ plan: TargetPlan) async throws
    func fetchPlan(year: Int) async throws -> TargetPlan
}
