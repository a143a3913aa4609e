import Kernel
import Lending
import SQLKit
import Storage

struct SQLLoanStore: LoanStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func insertLoans(_ loans: [Loan]) async throws {
        try await bulk.insertMany(into: "loans", columns: ["uscc", "bank_code", "product", "amount_fen", "drawn_on", "matures_on", "status", "overdue_principal_fen"],
                                  rows: loans.map { [$0.uscc.code, $0.bank, $0.product.rawValue, $0.amount.fen, $0.drawnOn.description,
                                                     $0.maturesOn.description, $0.status.rawValue, $0.overduePrincipal.fen] })
    }

    func fetchLoans(product: Loan.Product?, to: LocalDate) async throws -> [Loan] {
        let filter: SQLQueryString = product.map { "AND product = \(bind: $0.rawValue)" } ?? ""
        return try await db.raw("SELECT * FROM loans WHERE drawn_on <= \(bind: to.description) \(filter) ORDER BY drawn_on, id").all().map { row in
            guard let drawn = try row.decodeDate("drawn_on"), let matures = try row.decodeDate("matures_on") else { throw RowMappingError.badValue("loans", "NULL date") }
            return Loan(id: try row.decode(column: "id", as: Int64.self), uscc: try row.decode(column: "uscc", as: USCC.self),
                        bank: try row.decode(column: "bank_code", as: String.self), product: try row.decodeEnum("product"),
                        amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)), drawnOn: drawn, maturesOn: matures,
                        status: try row.decodeEnum("status"), overduePrincipal: Money(fen: try row.decode(column: "overdue_principal_fen", as: Int64.self)))
        }
    }
}
