/// A call's panel list (issue: programmes and matching, item 2): projects ranked by their
/// panel score, each with its moderation flags for the chair.
public struct PanelRanking: Sendable {
    public struct Row: Sendable, Hashable {
        public var project: Int64
        public var rank: Int
        /// The panel score: the mean of the scores left after outliers are set aside [I: the
        /// outlier itself stays on record and on the page]; nil until every reviewer scored.
        public var score: Double?
        public var flags: ModerationRule.Flags
        public var scored: Int
        public var reviewers: Int
    }

    /// Complete panels first, by score (ties by project id, the earlier application first);
    /// incomplete panels after them, unranked (rank 0).
    public static func rank(_ panels: [Int64: (reviewers: Int, scores: [String: Double])], rule: ModerationRule) -> [Row] {
        var complete: [Row] = [], pending: [Row] = []
        for (project, panel) in panels {
            let flags = rule.flags(panel.scores)
            let kept = panel.scores.filter { flags.outliers[$0.key] == nil }.map(\.value)
            let done = panel.reviewers > 0 && panel.scores.count >= panel.reviewers
            let score = done && !kept.isEmpty ? (kept.reduce(0, +) / Double(kept.count) * 100).rounded() / 100 : nil
            let row = Row(project: project, rank: 0, score: score, flags: flags, scored: panel.scores.count, reviewers: panel.reviewers)
            if score != nil { complete.append(row) } else { pending.append(row) }
        }
        complete.sort { ($0.score!, $1.project) > ($1.score!, $0.project) }
        for i in complete.indices { complete[i].rank = i + 1 }
        return complete + pending.sorted { $0.project < $1.project }
    }
}
