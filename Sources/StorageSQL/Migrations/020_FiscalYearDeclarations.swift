/// 020: a firm's declared figures kept apart from the verified ones (issue 19, item 1). Until
/// now a firm's fiscal-year PUT replaced the bureau's figures, which policies, points and the
/// white list read. Declarations now wait here for a reviewer; `fiscal_years` holds only figures
/// from staff, imports, the demo, or declarations a reviewer confirmed (source 'declared').
///
/// The fact columns repeat `fiscal_years`' with its checks, so a declaration decodes as a year does.
/// Rows already in `fiscal_years` with source 'declared' were never checked: they move here as
/// pending, and the year has no verified figures until a reviewer confirms them. A firm's PUT
/// replaced the whole year, so figures staff had entered before it are not restored here; they
/// stand in the change history (`fiscalYear:<year>` rows) for the reviewer to compare.
enum Migration020FiscalYearDeclarations {
    static let migration = Migration(id: 20, name: "fiscal-year declarations", up: up, down: down)

    static let factColumns = [
        "employees", "st_staff", "rd_staff", "sales_revenue", "operating_revenue", "main_business_revenue", "total_income",
        "high_tech_revenue", "total_cost_and_expense", "rd_expense", "rd_expense_domestic", "total_assets", "total_liabilities",
        "net_profit", "conversions",
    ]

    static func up(_ e: SQLEngine) -> [String] {
        let money = { (c: String) in "\(c) BIGINT CHECK (\(c) IS NULL OR \(c) >= 0)" }
        let count = { (c: String) in "\(c) INTEGER CHECK (\(c) IS NULL OR \(c) >= 0)" }
        let facts = factColumns.joined(separator: ", ")
        return [
            """
            CREATE TABLE fiscal_year_declarations (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
              \(count("employees")), \(count("st_staff")), \(count("rd_staff")),
              \(money("sales_revenue")), \(money("operating_revenue")), \(money("main_business_revenue")),
              \(money("total_income")), \(money("high_tech_revenue")), \(money("total_cost_and_expense")),
              \(money("rd_expense")), \(money("rd_expense_domestic")), \(money("total_assets")),
              \(money("total_liabilities")), net_profit BIGINT, \(count("conversions")),
              source TEXT NOT NULL DEFAULT 'declared' CHECK (source = 'declared'),
              recorded_at TEXT NOT NULL,
              declared_by TEXT NOT NULL,
              evidence TEXT NOT NULL CHECK (length(evidence) <= 500),
              status TEXT NOT NULL CHECK (status IN ('pending','confirmed','rejected','superseded')),
              decided_by TEXT,
              decided_at TEXT,
              decision_note TEXT CHECK (decision_note IS NULL OR length(decision_note) <= 500),
              CHECK ((status = 'pending' AND decided_at IS NULL) OR (status <> 'pending' AND decided_at IS NOT NULL)))
            """,
            // One open declaration per firm and year: a second one supersedes the first.
            "CREATE UNIQUE INDEX fiscal_year_declarations_open ON fiscal_year_declarations(uscc, year) WHERE status = 'pending'",
            "CREATE INDEX fiscal_year_declarations_status ON fiscal_year_declarations(status, recorded_at)",
            "CREATE INDEX fiscal_year_declarations_uscc ON fiscal_year_declarations(uscc, year)",
            """
            INSERT INTO fiscal_year_declarations (uscc, year, \(facts), recorded_at, declared_by, evidence, status)
            SELECT uscc, year, \(facts), recorded_at, '', '', 'pending' FROM fiscal_years WHERE source = 'declared'
            """,
            "DELETE FROM fiscal_years WHERE source = 'declared'",
        ]
    }

    /// Back to one table: open declarations return to the years that have no other figures.
    static func down(_ e: SQLEngine) -> [String] {
        let facts = factColumns.joined(separator: ", ")
        return [
            """
            INSERT INTO fiscal_years (uscc, year, \(facts), source, recorded_at)
            SELECT d.uscc, d.year, \(factColumns.map { "d.\($0)" }.joined(separator: ", ")), 'declared', d.recorded_at
            FROM fiscal_year_declarations d WHERE d.status = 'pending'
              AND NOT EXISTS (SELECT 1 FROM fiscal_years f WHERE f.uscc = d.uscc AND f.year = d.year)
            """,
            "DROP TABLE fiscal_year_declarations",
        ]
    }
}
