/// 009: R&D input monitoring (issue: 研发投入动态监测): firms' quarterly reports with the three
/// bases in separate columns, the district's GDP per year, and the targets handed down.
enum Migration009RDMonitoring {
    static let migration = Migration(id: 9, name: "rd_monitoring", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        let money = { (c: String) in "\(c) BIGINT CHECK (\(c) >= 0)" }
        return [
            """
            CREATE TABLE rd_reports (
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              quarter INTEGER NOT NULL CHECK (quarter % 10 BETWEEN 1 AND 4 AND quarter BETWEEN 19491 AND 22004),
              town_code TEXT,
              industrial BOOLEAN NOT NULL,
              statistical_rd_fen BIGINT NOT NULL CHECK (statistical_rd_fen >= 0),
              \(money("tax_rd_fen")), \(money("hte_rd_fen")),
              operating_revenue_fen BIGINT NOT NULL CHECK (operating_revenue_fen >= 0),
              rd_staff INTEGER CHECK (rd_staff >= 0),
              employees INTEGER CHECK (employees >= 0),
              rd_projects INTEGER NOT NULL DEFAULT 0 CHECK (rd_projects >= 0),
              submitted_at TEXT NOT NULL,
              submitted_by TEXT NOT NULL,
              CHECK (rd_staff IS NULL OR employees IS NULL OR rd_staff <= employees),
              PRIMARY KEY (uscc, quarter))
            """,
            "CREATE INDEX rd_reports_quarter ON rd_reports(quarter, town_code)",
            "CREATE TABLE district_gdp (year INTEGER PRIMARY KEY CHECK (year BETWEEN 1949 AND 2200), gdp_fen BIGINT NOT NULL CHECK (gdp_fen > 0))",
            """
            CREATE TABLE rd_targets (
              year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
              indicator TEXT NOT NULL CHECK (indicator IN ('totalRD','shareWithRD','intensity')),
              unit_kind TEXT NOT NULL CHECK (unit_kind IN ('district','town','department','firm')),
              unit_code TEXT NOT NULL,
              value BIGINT NOT NULL CHECK (value >= 0),
              PRIMARY KEY (year, indicator, unit_kind, unit_code))
            """,
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["DROP TABLE rd_targets", "DROP TABLE district_gdp", "DROP TABLE rd_reports"]
    }
}
