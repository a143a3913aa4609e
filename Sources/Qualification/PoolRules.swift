import Kernel
import Registry

/// The district 高企培育库 entry checklist. No public criteria exist for the district's pool
/// (rules.md §5.2), so, as that section proposes [I], the checklist is the 高企 hard conditions
/// (国科发火〔2016〕32号 第十一条) with relaxed thresholds: firms likely to meet them within one
/// or two years. Which conditions count, and every threshold, are data.
public struct PoolRules: Sendable, Hashable, Codable {
    /// The 高企 conditions, with the relaxed thresholds.
    public var relaxed: HighTechRules
    /// The condition ids of the checklist. Left out by default: `highTech.noIncident` and
    /// `highTech.domesticRdShare`, which the registry does not hold; the officer confirms them at
    /// admission (the reason field says so).
    public var items: [String]
    /// Days a new member has to obtain its first supported project before it is listed as an
    /// exception to the "≥ 1 supported project" rule (rules.md §11.7 S4) [I].
    public var projectGraceDays: Int

    public static let basis: StaticString = "本区高企培育库入库条件（依 国科发火〔2016〕32号 第十一条 放宽）[I]"
    public static let basisSupport: StaticString = "铜科局函〔2024〕8号：每家入库企业至少支持 1 个科研项目"

    /// Tongliang district, 2024 [I]: S&T staff ≥ 5% (高企 10%), R&D intensity 3% / 2.5% / 2% by
    /// the same sales bands (高企 5 / 4 / 3%), high-tech income ≥ 40% (高企 60%), registered a
    /// year, one IP item related to the main product.
    public static let tongliang2024: PoolRules = {
        var r = HighTechRules.cn2016
        r.minStStaffShare = .percent(5)
        r.rdIntensityBySales = [SalesBand(upTo: Money(yuan: 50_000_000), required: .percent(3)),
                                SalesBand(upTo: Money(yuan: 200_000_000), required: Fraction(25, 1000)),
                                SalesBand(upTo: nil, required: .percent(2))]
        r.minHighTechRevenueShare = .percent(40)
        return PoolRules(relaxed: r, items: ["highTech.registeredOneYear", "highTech.coreIP", "highTech.stStaffShare",
                                             "highTech.rdIntensity", "highTech.highTechRevenueShare"], projectGraceDays: 180)
    }()

    public var problems: [String] {
        let known = Set(PoolChecklist.poolIDs.map(\.0))
        return items.filter { !known.contains($0) }.map { "pool: unknown checklist item \($0)" }
            + (projectGraceDays < 0 ? ["pool: projectGraceDays must be >= 0"] : [])
    }
}

/// The entry checklist of one enterprise: each item with its value, the relaxed threshold and
/// the basis, under `pool.*` ids.
public enum PoolChecklist {
    /// The 高企 conditions the checklist may use, and the id each has in the pool.
    static let poolIDs: [(String, StaticString)] = [
        ("highTech.registeredOneYear", "pool.registeredOneYear"), ("highTech.coreIP", "pool.coreIP"),
        ("highTech.stStaffShare", "pool.stStaffShare"), ("highTech.rdIntensity", "pool.rdIntensity"),
        ("highTech.domesticRdShare", "pool.domesticRdShare"), ("highTech.highTechRevenueShare", "pool.highTechRevenueShare"),
        ("highTech.noIncident", "pool.noIncident"),
    ]

    public static func evaluate(_ f: AssessmentFacts, rules: PoolRules) -> [Check] {
        let result = HighTechEvaluator.evaluate(HighTechInput(
            evaluationYear: f.evaluationYear, asOf: f.asOf, registeredOn: f.registeredOn, years: f.fiscalYears, ip: f.ip,
            standardsLed: f.standardsLed, compliance: f.compliance), rules: rules.relaxed)
        return rules.items.compactMap { item in
            guard let c = result.conditions.first(where: { $0.hasID(text: item) }),
                  let id = poolIDs.first(where: { $0.0 == item })?.1 else { return nil }
            return c.restated(id: id, basis: PoolRules.basis)
        }
    }

    /// A candidate: every checklist item met, not a valid 高企 and not already in the pool.
    public static func isCandidate(_ checks: [Check], designations: [Designation], on date: LocalDate) -> Bool {
        checks.combined == .met && !designations.contains {
            ($0.kind == .highTech || $0.kind == .highTechPool) && $0.isValid(on: date)
        }
    }
}

/// The pool's support rule (rules.md §11.7 S4): members without a project supported since they
/// entered, once the grace period is over.
public enum PoolSupportRule {
    public struct Member: Sendable, Hashable {
        public var uscc: USCC
        public var admittedOn: LocalDate
        public init(uscc: USCC, admittedOn: LocalDate) { self.uscc = uscc; self.admittedOn = admittedOn }
    }

    public static func exceptions(_ members: [Member], projects: [USCC: [SupportedProject]], on date: LocalDate,
                                  rules: PoolRules) -> [Member] {
        members.filter { m in
            guard m.admittedOn.days(until: date) > rules.projectGraceDays else { return false }
            return !(projects[m.uscc] ?? []).contains { $0.supportedOn >= m.admittedOn && $0.supportedOn <= date }
        }
    }
}
