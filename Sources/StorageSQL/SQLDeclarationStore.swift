import Kernel
import Registry
import SQLKit
import Storage

struct SQLDeclarationStore: DeclarationStore {
    let db: any SQLDatabase

    func insertDeclaration(_ d: FiscalYearDeclaration) async throws -> Int64? {
        let f = d.facts
        let row = try await db.raw("""
            INSERT INTO fiscal_year_declarations (uscc, year, employees, st_staff, rd_staff, sales_revenue, operating_revenue, main_business_revenue,
              total_income, high_tech_revenue, total_cost_and_expense, rd_expense, rd_expense_domestic, total_assets, total_liabilities, net_profit,
              conversions, recorded_at, declared_by, evidence, status)
            VALUES (\(bind: d.uscc.code), \(bind: f.year), \(bind: f.employees), \(bind: f.stStaff), \(bind: f.rdStaff), \(bind: f.salesRevenue?.fen),
              \(bind: f.operatingRevenue?.fen), \(bind: f.mainBusinessRevenue?.fen), \(bind: f.totalIncome?.fen), \(bind: f.highTechRevenue?.fen),
              \(bind: f.totalCostAndExpense?.fen), \(bind: f.rdExpense?.fen), \(bind: f.rdExpenseDomestic?.fen), \(bind: f.totalAssets?.fen),
              \(bind: f.totalLiabilities?.fen), \(bind: f.netProfit?.fen), \(bind: f.conversions), \(bind: d.declaredAt), \(bind: d.declaredBy),
              \(bind: d.evidence), \(bind: d.status.rawValue))
            ON CONFLICT (uscc, year) WHERE status = 'pending' DO NOTHING
            RETURNING id
            """).first()
        return try row?.decode(column: "id", as: Int64.self)
    }

    private func declarations(_ condition: SQLQueryString, order: SQLQueryString = "id DESC") async throws -> [FiscalYearDeclaration] {
        try await db.raw("SELECT * FROM fiscal_year_declarations WHERE \(condition) ORDER BY \(order)").all().map { try Self.declaration($0) }
    }

    static func declaration(_ row: some SQLRow) throws -> FiscalYearDeclaration {
        // The fact columns and `recorded_at` decode as a stamped year does.
        let stamped = try StampedFiscalYear(row: row)
        return FiscalYearDeclaration(id: try row.decode(column: "id", as: Int64.self), uscc: try row.decode(column: "uscc", as: USCC.self),
                                     facts: stamped.facts, status: try row.decodeEnum("status"),
                                     evidence: try row.decode(column: "evidence", as: String.self),
                                     declaredBy: try row.decode(column: "declared_by", as: String.self), declaredAt: stamped.recordedAt,
                                     decidedBy: try row.decode(column: "decided_by", as: String?.self),
                                     decidedAt: try row.decode(column: "decided_at", as: String?.self),
                                     decisionNote: try row.decode(column: "decision_note", as: String?.self))
    }

    func fetchDeclaration(_ id: Int64) async throws -> FiscalYearDeclaration? {
        try await declarations("id = \(bind: id)").first
    }

    func fetchOpenDeclaration(_ uscc: USCC, year: Int) async throws -> FiscalYearDeclaration? {
        try await declarations("uscc = \(bind: uscc.code) AND year = \(bind: year) AND status = 'pending'").first
    }

    func fetchDeclarations(_ uscc: USCC) async throws -> [FiscalYearDeclaration] {
        try await declarations("uscc = \(bind: uscc.code)")
    }

    func fetchDeclarations(_ filter: DeclarationFilter, offset: Int, limit: Int) async throws -> (rows: [DeclarationRow], total: Int) {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let s = filter.status { conditions.append("d.status = \(bind: s.rawValue)") }
        if let t = filter.townCode { conditions.append("e.town_code = \(bind: t)") }
        if let u = filter.uscc { conditions.append("d.uscc = \(bind: u.code)") }
        let condition = conditions.joined(separator: " AND ")
        let total = try await db.raw("""
            SELECT COUNT(*) AS n FROM fiscal_year_declarations d JOIN enterprises e ON e.uscc = d.uscc WHERE \(condition)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("""
            SELECT d.*, e.name AS firm_name, e.town_code AS firm_town FROM fiscal_year_declarations d JOIN enterprises e ON e.uscc = d.uscc
            WHERE \(condition) ORDER BY d.recorded_at, d.id LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all()
        return (try rows.map { row in
            DeclarationRow(declaration: try Self.declaration(row), name: try row.decode(column: "firm_name", as: String.self),
                           townCode: try row.decode(column: "firm_town", as: String?.self))
        }, total)
    }

    func decideDeclaration(_ id: Int64, status: FiscalYearDeclaration.Status, by: String, at: String, note: String?) async throws -> Bool {
        try await db.raw("""
            UPDATE fiscal_year_declarations SET status = \(bind: status.rawValue), decided_by = \(bind: by), decided_at = \(bind: at),
              decision_note = \(bind: note) WHERE id = \(bind: id) AND status = 'pending' RETURNING id
            """).first() != nil
    }

    func openDeclarationKeys(years: Set<Int>) async throws -> Set<FiscalYearKey> {
        guard !years.isEmpty else { return [] }
        let list: [SQLValue] = years.sorted()
        return Set(try await db.raw("""
            SELECT uscc, year FROM fiscal_year_declarations WHERE status = 'pending' AND year IN (\(binds: list))
            """).all().map { row in
            FiscalYearKey(uscc: try row.decode(column: "uscc", as: USCC.self), year: try row.decode(column: "year", as: Int.self))
        })
    }
}
