import Kernel
import Registry
import SQLiteKit
import SQLiteNIO
import SQLKit
import Storage

/// Mapping between table rows and domain values, in one place per aggregate.

extension SQLRow {
    func decodeEnum<E: RawRepresentable>(_ column: String) throws -> E where E.RawValue == String {
        let raw = try decode(column: column, as: String.self)
        guard let value = E(rawValue: raw) else { throw RowMappingError.badValue(column, raw) }
        return value
    }

    func decodeDate(_ column: String) throws -> LocalDate? {
        guard let text = try decode(column: column, as: String?.self) else { return nil }
        guard let date = LocalDate(text) else { throw RowMappingError.badValue(column, text) }
        return date
    }

    func decodeMoney(_ column: String) throws -> Money? {
        try decode(column: column, as: Int64?.self).map(Money.init(fen:))
    }
}

enum RowMappingError: Error, CustomStringConvertible {
    case badValue(String, String)
    var description: String {
        switch self { case .badValue(let c, let v): return "database column \(c) holds an unreadable value '\(v)'" }
    }
}

extension Enterprise {
    init(row: some SQLRow) throws {
        self.init(uscc: try row.decode(column: "uscc", as: USCC.self),
                  name: try row.decode(column: "name", as: String.self),
                  registeredOn: try row.decodeDate("registered_on"),
                  townCode: try row.decode(column: "town_code", as: String?.self),
                  industryCode: try row.decode(column: "industry_code", as: String?.self),
                  chainTags: [],
                  status: try row.decodeEnum("status"),
                  sme: try row.decode(column: "sme", as: Bool?.self))
    }

    func sqlValues(updatedAt: String) -> [SQLValue] {
        [uscc.code, name, registeredOn?.description, townCode, industryCode, status.rawValue, sme, updatedAt]
    }
}

extension StampedFiscalYear {
    static let columns = [
        "uscc", "year", "employees", "st_staff", "rd_staff", "sales_revenue", "operating_revenue",
        "main_business_revenue", "total_income", "high_tech_revenue", "total_cost_and_expense", "rd_expense",
        "rd_expense_domestic", "total_assets", "total_liabilities", "net_profit", "conversions", "source", "recorded_at",
    ]

    init(row: some SQLRow) throws {
        let facts = FiscalYearFacts(
            year: try row.decode(column: "year", as: Int.self),
            employees: try row.decode(column: "employees", as: Int?.self),
            stStaff: try row.decode(column: "st_staff", as: Int?.self),
            rdStaff: try row.decode(column: "rd_staff", as: Int?.self),
            salesRevenue: try row.decodeMoney("sales_revenue"),
            operatingRevenue: try row.decodeMoney("operating_revenue"),
            mainBusinessRevenue: try row.decodeMoney("main_business_revenue"),
            totalIncome: try row.decodeMoney("total_income"),
            highTechRevenue: try row.decodeMoney("high_tech_revenue"),
            totalCostAndExpense: try row.decodeMoney("total_cost_and_expense"),
            rdExpense: try row.decodeMoney("rd_expense"),
            rdExpenseDomestic: try row.decodeMoney("rd_expense_domestic"),
            totalAssets: try row.decodeMoney("total_assets"),
            totalLiabilities: try row.decodeMoney("total_liabilities"),
            netProfit: try row.decodeMoney("net_profit"),
            conversions: try row.decode(column: "conversions", as: Int?.self))
        self.init(facts: facts, source: try row.decodeEnum("source"), recordedAt: try row.decode(column: "recorded_at", as: String.self))
    }

    func sqlValues(uscc: USCC) -> [SQLValue] {
        let f = facts
        return [uscc.code, f.year, f.employees, f.stStaff, f.rdStaff, f.salesRevenue?.fen, f.operatingRevenue?.fen,
                f.mainBusinessRevenue?.fen, f.totalIncome?.fen, f.highTechRevenue?.fen, f.totalCostAndExpense?.fen,
                f.rdExpense?.fen, f.rdExpenseDomestic?.fen, f.totalAssets?.fen, f.totalLiabilities?.fen,
                f.netProfit?.fen, f.conversions, source.rawValue, recordedAt]
    }
}

extension StampedFiscalYear {
    /// The same values as `sqlValues`, typed for sqlite-nio.
    func appendSQLite(uscc: USCC, to out: inout [SQLiteData]) {
        let f = facts
        func int(_ v: Int?) -> SQLiteData { v.map { .integer($0) } ?? .null }
        func fen(_ v: Money?) -> SQLiteData { v.map { .integer(Int($0.fen)) } ?? .null }
        out.append(.text(uscc.code)); out.append(.integer(f.year))
        out.append(int(f.employees)); out.append(int(f.stStaff)); out.append(int(f.rdStaff))
        out.append(fen(f.salesRevenue)); out.append(fen(f.operatingRevenue)); out.append(fen(f.mainBusinessRevenue))
        out.append(fen(f.totalIncome)); out.append(fen(f.highTechRevenue)); out.append(fen(f.totalCostAndExpense))
        out.append(fen(f.rdExpense)); out.append(fen(f.rdExpenseDomestic)); out.append(fen(f.totalAssets))
        out.append(fen(f.totalLiabilities)); out.append(fen(f.netProfit)); out.append(int(f.conversions))
        out.append(.text(source.rawValue)); out.append(.text(recordedAt))
    }
}

extension Designation {
    init(row: some SQLRow) throws {
        guard let issued = try row.decodeDate("issued_on") else { throw RowMappingError.badValue("issued_on", "NULL") }
        self.init(kind: try row.decodeEnum("kind"), number: try row.decode(column: "number", as: String?.self),
                  issuedOn: issued, expiresOn: try row.decodeDate("expires_on"),
                  level: try row.decodeEnum("level") as DesignationLevel, batch: try row.decode(column: "batch", as: String?.self),
                  revokedOn: try row.decodeDate("revoked_on"),
                  revokedFor: try row.decode(column: "revoked_for", as: String?.self).flatMap(RevocationReason.init(rawValue:)),
                  source: try row.decode(column: "source", as: String?.self))
    }
}

extension IPItem {
    init(row: some SQLRow) throws {
        self.init(kind: try row.decodeEnum("kind"), number: try row.decode(column: "number", as: String?.self),
                  title: try row.decode(column: "title", as: String?.self), grantedOn: try row.decodeDate("granted_on"),
                  valid: try row.decode(column: "valid", as: Bool.self),
                  relatedToMainProduct: try row.decode(column: "related_to_main_product", as: Bool.self),
                  selfDeveloped: try row.decode(column: "self_developed", as: Bool.self),
                  highValue: try row.decode(column: "high_value", as: Bool.self),
                  usedInHighTechApplication: try row.decode(column: "used_in_high_tech_application", as: Bool.self))
    }
}

extension ChangeRecord {
    init(row: some SQLRow) throws {
        self.init(enterprise: try row.decode(column: "uscc", as: USCC.self), subject: try row.decode(column: "subject", as: String.self),
                  actor: try row.decode(column: "actor", as: String.self), at: try row.decode(column: "at", as: String.self),
                  before: try row.decode(column: "before_json", as: String?.self), after: try row.decode(column: "after_json", as: String?.self))
    }
}

/// Rows read straight from sqlite-nio, for the bulk paths where Codable row decoding cost more
/// than the query (100,000 fiscal years: 2.1 s through SQLKit's decoder).
enum SQLiteRows {
    final class Collector: @unchecked Sendable {
        // @unchecked: appended to sequentially by one query's row callback, read after it returns.
        var rows: [SQLiteRow] = []
    }

    static func fetch(_ connection: SQLiteConnection, _ sql: String, _ binds: [SQLiteData]) async throws -> [SQLiteRow] {
        let collector = Collector()
        try await connection.query(sql, binds) { collector.rows.append($0) }
        return collector.rows
    }
}

extension SQLiteRow {
    func int(_ name: String) -> Int? { column(name)?.integer.map { Int($0) } }
    func money(_ name: String) -> Money? { column(name)?.integer.map { Money(fen: Int64($0)) } }
    func text(_ name: String) -> String? { column(name)?.string }
    func date(_ name: String) throws -> LocalDate? {
        guard let t = text(name) else { return nil }
        guard let d = LocalDate(t) else { throw RowMappingError.badValue(name, t) }
        return d
    }
    func enumValue<E: RawRepresentable>(_ name: String) throws -> E where E.RawValue == String {
        let raw = text(name) ?? ""
        guard let v = E(rawValue: raw) else { throw RowMappingError.badValue(name, raw) }
        return v
    }
}

extension Enterprise {
    init(sqlite row: SQLiteRow) throws {
        self.init(uscc: try USCC(row.text("uscc") ?? ""), name: row.text("name") ?? "", registeredOn: try row.date("registered_on"),
                  townCode: row.text("town_code"), industryCode: row.text("industry_code"), chainTags: [],
                  status: try row.enumValue("status"), sme: row.int("sme").map { $0 != 0 })
    }
}

extension StampedFiscalYear {
    init(sqlite row: SQLiteRow) throws {
        guard let year = row.int("year") else { throw RowMappingError.badValue("year", "NULL") }
        let facts = FiscalYearFacts(
            year: year, employees: row.int("employees"), stStaff: row.int("st_staff"), rdStaff: row.int("rd_staff"),
            salesRevenue: row.money("sales_revenue"), operatingRevenue: row.money("operating_revenue"),
            mainBusinessRevenue: row.money("main_business_revenue"), totalIncome: row.money("total_income"),
            highTechRevenue: row.money("high_tech_revenue"), totalCostAndExpense: row.money("total_cost_and_expense"),
            rdExpense: row.money("rd_expense"), rdExpenseDomestic: row.money("rd_expense_domestic"),
            totalAssets: row.money("total_assets"), totalLiabilities: row.money("total_liabilities"),
            netProfit: row.money("net_profit"), conversions: row.int("conversions"))
        self.init(facts: facts, source: try row.enumValue("source"), recordedAt: row.text("recorded_at") ?? "")
    }
}
