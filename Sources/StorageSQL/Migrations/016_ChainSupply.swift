import Matching

/// 016: chain leaders' purchases matched to local suppliers (issue: programmes and matching,
/// item 6). What leaders buy (capabilities, a yearly value), the capability profiles district
/// firms keep, the suppliers proposed for each need and how far each got at the order meetings
/// (an order always carries its value), and each chain's purchases per year as its leader
/// declares them — the denominator of the chain's local supply share.
enum Migration016ChainSupply {
    static let migration = Migration(id: 16, name: "chain supply", up: up, down: down)

    static var stages: String { SupplyStage.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",") }

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE purchase_needs (
              id \(e.serialPrimaryKey),
              leader_uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              chain_code TEXT NOT NULL REFERENCES industry_chains(code),
              title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
              capabilities TEXT NOT NULL,
              annual_fen BIGINT NOT NULL CHECK (annual_fen >= 0),
              posted_at TEXT NOT NULL,
              posted_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE supplier_profiles (
              uscc TEXT PRIMARY KEY REFERENCES enterprises(uscc),
              capabilities TEXT NOT NULL,
              summary TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              updated_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE supplier_proposals (
              need_id BIGINT NOT NULL REFERENCES purchase_needs(id),
              supplier_uscc TEXT NOT NULL REFERENCES enterprises(uscc),
              affinity_milli INTEGER NOT NULL CHECK (affinity_milli BETWEEN 0 AND 1000),
              proposed_at TEXT NOT NULL,
              stage TEXT NOT NULL CHECK (stage IN (\(stages))),
              stage_at TEXT NOT NULL,
              order_fen BIGINT CHECK (order_fen IS NULL OR order_fen > 0),
              order_year INTEGER,
              CHECK ((stage = 'ordered') = (order_fen IS NOT NULL) AND (order_fen IS NULL) = (order_year IS NULL)),
              PRIMARY KEY (need_id, supplier_uscc))
            """,
            """
            CREATE TABLE chain_purchases (
              chain_code TEXT NOT NULL REFERENCES industry_chains(code),
              year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
              total_fen BIGINT NOT NULL CHECK (total_fen > 0),
              declared_at TEXT NOT NULL,
              declared_by TEXT NOT NULL,
              PRIMARY KEY (chain_code, year))
            """,
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["chain_purchases", "supplier_proposals", "supplier_profiles", "purchase_needs"].map { "DROP TABLE \($0)" }
    }
}
