/// Why a firm has its points (issue: explanations): per indicator the raw value, whether it was
/// missing (which lowered the score), the normalised value, the weight and the points; the
/// adjustments; and what reaching the next list takes — the points short, and for the linear
/// normaliser the single-indicator changes that would close the gap.
public struct PointsExplanation: Sendable {
    public struct Part: Sendable {
        public var indicator: Indicator
        /// nil when missing.
        public var raw: Double?
        public var normalised: Double
        /// As a fraction of the whole (0.10 for 10 %).
        public var weight: Double
        public var points: Double
    }

    /// One way to reach the next list: raise one indicator by `increase` (in its unit).
    public struct Option: Sendable {
        public var indicator: Indicator
        public var increase: Double
    }

    public var stage: Int
    public var parts: [Part]
    public var adjustment: Double
    public var points: Double
    public var rank: Int
    public var stageSize: Int
    /// Index into the model's lists, or nil.
    public var list: Int?
    /// The next list up and the points it takes (nil when already on the top list).
    public var nextList: (list: Int, pointsShort: Double)?
    public var options: [Option]

    /// Explains firm `f` of a scored district. Linear in the district's size (the percentile
    /// normaliser and the list cut-off read the firm's stage).
    public static func explain(_ f: Int, columns c: PointsColumns, model m: PointsModel, result r: PointsResult) -> PointsExplanation? {
        let s = Int(c.stage[f])
        guard s >= 0 && s < m.stages.count else { return nil }
        let members = (0..<c.count).filter { c.stage[$0] == c.stage[f] }
        var parts: [Part] = []
        for (i, indicator) in m.indicators.enumerated() {
            let x = c.values[i][f]
            let n: Double
            switch m.normaliser {
            case .linear: n = PointsEngine.linear(x, reference: indicator.reference, higherIsBetter: indicator.higherIsBetter)
            case .percentile:
                let column = members.compactMap { g -> Double? in let v = c.values[i][g]; return v.isNaN ? nil : v }
                if x.isNaN { n = 0 } else if column.count == 1 { n = 1 } else {
                    let beaten = indicator.higherIsBetter ? column.filter { $0 < x }.count : column.filter { $0 > x }.count
                    n = Double(beaten) / Double(column.count - 1)
                }
            }
            let w = m.weight(i, stage: s)
            parts.append(Part(indicator: indicator, raw: x.isNaN ? nil : x, normalised: n, weight: w, points: w * m.scale * n))
        }
        let list = r.list[f] >= 0 ? Int(r.list[f]) : nil
        var next: (Int, Double)?
        var options: [Option] = []
        if let target = m.nextList(after: list) {
            let cutoff = m.lastRank(onList: target, stageSize: members.count)
            if cutoff > 0 {
                let sorted = members.map { r.points[$0] }.sorted(by: >)
                let short = max(0, ((sorted[cutoff - 1] - r.points[f]) * 100).rounded() / 100)
                next = (target, short)
                options = m.options(gaining: short, stage: s, normalised: parts.map(\.normalised)).map { Option(indicator: $0.indicator, increase: $0.increase) }
            }
        }
        return PointsExplanation(stage: s, parts: parts, adjustment: c.adjustment[f], points: r.points[f], rank: Int(r.rank[f]),
                                 stageSize: r.stageSize[s], list: list, nextList: next, options: options)
    }
}
