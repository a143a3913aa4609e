/// 001: the enterprise registry (一企一档): towns, chains, enterprises, fiscal years,
/// designations, innovation evidence, platforms, talents and the change history.
///
/// Dates are `YYYY-MM-DD` text and instants ISO 8601 text in both engines, so they compare the
/// same way everywhere. Money is BIGINT fen. CHECK constraints repeat the domain's invariants so
/// that no path around the services can store what the domain forbids.
enum Migration001Registry {
    static let migration = Migration(id: 1, name: "registry", up: up, down: down)

    static let designationKinds = "'techSME','cqTechEnterprise','highTech','highTechPool','innovativeSME','specializedSME','littleGiant'"

    static func up(_ e: SQLEngine) -> [String] {
        let money = { (c: String) in "\(c) BIGINT CHECK (\(c) IS NULL OR \(c) >= 0)" }
        let count = { (c: String) in "\(c) INTEGER CHECK (\(c) IS NULL OR \(c) >= 0)" }
        return [
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
            """,
            """
            CREATE TABLE towns (
              code TEXT PRIMARY KEY CHECK (length(code) = 9),
              name TEXT NOT NULL)
            """,
            """
            CREATE TABLE industry_chains (
              code TEXT PRIMARY KEY,
              name TEXT NOT NULL,
              leader_uscc TEXT)
            """,
            """
            CREATE TABLE enterprises (
              uscc TEXT PRIMARY KEY CHECK (length(uscc) = 18),
              name TEXT NOT NULL CHECK (length(name) > 0),
              registered_on TEXT,
              town_code TEXT REFERENCES towns(code),
              industry_code TEXT,
              status TEXT NOT NULL CHECK (status IN ('active','relocated','deregistered')),
              sme BOOLEAN,
              updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX enterprises_town ON enterprises(town_code)",
            "CREATE INDEX enterprises_name ON enterprises(name)",
            """
            CREATE TABLE enterprise_chains (
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              chain_code TEXT NOT NULL REFERENCES industry_chains(code),
              PRIMARY KEY (uscc, chain_code))
            """,
            "CREATE INDEX enterprise_chains_chain ON enterprise_chains(chain_code)",
            """
            CREATE TABLE fiscal_years (
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
              \(count("employees")), \(count("st_staff")), \(count("rd_staff")),
              \(money("sales_revenue")), \(money("operating_revenue")), \(money("main_business_revenue")),
              \(money("total_income")), \(money("high_tech_revenue")), \(money("total_cost_and_expense")),
              \(money("rd_expense")), \(money("rd_expense_domestic")), \(money("total_assets")),
              \(money("total_liabilities")), net_profit BIGINT, \(count("conversions")),
              source TEXT NOT NULL CHECK (source IN ('declared','imported','staff','demo')),
              recorded_at TEXT NOT NULL,
              PRIMARY KEY (uscc, year))
            """,
            """
            CREATE TABLE designations (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              kind TEXT NOT NULL CHECK (kind IN (\(designationKinds))),
              number TEXT,
              issued_on TEXT NOT NULL,
              expires_on TEXT CHECK (expires_on IS NULL OR expires_on >= issued_on),
              level TEXT NOT NULL CHECK (level IN ('national','municipal','district')),
              batch TEXT,
              revoked_on TEXT,
              UNIQUE (uscc, kind, issued_on))
            """,
            "CREATE INDEX designations_kind ON designations(kind, issued_on)",
            """
            CREATE TABLE ip_items (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              kind TEXT NOT NULL, number TEXT, title TEXT, granted_on TEXT,
              valid BOOLEAN NOT NULL, related_to_main_product BOOLEAN NOT NULL, self_developed BOOLEAN NOT NULL,
              high_value BOOLEAN NOT NULL, used_in_high_tech_application BOOLEAN NOT NULL)
            """,
            "CREATE INDEX ip_items_uscc ON ip_items(uscc)",
            """
            CREATE TABLE awards (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              level TEXT NOT NULL CHECK (level IN ('national','provincial')),
              year INTEGER NOT NULL, rank INTEGER CHECK (rank IS NULL OR rank >= 1), name TEXT)
            """,
            "CREATE INDEX awards_uscc ON awards(uscc)",
            """
            CREATE TABLE rd_institutions (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              level TEXT NOT NULL CHECK (level IN ('national','provincial','municipal','district')),
              name TEXT, recognised_on TEXT)
            """,
            "CREATE INDEX rd_institutions_uscc ON rd_institutions(uscc)",
            """
            CREATE TABLE standards_led (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              level TEXT NOT NULL CHECK (level IN ('international','national','industry')),
              year INTEGER NOT NULL, code TEXT)
            """,
            "CREATE INDEX standards_led_uscc ON standards_led(uscc)",
            """
            CREATE TABLE equity_financings (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              date TEXT NOT NULL, amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
              qualified_investor BOOLEAN NOT NULL)
            """,
            "CREATE INDEX equity_financings_uscc ON equity_financings(uscc)",
            """
            CREATE TABLE innovation_platforms (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL REFERENCES enterprises(uscc) ON DELETE CASCADE,
              name TEXT NOT NULL, kind TEXT NOT NULL,
              level TEXT NOT NULL CHECK (level IN ('national','provincial','municipal','district')),
              recognised_on TEXT NOT NULL)
            """,
            """
            CREATE TABLE talents (
              id \(e.serialPrimaryKey),
              uscc TEXT REFERENCES enterprises(uscc) ON DELETE SET NULL,
              name TEXT NOT NULL,
              category TEXT NOT NULL CHECK (category IN ('introduced','highSkillReserve')),
              since TEXT NOT NULL)
            """,
            """
            CREATE TABLE change_history (
              id \(e.serialPrimaryKey),
              uscc TEXT NOT NULL,
              subject TEXT NOT NULL,
              actor TEXT NOT NULL,
              at TEXT NOT NULL,
              before_json TEXT,
              after_json TEXT)
            """,
            "CREATE INDEX change_history_uscc ON change_history(uscc, id)",
        ]
    }

    static func down(_ e: SQLEngine) -> [String] {
        ["change_history", "talents", "innovation_platforms", "equity_financings", "standards_led", "rd_institutions",
         "awards", "ip_items", "designations", "fiscal_years", "enterprise_chains", "enterprises", "industry_chains",
         "towns", "meta"].map { "DROP TABLE \($0)" }
    }
}
