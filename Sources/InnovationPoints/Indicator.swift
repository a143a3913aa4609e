/// One indicator of the innovation-points model (rules.md §7.2, §11.5 P1): what it measures, in
/// which unit, whether more is better, where the data comes from, and — for the linear
/// normaliser — the value that earns full marks.
public struct Indicator: Sendable, Hashable, Codable {
    public enum Group: String, Sendable, Hashable, Codable, CaseIterable {
        case technical    // 技术创新
        case growth       // 成长经营
        case auxiliary    // 辅助
        case local        // 地方特色
    }

    public var id: String
    public var chineseName: String
    public var englishName: String
    public var group: Group
    public var unit: String
    public var higherIsBetter: Bool
    /// Full-score reference for the linear normaliser (满分值参考): a value at or above it earns 1.
    public var reference: Double
    /// Where the value comes from (registry field, tax data, statistics), shown in explanations.
    public var source: String

    public init(id: String, chineseName: String, englishName: String, group: Group, unit: String, higherIsBetter: Bool = true,
                reference: Double, source: String) {
        self.id = id; self.chineseName = chineseName; self.englishName = englishName; self.group = group; self.unit = unit
        self.higherIsBetter = higherIsBetter; self.reference = reference; self.source = source
    }
}

/// A bonus or negative item (加分项 / 扣分项): fixed points for a fact such as a national award or
/// a place on the dishonesty list.
public struct PointsItem: Sendable, Hashable, Codable {
    public var id: String
    public var chineseName: String
    public var englishName: String
    /// Points added (bonus) or taken away (negative), on the model's scale.
    public var points: Double
    public init(id: String, chineseName: String, englishName: String, points: Double) {
        self.id = id; self.chineseName = chineseName; self.englishName = englishName; self.points = points
    }
}
