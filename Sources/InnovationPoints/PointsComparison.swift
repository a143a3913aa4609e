/// A draft model beside the published one over the same firms (issue: what-if): who changes
/// list, who moves most, and how the lists' sizes change. Both results must come from the same
/// columns, so the only difference is the model.
public struct PointsComparison: Sendable {
    public struct Mover: Sendable, Hashable {
        public var firm: Int
        public var pointsBefore: Double, pointsAfter: Double
        public var rankBefore: Int, rankAfter: Int
        public var listBefore: Int?, listAfter: Int?
        /// Positive when the firm rises (its rank number falls).
        public var rise: Int { rankBefore - rankAfter }
    }

    public var movers: [Mover]
    /// Firms on each list before and after, by list index.
    public var listSizes: [(before: Int, after: Int)]
    public var changedList: Int

    /// Firms whose list changed, then the largest rank moves; at most `limit`.
    public static func compare(_ before: PointsResult, _ after: PointsResult, lists: Int, limit: Int = 50) -> PointsComparison {
        var movers: [Mover] = []
        var sizes = Array(repeating: (before: 0, after: 0), count: lists)
        var changed = 0
        for f in before.points.indices where before.rank[f] > 0 || after.rank[f] > 0 {
            let lb = before.list[f] >= 0 ? Int(before.list[f]) : nil, la = after.list[f] >= 0 ? Int(after.list[f]) : nil
            if let lb, lb < lists { sizes[lb].before += 1 }
            if let la, la < lists { sizes[la].after += 1 }
            if lb != la { changed += 1 }
            let m = Mover(firm: f, pointsBefore: before.points[f], pointsAfter: after.points[f], rankBefore: Int(before.rank[f]),
                          rankAfter: Int(after.rank[f]), listBefore: lb, listAfter: la)
            if m.rise != 0 || lb != la { movers.append(m) }
        }
        movers.sort { a, b in
            let ca = a.listBefore != a.listAfter, cb = b.listBefore != b.listAfter
            return ca != cb ? ca : (abs(a.rise), a.firm) > (abs(b.rise), -b.firm)
        }
        return PointsComparison(movers: Array(movers.prefix(limit)), listSizes: sizes, changedList: changed)
    }
}
