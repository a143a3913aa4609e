import Foundation
import Kernel
import Matching
import SQLKit
import Storage

struct SQLProgrammeStore: ProgrammeStore {
    let db: any SQLDatabase
    let bulk: BulkInserter
    let engine: SQLEngine

    /// Lists are stored as JSON arrays of strings.
    static func list(_ xs: [String]) -> String { String(decoding: (try? JSONEncoder().encode(xs)) ?? Data("[]".utf8), as: UTF8.self) }
    static func list(_ row: some SQLRow, _ column: String) throws -> [String] {
        let text = try row.decode(column: column, as: String.self)
        do { return try JSONDecoder().decode([String].self, from: Data(text.utf8)) } catch { throw RowMappingError.badValue(column, text) }
    }

    func upsertProgrammes(_ programmes: [Programme]) async throws {
        try await bulk.insertMany(into: "programmes", columns: ["code", "name", "fields"],
                                  rows: programmes.map { [$0.code, $0.name, Self.list($0.fields)] }, upsertOn: ["code"])
    }

    func fetchProgrammes() async throws -> [Programme] {
        try await db.raw("SELECT * FROM programmes ORDER BY code").all().map {
            Programme(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self), fields: try Self.list($0, "fields"))
        }
    }

    func insertCall(_ c: ProgrammeCall) async throws -> Int64 {
        try await db.raw("""
            INSERT INTO programme_calls (programme_code, title, opens, closes, budget_fen, reviewers, city_quota, created_at, created_by, budget_line)
            VALUES (\(bind: c.programme), \(bind: c.title), \(bind: c.opens.description), \(bind: c.closes.description), \(bind: c.budgetFen),
                    \(bind: c.reviewers), \(bind: c.cityQuota), \(bind: c.createdAt), \(bind: c.createdBy), \(bind: c.budgetLine)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
    }

    func fetchCalls() async throws -> [ProgrammeCall] {
        try await db.raw("SELECT * FROM programme_calls ORDER BY id").all().map { row in
            guard let opens = try row.decodeDate("opens"), let closes = try row.decodeDate("closes") else { throw RowMappingError.badValue("programme_calls", "NULL date") }
            return ProgrammeCall(id: try row.decode(column: "id", as: Int64.self), programme: try row.decode(column: "programme_code", as: String.self),
                                 title: try row.decode(column: "title", as: String.self), opens: opens, closes: closes,
                                 budgetFen: try row.decode(column: "budget_fen", as: Int64.self), reviewers: try row.decode(column: "reviewers", as: Int.self),
                                 cityQuota: try row.decode(column: "city_quota", as: Int.self), createdAt: try row.decode(column: "created_at", as: String.self),
                                 createdBy: try row.decode(column: "created_by", as: String.self), budgetLine: try row.decode(column: "budget_line", as: String?.self))
        }
    }

    func insertProject(_ p: ProjectRecord) async throws -> Int64? {
        // ON CONFLICT: the same firm's same title under one call is refused, not an error —
        // also when two such requests race on PostgreSQL.
        try await db.raw("""
            INSERT INTO projects (call_id, uscc, title, summary, fields, keywords, partners, requested_fen, status, submitted_at, updated_at, starts_on, ends_on)
            VALUES (\(bind: p.callID), \(bind: p.uscc.code), \(bind: p.title), \(bind: p.summary), \(bind: Self.list(p.fields)), \(bind: Self.list(p.keywords)),
                    \(bind: Self.list(p.partners)), \(bind: p.requestedFen), \(bind: p.status.rawValue), \(bind: p.submittedAt), \(bind: p.updatedAt),
                    \(bind: p.startsOn?.description), \(bind: p.endsOn?.description))
            ON CONFLICT (call_id, uscc, title) DO NOTHING RETURNING id
            """).first()?.decode(column: "id", as: Int64.self)
    }

    private func projects(_ condition: SQLQueryString) async throws -> [ProjectRecord] {
        try await db.raw("SELECT * FROM projects WHERE \(condition) ORDER BY id").all().map { row in
            ProjectRecord(id: try row.decode(column: "id", as: Int64.self), callID: try row.decode(column: "call_id", as: Int64.self),
                          uscc: try row.decode(column: "uscc", as: USCC.self), title: try row.decode(column: "title", as: String.self),
                          summary: try row.decode(column: "summary", as: String.self), fields: try Self.list(row, "fields"),
                          keywords: try Self.list(row, "keywords"), partners: try Self.list(row, "partners"),
                          requestedFen: try row.decode(column: "requested_fen", as: Int64.self), status: try row.decodeEnum("status"),
                          submittedAt: try row.decode(column: "submitted_at", as: String.self), updatedAt: try row.decode(column: "updated_at", as: String.self),
                          startsOn: try row.decodeDate("starts_on"), endsOn: try row.decodeDate("ends_on"))
        }
    }

    func fetchProject(_ id: Int64) async throws -> ProjectRecord? { try await projects("id = \(bind: id)").first }
    func fetchProjects(callID: Int64) async throws -> [ProjectRecord] { try await projects("call_id = \(bind: callID)") }
    func fetchProjects(uscc: USCC) async throws -> [ProjectRecord] { try await projects("uscc = \(bind: uscc.code)") }

    func lockProject(_ id: Int64) async throws {
        guard engine == .postgres else { return }
        _ = try await db.raw("SELECT id FROM projects WHERE id = \(bind: id) FOR UPDATE").all()
    }

    func replaceMilestones(projectID: Int64, _ milestones: [ProjectMilestone]) async throws {
        try await db.raw("DELETE FROM project_milestones WHERE project_id = \(bind: projectID)").run()
        try await bulk.insertMany(into: "project_milestones", columns: ["project_id", "seq", "title", "due_on", "planned_at", "planned_by"],
                                  rows: milestones.map { [$0.projectID, $0.seq, $0.title, $0.dueOn.description, $0.plannedAt, $0.plannedBy] })
    }

    func fetchMilestones(projectID: Int64) async throws -> [ProjectMilestone] {
        try await db.raw("SELECT * FROM project_milestones WHERE project_id = \(bind: projectID) ORDER BY seq").all().map { row in
            guard let due = try row.decodeDate("due_on") else { throw RowMappingError.badValue("due_on", "NULL") }
            return ProjectMilestone(projectID: projectID, seq: try row.decode(column: "seq", as: Int.self), title: try row.decode(column: "title", as: String.self),
                                    dueOn: due, plannedAt: try row.decode(column: "planned_at", as: String.self), plannedBy: try row.decode(column: "planned_by", as: String.self),
                                    reportedOn: try row.decodeDate("reported_on"), report: try row.decode(column: "report", as: String?.self),
                                    reportedBy: try row.decode(column: "reported_by", as: String?.self))
        }
    }

    func reportMilestone(projectID: Int64, seq: Int, on day: LocalDate, report: String, by actor: String) async throws -> Bool {
        !(try await db.raw("""
            UPDATE project_milestones SET reported_on = \(bind: day.description), report = \(bind: report), reported_by = \(bind: actor)
            WHERE project_id = \(bind: projectID) AND seq = \(bind: seq) AND reported_on IS NULL RETURNING seq
            """).all()).isEmpty
    }

    func moveProject(_ s: ProjectStep) async throws -> Bool {
        let moved = try await db.raw("""
            UPDATE projects SET status = \(bind: s.to.rawValue), updated_at = \(bind: s.at)
            WHERE id = \(bind: s.projectID) AND status = \(bind: s.from.rawValue) RETURNING id
            """).all()
        guard !moved.isEmpty else { return false }
        try await db.raw("""
            INSERT INTO project_steps (project_id, at, actor, action, from_status, to_status, note)
            VALUES (\(bind: s.projectID), \(bind: s.at), \(bind: s.actor), \(bind: s.action.rawValue), \(bind: s.from.rawValue), \(bind: s.to.rawValue), \(bind: s.note))
            """).run()
        return true
    }

    func fetchSteps(projectID: Int64) async throws -> [ProjectStep] {
        try await db.raw("SELECT * FROM project_steps WHERE project_id = \(bind: projectID) ORDER BY id").all().map { row in
            ProjectStep(projectID: projectID, at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                        action: try row.decodeEnum("action"), from: try row.decodeEnum("from_status"), to: try row.decodeEnum("to_status"),
                        note: try row.decode(column: "note", as: String?.self))
        }
    }

    func upsertExperts(_ experts: [PoolExpert]) async throws {
        try await bulk.insertMany(into: "experts", columns: ["id", "name", "institution", "fields", "keywords", "collaborations", "interests", "capacity", "recommended_by", "chief"],
                                  rows: try experts.map { p in
                                      let e = p.expert
                                      return [e.id, e.name, e.institution, Self.list(e.fields.sorted()), Self.list(e.keywords.sorted()),
                                              String(decoding: try JSONEncoder().encode(e.collaborations), as: UTF8.self), Self.list(e.declaredInterests.sorted()),
                                              e.capacity, p.recommendedBy, p.chief]
                                  }, upsertOn: ["id"])
    }

    func fetchExperts() async throws -> [PoolExpert] {
        try await db.raw("SELECT * FROM experts ORDER BY id").all().map { row in
            let collaborations = try row.decode(column: "collaborations", as: String.self)
            let expert = Expert(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                                institution: try row.decode(column: "institution", as: String?.self), fields: Set(try Self.list(row, "fields")),
                                keywords: Set(try Self.list(row, "keywords")),
                                collaborations: try JSONDecoder().decode([Expert.Collaboration].self, from: Data(collaborations.utf8)),
                                declaredInterests: Set(try Self.list(row, "interests")), capacity: try row.decode(column: "capacity", as: Int.self))
            return PoolExpert(expert: expert, recommendedBy: try row.decode(column: "recommended_by", as: String?.self), chief: try row.decode(column: "chief", as: Bool.self))
        }
    }

    func insertAssignments(_ assignments: [ReviewAssignment]) async throws {
        try await bulk.insertMany(into: "review_assignments", columns: ["project_id", "expert_id", "assigned_at"],
                                  rows: assignments.map { [$0.projectID, $0.expertID, $0.assignedAt] })
    }

    func recordScore(projectID: Int64, expertID: String, score: Double, at: String) async throws -> Bool {
        !(try await db.raw("""
            UPDATE review_assignments SET score_centi = \(bind: Int((score * 100).rounded())), scored_at = \(bind: at)
            WHERE project_id = \(bind: projectID) AND expert_id = \(bind: expertID) AND score_centi IS NULL RETURNING project_id
            """).all()).isEmpty
    }

    func fetchAssignments(callID: Int64) async throws -> [ReviewAssignment] {
        try await assignments("a.project_id IN (SELECT id FROM projects WHERE call_id = \(bind: callID))")
    }

    func fetchAssignments(expertID: String) async throws -> [ReviewAssignment] { try await assignments("a.expert_id = \(bind: expertID)") }

    private func assignments(_ condition: SQLQueryString) async throws -> [ReviewAssignment] {
        try await db.raw("SELECT a.* FROM review_assignments a WHERE \(condition) ORDER BY a.project_id, a.expert_id").all().map { row in
            ReviewAssignment(projectID: try row.decode(column: "project_id", as: Int64.self), expertID: try row.decode(column: "expert_id", as: String.self),
                             assignedAt: try row.decode(column: "assigned_at", as: String.self),
                             score: try row.decode(column: "score_centi", as: Int?.self).map { Double($0) / 100 },
                             scoredAt: try row.decode(column: "scored_at", as: String?.self))
        }
    }

    func insertNeeds(_ needs: [ChiefNeed]) async throws {
        try await bulk.insertMany(into: "chief_needs", columns: ["round", "uscc", "field", "problem", "channel", "created_at"],
                                  rows: needs.map { [$0.round, $0.uscc.code, $0.field, $0.problem, $0.channel.rawValue, $0.createdAt] })
    }

    func fetchNeeds(round: String?) async throws -> [ChiefNeed] {
        let filter: SQLQueryString = round.map { "WHERE round = \(bind: $0)" } ?? ""
        return try await db.raw("SELECT * FROM chief_needs \(filter) ORDER BY id").all().map { row in
            ChiefNeed(id: try row.decode(column: "id", as: Int64.self), round: try row.decode(column: "round", as: String.self),
                      uscc: try row.decode(column: "uscc", as: USCC.self), field: try row.decode(column: "field", as: String.self),
                      problem: try row.decode(column: "problem", as: String.self), channel: try row.decodeEnum("channel"),
                      createdAt: try row.decode(column: "created_at", as: String.self))
        }
    }

    func insertMatches(_ matches: [ChiefMatch]) async throws {
        try await bulk.insertMany(into: "chief_matches", columns: ["need_id", "expert_id", "proposed_at"],
                                  rows: matches.map { [$0.needID, $0.expertID, $0.proposedAt] })
    }

    func fetchMatches() async throws -> [ChiefMatch] {
        try await db.raw("SELECT * FROM chief_matches ORDER BY need_id").all().map { row in
            ChiefMatch(needID: try row.decode(column: "need_id", as: Int64.self), expertID: try row.decode(column: "expert_id", as: String.self),
                       proposedAt: try row.decode(column: "proposed_at", as: String.self),
                       firmAcceptedAt: try row.decode(column: "firm_accepted_at", as: String?.self),
                       expertAcceptedAt: try row.decode(column: "expert_accepted_at", as: String?.self),
                       termStarts: try row.decodeDate("term_starts"), termEnds: try row.decodeDate("term_ends"),
                       achievements: try row.decode(column: "achievements", as: Int.self), problemsSolved: try row.decode(column: "problems_solved", as: Int.self),
                       trainings: try row.decode(column: "trainings", as: Int.self))
        }
    }

    func acceptMatch(needID: Int64, firm: Bool, at: String, termStarts: LocalDate, termEnds: LocalDate) async throws -> Bool {
        let mine: SQLQueryString = firm ? "firm_accepted_at" : "expert_accepted_at"
        let other: SQLQueryString = firm ? "expert_accepted_at" : "firm_accepted_at"
        // One statement, so the term is set exactly when the second acceptance lands.
        return !(try await db.raw("""
            UPDATE chief_matches SET \(mine) = \(bind: at),
              term_starts = CASE WHEN \(other) IS NOT NULL THEN \(bind: termStarts.description) ELSE NULL END,
              term_ends = CASE WHEN \(other) IS NOT NULL THEN \(bind: termEnds.description) ELSE NULL END
            WHERE need_id = \(bind: needID) AND \(mine) IS NULL RETURNING need_id
            """).all()).isEmpty
    }

    func insertChiefResult(_ r: ChiefResult) async throws -> Int64 {
        let column: SQLQueryString = r.kind == .achievement ? "achievements" : r.kind == .problemSolved ? "problems_solved" : "trainings"
        try await db.raw("UPDATE chief_matches SET \(column) = \(column) + 1 WHERE need_id = \(bind: r.needID)").run()
        return try await db.raw("""
            INSERT INTO chief_results (need_id, kind, title, evidence, happened_on, recorded_at, recorded_by)
            VALUES (\(bind: r.needID), \(bind: r.kind.rawValue), \(bind: r.title), \(bind: r.evidence), \(bind: r.happenedOn.description),
                    \(bind: r.recordedAt), \(bind: r.recordedBy)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
    }

    func fetchChiefResults(needID: Int64) async throws -> [ChiefResult] {
        try await db.raw("SELECT * FROM chief_results WHERE need_id = \(bind: needID) ORDER BY happened_on, id").all().map { row in
            guard let day = try row.decodeDate("happened_on") else { throw RowMappingError.badValue("happened_on", "NULL") }
            return ChiefResult(id: try row.decode(column: "id", as: Int64.self), needID: needID, kind: try row.decodeEnum("kind"),
                               title: try row.decode(column: "title", as: String.self), evidence: try row.decode(column: "evidence", as: String.self),
                               happenedOn: day, recordedAt: try row.decode(column: "recorded_at", as: String.self),
                               recordedBy: try row.decode(column: "recorded_by", as: String.self))
        }
    }

    func insertEvent(_ event: MatchmakingEvent, firms: [EventFirm]) async throws -> Int64 {
        let id = try await db.raw("""
            INSERT INTO matchmaking_events (title, held_on, partner) VALUES (\(bind: event.title), \(bind: event.heldOn.description), \(bind: event.partner)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
        try await bulk.insertMany(into: "event_firms", columns: ["event_id", "uscc", "attended", "intention", "contract_fen"],
                                  rows: firms.map { [id, $0.uscc.code, $0.attended, $0.intention, $0.contractFen] })
        return id
    }

    func fetchEvents() async throws -> [MatchmakingEvent] {
        try await db.raw("SELECT * FROM matchmaking_events ORDER BY held_on, id").all().map { row in
            guard let held = try row.decodeDate("held_on") else { throw RowMappingError.badValue("held_on", "NULL") }
            return MatchmakingEvent(id: try row.decode(column: "id", as: Int64.self), title: try row.decode(column: "title", as: String.self),
                                    heldOn: held, partner: try row.decode(column: "partner", as: String.self))
        }
    }

    func fetchEventFirms() async throws -> [EventFirm] {
        try await db.raw("SELECT * FROM event_firms ORDER BY event_id, uscc").all().map { row in
            EventFirm(eventID: try row.decode(column: "event_id", as: Int64.self), uscc: try row.decode(column: "uscc", as: USCC.self),
                      attended: try row.decode(column: "attended", as: Bool.self), intention: try row.decode(column: "intention", as: String?.self),
                      contractFen: try row.decode(column: "contract_fen", as: Int64?.self))
        }
    }

    func registerFirm(eventID: Int64, uscc: USCC) async throws -> Bool {
        !(try await db.raw("""
            INSERT INTO event_firms (event_id, uscc, attended) VALUES (\(bind: eventID), \(bind: uscc.code), FALSE)
            ON CONFLICT (event_id, uscc) DO NOTHING RETURNING event_id
            """).all()).isEmpty
    }

    func advanceFirm(eventID: Int64, uscc: USCC, to stage: EventStage, intention: String?, contractFen: Int64?) async throws -> Bool {
        let change: SQLQueryString
        switch stage {
        case .attended: change = "attended = TRUE WHERE NOT attended"
        case .intention: change = "intention = \(bind: intention) WHERE attended AND intention IS NULL"
        case .contract: change = "contract_fen = \(bind: contractFen) WHERE intention IS NOT NULL AND contract_fen IS NULL"
        }
        return !(try await db.raw("UPDATE event_firms SET \(change) AND event_id = \(bind: eventID) AND uscc = \(bind: uscc.code) RETURNING event_id").all()).isEmpty
    }

    func insertChainSuppliers(_ suppliers: [ChainSupplier]) async throws {
        try await bulk.insertMany(into: "chain_suppliers", columns: ["leader_uscc", "supplier_uscc", "chain_code", "since"],
                                  rows: suppliers.map { [$0.leader.code, $0.supplier.code, $0.chain, $0.since.description] })
    }

    func fetchChainSuppliers() async throws -> [ChainSupplier] {
        try await db.raw("SELECT * FROM chain_suppliers ORDER BY leader_uscc, supplier_uscc").all().map { row in
            guard let since = try row.decodeDate("since") else { throw RowMappingError.badValue("since", "NULL") }
            return ChainSupplier(leader: try row.decode(column: "leader_uscc", as: USCC.self), supplier: try row.decode(column: "supplier_uscc", as: USCC.self),
                                 chain: try row.decode(column: "chain_code", as: String.self), since: since)
        }
    }
}
