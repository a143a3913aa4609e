/// The next list up for a firm, and how to reach it (issue: explanations), in one place for the
/// in-memory explanation and the stored scores.
extension PointsModel {
    /// The list above `current` (nil: on no list, so the lowest list), or nil on the top list.
    public func nextList(after current: Int?) -> Int? {
        let target = current.map { $0 - 1 } ?? (lists.count - 1)
        return target >= 0 ? target : nil
    }

    /// The last rank on list `l` in a stage of `size` firms (0 when the list holds nobody):
    /// rank × 1000 ≤ cut-off × size, as `PointsEngine` assigns lists.
    public func lastRank(onList l: Int, stageSize size: Int) -> Int { lists[l].topPermille * size / 1000 }

    /// Single-indicator ways to gain `short` points under the linear normaliser: raise one
    /// more-is-better indicator by `increase` (its unit) without passing full marks.
    /// `normalised[i]` is the firm's current value for indicator i.
    public func options(gaining short: Double, stage s: Int, normalised: [Double]) -> [(indicator: Indicator, increase: Double)] {
        guard normaliser == .linear, short > 0 else { return [] }
        return indicators.indices.compactMap { i in
            let w = weight(i, stage: s)
            guard w > 0, indicators[i].higherIsBetter else { return nil }
            let dn = short / (w * scale)
            return normalised[i] + dn <= 1 ? (indicators[i], dn * indicators[i].reference) : nil
        }
    }
}
