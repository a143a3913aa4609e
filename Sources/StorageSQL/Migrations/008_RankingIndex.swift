/// 008: the ranking index carries the USCC, the tie-breaker of the ranking's order, so a page
/// deep in a stage of a million firms is read from the index alone (issue: innovation points,
/// ranking page p95 under 50 ms at 1,000,000 enterprises).
enum Migration008RankingIndex {
    static let migration = Migration(id: 8, name: "points_ranking_index", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        ["DROP INDEX points_scores_rank", "CREATE INDEX points_scores_rank ON points_scores(run_id, stage, rank, uscc)"]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["DROP INDEX points_scores_rank", "CREATE INDEX points_scores_rank ON points_scores(run_id, stage, rank)"]
    }
}
