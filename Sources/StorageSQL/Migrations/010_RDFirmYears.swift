/// 010: each firm's R&D year so far, kept in step with its quarterly reports, so the district's
/// figures for a year add up a row per firm instead of grouping a million firm-quarters (issue:
/// R&D monitoring, the statistics report over 1,000,000 firm-quarters under 1 s). The quarter
/// index now carries the statistical amount, so the trend reads the index alone; and the
/// report's counts of designations (firm by firm, in index order) and talents read indexes only.
enum Migration010RDFirmYears {
    static let migration = Migration(id: 10, name: "rd_firm_years", up: up, down: down)

    static func up(_ e: SQLEngine) -> [String] {
        [
            """
            CREATE TABLE rd_firm_years (
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              year INTEGER NOT NULL,
              town_code TEXT,
              industrial INTEGER NOT NULL CHECK (industrial IN (0, 1)),
              quarters INTEGER NOT NULL CHECK (quarters BETWEEN 1 AND 4),
              active INTEGER NOT NULL CHECK (active IN (0, 1)),
              revenue_fen BIGINT NOT NULL CHECK (revenue_fen >= 0),
              statistical_rd_fen BIGINT NOT NULL CHECK (statistical_rd_fen >= 0),
              tax_rd_fen BIGINT NOT NULL CHECK (tax_rd_fen >= 0),
              tax_reports INTEGER NOT NULL,
              hte_rd_fen BIGINT NOT NULL CHECK (hte_rd_fen >= 0),
              hte_reports INTEGER NOT NULL,
              PRIMARY KEY (uscc, year))
            """,
            "CREATE INDEX rd_firm_years_year ON rd_firm_years(year, town_code)",
            // Existing reports, summed once (written out here, not shared with the store, so this
            // migration stays as it was applied).
            """
            INSERT INTO rd_firm_years
            SELECT uscc, quarter / 10, MAX(town_code), MAX(CASE WHEN industrial THEN 1 ELSE 0 END), COUNT(*),
              MAX(CASE WHEN statistical_rd_fen > 0 OR rd_projects > 0 THEN 1 ELSE 0 END),
              SUM(operating_revenue_fen), SUM(statistical_rd_fen), COALESCE(SUM(tax_rd_fen), 0), COUNT(tax_rd_fen),
              COALESCE(SUM(hte_rd_fen), 0), COUNT(hte_rd_fen)
            FROM rd_reports GROUP BY uscc, quarter / 10
            """,
            "DROP INDEX rd_reports_quarter",
            "CREATE INDEX rd_reports_quarter ON rd_reports(quarter, town_code, statistical_rd_fen)",
            "CREATE INDEX designations_kind_firm ON designations(kind, uscc, issued_on, expires_on, revoked_on)",
            "CREATE INDEX talents_category ON talents(category, since)",
            "CREATE INDEX designations_batch ON designations(kind, batch, uscc)",
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["DROP INDEX designations_batch", "DROP INDEX talents_category", "DROP INDEX designations_kind_firm", "DROP INDEX rd_reports_quarter", "CREATE INDEX rd_reports_quarter ON rd_reports(quarter, town_code)", "DROP TABLE rd_firm_years"]
    }
}
