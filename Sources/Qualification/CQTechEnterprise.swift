import Kernel
import Registry

/// 重庆市科技型企业 (rules.md §5.1): registered in Chongqing for a year, R&D staff share and R&D
/// intensity by enterprise size, and IP core to the main products. Size classes follow the
/// industrial criteria of 国统字〔2011〕75号 [I: the platform applies the industrial table to all
/// firms; other sectors' tables can be added as rule data].
public struct CQTechEnterpriseRules: Sendable, Hashable, Codable {
    public struct SizeClass: Sendable, Hashable, Codable {
        public let name: String
        /// The class applies when employees ≥ this and revenue ≥ `minRevenue` (largest class first).
        public let minEmployees: Int
        public let minRevenue: Money
        public let minRdStaffShare: Fraction
        public let minRdToMainRevenue: Fraction
    }

    public var sizeClasses: [SizeClass]
    public var minRegisteredDays: Int
    /// Administrative-division prefix of the USCC that marks a Chongqing registration.
    public var divisionPrefix: String

    public static let basis: StaticString = "重庆市科技型企业认定条件（rules.md §5.1）"
    static let staffArticle: StaticString = " 2, 国统字〔2011〕75号 工业"   // " 2, " + sizeBasis, as a literal: literals are never reference-counted
    public static let sizeBasis = "国统字〔2011〕75号 工业"

    public static let cq2023 = CQTechEnterpriseRules(
        sizeClasses: [
            SizeClass(name: "large", minEmployees: 1_000, minRevenue: Money(yuan: 400_000_000), minRdStaffShare: .percent(3), minRdToMainRevenue: .percent(1)),
            SizeClass(name: "medium", minEmployees: 300, minRevenue: Money(yuan: 20_000_000), minRdStaffShare: .percent(3), minRdToMainRevenue: .percent(1)),
            SizeClass(name: "small", minEmployees: 20, minRevenue: Money(yuan: 3_000_000), minRdStaffShare: .percent(5), minRdToMainRevenue: .percent(2)),
            SizeClass(name: "micro", minEmployees: 0, minRevenue: .zero, minRdStaffShare: .percent(10), minRdToMainRevenue: .percent(3)),
        ],
        minRegisteredDays: 365, divisionPrefix: "50")

    public func sizeClass(employees: Int, revenue: Money) -> SizeClass {
        sizeClasses.first { employees >= $0.minEmployees && revenue >= $0.minRevenue } ?? sizeClasses[sizeClasses.count - 1]
    }
}

public struct CQTechEnterpriseResult: Sendable, Hashable {
    public var qualifies: Bool
    public var sizeClass: String?
    public var checks: [Check]
}

public enum CQTechEnterpriseEvaluator {
    public static func evaluate(uscc: USCC, registeredOn: LocalDate?, asOf: LocalDate, year f: FiscalYearFacts?, ip: [IPItem],
                                rules r: CQTechEnterpriseRules) -> CQTechEnterpriseResult {
        let b = CQTechEnterpriseRules.basis
        var checks: [Check] = []
        checks.reserveCapacity(5)
        checks.append(Check(id: "cqTechEnterprise.registeredInChongqing", status: uscc.isInDivision(r.divisionPrefix) ? .met : .unmet, basis: b, article: " 1"))
        checks.append(Check(id: "cqTechEnterprise.registeredOneYear", status: Check.holds(registeredOn.map { $0.days(until: asOf) >= r.minRegisteredDays }), basis: b, article: " 1"))
        var size: CQTechEnterpriseRules.SizeClass?
        if let e = f?.employees, let rev = f?.operatingRevenue ?? f?.mainBusinessRevenue { size = r.sizeClass(employees: e, revenue: rev) }
        var staffShare: Fraction?
        if let e = f?.employees, let s = f?.rdStaff, e > 0 { staffShare = Fraction(Int64(s), Int64(e)) }
        checks.append(Check(id: "cqTechEnterprise.rdStaffShare",
                            status: Check.holds(staffShare.flatMap { v in size.map { v >= $0.minRdStaffShare } }),
                            value: staffShare.map(Check.Value.ratio), required: size.map { .ratio($0.minRdStaffShare) }, basis: b, article: CQTechEnterpriseRules.staffArticle))
        var intensity: Fraction?
        if let rd = f?.rdExpense, let mb = f?.mainBusinessRevenue, mb.fen > 0 { intensity = Fraction(rd.fen, mb.fen) }
        checks.append(Check(id: "cqTechEnterprise.rdIntensity",
                            status: Check.holds(intensity.flatMap { v in size.map { v >= $0.minRdToMainRevenue } }),
                            value: intensity.map(Check.Value.ratio), required: size.map { .ratio($0.minRdToMainRevenue) }, basis: b, article: " 2"))
        let core = IPTally(ip).any
        checks.append(Check(id: "cqTechEnterprise.coreIP", status: core ? .met : .unmet, basis: b, article: " 3"))
        return CQTechEnterpriseResult(qualifies: checks.combined == .met, sizeClass: size?.name, checks: checks)
    }
}
