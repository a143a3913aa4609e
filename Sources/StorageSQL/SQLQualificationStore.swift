import Kernel
import Qualification
import Registry
import SQLKit
import Storage

struct SQLQualificationStore: QualificationStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    var registry: SQLRegistryStore { SQLRegistryStore(db: db, bulk: bulk) }

    // MARK: Runs

    func startRun(_ run: AssessmentRun) async throws -> Int64 {
        let row = try await db.raw("""
            INSERT INTO assessment_runs (started_at, as_of, rule_set, run_trigger)
            VALUES (\(bind: run.startedAt), \(bind: run.asOf.description), \(bind: run.ruleSet), \(bind: run.trigger)) RETURNING id
            """).first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { throw RowMappingError.badValue("id", "none returned") }
        return id
    }

    func finishRun(_ id: Int64, finishedAt: String, assessed: Int, changed: Int) async throws {
        try await db.raw("""
            UPDATE assessment_runs SET finished_at = \(bind: finishedAt), assessed = \(bind: assessed), changed = \(bind: changed)
            WHERE id = \(bind: id)
            """).run()
    }

    func fetchRuns(limit: Int) async throws -> [AssessmentRun] {
        try await db.raw("SELECT * FROM assessment_runs ORDER BY id DESC LIMIT \(literal: limit)").all().map { row in
            guard let asOf = try row.decodeDate("as_of") else { throw RowMappingError.badValue("as_of", "NULL") }
            return AssessmentRun(id: try row.decode(column: "id", as: Int64.self), startedAt: try row.decode(column: "started_at", as: String.self),
                                 finishedAt: try row.decode(column: "finished_at", as: String?.self), asOf: asOf,
                                 ruleSet: try row.decode(column: "rule_set", as: String.self),
                                 trigger: try row.decode(column: "run_trigger", as: String.self),
                                 assessed: try row.decode(column: "assessed", as: Int.self), changed: try row.decode(column: "changed", as: Int.self))
        }
    }

    // MARK: Standings

    static let standingColumns = ["uscc", "run_id", "as_of", "tech_sme", "cq_tech_enterprise", "high_tech", "high_tech_min", "high_tech_max",
                                  "innovative_sme", "specialized_sme", "little_giant", "pool_candidate", "near_miss_steps", "near_miss_cost_fen"]

    func fetchStandings(_ usccs: [USCC]) async throws -> [USCC: StoredStanding] {
        var out: [USCC: StoredStanding] = [:]
        for chunk in usccs.chunked(into: 5_000) {
            let binds: [SQLValue] = chunk.map(\.code)
            for row in try await db.raw("SELECT * FROM standings WHERE uscc IN (\(binds: binds))").all() {
                guard let asOf = try row.decodeDate("as_of") else { throw RowMappingError.badValue("as_of", "NULL") }
                let standing = Standing(
                    techSME: try row.decode(column: "tech_sme", as: Bool.self),
                    cqTechEnterprise: try row.decode(column: "cq_tech_enterprise", as: Bool.self),
                    highTech: try row.decodeEnum("high_tech"),
                    highTechScore: PointRange(try row.decode(column: "high_tech_min", as: Int.self), try row.decode(column: "high_tech_max", as: Int.self)),
                    innovativeSME: try row.decode(column: "innovative_sme", as: Bool.self),
                    specializedSME: try row.decode(column: "specialized_sme", as: Bool.self),
                    littleGiant: try row.decode(column: "little_giant", as: Bool.self))
                out[try row.decode(column: "uscc", as: USCC.self)] = StoredStanding(
                    standing: standing, runID: try row.decode(column: "run_id", as: Int64.self), asOf: asOf,
                    poolCandidate: try row.decode(column: "pool_candidate", as: Bool.self),
                    nearMissSteps: try row.decode(column: "near_miss_steps", as: Int?.self),
                    nearMissCost: try row.decodeMoney("near_miss_cost_fen"))
            }
        }
        return out
    }

    func upsertStandings(_ rows: [(USCC, StoredStanding)]) async throws {
        try await bulk.insertMany(into: "standings", columns: Self.standingColumns, rows: rows.map { u, s in
            let t = s.standing
            return [u.code, s.runID, s.asOf.description, t.techSME, t.cqTechEnterprise, t.highTech.rawValue, t.highTechScore.min,
                    t.highTechScore.max, t.innovativeSME, t.specializedSME, t.littleGiant, s.poolCandidate, s.nearMissSteps, s.nearMissCost?.fen]
        }, upsertOn: ["uscc"])
    }

    func insertChanges(_ runID: Int64, _ rows: [(USCC, StandingChange)]) async throws {
        try await bulk.insertMany(into: "standing_changes", columns: ["run_id", "uscc", "qualification", "before_value", "after_value"],
                                  rows: rows.map { [runID, $0.0.code, $0.1.qualification.rawValue, $0.1.before, $0.1.after] })
    }

    func fetchChanges(runID: Int64, limit: Int) async throws -> [RecordedChange] {
        try await changes("c.run_id = \(bind: runID)", limit: limit)
    }

    func fetchChanges(_ uscc: USCC, limit: Int) async throws -> [RecordedChange] {
        try await changes("c.uscc = \(bind: uscc.code)", limit: limit)
    }

    private func changes(_ condition: SQLQueryString, limit: Int) async throws -> [RecordedChange] {
        try await db.raw("""
            SELECT c.run_id, c.uscc, e.name, c.qualification, c.before_value, c.after_value
            FROM standing_changes c JOIN enterprises e ON e.uscc = c.uscc
            WHERE \(condition) ORDER BY c.run_id DESC, c.uscc, c.qualification LIMIT \(literal: limit)
            """).all().map { row in
            RecordedChange(runID: try row.decode(column: "run_id", as: Int64.self), uscc: try row.decode(column: "uscc", as: USCC.self),
                           name: try row.decode(column: "name", as: String.self),
                           change: StandingChange(qualification: try row.decodeEnum("qualification"),
                                                  before: try row.decode(column: "before_value", as: String?.self),
                                                  after: try row.decode(column: "after_value", as: String.self)))
        }
    }

    // MARK: Ladder lists

    /// The SQL condition for "meets `kind`" on the standings row `s`.
    static func meets(_ kind: QualificationKind) -> String {
        switch kind {
        case .techSME: return "s.tech_sme"
        case .cqTechEnterprise: return "s.cq_tech_enterprise"
        case .highTech: return "s.high_tech IN ('possible','likely')"
        case .innovativeSME: return "s.innovative_sme"
        case .specializedSME: return "s.specialized_sme"
        case .littleGiant: return "s.little_giant"
        }
    }

    private func newlyMeetingWhere(_ kind: QualificationKind, _ date: LocalDate) -> SQLQueryString {
        let d = date.description
        return """
            \(unsafeRaw: Self.meets(kind)) AND NOT EXISTS (
              SELECT 1 FROM designations d WHERE d.uscc = s.uscc AND d.kind = \(bind: kind.designation.rawValue)
                AND d.issued_on <= \(bind: d) AND (d.expires_on IS NULL OR d.expires_on >= \(bind: d))
                AND (d.revoked_on IS NULL OR d.revoked_on > \(bind: d)))
            """
    }

    func newlyMeeting(_ kind: QualificationKind, on date: LocalDate, limit: Int) async throws -> [LadderEntry] {
        try await entries("""
            SELECT s.uscc, e.name, NULL AS detail FROM standings s JOIN enterprises e ON e.uscc = s.uscc
            WHERE \(newlyMeetingWhere(kind, date)) ORDER BY e.name, s.uscc LIMIT \(literal: limit)
            """)
    }

    func countNewlyMeeting(_ kind: QualificationKind, on date: LocalDate) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM standings s WHERE \(newlyMeetingWhere(kind, date))").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func nearMisses(limit: Int) async throws -> [LadderEntry] {
        try await db.raw("""
            SELECT s.uscc, e.name, s.near_miss_steps, s.near_miss_cost_fen FROM standings s JOIN enterprises e ON e.uscc = s.uscc
            WHERE s.near_miss_steps IS NOT NULL ORDER BY s.near_miss_steps, s.near_miss_cost_fen, s.uscc LIMIT \(literal: limit)
            """).all().map { row in
            LadderEntry(uscc: try row.decode(column: "uscc", as: USCC.self), name: try row.decode(column: "name", as: String.self),
                        detail: Money(fen: try row.decode(column: "near_miss_cost_fen", as: Int64.self)).yuanText)
        }
    }

    private func expiringWhere(_ kind: DesignationKind, _ date: LocalDate, _ days: Int) -> SQLQueryString {
        let d = date.description, until = date.adding(days: days).description
        return """
            d.kind = \(bind: kind.rawValue) AND d.issued_on <= \(bind: d) AND d.expires_on >= \(bind: d)
              AND d.expires_on <= \(bind: until) AND (d.revoked_on IS NULL OR d.revoked_on > \(bind: d))
            """
    }

    func expiring(_ kind: DesignationKind, on date: LocalDate, within days: Int, limit: Int) async throws -> [LadderEntry] {
        try await entries("""
            SELECT d.uscc, e.name, MAX(d.expires_on) AS detail FROM designations d JOIN enterprises e ON e.uscc = d.uscc
            WHERE \(expiringWhere(kind, date, days)) GROUP BY d.uscc, e.name ORDER BY detail, d.uscc LIMIT \(literal: limit)
            """)
    }

    func countExpiring(_ kind: DesignationKind, on date: LocalDate, within days: Int) async throws -> Int {
        try await db.raw("SELECT COUNT(DISTINCT d.uscc) AS n FROM designations d WHERE \(expiringWhere(kind, date, days))")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func holders(_ kind: DesignationKind, on date: LocalDate, limit: Int) async throws -> [LadderEntry] {
        let d = date.description
        return try await entries("""
            SELECT d.uscc, e.name, MAX(d.issued_on) AS detail FROM designations d JOIN enterprises e ON e.uscc = d.uscc
            WHERE d.kind = \(bind: kind.rawValue) AND d.issued_on <= \(bind: d)
              AND (d.expires_on IS NULL OR d.expires_on >= \(bind: d)) AND (d.revoked_on IS NULL OR d.revoked_on > \(bind: d))
            GROUP BY d.uscc, e.name ORDER BY detail DESC, d.uscc LIMIT \(literal: limit)
            """)
    }

    func poolCandidates(limit: Int) async throws -> [LadderEntry] {
        try await entries("""
            SELECT s.uscc, e.name, NULL AS detail FROM standings s JOIN enterprises e ON e.uscc = s.uscc
            WHERE s.pool_candidate ORDER BY e.name, s.uscc LIMIT \(literal: limit)
            """)
    }

    func countPoolCandidates() async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM standings s WHERE s.pool_candidate").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func latestBatch(_ kind: DesignationKind, on date: LocalDate) async throws -> LatestBatch? {
        guard let row = try await db.raw("""
            SELECT batch, COUNT(DISTINCT uscc) AS n, MAX(issued_on) AS last FROM designations
            WHERE kind = \(bind: kind.rawValue) AND batch IS NOT NULL AND issued_on <= \(bind: date.description)
            GROUP BY batch ORDER BY last DESC, batch DESC LIMIT 1
            """).first() else { return nil }
        return LatestBatch(batch: try row.decode(column: "batch", as: String.self), enterprises: try row.decode(column: "n", as: Int.self))
    }

    private func entries(_ query: SQLQueryString) async throws -> [LadderEntry] {
        try await db.raw(query).all().map { row in
            LadderEntry(uscc: try row.decode(column: "uscc", as: USCC.self), name: try row.decode(column: "name", as: String.self),
                        detail: try row.decode(column: "detail", as: String?.self))
        }
    }

    // MARK: Reminders

    func designationsExpiring(on date: LocalDate, within days: Int) async throws -> [(USCC, Designation)] {
        let d = date.description, until = date.adding(days: days).description
        return try await db.raw("""
            SELECT * FROM designations WHERE expires_on >= \(bind: d) AND expires_on <= \(bind: until) AND issued_on <= \(bind: d)
              AND (revoked_on IS NULL OR revoked_on > \(bind: d)) ORDER BY expires_on, uscc
            """).all().map { (try $0.decode(column: "uscc", as: USCC.self), try Designation(row: $0)) }
    }

    func recordReminders(_ reminders: [ExpiryReminder]) async throws -> [ExpiryReminder] {
        var new: [ExpiryReminder] = []
        for chunk in reminders.chunked(into: 1_000) {
            let binds: [SQLValue] = Array(Set(chunk.map(\.uscc.code)))
            var seen = Set<String>()
            for row in try await db.raw("SELECT uscc, kind, issued_on, days_before FROM reminders WHERE uscc IN (\(binds: binds))").all() {
                seen.insert([try row.decode(column: "uscc", as: String.self), try row.decode(column: "kind", as: String.self),
                             try row.decode(column: "issued_on", as: String.self), String(try row.decode(column: "days_before", as: Int.self))].joined(separator: "|"))
            }
            new += chunk.filter { !seen.contains([$0.uscc.code, $0.kind.rawValue, $0.issuedOn.description, String($0.daysBefore)].joined(separator: "|")) }
        }
        try await bulk.insertMany(into: "reminders", columns: ["uscc", "kind", "issued_on", "expires_on", "days_before", "due_on", "recorded_at"],
                                  rows: new.map { [$0.uscc.code, $0.kind.rawValue, $0.issuedOn.description, $0.expiresOn.description,
                                                   $0.daysBefore, $0.dueOn.description, $0.recordedAt] }, ignoreConflicts: true)
        return new
    }

    func fetchReminders(_ uscc: USCC?, limit: Int) async throws -> [ExpiryReminder] {
        let filter: SQLQueryString = uscc.map { "WHERE uscc = \(bind: $0.code)" } ?? ""
        return try await db.raw("SELECT * FROM reminders \(filter) ORDER BY due_on DESC, uscc, kind LIMIT \(literal: limit)").all().map { row in
            guard let issued = try row.decodeDate("issued_on"), let expires = try row.decodeDate("expires_on"), let due = try row.decodeDate("due_on") else {
                throw RowMappingError.badValue("reminders", "NULL date")
            }
            return ExpiryReminder(uscc: try row.decode(column: "uscc", as: USCC.self), kind: try row.decodeEnum("kind"), issuedOn: issued,
                                  expiresOn: expires, daysBefore: try row.decode(column: "days_before", as: Int.self), dueOn: due,
                                  recordedAt: try row.decode(column: "recorded_at", as: String.self))
        }
    }

    // MARK: Sources

    func forEachAssessmentBatch(batchSize: Int, _ body: @Sendable ([AssessmentSource]) async throws -> Void) async throws {
        let registry = self.registry
        try await registry.forEachEnterpriseBatch(batchSize: batchSize) { batch in
            try await body(try await sources(batch))
        }
    }

    func fetchAssessmentSource(_ uscc: USCC) async throws -> AssessmentSource? {
        guard let e = try await registry.fetchEnterprise(uscc) else { return nil }
        return try await sources([e]).first
    }

    private func sources(_ enterprises: [Enterprise]) async throws -> [AssessmentSource] {
        let codes = enterprises.map(\.uscc.code)
        let years = try await registry.fetchFiscalYears(codes: codes)
        let designations = try await registry.fetchDesignations(codes: codes)
        let evidence = try await registry.fetchEvidence(codes: codes)
        return enterprises.map { e in
            AssessmentSource(enterprise: e, fiscalYears: years[e.uscc.code] ?? [], designations: designations[e.uscc.code] ?? [],
                             evidence: evidence[e.uscc.code] ?? InnovationEvidence())
        }
    }
}

struct SQLPoolStore: PoolStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func appendEvents(_ events: [PoolEvent]) async throws {
        try await bulk.insertMany(into: "pool_events", columns: ["uscc", "kind", "on_date", "at", "actor", "reason", "automatic"],
                                  rows: events.map { [$0.uscc.code, $0.kind.rawValue, $0.on.description, $0.at, $0.actor, $0.reason, $0.automatic] })
    }

    func fetchEvents(_ uscc: USCC?, limit: Int) async throws -> [(PoolEvent, String)] {
        let filter: SQLQueryString = uscc.map { "WHERE p.uscc = \(bind: $0.code)" } ?? ""
        return try await db.raw("""
            SELECT p.*, e.name FROM pool_events p JOIN enterprises e ON e.uscc = p.uscc \(filter)
            ORDER BY p.on_date DESC, p.id DESC LIMIT \(literal: limit)
            """).all().map { row in
            guard let on = try row.decodeDate("on_date") else { throw RowMappingError.badValue("on_date", "NULL") }
            return (PoolEvent(uscc: try row.decode(column: "uscc", as: USCC.self), kind: try row.decodeEnum("kind"), on: on,
                              at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                              reason: try row.decode(column: "reason", as: String.self), automatic: try row.decode(column: "automatic", as: Bool.self)),
                    try row.decode(column: "name", as: String.self))
        }
    }

    func insertProjects(_ rows: [(USCC, SupportedProject)]) async throws {
        try await bulk.insertMany(into: "supported_projects", columns: ["uscc", "number", "title", "programme", "supported_on", "funding_fen"],
                                  rows: rows.map { u, p in [u.code, p.number, p.title, p.programme, p.supportedOn.description, p.funding.fen] })
    }

    func fetchProjects(_ usccs: [USCC]) async throws -> [USCC: [SupportedProject]] {
        var out: [USCC: [SupportedProject]] = [:]
        for chunk in usccs.chunked(into: 5_000) {
            let binds: [SQLValue] = chunk.map(\.code)
            for row in try await db.raw("SELECT * FROM supported_projects WHERE uscc IN (\(binds: binds)) ORDER BY supported_on, id").all() {
                guard let on = try row.decodeDate("supported_on") else { throw RowMappingError.badValue("supported_on", "NULL") }
                out[try row.decode(column: "uscc", as: USCC.self), default: []].append(SupportedProject(
                    number: try row.decode(column: "number", as: String?.self), title: try row.decode(column: "title", as: String.self),
                    programme: try row.decode(column: "programme", as: String?.self), supportedOn: on,
                    funding: Money(fen: try row.decode(column: "funding_fen", as: Int64.self))))
            }
        }
        return out
    }
}
