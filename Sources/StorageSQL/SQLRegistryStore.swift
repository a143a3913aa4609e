import Kernel
import Registry
import SQLiteNIO
import SQLKit
import Storage

struct SQLRegistryStore: RegistryStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    static let enterpriseColumns = ["uscc", "name", "registered_on", "town_code", "industry_code", "status", "sme", "updated_at"]

    func fetchEnterprise(_ uscc: USCC) async throws -> Enterprise? {
        try await fetchEnterprises([uscc])[uscc]
    }

    func fetchEnterprises(_ usccs: [USCC]) async throws -> [USCC: Enterprise] {
        var out: [USCC: Enterprise] = [:]
        if let sqlite = bulk.sqlite {
            // Imports look up tens of thousands at once: read rows directly, not through Codable.
            for chunk in usccs.chunked(into: 5_000) {
                let binds = chunk.map { SQLiteData.text($0.code) }
                let marks = Array(repeating: "?", count: binds.count).joined(separator: ",")
                var tags: [String: [String]] = [:]
                for row in try await SQLiteRows.fetch(sqlite, "SELECT uscc, chain_code FROM enterprise_chains WHERE uscc IN (\(marks)) ORDER BY chain_code", binds) {
                    if let u = row.column("uscc")?.string, let c = row.column("chain_code")?.string { tags[u, default: []].append(c) }
                }
                for row in try await SQLiteRows.fetch(sqlite, "SELECT uscc, name, registered_on, town_code, industry_code, status, sme FROM enterprises WHERE uscc IN (\(marks))", binds) {
                    var e = try Enterprise(sqlite: row)
                    e.chainTags = tags[e.uscc.code] ?? []
                    out[e.uscc] = e
                }
            }
            return out
        }
        for chunk in usccs.chunked(into: 5_000) {
            let codes: [SQLValue] = chunk.map(\.code)
            let rows = try await db.raw("SELECT uscc, name, registered_on, town_code, industry_code, status, sme FROM enterprises WHERE uscc IN (\(binds: codes))").all()
            let chains = try await chainTags(codes)
            for row in rows {
                var e = try Enterprise(row: row)
                e.chainTags = chains[e.uscc.code] ?? []
                out[e.uscc] = e
            }
        }
        return out
    }

    private func chainTags(_ codes: [SQLValue]) async throws -> [String: [String]] {
        var tags: [String: [String]] = [:]
        for row in try await db.raw("SELECT uscc, chain_code FROM enterprise_chains WHERE uscc IN (\(binds: codes)) ORDER BY chain_code").all() {
            tags[try row.decode(column: "uscc", as: String.self), default: []].append(try row.decode(column: "chain_code", as: String.self))
        }
        return tags
    }

    func insertEnterprises(_ enterprises: [Enterprise], updatedAt: String) async throws {
        try await bulk.insertMany(into: "enterprises", columns: Self.enterpriseColumns,
                                rows: enterprises.map { $0.sqlValues(updatedAt: updatedAt) })
        try await bulk.insertMany(into: "enterprise_chains", columns: ["uscc", "chain_code"],
                                rows: enterprises.flatMap { e in e.chainTags.map { [e.uscc.code, $0] } })
    }

    func insertEnterpriseIfAbsent(_ e: Enterprise, updatedAt: String) async throws -> Bool {
        let inserted = try await db.raw("""
            INSERT INTO enterprises (uscc, name, registered_on, town_code, industry_code, status, sme, updated_at)
            VALUES (\(bind: e.uscc.code), \(bind: e.name), \(bind: e.registeredOn?.description), \(bind: e.townCode),
                    \(bind: e.industryCode), \(bind: e.status.rawValue), \(bind: e.sme), \(bind: updatedAt))
            ON CONFLICT (uscc) DO NOTHING RETURNING uscc
            """).all()
        guard !inserted.isEmpty else { return false }
        try await bulk.insertMany(into: "enterprise_chains", columns: ["uscc", "chain_code"], rows: e.chainTags.map { [e.uscc.code, $0] })
        return true
    }

    func updateEnterprise(_ e: Enterprise, updatedAt: String) async throws {
        try await db.raw("""
            UPDATE enterprises SET name = \(bind: e.name), registered_on = \(bind: e.registeredOn?.description),
              town_code = \(bind: e.townCode), industry_code = \(bind: e.industryCode), status = \(bind: e.status.rawValue),
              sme = \(bind: e.sme), updated_at = \(bind: updatedAt)
            WHERE uscc = \(bind: e.uscc.code)
            """).run()
        try await db.raw("DELETE FROM enterprise_chains WHERE uscc = \(bind: e.uscc.code)").run()
        try await bulk.insertMany(into: "enterprise_chains", columns: ["uscc", "chain_code"], rows: e.chainTags.map { [e.uscc.code, $0] })
    }

    func countEnterprises() async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM enterprises").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    // MARK: Fiscal years

    func fetchFiscalYears(_ uscc: USCC) async throws -> [StampedFiscalYear] {
        try await db.raw("SELECT * FROM fiscal_years WHERE uscc = \(bind: uscc.code) ORDER BY year").all().map { try StampedFiscalYear(row: $0) }
    }

    func fetchFiscalYears(_ keys: [FiscalYearKey]) async throws -> [FiscalYearKey: StampedFiscalYear] {
        var out: [FiscalYearKey: StampedFiscalYear] = [:]
        let wanted = Set(keys)
        if let sqlite = bulk.sqlite {
            for chunk in Array(Set(keys.map(\.uscc))).chunked(into: 5_000) {
                let binds = chunk.map { SQLiteData.text($0.code) }
                let sql = "SELECT * FROM fiscal_years WHERE uscc IN (" + Array(repeating: "?", count: binds.count).joined(separator: ",") + ")"
                for row in try await SQLiteRows.fetch(sqlite, sql, binds) {
                    let stamped = try StampedFiscalYear(sqlite: row)
                    guard let code = row.column("uscc")?.string else { continue }
                    let key = FiscalYearKey(uscc: try USCC(code), year: stamped.facts.year)
                    if wanted.contains(key) { out[key] = stamped }
                }
            }
            return out
        }
        for chunk in Array(Set(keys.map(\.uscc))).chunked(into: 5_000) {
            let codes: [SQLValue] = chunk.map(\.code)
            for row in try await db.raw("SELECT * FROM fiscal_years WHERE uscc IN (\(binds: codes))").all() {
                let key = FiscalYearKey(uscc: try row.decode(column: "uscc", as: USCC.self), year: try row.decode(column: "year", as: Int.self))
                if wanted.contains(key) { out[key] = try StampedFiscalYear(row: row) }
            }
        }
        return out
    }

    func upsertFiscalYears(_ rows: [(USCC, StampedFiscalYear)]) async throws {
        try await bulk.insertMany(into: "fiscal_years", columns: StampedFiscalYear.columns, rows: rows, upsertOn: ["uscc", "year"],
                                  values: { $0.1.sqlValues(uscc: $0.0) }, sqliteValues: { $0.1.appendSQLite(uscc: $0.0, to: &$1) })
    }

    // MARK: Designations

    func fetchDesignations(_ uscc: USCC) async throws -> [Designation] {
        try await db.raw("SELECT * FROM designations WHERE uscc = \(bind: uscc.code) ORDER BY issued_on, kind").all().map { try Designation(row: $0) }
    }

    func closeDesignation(_ uscc: USCC, kind: DesignationKind, lastDay: LocalDate) async throws -> Bool {
        // Never before the issue day: the schema requires expires_on >= issued_on.
        let closed = try await db.raw("""
            UPDATE designations SET expires_on = CASE WHEN issued_on > \(bind: lastDay.description) THEN issued_on ELSE \(bind: lastDay.description) END
            WHERE uscc = \(bind: uscc.code) AND kind = \(bind: kind.rawValue) AND expires_on IS NULL AND revoked_on IS NULL
            RETURNING id
            """).all()
        return !closed.isEmpty
    }

    func insertDesignations(_ rows: [(USCC, Designation)]) async throws {
        try await bulk.insertMany(
            into: "designations",
            columns: ["uscc", "kind", "number", "issued_on", "expires_on", "level", "batch", "revoked_on", "revoked_for", "source"],
            rows: rows.map { u, d in
                [u.code, d.kind.rawValue, d.number, d.issuedOn.description, d.expiresOn?.description, d.level.rawValue, d.batch,
                 d.revokedOn?.description, d.revokedFor?.rawValue, d.source]
            })
    }

    func fetchNames() async throws -> [(USCC, String)] {
        try await db.raw("SELECT uscc, name FROM enterprises").all().map { (try $0.decode(column: "uscc", as: USCC.self), try $0.decode(column: "name", as: String.self)) }
    }

    func fetchHolders(numbers: [String]) async throws -> [String: USCC] {
        guard !numbers.isEmpty else { return [:] }
        var out: [String: USCC] = [:]
        for chunk in numbers.chunked(into: 500) {
            let binds: [SQLValue] = Array(chunk)
            for row in try await db.raw("SELECT number, uscc FROM designations WHERE number IN (\(binds: binds))").all() {
                out[try row.decode(column: "number", as: String.self)] = try row.decode(column: "uscc", as: USCC.self)
            }
        }
        return out
    }

    // MARK: Evidence

    func fetchEvidence(_ uscc: USCC) async throws -> InnovationEvidence {
        try await fetchEvidence(codes: [uscc.code])[uscc.code] ?? InnovationEvidence()
    }

    /// The evidence of many enterprises, one query per table, keyed by USCC code.
    func fetchEvidence(codes: [String]) async throws -> [String: InnovationEvidence] {
        var out: [String: InnovationEvidence] = [:]
        let binds: [SQLValue] = codes
        func rows(_ table: String) async throws -> [(String, any SQLRow)] {
            try await db.raw("SELECT * FROM \(unsafeRaw: table) WHERE uscc IN (\(binds: binds)) ORDER BY id").all().map {
                (try $0.decode(column: "uscc", as: String.self), $0)
            }
        }
        for (u, row) in try await rows("ip_items") { out[u, default: InnovationEvidence()].ip.append(try IPItem(row: row)) }
        for (u, row) in try await rows("awards") {
            out[u, default: InnovationEvidence()].awards.append(Award(
                level: try row.decodeEnum("level"), year: try row.decode(column: "year", as: Int.self),
                rank: try row.decode(column: "rank", as: Int?.self), name: try row.decode(column: "name", as: String?.self)))
        }
        for (u, row) in try await rows("rd_institutions") {
            out[u, default: InnovationEvidence()].rdInstitutions.append(RDInstitution(
                level: try row.decodeEnum("level"), name: try row.decode(column: "name", as: String?.self),
                recognisedOn: try row.decodeDate("recognised_on")))
        }
        for (u, row) in try await rows("standards_led") {
            out[u, default: InnovationEvidence()].standardsLed.append(StandardLed(
                level: try row.decodeEnum("level"), year: try row.decode(column: "year", as: Int.self),
                code: try row.decode(column: "code", as: String?.self)))
        }
        for (u, row) in try await rows("equity_financings") {
            guard let date = try row.decodeDate("date") else { throw RowMappingError.badValue("date", "NULL") }
            out[u, default: InnovationEvidence()].equityFinancing.append(EquityFinancing(
                date: date, amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)),
                qualifiedInvestor: try row.decode(column: "qualified_investor", as: Bool.self)))
        }
        return out
    }

    /// Designations of many enterprises, keyed by USCC code, in issue order.
    func fetchDesignations(codes: [String]) async throws -> [String: [Designation]] {
        guard !codes.isEmpty else { return [:] }   // `IN ()` is an error on PostgreSQL
        let binds: [SQLValue] = codes
        var out: [String: [Designation]] = [:]
        for row in try await db.raw("SELECT * FROM designations WHERE uscc IN (\(binds: binds)) ORDER BY issued_on, kind").all() {
            out[try row.decode(column: "uscc", as: String.self), default: []].append(try Designation(row: row))
        }
        return out
    }

    /// Fiscal years of many enterprises, keyed by USCC code, in year order.
    func fetchFiscalYears(codes: [String]) async throws -> [String: [FiscalYearFacts]] {
        var out: [String: [FiscalYearFacts]] = [:]
        if let sqlite = bulk.sqlite {
            let sql = "SELECT * FROM fiscal_years WHERE uscc IN (" + Array(repeating: "?", count: codes.count).joined(separator: ",") + ") ORDER BY uscc, year"
            for row in try await SQLiteRows.fetch(sqlite, sql, codes.map { .text($0) }) {
                out[row.text("uscc") ?? "", default: []].append(try StampedFiscalYear(sqlite: row).facts)
            }
            return out
        }
        let binds: [SQLValue] = codes
        for row in try await db.raw("SELECT * FROM fiscal_years WHERE uscc IN (\(binds: binds)) ORDER BY uscc, year").all() {
            out[try row.decode(column: "uscc", as: String.self), default: []].append(try StampedFiscalYear(row: row).facts)
        }
        return out
    }

    func insertEvidence(_ rows: [(USCC, InnovationEvidence)]) async throws {
        try await bulk.insertMany(
            into: "ip_items",
            columns: ["uscc", "kind", "number", "title", "granted_on", "valid", "related_to_main_product", "self_developed", "high_value", "used_in_high_tech_application"],
            rows: rows.flatMap { u, ev in ev.ip.map { [u.code, $0.kind.rawValue, $0.number, $0.title, $0.grantedOn?.description, $0.valid, $0.relatedToMainProduct, $0.selfDeveloped, $0.highValue, $0.usedInHighTechApplication] } })
        try await bulk.insertMany(into: "awards", columns: ["uscc", "level", "year", "rank", "name"],
                                rows: rows.flatMap { u, ev in ev.awards.map { [u.code, $0.level.rawValue, $0.year, $0.rank, $0.name] } })
        try await bulk.insertMany(into: "rd_institutions", columns: ["uscc", "level", "name", "recognised_on"],
                                rows: rows.flatMap { u, ev in ev.rdInstitutions.map { [u.code, $0.level.rawValue, $0.name, $0.recognisedOn?.description] } })
        try await bulk.insertMany(into: "standards_led", columns: ["uscc", "level", "year", "code"],
                                rows: rows.flatMap { u, ev in ev.standardsLed.map { [u.code, $0.level.rawValue, $0.year, $0.code] } })
        try await bulk.insertMany(into: "equity_financings", columns: ["uscc", "date", "amount_fen", "qualified_investor"],
                                rows: rows.flatMap { u, ev in ev.equityFinancing.map { [u.code, $0.date.description, $0.amount.fen, $0.qualifiedInvestor] } })
    }

    // MARK: Streaming

    func forEachEnterpriseBatch(batchSize: Int, _ body: @Sendable ([Enterprise]) async throws -> Void) async throws {
        var after = ""
        while true {
            let rows = try await db.raw("SELECT uscc, name, registered_on, town_code, industry_code, status, sme FROM enterprises WHERE uscc > \(bind: after) ORDER BY uscc LIMIT \(literal: batchSize)").all()
            guard !rows.isEmpty else { return }
            var batch = try rows.map { try Enterprise(row: $0) }
            let tags = try await chainTags(batch.map { $0.uscc.code })
            for i in batch.indices { batch[i].chainTags = tags[batch[i].uscc.code] ?? [] }
            try await body(batch)
            after = batch[batch.count - 1].uscc.code
        }
    }

    func forEachFiscalYearBatch(batchSize: Int, _ body: @Sendable ([(USCC, StampedFiscalYear)]) async throws -> Void) async throws {
        var after = ("", 0)
        while true {
            let rows = try await db.raw("""
                SELECT * FROM fiscal_years WHERE uscc > \(bind: after.0) OR (uscc = \(bind: after.0) AND year > \(bind: after.1))
                ORDER BY uscc, year LIMIT \(literal: batchSize)
                """).all()
            guard !rows.isEmpty else { return }
            let batch = try rows.map { (try $0.decode(column: "uscc", as: USCC.self), try StampedFiscalYear(row: $0)) }
            try await body(batch)
            let last = batch[batch.count - 1]
            after = (last.0.code, last.1.facts.year)
        }
    }
}

