import Accounts
import Kernel
import SQLKit
import Storage

struct SQLConsentStore: ConsentStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func upsertBanks(_ banks: [Bank]) async throws {
        try await bulk.insertMany(into: "banks", columns: ["code", "name"], rows: banks.map { [$0.code, $0.name] }, upsertOn: ["code"])
    }

    func fetchBanks() async throws -> [Bank] {
        try await db.raw("SELECT code, name FROM banks ORDER BY code").all().map {
            Bank(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self))
        }
    }

    static func scopes(_ s: Set<Consent.Scope>) -> String { s.sorted().map(\.rawValue).joined(separator: ",") }

    func insertConsent(_ c: Consent) async throws -> Int64 {
        try await db.raw("""
            INSERT INTO consents (uscc, bank_code, scopes, purpose, valid_from, valid_to, granted_at, granted_by)
            VALUES (\(bind: c.uscc.code), \(bind: c.bank), \(bind: Self.scopes(c.scopes)), \(bind: c.purpose), \(bind: c.validFrom.description),
                    \(bind: c.validTo.description), \(bind: c.grantedAt), \(bind: c.grantedBy)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
    }

    private func consents(_ condition: SQLQueryString) async throws -> [Consent] {
        try await db.raw("SELECT * FROM consents WHERE \(condition) ORDER BY id DESC").all().map { row in
            guard let from = try row.decodeDate("valid_from"), let to = try row.decodeDate("valid_to") else { throw RowMappingError.badValue("consents", "NULL date") }
            let scopes = try row.decode(column: "scopes", as: String.self).split(separator: ",").compactMap { Consent.Scope(rawValue: String($0)) }
            return Consent(id: try row.decode(column: "id", as: Int64.self), uscc: try row.decode(column: "uscc", as: USCC.self),
                           bank: try row.decode(column: "bank_code", as: String.self), scopes: Set(scopes),
                           purpose: try row.decode(column: "purpose", as: String.self), validFrom: from, validTo: to,
                           grantedAt: try row.decode(column: "granted_at", as: String.self), grantedBy: try row.decode(column: "granted_by", as: String.self),
                           revokedAt: try row.decode(column: "revoked_at", as: String?.self))
        }
    }

    func fetchConsent(_ id: Int64) async throws -> Consent? { try await consents("id = \(bind: id)").first }
    func fetchConsents(uscc: USCC) async throws -> [Consent] { try await consents("uscc = \(bind: uscc.code)") }
    func fetchConsents(usccs: [USCC]) async throws -> [Consent] {
        var out: [Consent] = []
        for chunk in Array(Set(usccs.map(\.code))).sorted().chunked(into: 500) { out += try await consents("uscc IN (\(binds: Array(chunk)))") }
        return out.sorted { $0.id > $1.id }
    }
    func fetchConsents(bank: String) async throws -> [Consent] { try await consents("bank_code = \(bind: bank)") }

    func revokeConsent(_ id: Int64, at: String) async throws -> Bool {
        !(try await db.raw("UPDATE consents SET revoked_at = \(bind: at) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id").all()).isEmpty
    }

    func appendAccess(_ rows: [BankAccess]) async throws {
        try await bulk.insertMany(into: "bank_access_log", columns: ["uscc", "bank_code", "officer", "at", "consent_id", "fields", "allowed", "reason"],
                                  rows: rows.map { a in [a.uscc.code, a.bank, a.officer, a.at, a.consentID, a.fields.map(\.rawValue).joined(separator: ","), a.allowed, a.reason] })
    }

    func fetchAccess(uscc: USCC, limit: Int) async throws -> [BankAccess] {
        try await searchAccess(AccessFilter(uscc: uscc), offset: 0, limit: limit).rows
    }

    func searchAccess(_ f: AccessFilter, offset: Int, limit: Int) async throws -> (total: Int, rows: [BankAccess]) {
        var parts: [SQLQueryString] = ["uscc = \(bind: f.uscc.code)"]
        if let b = f.bank { parts.append("bank_code = \(bind: b)") }
        if let a = f.allowed { parts.append("allowed = \(bind: a)") }
        if let from = f.from { parts.append("at >= \(bind: from)") }
        if let until = f.until { parts.append("at < \(bind: until)") }
        let whereClause = parts.joined(separator: " AND ")
        let total = try await db.raw("SELECT COUNT(*) AS n FROM bank_access_log WHERE " + whereClause).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw("SELECT * FROM bank_access_log WHERE " + whereClause + " ORDER BY id DESC LIMIT \(literal: limit) OFFSET \(literal: offset)").all()
        return (total, try rows.map(Self.access))
    }

    static func access(_ row: any SQLRow) throws -> BankAccess {
        BankAccess(uscc: try row.decode(column: "uscc", as: USCC.self), bank: try row.decode(column: "bank_code", as: String?.self),
                   officer: try row.decode(column: "officer", as: String.self), at: try row.decode(column: "at", as: String.self),
                   consentID: try row.decode(column: "consent_id", as: Int64?.self),
                   fields: try row.decode(column: "fields", as: String.self).split(separator: ",").compactMap { Consent.Scope(rawValue: String($0)) },
                   allowed: try row.decode(column: "allowed", as: Bool.self), reason: try row.decode(column: "reason", as: String?.self))
    }
}
