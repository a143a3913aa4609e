/// Flags on a panel's scores (issue: programmes and matching, item 2): a score far from the
/// others, and a panel that disagrees, for the chair to moderate before the ranking.
public struct ModerationRule: Sendable, Hashable, Codable {
    /// A score this many points or more from the median of the others is an outlier [I].
    public var outlierPoints: Double
    /// A panel whose highest and lowest scores are this far apart disagrees [I].
    public var disagreementPoints: Double
    public init(outlierPoints: Double = 20, disagreementPoints: Double = 25) {
        self.outlierPoints = outlierPoints; self.disagreementPoints = disagreementPoints
    }

    public struct Flags: Sendable, Hashable {
        /// Reviewers whose score is an outlier, with its distance from the others' median.
        public var outliers: [String: Double]
        public var disagreement: Bool
        /// The median of all scores (the panel's score before moderation).
        public var median: Double?
    }

    public func flags(_ scores: [String: Double]) -> Flags {
        func median(_ xs: [Double]) -> Double? {
            guard !xs.isEmpty else { return nil }
            let s = xs.sorted(), n = s.count
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        }
        var outliers: [String: Double] = [:]
        // With three scores the others' median is the mean of two, and one low score would make
        // the two agreeing reviewers outliers too: outliers need at least four.
        if scores.count >= 4 {
            for (reviewer, score) in scores {
                let others = scores.filter { $0.key != reviewer }.map(\.value)
                if let m = median(others), abs(score - m) >= outlierPoints { outliers[reviewer] = score - m }
            }
        }
        let values = Array(scores.values)
        let spread = (values.max() ?? 0) - (values.min() ?? 0)
        return Flags(outliers: outliers, disagreement: values.count >= 2 && spread >= disagreementPoints, median: median(values))
    }
}
