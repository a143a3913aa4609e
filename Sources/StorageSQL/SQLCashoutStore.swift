import Cashout
import Foundation
import Kernel
import SQLKit
import Storage

public enum CashoutStoreError: Error, CustomStringConvertible {
    /// A second ledger row of the same kind for one application: the caller's transaction is
    /// rolled back, so the balance it moved is restored.
    case duplicateEntry(applicationID: Int64, kind: String)
    public var description: String {
        switch self { case .duplicateEntry(let id, let k): return "application \(id) already has a \(k) entry in the budget ledger" }
    }
}

struct SQLCashoutStore: CashoutStore {
    let db: any SQLDatabase
    let engine: SQLEngine

    static let encoder: JSONEncoder = { let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]; return e }()

    // MARK: Policies

    func upsertPolicy(_ p: PublishedPolicy) async throws -> Bool {
        let json = String(decoding: try Self.encoder.encode(p.policy), as: UTF8.self)
        let q = p.policy
        try await db.raw("""
            INSERT INTO cashout_policies (id, version, name, round, budget_line, definition, published_at, published_by)
            VALUES (\(bind: q.id), \(bind: q.version), \(bind: q.name), \(bind: q.round), \(bind: q.budgetLine), \(bind: json), \(bind: p.publishedAt), \(bind: p.publishedBy))
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, name = excluded.name, round = excluded.round, budget_line = excluded.budget_line,
              definition = excluded.definition, published_at = excluded.published_at, published_by = excluded.published_by
            """).run()
        return try await db.raw("""
            INSERT INTO cashout_policy_versions (id, version, definition, published_at, published_by)
            VALUES (\(bind: q.id), \(bind: q.version), \(bind: json), \(bind: p.publishedAt), \(bind: p.publishedBy))
            ON CONFLICT DO NOTHING RETURNING id
            """).first() != nil
    }

    func fetchPolicies() async throws -> [PublishedPolicy] {
        try await db.raw("SELECT * FROM cashout_policies ORDER BY round, id").all().map(Self.policy)
    }

    func fetchPolicy(_ id: String) async throws -> PublishedPolicy? {
        try await db.raw("SELECT * FROM cashout_policies WHERE id = \(bind: id)").first().map(Self.policy)
    }

    func fetchPolicy(_ id: String, version: Int) async throws -> Policy? {
        guard let json = try await db.raw("SELECT definition FROM cashout_policy_versions WHERE id = \(bind: id) AND version = \(bind: version)")
            .first()?.decode(column: "definition", as: String.self) else { return nil }
        return try JSONDecoder().decode(Policy.self, from: Data(json.utf8))
    }

    static func policy(_ row: any SQLRow) throws -> PublishedPolicy {
        let json = try row.decode(column: "definition", as: String.self)
        return PublishedPolicy(policy: try JSONDecoder().decode(Policy.self, from: Data(json.utf8)),
                               publishedAt: try row.decode(column: "published_at", as: String.self), publishedBy: try row.decode(column: "published_by", as: String.self))
    }

    // MARK: Budget ledger

    func insertBudgetLine(_ l: BudgetLine) async throws {
        try await db.raw("INSERT INTO budget_lines (code, name, year) VALUES (\(bind: l.code), \(bind: l.name), \(bind: l.year))").run()
    }

    func fetchBudgetLines() async throws -> [BudgetLine] {
        try await db.raw("SELECT * FROM budget_lines ORDER BY year, code").all().map(Self.line)
    }

    func fetchBudgetLine(_ code: String) async throws -> BudgetLine? {
        try await db.raw("SELECT * FROM budget_lines WHERE code = \(bind: code)").first().map(Self.line)
    }

    static func line(_ row: any SQLRow) throws -> BudgetLine {
        func fen(_ c: String) throws -> Money { Money(fen: try row.decode(column: c, as: Int64.self)) }
        return BudgetLine(code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                          year: try row.decode(column: "year", as: Int.self), appropriated: try fen("appropriated_fen"), reserved: try fen("reserved_fen"),
                          spent: try fen("spent_fen"), available: try fen("available_fen"))
    }

    func post(_ e: BudgetEntry) async throws -> Bool {
        let a = e.amount.fen
        guard a > 0 else { return false }
        // The guard and the move are one statement, so two writers cannot both pass the guard
        // (PostgreSQL re-checks the WHERE on the row it waited for; SQLite has one writer).
        let move: SQLQueryString
        switch e.kind {
        case .appropriation:
            move = "appropriated_fen = appropriated_fen + \(bind: a), available_fen = available_fen + \(bind: a) WHERE code = \(bind: e.line)"
        case .reserve:
            move = "reserved_fen = reserved_fen + \(bind: a), available_fen = available_fen - \(bind: a) WHERE code = \(bind: e.line) AND available_fen >= \(bind: a)"
        case .release:
            move = "reserved_fen = reserved_fen - \(bind: a), available_fen = available_fen + \(bind: a) WHERE code = \(bind: e.line) AND reserved_fen >= \(bind: a)"
        case .post:
            move = "reserved_fen = reserved_fen - \(bind: a), spent_fen = spent_fen + \(bind: a) WHERE code = \(bind: e.line) AND reserved_fen >= \(bind: a)"
        case .refund:
            move = "spent_fen = spent_fen - \(bind: a), available_fen = available_fen + \(bind: a) WHERE code = \(bind: e.line) AND spent_fen >= \(bind: a)"
        }
        guard try await db.raw("UPDATE budget_lines SET \(move) RETURNING code").first() != nil else { return false }
        let inserted = try await db.raw("""
            INSERT INTO budget_entries (line, kind, amount_fen, application_id, at, actor, note)
            VALUES (\(bind: e.line), \(bind: e.kind.rawValue), \(bind: a), \(bind: e.applicationID), \(bind: e.at), \(bind: e.actor), \(bind: e.note))
            ON CONFLICT DO NOTHING RETURNING id
            """).first()
        guard inserted != nil else { throw CashoutStoreError.duplicateEntry(applicationID: e.applicationID ?? 0, kind: e.kind.rawValue) }
        return true
    }

    func fetchEntries(line: String) async throws -> [BudgetEntry] {
        try await db.raw("SELECT * FROM budget_entries WHERE line = \(bind: line) ORDER BY id").all().map { row in
            BudgetEntry(id: try row.decode(column: "id", as: Int64.self), line: line, kind: try row.decodeEnum("kind"),
                        amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)), applicationID: try row.decode(column: "application_id", as: Int64?.self),
                        at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self), note: try row.decode(column: "note", as: String.self))
        }
    }

    func paidPerPolicy(from: String, to: String) async throws -> [String: Money] {
        // paid_at is an ISO 8601 instant; comparing its first ten characters compares days.
        let rows = try await db.raw("""
            SELECT a.policy_id, CAST(SUM(p.amount_fen) AS BIGINT) AS total FROM cashout_payments p JOIN cashout_applications a ON a.id = p.application_id
            WHERE substr(p.paid_at, 1, 10) BETWEEN \(bind: from) AND \(bind: to) AND a.status = 'paid' GROUP BY a.policy_id
            """).all()
        var out: [String: Money] = [:]
        for r in rows { out[try r.decode(column: "policy_id", as: String.self)] = Money(fen: try r.decode(column: "total", as: Int64.self)) }
        return out
    }

    // MARK: Applications

    static let columns = ["policy_id", "policy_version", "budget_line", "uscc", "year", "status", "proactive", "once_key", "certificate", "declared_base_fen", "amount_fen",
                          "form", "bank_account", "created_at", "updated_at", "status_since", "reviewer_id", "approver_id", "payer_id", "batch_id",
                          "bank_reference", "paid_on"]

    static func values(_ a: CashoutApplication) throws -> [any SQLExpression] {
        let form = String(decoding: try encoder.encode(a.form), as: UTF8.self)
        let v: [SQLValue?] = [a.policyID, a.policyVersion, a.budgetLine, a.uscc.code, a.year, a.status.rawValue, a.proactive, a.onceKey, a.certificate, a.declaredBase?.fen,
                              a.amount?.fen, form, a.bankAccount, a.createdAt, a.updatedAt, a.statusSince.description, a.reviewerID, a.approverID, a.payerID,
                              a.batchID, a.bankReference, a.paidOn?.description]
        return v.map { value -> any SQLExpression in value.map { SQLBind($0) } ?? SQLLiteral.null }
    }

    func insertApplication(_ a: CashoutApplication) async throws -> Int64? {
        let binds = try Self.values(a)
        let row = try await db.raw("""
            INSERT INTO cashout_applications (\(unsafeRaw: Self.columns.joined(separator: ", "))) VALUES (\(SQLList(binds)))
            ON CONFLICT DO NOTHING RETURNING id
            """).first()
        return try row?.decode(column: "id", as: Int64.self)
    }

    func fetchApplication(_ id: Int64, forUpdate: Bool) async throws -> CashoutApplication? {
        try await applications("id = \(bind: id)", lock: forUpdate && engine == .postgres).first
    }

    func fetchApplications(_ f: ApplicationFilter) async throws -> [CashoutApplication] {
        try await applications(Self.conditions(f))
    }

    /// The WHERE clause of a filter over `cashout_applications` (unqualified columns). The firm's
    /// name and town are read through a subquery on enterprises, so no join changes the rows.
    static func conditions(_ f: ApplicationFilter) -> SQLQueryString {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let p = f.policyID { conditions.append("policy_id = \(bind: p)") }
        if let u = f.uscc { conditions.append("uscc = \(bind: u.code)") }
        if let b = f.batchID { conditions.append("batch_id = \(bind: b)") }
        if let s = f.statuses {
            conditions.append(s.isEmpty ? "1 = 0" : "status IN (\(SQLList(s.map { SQLBind($0.rawValue) })))")
        }
        if let text = f.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let like = "%" + SQLEnterpriseSearchStore.escapeLike(text) + "%", prefix = SQLEnterpriseSearchStore.escapeLike(text.uppercased()) + "%"
            conditions.append("(uscc LIKE \(bind: prefix) ESCAPE '\\' OR uscc IN (SELECT e.uscc FROM enterprises e WHERE e.name LIKE \(bind: like) ESCAPE '\\'))")
        }
        if let t = f.townCode { conditions.append("uscc IN (SELECT e.uscc FROM enterprises e WHERE e.town_code = \(bind: t))") }
        if let from = f.createdFrom { conditions.append("created_at >= \(bind: from)") }
        if let until = f.createdUntil { conditions.append("created_at < \(bind: until)") }
        return conditions.joined(separator: " AND ")
    }

    func searchApplications(_ f: ApplicationFilter, sort: ApplicationSort, offset: Int, limit: Int) async throws -> (total: Int, applications: [CashoutApplication]) {
        let condition = Self.conditions(f)
        let total = try await db.raw("SELECT COUNT(*) AS n FROM cashout_applications WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let order: SQLQueryString
        switch sort {
        case .newest: order = "a.id DESC"
        case .oldest: order = "a.id"
        case .amount: order = "COALESCE(a.amount_fen, -1) DESC, a.id DESC"
        case .firm: order = "(SELECT e.name FROM enterprises e WHERE e.uscc = a.uscc), a.id DESC"
        case .status: order = "a.status, a.id DESC"
        }
        let rows = try await db.raw("""
            SELECT a.* FROM (SELECT * FROM cashout_applications WHERE \(condition)) a ORDER BY \(order) LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all()
        return (total, try rows.map(Self.application))
    }

    func fetchApplications(_ f: ApplicationFilter, afterID: Int64?, limit: Int) async throws -> [CashoutApplication] {
        var condition = Self.conditions(f)
        if let afterID { condition = condition + " AND id > \(bind: afterID)" }
        return try await db.raw("SELECT * FROM cashout_applications WHERE \(condition) ORDER BY id LIMIT \(literal: limit)").all().map(Self.application)
    }

    private func applications(_ condition: SQLQueryString, lock: Bool = false) async throws -> [CashoutApplication] {
        try await db.raw("SELECT * FROM cashout_applications WHERE \(condition) ORDER BY id\(unsafeRaw: lock ? " FOR UPDATE" : "")").all().map(Self.application)
    }

    static func application(_ row: any SQLRow) throws -> CashoutApplication {
        guard let since = try row.decodeDate("status_since") else { throw RowMappingError.badValue("status_since", "NULL") }
        var a = CashoutApplication(
            policyID: try row.decode(column: "policy_id", as: String.self), policyVersion: try row.decode(column: "policy_version", as: Int.self),
            budgetLine: try row.decode(column: "budget_line", as: String.self), uscc: try row.decode(column: "uscc", as: USCC.self), year: try row.decode(column: "year", as: Int.self), status: try row.decodeEnum("status"),
            proactive: try row.decode(column: "proactive", as: Bool.self), onceKey: try row.decode(column: "once_key", as: String?.self),
            certificate: try row.decode(column: "certificate", as: String?.self), declaredBase: try row.decodeMoney("declared_base_fen"),
            amount: try row.decodeMoney("amount_fen"), createdAt: try row.decode(column: "created_at", as: String.self), statusSince: since)
        a.id = try row.decode(column: "id", as: Int64.self)
        a.form = (try? JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "form", as: String.self).utf8))) ?? [:]
        a.bankAccount = try row.decode(column: "bank_account", as: String.self)
        a.updatedAt = try row.decode(column: "updated_at", as: String.self)
        a.reviewerID = try row.decode(column: "reviewer_id", as: Int64?.self)
        a.approverID = try row.decode(column: "approver_id", as: Int64?.self)
        a.payerID = try row.decode(column: "payer_id", as: Int64?.self)
        a.batchID = try row.decode(column: "batch_id", as: Int64?.self)
        a.bankReference = try row.decode(column: "bank_reference", as: String?.self)
        a.paidOn = try row.decodeDate("paid_on")
        return a
    }

    func updateApplication(_ a: CashoutApplication) async throws {
        let v = try Self.values(a)
        let sets = zip(Self.columns, v).map { SQLQueryString("\(ident: $0.0) = \($0.1)") }
        try await db.raw("UPDATE cashout_applications SET \(sets.joined(separator: ", ")) WHERE id = \(bind: a.id)").run()
    }

    func appendEvent(_ e: ApplicationEvent) async throws {
        try await db.raw("""
            INSERT INTO cashout_events (application_id, at, actor, action, from_status, to_status, comment)
            VALUES (\(bind: e.applicationID), \(bind: e.at), \(bind: e.actor), \(bind: e.action), \(bind: e.from?.rawValue), \(bind: e.to.rawValue), \(bind: e.comment))
            """).run()
    }

    func fetchEvents(applicationID: Int64) async throws -> [ApplicationEvent] {
        try await db.raw("SELECT * FROM cashout_events WHERE application_id = \(bind: applicationID) ORDER BY id").all().map { row in
            let from = try row.decode(column: "from_status", as: String?.self).flatMap(ApplicationStatus.init(rawValue:))
            return ApplicationEvent(applicationID: applicationID, at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                                    action: try row.decode(column: "action", as: String.self), from: from, to: try row.decodeEnum("to_status"),
                                    comment: try row.decode(column: "comment", as: String.self))
        }
    }

    func insertPayment(applicationID: Int64, onceKey: String, amount: Money, batchID: Int64?, bankReference: String, paidAt: String, payer: Int64) async throws -> Bool {
        try await db.raw("""
            INSERT INTO cashout_payments (application_id, once_key, amount_fen, batch_id, bank_reference, paid_at, payer_id)
            VALUES (\(bind: applicationID), \(bind: onceKey), \(bind: amount.fen), \(bind: batchID), \(bind: bankReference), \(bind: paidAt), \(bind: payer))
            ON CONFLICT DO NOTHING RETURNING application_id
            """).first() != nil
    }

    func paidKeys(_ keys: [String]) async throws -> Set<String> {
        var out = Set<String>()
        for chunk in keys.chunked(into: 500) {
            let rows = try await db.raw("SELECT once_key FROM cashout_payments WHERE once_key IN (\(SQLList(chunk.map { SQLBind($0) })))").all()
            for r in rows { out.insert(try r.decode(column: "once_key", as: String.self)) }
        }
        return out
    }

    // MARK: Attachments, batches, notices

    func insertAttachment(_ i: AttachmentInfo, data: [UInt8]) async throws -> Int64 {
        try await db.raw("""
            INSERT INTO cashout_attachments (application_id, name, file_name, content_type, size, sha256, uploaded_at, data)
            VALUES (\(bind: i.applicationID), \(bind: i.name), \(bind: i.fileName), \(bind: i.contentType), \(bind: i.size), \(bind: i.sha256), \(bind: i.uploadedAt), \(bind: Data(data)))
            RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
    }

    func fetchAttachments(applicationID: Int64) async throws -> [AttachmentInfo] {
        try await db.raw("""
            SELECT id, application_id, name, file_name, content_type, size, sha256, uploaded_at FROM cashout_attachments
            WHERE application_id = \(bind: applicationID) ORDER BY id
            """).all().map(Self.attachment)
    }

    func fetchAttachmentData(_ id: Int64) async throws -> (AttachmentInfo, [UInt8])? {
        guard let row = try await db.raw("SELECT * FROM cashout_attachments WHERE id = \(bind: id)").first() else { return nil }
        return (try Self.attachment(row), [UInt8](try row.decode(column: "data", as: Data.self)))
    }

    static func attachment(_ row: any SQLRow) throws -> AttachmentInfo {
        var i = AttachmentInfo(applicationID: try row.decode(column: "application_id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
                               fileName: try row.decode(column: "file_name", as: String.self), contentType: try row.decode(column: "content_type", as: String.self),
                               size: try row.decode(column: "size", as: Int.self), sha256: try row.decode(column: "sha256", as: String.self),
                               uploadedAt: try row.decode(column: "uploaded_at", as: String.self))
        i.id = try row.decode(column: "id", as: Int64.self)
        return i
    }

    func insertBatch(createdAt: String, createdBy: String) async throws -> Int64 {
        guard let row = try await db.raw("INSERT INTO payment_batches (created_at, created_by) VALUES (\(bind: createdAt), \(bind: createdBy)) RETURNING id")
            .first() else { throw RowMappingError.badValue("payment_batches.id", "no row returned") }
        return try row.decode(column: "id", as: Int64.self)
    }

    func assignBatch(_ batch: Int64) async throws -> [Int64] {
        try await db.raw("""
            UPDATE cashout_applications SET batch_id = \(bind: batch) WHERE status = 'approved' AND batch_id IS NULL RETURNING id
            """).all().map { try $0.decode(column: "id", as: Int64.self) }.sorted()
    }

    func finishBatch(_ r: PaymentBatchRecord, lines: [PaymentBatchFile.Line]) async throws {
        let json = String(decoding: try Self.encoder.encode(lines), as: UTF8.self)
        try await db.raw("""
            UPDATE payment_batches SET count = \(bind: r.count), total_fen = \(bind: r.total.fen), digest = \(bind: r.digest), lines = \(bind: json) WHERE id = \(bind: r.id)
            """).run()
    }

    func fetchBatchLines(_ id: Int64) async throws -> [PaymentBatchFile.Line] {
        guard let row = try await db.raw("SELECT lines FROM payment_batches WHERE id = \(bind: id)").first() else { return [] }
        return try JSONDecoder().decode([PaymentBatchFile.Line].self, from: Data(try row.decode(column: "lines", as: String.self).utf8))
    }

    func fetchBatches() async throws -> [PaymentBatchRecord] {
        try await db.raw("SELECT * FROM payment_batches ORDER BY id DESC").all().map(Self.batch)
    }

    func fetchBatch(_ id: Int64) async throws -> PaymentBatchRecord? {
        try await db.raw("SELECT * FROM payment_batches WHERE id = \(bind: id)").first().map(Self.batch)
    }

    static func batch(_ row: any SQLRow) throws -> PaymentBatchRecord {
        PaymentBatchRecord(id: try row.decode(column: "id", as: Int64.self), createdAt: try row.decode(column: "created_at", as: String.self),
                           createdBy: try row.decode(column: "created_by", as: String.self), count: try row.decode(column: "count", as: Int.self),
                           total: Money(fen: try row.decode(column: "total_fen", as: Int64.self)), digest: try row.decode(column: "digest", as: String.self))
    }

    func insertNotices(_ notices: [FirmNotice]) async throws {
        for n in notices {
            try await db.raw("INSERT INTO firm_notices (uscc, at, text, application_id) VALUES (\(bind: n.uscc.code), \(bind: n.at), \(bind: n.text), \(bind: n.applicationID))").run()
        }
    }

    func fetchNotices(uscc: USCC, limit: Int) async throws -> [FirmNotice] {
        try await db.raw("SELECT * FROM firm_notices WHERE uscc = \(bind: uscc.code) ORDER BY id DESC LIMIT \(literal: limit)").all().map { row in
            FirmNotice(uscc: uscc, at: try row.decode(column: "at", as: String.self), text: try row.decode(column: "text", as: String.self),
                       applicationID: try row.decode(column: "application_id", as: Int64?.self))
        }
    }
}
