import Accounts
import Cashout
import Foundation
import Kernel
import Matching
import Registry
import Storage

public enum ProgrammeError: Error, Equatable, CustomStringConvertible {
    case invalid([Problem])
    case notFound(String)
    case notYourDuty(String)
    /// The project is not where the step starts (or a concurrent step moved it first).
    case illegalStep(String)

    public var description: String {
        switch self {
        case .invalid(let p): return p.map(\.description).joined(separator: "\n")
        case .notFound(let what): return "\(what) 不存在 / not found"
        case .notYourDuty(let why): return "无权办理 / not your duty: \(why)"
        case .illegalStep(let why): return "当前状态不能办理 / not possible now: \(why)"
        }
    }
}

/// Science programmes (issue: programmes and matching): calls, project applications on the
/// review chain, reviewer assignment from the expert pool, scores, the ranked panel list and
/// the decision. Every change is audited with the actor and role.
public struct ProgrammeService: Sendable {
    public let transactor: any Transactor
    public let clock: @Sendable () -> Date
    public let rules: ProgrammeRules

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date, rules: ProgrammeRules = .tongliang2024) {
        self.transactor = transactor; self.clock = clock; self.rules = rules
    }

    var assigner: Assigner { Assigner(rule: rules.conflicts) }

    var now: String { ISOTime.format(clock()) }
    var today: LocalDate { LocalDate(secondsSince1970: clock().timeIntervalSince1970) }

    public func openCall(_ call: ProgrammeCall, by user: User) async throws -> Int64 {
        var problems: [Problem] = []
        if call.title.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(call.title, max: 200) { problems.append(Problem(path: "title", message: "1–200 printable characters")) }
        if call.closes < call.opens { problems.append(Problem(path: "closes", message: "the call closes before it opens")) }
        if call.budgetFen < 0 { problems.append(Problem(path: "budget", message: "must not be negative")) }
        if !(1...9).contains(call.reviewers) { problems.append(Problem(path: "reviewers", message: "1–9 reviewers per project")) }
        if call.cityQuota < 0 { problems.append(Problem(path: "cityQuota", message: "must not be negative")) }
        if let line = call.budgetLine, line.trimmingCharacters(in: .whitespaces) != line || line.isEmpty || !CleanText.isLine(line, max: 64) {
            problems.append(Problem(path: "budgetLine", message: "1–64 printable characters, no spaces around"))
        }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        guard ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("bureau staff open calls") }
        let at = now
        return try await transactor.write { stores in
            guard try await stores.programmes.fetchProgrammes().contains(where: { $0.code == call.programme }) else { throw ProgrammeError.notFound("专项 \(call.programme)") }
            var c = call
            c.createdAt = at; c.createdBy = user.actorName
            let id = try await stores.programmes.insertCall(c)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.call.open", subject: "call:\(id)",
                                              detail: "\(call.programme) \(call.title)", role: user.role.rawValue))
            return id
        }
    }

    /// A firm's application: inside the call's window, for its own firm (an enterprise user) or
    /// entered by bureau staff on its behalf.
    public func apply(_ project: ProjectRecord, by user: User) async throws -> Int64 {
        var problems: [Problem] = []
        if project.title.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(project.title, max: 200) { problems.append(Problem(path: "title", message: "1–200 printable characters")) }
        if project.fields.isEmpty { problems.append(Problem(path: "fields", message: "name at least one field")) }
        if !CleanText.isText(project.summary, max: 4_000) { problems.append(Problem(path: "summary", message: "at most 4000 characters, no control characters")) }
        for (path, items) in [("fields", project.fields), ("keywords", project.keywords), ("partners", project.partners)] {
            if items.count > 20 || items.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine($0, max: 100) }) {
                problems.append(Problem(path: path, message: "up to 20 entries of 1–100 printable characters"))
            }
        }
        if project.requestedFen < 0 { problems.append(Problem(path: "requested", message: "must not be negative")) }
        if (project.startsOn == nil) != (project.endsOn == nil) { problems.append(Problem(path: project.startsOn == nil ? "starts" : "ends", message: "give both ends of the period or neither")) }
        if let s = project.startsOn, let e = project.endsOn, e < s { problems.append(Problem(path: "ends", message: "the project ends before it starts")) }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        if user.role == .enterprise, user.enterprise != project.uscc { throw ProgrammeError.notYourDuty("another firm's application") }
        guard user.role == .enterprise || user.role == .bureauAdmin || user.role == .bureauReviewer else { throw ProgrammeError.notYourDuty("applications come from firms") }
        let at = now, date = today
        return try await transactor.write { stores in
            guard let call = try await stores.programmes.fetchCalls().first(where: { $0.id == project.callID }) else { throw ProgrammeError.notFound("申报通知 \(project.callID)") }
            guard (call.opens...call.closes).contains(date) else { throw ProgrammeError.illegalStep("the call is open \(call.opens)–\(call.closes)") }
            guard try await stores.registry.fetchEnterprise(project.uscc) != nil else { throw ProgrammeError.notFound("企业 \(project.uscc)") }
            var p = project
            p.status = .submitted; p.submittedAt = at; p.updatedAt = at
            guard let id = try await stores.programmes.insertProject(p) else { throw ProgrammeError.illegalStep("already applied under this call with this title") }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.project.submit", subject: "project:\(id)",
                                              detail: "call \(call.id) \(project.uscc)", role: user.role.rawValue))
            return id
        }
    }

    /// One step on the review chain. Reviewer assignment is `assignReviewers`, which proposes
    /// the panel; a reason is required to send back or decline.
    public func step(_ projectID: Int64, _ action: ProjectAction, note: String? = nil, by user: User) async throws -> ProjectStatus {
        guard action != .assignReviewers else { throw ProgrammeError.illegalStep("reviewers are assigned for the whole call") }
        let reason = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if action.needsReason, reason?.isEmpty ?? true { throw ProgrammeError.invalid([Problem(path: "note", message: "give the reason")]) }
        let at = now
        return try await transactor.write { stores in
            guard let p = try await stores.programmes.fetchProject(projectID) else { throw ProgrammeError.notFound("项目 \(projectID)") }
            let town = try await stores.registry.fetchEnterprise(p.uscc)?.townCode
            guard action.duty.isCarried(by: user, firm: p.uscc, town: town) else { throw ProgrammeError.notYourDuty("\(action.rawValue) is the \(action.duty.rawValue)'s") }
            guard let next = p.status.applying(action) else { throw ProgrammeError.illegalStep("\(action.rawValue) from \(p.status.rawValue)") }
            if action == .complete { try await Self.checkReadyForAcceptance(projectID, stores: stores) }
            guard try await stores.programmes.moveProject(ProjectStep(projectID: projectID, at: at, actor: user.actorName, action: action,
                                                                      from: p.status, to: next, note: reason)) else {
                throw ProgrammeError.illegalStep("the project moved meanwhile")
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.project.\(action.rawValue)", subject: "project:\(projectID)",
                                              detail: "\(p.status.rawValue) → \(next.rawValue)\(reason.map { " (\($0))" } ?? "")", role: user.role.rawValue))
            return next
        }
    }
}
