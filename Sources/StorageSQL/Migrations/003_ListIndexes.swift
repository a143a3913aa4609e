/// 003: indexes that let the enterprise list page through 100,000 enterprises in name order
/// without sorting them on every request (profiling showed a temporary B-tree per page view).
enum Migration003ListIndexes {
    static let migration = Migration(id: 3, name: "list-indexes", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        [
            "CREATE INDEX enterprises_name_uscc ON enterprises(name, uscc)",
            "CREATE INDEX enterprises_town_name ON enterprises(town_code, name, uscc)",
            // Covering indexes: the filter sets are read from the index alone, never the table.
            "CREATE INDEX designations_kind_uscc ON designations(kind, issued_on, expires_on, revoked_on, uscc)",
            "CREATE INDEX enterprise_chains_chain_uscc ON enterprise_chains(chain_code, uscc)",
            "CREATE INDEX enterprises_industry ON enterprises(industry_code)",
            "DROP INDEX enterprises_name",
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        [
            "CREATE INDEX enterprises_name ON enterprises(name)",
            "DROP INDEX enterprises_industry",
            "DROP INDEX enterprise_chains_chain_uscc",
            "DROP INDEX designations_kind_uscc",
            "DROP INDEX enterprises_town_name",
            "DROP INDEX enterprises_name_uscc",
        ]
    }
}
