import Kernel

/// A development stage firms are scored within (初创 / 成长 / 稳定, or a district's own).
public struct Stage: Sendable, Hashable, Codable {
    public var id: String
    public var chineseName: String
    public var englishName: String
    public init(id: String, chineseName: String, englishName: String) {
        self.id = id; self.chineseName = chineseName; self.englishName = englishName
    }
}

/// How a firm's stage is decided (rules.md §11.5 P3): by operating revenue, or by years since
/// registration. Bands are ordered; a band applies up to its bound (exclusive), the last has none.
public enum StageRule: Sendable, Hashable, Codable {
    case revenue([Band])
    case age([Band])

    public struct Band: Sendable, Hashable, Codable {
        /// Exclusive upper bound: fen of revenue, or whole years since registration; nil for the last band.
        public var below: Int64?
        public var stage: String
        public init(below: Int64?, stage: String) { self.below = below; self.stage = stage }
    }

    public var bands: [Band] {
        switch self { case .revenue(let b), .age(let b): return b }
    }

    /// The stage id for a firm, or nil when the fact the rule needs is unknown.
    public func stage(revenue: Money?, years: Int?) -> String? {
        let value: Int64
        switch self {
        case .revenue: guard let revenue else { return nil }; value = revenue.fen
        case .age: guard let years else { return nil }; value = Int64(years)
        }
        return bands.first { band in band.below.map { value < $0 } ?? true }?.stage
    }
}
