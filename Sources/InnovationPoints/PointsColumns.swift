/// A whole district's indicator values as columns, the shape scoring runs over (issue: scoring
/// over columns of numbers): one array per indicator in the model's order, one entry per firm.
public struct PointsColumns: Sendable {
    public var count: Int
    /// Index into the model's stages; -1 when the stage is unknown (the firm is not scored).
    public var stage: [Int32]
    /// `values[i][f]`: indicator i of firm f in its unit; `.nan` when missing (it earns nothing
    /// and the explanation says so).
    public var values: [[Double]]
    /// Bonus minus negative items per firm, on the model's scale.
    public var adjustment: [Double]

    public init(count: Int, indicators: Int) {
        self.count = count
        stage = Array(repeating: -1, count: count)
        values = Array(repeating: Array(repeating: .nan, count: count), count: indicators)
        adjustment = Array(repeating: 0, count: count)
    }
}

/// What scoring gives each firm, in column form.
public struct PointsResult: Sendable {
    /// Points rounded to two decimals, floored at 0; 0 for firms not scored.
    public var points: [Double]
    /// 1-based rank within the stage (ties share a rank); 0 when not scored.
    public var rank: [Int32]
    /// Firms scored in each stage.
    public var stageSize: [Int]
    /// Index into the model's lists; -1 for none.
    public var list: [Int8]

    /// The share of the firm's stage ranked above it, 0 for the top firm: "top 3 %" is 0.03.
    public func topShare(_ f: Int, stage s: Int) -> Double {
        rank[f] == 0 || stageSize[s] == 0 ? 1 : Double(rank[f] - 1) / Double(stageSize[s])
    }
}
