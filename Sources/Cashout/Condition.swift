import Kernel
import Registry

/// The eligibility predicate of a policy, over the registry's designations and fiscal facts
/// (rules.md §11.7 S1). Each leaf says met, unmet or unknown with its reason: a missing fact is
/// "missing data", never a silent no, so the bureau can ask the firm for it.
public indirect enum Condition: Sendable, Codable, Hashable {
    case all([Condition])
    case any([Condition])
    /// A designation of `kind` issued in the policy's subsidy year, and whether it must be the
    /// firm's first of that kind (first recognition) or a later one (re-recognition, S2 [I]:
    /// "any later recognition", whatever the gap).
    case recognisedInYear(DesignationKind, Recognition)
    /// A designation of `kind` valid on the day the match is made.
    case holds(DesignationKind)
    /// A fiscal fact of the year before the subsidy year at least `atLeast` fen.
    case factAtLeast(Fact, atLeast: Money)

    public enum Recognition: String, Sendable, Codable, Hashable { case first, later, any }

    /// The designation kinds the condition reads: a new designation of one of them may change
    /// who is eligible.
    public var designationKinds: Set<DesignationKind> {
        switch self {
        case .all(let cs), .any(let cs): return cs.reduce(into: []) { $0.formUnion($1.designationKinds) }
        case .recognisedInYear(let k, _), .holds(let k): return [k]
        case .factAtLeast: return []
        }
    }

    /// The fiscal facts a condition or an amount may read.
    public enum Fact: String, Sendable, Codable, Hashable, CaseIterable {
        case rdExpense, operatingRevenue, highTechRevenue, netProfit

        public var chineseName: String {
            switch self {
            case .rdExpense: return "研发费用"
            case .operatingRevenue: return "营业收入"
            case .highTechRevenue: return "高新技术产品收入"
            case .netProfit: return "净利润"
            }
        }

        public func value(in f: FiscalYearFacts) -> Money? {
            switch self {
            case .rdExpense: return f.rdExpense
            case .operatingRevenue: return f.operatingRevenue
            case .highTechRevenue: return f.highTechRevenue
            case .netProfit: return f.netProfit
            }
        }
    }
}

/// What the platform knows of one firm when it matches a policy.
public struct PolicySubject: Sendable {
    public var uscc: USCC
    public var designations: [Designation]
    public var fiscalYears: [FiscalYearFacts]
    public init(uscc: USCC, designations: [Designation], fiscalYears: [FiscalYearFacts]) {
        self.uscc = uscc; self.designations = designations; self.fiscalYears = fiscalYears
    }

    func facts(year: Int) -> FiscalYearFacts? { fiscalYears.first { $0.year == year } }
}

/// One condition's outcome for one firm.
public struct ConditionResult: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable { case met, unmet, unknown }
    public var status: Status
    public var reason: String
    /// The certificate that satisfied a designation condition, with its kind (the key of a
    /// per-certificate payment of that kind).
    public var certificate: String?
    public var certificateKind: DesignationKind?
}

extension Condition {
    /// Evaluates the condition for the subsidy `year` on `date`. `all` is met when every part is,
    /// unmet when any is, else unknown; `any` the other way round.
    public func evaluate(_ s: PolicySubject, year: Int, on date: LocalDate) -> [ConditionResult] {
        switch self {
        case .all(let parts):
            return parts.flatMap { $0.evaluate(s, year: year, on: date) }
        case .any(let parts):
            let results = parts.map { $0.evaluate(s, year: year, on: date) }
            if let met = results.first(where: { $0.combined == .met }) { return met }
            let status: ConditionResult.Status = results.contains { $0.combined == .unknown } ? .unknown : .unmet
            return [ConditionResult(status: status, reason: "以下任一 / any of: " + results.flatMap { $0.map(\.reason) }.joined(separator: "；"))]
        case .holds(let kind):
            let valid = s.designations.first { $0.kind == kind && $0.isValid(on: date) }
            return [ConditionResult(status: valid == nil ? .unmet : .met,
                                    reason: valid == nil ? "无有效\(kind.chineseName) / no valid \(kind.englishName)"
                                                         : "持有有效\(kind.chineseName) \(valid?.number ?? "") / holds a valid \(kind.englishName)",
                                    certificate: valid.map { $0.number ?? "\(s.uscc.code)-\(kind.rawValue)-\($0.issuedOn)" }, certificateKind: kind)]
        case .recognisedInYear(let kind, let recognition):
            let ofKind = s.designations.filter { $0.kind == kind }.sorted { $0.issuedOn < $1.issuedOn }
            guard let granted = ofKind.last(where: { $0.issuedOn.year == year }) else {
                return [ConditionResult(status: .unmet, reason: "\(year) 年未获\(kind.chineseName)认定 / not recognised as \(kind.englishName) in \(year)")]
            }
            let isFirst = ofKind.first == granted
            let ok = recognition == .any || (recognition == .first) == isFirst
            let what = isFirst ? "首次认定 / first recognition" : "重新认定 / re-recognition"
            let certificate = granted.number ?? "\(s.uscc.code)-\(kind.rawValue)-\(granted.issuedOn)"
            return [ConditionResult(status: ok ? .met : .unmet, reason: "\(granted.issuedOn) \(kind.chineseName) \(what)", certificate: certificate,
                                    certificateKind: kind)]
        case .factAtLeast(let fact, let minimum):
            guard let value = s.facts(year: Policy.factYear(year)).flatMap(fact.value(in:)) else {
                return [ConditionResult(status: .unknown, reason: "缺 \(year - 1) 年\(fact.chineseName) / \(year - 1) \(fact.rawValue) missing")]
            }
            return [ConditionResult(status: value >= minimum ? .met : .unmet,
                                    reason: "\(year - 1) 年\(fact.chineseName) \(value.yuanText) 元 \(value >= minimum ? "≥" : "<") \(minimum.yuanText) 元")]
        }
    }
}

extension Array where Element == ConditionResult {
    /// Any unmet → unmet; any unknown → unknown; else met.
    public var combined: ConditionResult.Status {
        if contains(where: { $0.status == .unmet }) { return .unmet }
        if contains(where: { $0.status == .unknown }) { return .unknown }
        return .met
    }
}
