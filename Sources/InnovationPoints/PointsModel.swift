import Kernel

/// One published innovation-points model (rules.md §7, §11.5): indicators, stages and how a firm's
/// stage is decided, weights per stage, the normaliser, bonus and negative items, and the lists.
/// A published model is never edited: a change is a new version, so any stored score can be
/// recomputed with the model it names.
public struct PointsModel: Sendable, Hashable, Codable {
    public enum Normaliser: String, Sendable, Hashable, Codable {
        /// min(x / reference, 1) for more-is-better (negative values count 0); 1 − min(x / reference, 1) otherwise.
        case linear
        /// The share of the stage's firms (with a value) that the firm is above, from 0 to 1.
        case percentile
    }

    /// A list (榜单): the firms ranked within the top `topPermille` ‰ of their stage, cumulative.
    public struct ListTier: Sendable, Hashable, Codable {
        public var id: String
        public var chineseName: String
        public var englishName: String
        public var topPermille: Int
        public init(id: String, chineseName: String, englishName: String, topPermille: Int) {
            self.id = id; self.chineseName = chineseName; self.englishName = englishName; self.topPermille = topPermille
        }
    }

    public var id: String
    public var effectiveFrom: LocalDate
    public var basis: String
    /// Points for a firm that earns full marks on every indicator (before bonus and negative items).
    public var scale: Double
    public var stages: [Stage]
    public var stageRule: StageRule
    public var indicators: [Indicator]
    /// Weight of each indicator in each stage, in basis points (1/100 of a percent), in the order
    /// of `stages`. Each stage's weights sum to 10,000 (rules.md §11.5 P2).
    public var weights: [String: [Int]]
    public var normaliser: Normaliser
    public var bonus: [PointsItem]
    public var negative: [PointsItem]
    public var lists: [ListTier]

    public init(id: String, effectiveFrom: LocalDate, basis: String, scale: Double, stages: [Stage], stageRule: StageRule,
                indicators: [Indicator], weights: [String: [Int]], normaliser: Normaliser, bonus: [PointsItem],
                negative: [PointsItem], lists: [ListTier]) {
        self.id = id; self.effectiveFrom = effectiveFrom; self.basis = basis; self.scale = scale; self.stages = stages
        self.stageRule = stageRule; self.indicators = indicators; self.weights = weights; self.normaliser = normaliser
        self.bonus = bonus; self.negative = negative; self.lists = lists
    }

    /// The weight of indicator `i` in stage `s` as a fraction (0.12 for 1,200 basis points).
    public func weight(_ i: Int, stage s: Int) -> Double { Double(weights[indicators[i].id]?[s] ?? 0) / 10_000 }

    /// The first-level weight of a group in a stage: the sum of its indicators' (P2).
    public func groupWeight(_ group: Indicator.Group, stage s: Int) -> Int {
        indicators.filter { $0.group == group }.reduce(0) { $0 + (weights[$1.id]?[s] ?? 0) }
    }

    /// A draft is compared with the published model indicator by indicator, so it must keep them.
    public static let mustKeepShape = "草稿须保留已发布模型的指标、阶段和榜单数量及其顺序 / the draft must keep the published model's indicators, stages and number of lists, in order"

    /// Checks made when a model is loaded or a draft saved, each "中文 / English"; empty when it can be published.
    public var problems: [String] {
        var out: [String] = []
        let ids = indicators.map(\.id)
        if Set(ids).count != ids.count { out.append("指标编号重复 / indicator ids repeat") }
        if stages.isEmpty { out.append("没有发展阶段 / no stages") }
        for key in weights.keys where !ids.contains(key) { out.append("权重中有未知指标 \(key) / weights name an unknown indicator: \(key)") }
        for i in indicators {
            guard let w = weights[i.id] else { out.append("指标 \(i.id) 没有权重 / \(i.id): no weights"); continue }
            if w.count != stages.count { out.append("指标 \(i.id) 有 \(w.count) 个权重，但有 \(stages.count) 个阶段 / \(i.id): \(w.count) weights for \(stages.count) stages") }
            if w.contains(where: { $0 < 0 || $0 > 10_000 }) { out.append("指标 \(i.id) 的权重超出 0–100% / \(i.id): a weight outside 0–100%") }
            if normaliser == .linear && !(i.reference > 0) { out.append("指标 \(i.id) 采用线性标准化，参考值须大于 0 / \(i.id): the linear normaliser needs a positive reference") }
        }
        for (s, stage) in stages.enumerated() {
            // Clamped so an absurd weight is reported above, not overflowed here.
            let sum = indicators.reduce(0) { $0 + min(max((weights[$1.id] ?? []).dropFirst(s).first ?? 0, 0), 10_000) }
            if sum != 10_000 { out.append("阶段 \(stage.id) 的权重合计 \(Double(sum) / 100)%，应为 100% / stage \(stage.id): weights sum to \(Double(sum) / 100)%, not 100%") }
        }
        let stageIDs = Set(stages.map(\.id))
        for band in stageRule.bands where !stageIDs.contains(band.stage) { out.append("阶段划分规则中有未知阶段 \(band.stage) / stage rule names an unknown stage: \(band.stage)") }
        let bounds = stageRule.bands.map(\.below)
        if bounds.last.map({ $0 != nil }) ?? true { out.append("阶段划分的最后一档须不设上限 / the stage rule's last band must be open-ended") }
        let closed = bounds.compactMap { $0 }
        if closed != closed.sorted() || Set(closed).count != closed.count || bounds.dropLast().contains(where: { $0 == nil }) {
            out.append("阶段划分的各档须递增 / stage bands must rise")
        }
        if zip(lists.dropLast(), lists.dropFirst()).contains(where: { $0.topPermille >= $1.topPermille }) || lists.contains(where: { !(1...1000).contains($0.topPermille) }) {
            out.append("各榜单比例须在 0.1%–100% 内递增 / list cut-offs must rise within 0.1 %–100 % (1–1000 ‰)")
        }
        if !(scale > 0 && scale <= 10_000) { out.append("满分须大于 0 且不超过 10,000 / the scale must be above 0 and at most 10,000") }
        if (bonus + negative).contains(where: { !($0.points >= 0 && $0.points <= 10_000) }) { out.append("加减分项的分值须在 0–10,000 之间 / item points are magnitudes between 0 and 10,000") }
        return out
    }
}
