import Kernel
import Lending
import SQLKit
import Storage

struct SQLLoanStore: LoanStore {
    let db: any SQLDatabase
    let bulk: BulkInserter
    let engine: SQLEngine

    static let columns = ["uscc", "bank_code", "product", "amount_fen", "drawn_on", "matures_on", "status", "overdue_principal_fen"]

    static func values(_ l: Loan) -> [SQLValue] {
        [l.uscc.code, l.bank, l.product.rawValue, l.amount.fen, l.drawnOn.description, l.maturesOn.description, l.status.rawValue, l.overduePrincipal.fen]
    }

    func insertLoans(_ loans: [Loan]) async throws {
        try await bulk.insertMany(into: "loans", columns: Self.columns, rows: loans.map(Self.values))
    }

    func insertLoan(_ loan: Loan) async throws -> Int64 {
        let v = Self.values(loan)
        return try await db.raw("""
            INSERT INTO loans (\(unsafeRaw: Self.columns.joined(separator: ", ")))
            VALUES (\(bind: v[0]), \(bind: v[1]), \(bind: v[2]), \(bind: v[3]), \(bind: v[4]), \(bind: v[5]), \(bind: v[6]), \(bind: v[7])) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
    }

    func fetchLoan(_ id: Int64, forUpdate: Bool) async throws -> Loan? {
        try await loans("id = \(bind: id)", lock: forUpdate && engine == .postgres).first
    }

    func fetchLoans(_ f: LoanFilter) async throws -> [Loan] {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let p = f.product { conditions.append("product = \(bind: p.rawValue)") }
        if let b = f.bank { conditions.append("bank_code = \(bind: b)") }
        if let u = f.uscc { conditions.append("uscc = \(bind: u.code)") }
        if let s = f.status { conditions.append("status = \(bind: s.rawValue)") }
        if let d = f.from { conditions.append("drawn_on >= \(bind: d.description)") }
        if let d = f.to { conditions.append("drawn_on <= \(bind: d.description)") }
        return try await loans(conditions.joined(separator: " AND "))
    }

    private func loans(_ condition: SQLQueryString, lock: Bool = false) async throws -> [Loan] {
        try await db.raw("SELECT * FROM loans WHERE \(condition) ORDER BY drawn_on, id\(unsafeRaw: lock ? " FOR UPDATE" : "")").all().map { row in
            guard let drawn = try row.decodeDate("drawn_on"), let matures = try row.decodeDate("matures_on") else { throw RowMappingError.badValue("loans", "NULL date") }
            return Loan(id: try row.decode(column: "id", as: Int64.self), uscc: try row.decode(column: "uscc", as: USCC.self),
                        bank: try row.decode(column: "bank_code", as: String.self), product: try row.decodeEnum("product"),
                        amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)), drawnOn: drawn, maturesOn: matures,
                        status: try row.decodeEnum("status"), overduePrincipal: Money(fen: try row.decode(column: "overdue_principal_fen", as: Int64.self)))
        }
    }

    func applyUpdate(_ u: LoanUpdate) async throws {
        try await db.raw("""
            INSERT INTO loan_updates (loan_id, at, officer, status, overdue_principal_fen, note)
            VALUES (\(bind: u.loanID), \(bind: u.at), \(bind: u.officer), \(bind: u.status.rawValue), \(bind: u.overduePrincipal.fen), \(bind: u.note))
            """).run()
        try await db.raw("""
            UPDATE loans SET status = \(bind: u.status.rawValue), overdue_principal_fen = \(bind: u.overduePrincipal.fen) WHERE id = \(bind: u.loanID)
            """).run()
    }

    func fetchUpdates(loanID: Int64) async throws -> [LoanUpdate] {
        try await db.raw("SELECT * FROM loan_updates WHERE loan_id = \(bind: loanID) ORDER BY id").all().map { row in
            LoanUpdate(loanID: loanID, at: try row.decode(column: "at", as: String.self), officer: try row.decode(column: "officer", as: String.self),
                       status: try row.decodeEnum("status"), overduePrincipal: Money(fen: try row.decode(column: "overdue_principal_fen", as: Int64.self)),
                       note: try row.decode(column: "note", as: String.self))
        }
    }

    func lockBank(_ code: String) async throws {
        guard engine == .postgres else { return }
        try await db.raw("SELECT code FROM banks WHERE code = \(bind: code) FOR UPDATE").run()
    }
}
