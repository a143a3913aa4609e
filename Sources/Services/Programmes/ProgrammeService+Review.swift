import Accounts
import Foundation
import Kernel
import Matching
import Storage

/// A proposed panel that could not be filled (too few experts free of conflict in the field).
public struct UnfilledPanel: Sendable, Hashable {
    public var project: Int64
    public var short: Int
}

/// A call's panel list with what a chair needs beside each row.
public struct CallRanking: Sendable {
    public var call: ProgrammeCall
    public var rows: [(row: PanelRanking.Row, project: ProjectRecord, scores: [String: Double])]
}

extension ProgrammeService {
    /// Proposes and records a panel for every accepted project of the call (the Matching
    /// module's affinity, conflicts and load balance; experts' current panels count as load),
    /// and moves each fully staffed project to review. Unfilled panels stay accepted, reported.
    public func assignReviewers(callID: Int64, by user: User) async throws -> (assigned: Int, unfilled: [UnfilledPanel]) {
        guard ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("reviewers are assigned by the bureau") }
        let at = now, year = today.year
        return try await transactor.write { stores in
            guard let call = try await stores.programmes.fetchCalls().first(where: { $0.id == callID }) else { throw ProgrammeError.notFound("申报通知 \(callID)") }
            let projects = try await stores.programmes.fetchProjects(callID: callID).filter { $0.status == .accepted }
            let pool = try await stores.programmes.fetchExperts().filter { !$0.chief }.map(\.expert)
            var load: [String: Int] = [:]
            for c in try await stores.programmes.fetchCalls() {
                for a in try await stores.programmes.fetchAssignments(callID: c.id) where a.score == nil { load[a.expertID, default: 0] += 1 }
            }
            let experts = pool.map { e in var e = e; e.load = load[e.id] ?? 0; return e }
            let subjects = projects.map { p in
                MatchSubject(id: String(p.id), firm: p.uscc, institutions: Set(p.partners), fields: Set(p.fields), keywords: Set(p.keywords), needed: call.reviewers)
            }
            var assigned = 0, unfilled: [UnfilledPanel] = []
            for proposal in assigner.assign(subjects, experts, year: year) {
                guard let id = Int64(proposal.subject) else { continue }
                guard proposal.short == 0 else { unfilled.append(UnfilledPanel(project: id, short: proposal.short)); continue }
                try await stores.programmes.insertAssignments(proposal.experts.map { ReviewAssignment(projectID: id, expertID: $0, assignedAt: at) })
                guard try await stores.programmes.moveProject(ProjectStep(projectID: id, at: at, actor: user.actorName, action: .assignReviewers,
                                                                          from: .accepted, to: .underReview, note: proposal.experts.joined(separator: ","))) else {
                    throw ProgrammeError.illegalStep("project \(id) moved meanwhile")
                }
                assigned += 1
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.call.assign", subject: "call:\(callID)",
                                              detail: "\(assigned) panels, \(unfilled.count) unfilled", role: user.role.rawValue))
            return (assigned, unfilled.sorted { $0.project < $1.project })
        }
    }

    /// A reviewer's score (0–100, to the hundredth) for a project on their panel, once. Bureau
    /// staff may enter a paper score sheet for the named expert.
    public func score(_ projectID: Int64, expert: String, points: Double, by user: User) async throws {
        guard points.isFinite, (0...100).contains(points) else { throw ProgrammeError.invalid([Problem(path: "score", message: "0–100")]) }
        guard ProjectDuty.isBureauStaff(user) || (user.role == .expert && user.username == expert) else {
            throw ProgrammeError.notYourDuty("a score is the reviewer's")
        }
        let at = now
        try await transactor.write { stores in
            guard let p = try await stores.programmes.fetchProject(projectID) else { throw ProgrammeError.notFound("项目 \(projectID)") }
            guard p.status == .underReview else { throw ProgrammeError.illegalStep("scores are given while the project is under review") }
            guard try await stores.programmes.recordScore(projectID: projectID, expertID: expert, score: points, at: at) else {
                throw ProgrammeError.illegalStep("\(expert) is not on the panel or has scored")
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.project.score", subject: "project:\(projectID)",
                                              detail: "\(expert) \(points)", role: user.role.rawValue))
        }
    }

    /// The call's ranked panel list with moderation flags (outliers set aside from the score).
    public func ranking(callID: Int64) async throws -> CallRanking {
        try await transactor.read { stores in
            guard let call = try await stores.programmes.fetchCalls().first(where: { $0.id == callID }) else { throw ProgrammeError.notFound("申报通知 \(callID)") }
            let projects = Dictionary(uniqueKeysWithValues: try await stores.programmes.fetchProjects(callID: callID).map { ($0.id, $0) })
            var panels: [Int64: (reviewers: Int, scores: [String: Double])] = [:]
            for a in try await stores.programmes.fetchAssignments(callID: callID) {
                panels[a.projectID, default: (0, [:])].reviewers += 1
                if let s = a.score { panels[a.projectID, default: (0, [:])].scores[a.expertID] = s }
            }
            let rows = PanelRanking.rank(panels, rule: rules.moderation).compactMap { r in projects[r.project].map { (r, $0, panels[r.project]?.scores ?? [:]) } }
            return CallRanking(call: call, rows: rows)
        }
    }

    public func programmes() async throws -> (programmes: [Programme], calls: [ProgrammeCall], projects: [Int64: [ProjectRecord]]) {
        try await transactor.read { stores in
            let calls = try await stores.programmes.fetchCalls()
            var projects: [Int64: [ProjectRecord]] = [:]
            for c in calls { projects[c.id] = try await stores.programmes.fetchProjects(callID: c.id) }
            return (try await stores.programmes.fetchProgrammes(), calls, projects)
        }
    }
}
