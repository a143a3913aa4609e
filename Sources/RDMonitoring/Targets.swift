import Kernel

/// The district's yearly R&D indicators a target can be set on (rules.md §11.6 R3).
public enum RDIndicator: String, Sendable, Hashable, Codable, CaseIterable {
    /// Total statistical R&D expenditure, in fen. Additive: a split must add up.
    case totalRD
    /// Share of above-scale industrial firms with R&D activity, in tenths of a percent.
    case shareWithRD
    /// Regional R&D intensity, in basis points.
    case intensity

    /// Adds up across units (a town split must sum to the district).
    public var isAdditive: Bool { self == .totalRD }
    /// Grows through the year as spending accumulates (the total, and the intensity against the
    /// year's GDP); the share is a state, not a sum.
    public var accumulates: Bool { self != .shareWithRD }
    public var chineseName: String {
        switch self {
        case .totalRD: return "研发经费投入总量"
        case .shareWithRD: return "规上工业企业有研发活动占比"
        case .intensity: return "研发投入强度"
        }
    }
    /// The largest meaningful value (100 % for the ratios).
    var maximum: Int64? {
        switch self {
        case .totalRD: return nil
        case .shareWithRD: return 1_000
        case .intensity: return 10_000
        }
    }
}

/// Who a target is handed to (目标任务细化分解): the district itself, a town or street, a
/// department, or a key firm.
public enum TargetUnit: Sendable, Hashable, Codable {
    case district
    case town(String)
    case department(String)
    case firm(USCC)

    public var kind: String {
        switch self { case .district: return "district"; case .town: return "town"; case .department: return "department"; case .firm: return "firm" }
    }
    public var code: String {
        switch self { case .district: return ""; case .town(let c), .department(let c): return c; case .firm(let u): return u.code }
    }
    public init?(kind: String, code: String) {
        switch kind {
        case "district": self = .district
        case "town" where !code.isEmpty: self = .town(code)
        case "department" where !code.isEmpty: self = .department(code)
        case "firm": guard let u = try? USCC(code) else { return nil }; self = .firm(u)
        default: return nil
        }
    }
}

public struct RDTarget: Sendable, Hashable, Codable {
    /// A total no district reaches (a thousand billion yuan, in fen): sums of targets stay in 64 bits.
    public static let maximumTotal: Int64 = 100_000_000_000_000
    public var year: Int
    public var indicator: RDIndicator
    public var unit: TargetUnit
    /// In the indicator's unit: fen, tenths of a percent or basis points.
    public var value: Int64
    public init(year: Int, indicator: RDIndicator, unit: TargetUnit, value: Int64) {
        self.year = year; self.indicator = indicator; self.unit = unit; self.value = value
    }
}

/// One year's targets, checked as a whole before they are stored.
public struct TargetPlan: Sendable, Hashable {
    public var year: Int
    public var targets: [RDTarget]
    public init(year: Int, targets: [RDTarget]) { self.year = year; self.targets = targets }

    public func target(_ indicator: RDIndicator, _ unit: TargetUnit) -> Int64? {
        targets.first { $0.indicator == indicator && $0.unit == unit }?.value
    }

    /// An additive target split to towns must add up to the district's exactly, and so must a
    /// split to departments (a second, independent split of the same total); key firms' targets
    /// may not exceed it. Ratio targets are each unit's own, within 0–100 %.
    /// What is wrong with the plan, each message "中文 / English" for a page to pick its half.
    public var problems: [String] {
        var out: [String] = []
        var seen = Set<String>()
        let kinds = ["district": "全区", "town": "镇街", "department": "部门", "firm": "企业"]
        for t in targets {
            let key = "\(t.indicator.rawValue)/\(t.unit.kind)/\(t.unit.code)"
            let name = "\(kinds[t.unit.kind] ?? t.unit.kind)\(t.unit.code.isEmpty ? "" : " \(t.unit.code)")的\(t.indicator.chineseName)目标"
            if !seen.insert(key).inserted { out.append("\(name)重复设置 / \(key): set twice") }
            if t.year != year { out.append("\(name)属于 \(t.year) 年，不是 \(year) 年 / \(key): for \(t.year), not \(year)") }
            if t.value < 0 { out.append("\(name)不能为负 / \(key): negative") }
            if let max = t.indicator.maximum, t.value > max { out.append("\(name)超过 100% / \(key): above 100%") }
            if t.value > RDTarget.maximumTotal { out.append("\(name)超过上限 / \(key): above the ceiling") }
        }
        for indicator in RDIndicator.allCases {
            let mine = targets.filter { $0.indicator == indicator }
            guard !mine.isEmpty else { continue }
            guard let district = target(indicator, .district) else {
                out.append("已为下级单位设置\(indicator.chineseName)目标，但全区没有 / \(indicator.rawValue): units have targets but the district has none"); continue
            }
            guard indicator.isAdditive else { continue }
            for kind in ["town", "department"] {
                let parts = mine.filter { $0.unit.kind == kind }
                let sum = parts.reduce(Int64(0)) { $0 &+ min(max($1.value, 0), RDTarget.maximumTotal) }
                if !parts.isEmpty && sum != district {
                    out.append("各\(kinds[kind] ?? kind)\(indicator.chineseName)目标合计 \(Money(fen: sum).yuanText) 元，不等于全区目标 \(Money(fen: district).yuanText) 元"
                               + " / \(indicator.rawValue): the \(kind) targets add up to \(Money(fen: sum).yuanText), not the district's \(Money(fen: district).yuanText)")
                }
            }
            let firms = mine.filter { $0.unit.kind == "firm" }.reduce(Int64(0)) { $0 &+ min(max($1.value, 0), RDTarget.maximumTotal) }
            if firms > district { out.append("重点企业\(indicator.chineseName)目标合计超过全区目标 / \(indicator.rawValue): key firms' targets exceed the district's") }
        }
        return out
    }
}

/// Progress of one unit on one indicator within its year.
public struct RDProgress: Sendable, Hashable, Codable {
    public var target: Int64
    public var actual: Int64
    /// Quarters of the year reported so far (1–4).
    public var quartersElapsed: Int
    /// The share of last year's total spent by the same quarter, in basis points, when last
    /// year is on record: R&D is seasonal (the fourth quarter is the largest), so the pace is
    /// last year's shape, not a straight line [I]. Nil: a straight line (quarters / 4).
    public var seasonalShare: Int?

    public init(target: Int64, actual: Int64, quartersElapsed: Int, seasonalShare: Int? = nil) {
        self.target = target; self.actual = actual; self.quartersElapsed = quartersElapsed
        self.seasonalShare = seasonalShare.flatMap { $0 > 0 ? min($0, 10_000) : nil }
    }

    /// The share of the year done by now, in basis points.
    public var shareOfYear: Int64 { Int64(seasonalShare ?? quartersElapsed * 2_500) }

    /// For what accumulates, the year-end forecast at the pace so far (actual ÷ share of the
    /// year done) [I]; for the share, the share so far.
    public func forecast(_ indicator: RDIndicator) -> Int64 {
        guard indicator.accumulates, shareOfYear > 0 else { return actual }
        return Int64(clamping: (Int128(actual) * 10_000 + Int128(shareOfYear) / 2) / Int128(shareOfYear))
    }

    /// Where the unit should stand by now: what accumulates at its share of the year's target;
    /// the share at the target itself [I].
    public func expected(_ indicator: RDIndicator) -> Int64 {
        indicator.accumulates ? Int64(Int128(target) * Int128(shareOfYear) / 10_000) : target
    }

    /// Behind pace (an early warning): below where it should stand by now.
    public func isBehindPace(_ indicator: RDIndicator) -> Bool { actual < expected(indicator) }

    /// The gap to the year's target; zero once met.
    public var gap: Int64 { max(0, target - actual) }

    /// Last year's cumulative share through quarter `q`, from its quarterly amounts; nil when
    /// last year is incomplete or empty.
    public static func seasonalShare(lastYear quarters: [Int: Int64], through q: Int) -> Int? {
        guard (1...4).allSatisfy({ quarters[$0] != nil }) else { return nil }
        let total = quarters.values.reduce(0, +)
        guard total > 0 else { return nil }
        let done = (1...q).reduce(Int64(0)) { $0 + (quarters[$1] ?? 0) }
        return Int(Int128(done) * 10_000 / Int128(total))
    }
}
