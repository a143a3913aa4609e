import Accounts
import Cashout
import Foundation
import Kernel
import Matching
import Registry
import Storage

/// Everything the project page and `GET /api/v1/projects/{id}` show about one project.
public struct ProjectDossier: Sendable {
    public var project: ProjectRecord
    public var firmName: String?
    public var steps: [ProjectStep]
    public var milestones: [ProjectMilestone]
    /// The firm's other claims that may pay for the same work (item 3), for the reviewers.
    public var overlaps: [Overlap]
}

extension ProgrammeService {
    public func project(_ id: Int64) async throws -> ProjectDossier? {
        try await transactor.read { stores in
            guard let p = try await stores.programmes.fetchProject(id) else { return nil }
            let name = try await stores.registry.fetchEnterprise(p.uscc)?.name
            let claims = try await Self.claims(of: p.uscc, stores: stores)
            let mine = claims.first { $0.kind == .project && $0.id == id } ?? Self.claim(p, budgetLine: nil)
            return ProjectDossier(project: p, firmName: name, steps: try await stores.programmes.fetchSteps(projectID: id),
                                  milestones: try await stores.programmes.fetchMilestones(projectID: id),
                                  overlaps: rules.overlap.overlaps(of: mine, among: claims, firmName: name ?? ""))
        }
    }

    /// The number of flagged overlaps of each project of a call, for the call's list.
    public func overlapCounts(callID: Int64) async throws -> [Int64: Int] {
        try await transactor.read { stores in
            var out: [Int64: Int] = [:]
            let projects = try await stores.programmes.fetchProjects(callID: callID)
            let names = try await stores.registry.fetchEnterprises(Array(Set(projects.map(\.uscc))))
            for (uscc, own) in Dictionary(grouping: projects, by: \.uscc) {
                let claims = try await Self.claims(of: uscc, stores: stores)
                for p in own {
                    guard let mine = claims.first(where: { $0.kind == .project && $0.id == p.id }) else { continue }
                    let n = rules.overlap.overlaps(of: mine, among: claims, firmName: names[uscc]?.name ?? "").count
                    if n > 0 { out[p.id] = n }
                }
            }
            return out
        }
    }

    /// A firm's live claims on public money: its projects not withdrawn or declined, and its
    /// subsidy applications not withdrawn, rejected or reversed.
    static func claims(of uscc: USCC, stores: any Stores) async throws -> [FundingClaim] {
        let lines = Dictionary(try await stores.programmes.fetchCalls().map { ($0.id, $0.budgetLine) }, uniquingKeysWith: { a, _ in a })
        let projects = try await stores.programmes.fetchProjects(uscc: uscc).filter { $0.status != .withdrawn && $0.status != .declined }
        let names = Dictionary(try await stores.cashout.fetchPolicies().map { ($0.policy.id, $0.policy.name) }, uniquingKeysWith: { a, _ in a })
        let subsidies = try await stores.cashout.fetchApplications(ApplicationFilter(uscc: uscc))
            .filter { ![.withdrawn, .rejected, .reversed, .draft].contains($0.status) }
        return projects.map { claim($0, budgetLine: lines[$0.callID] ?? nil) } + subsidies.map { a in
            let title = names[a.policyID] ?? a.policyID
            let period = LocalDate(year: a.year, month: 1, day: 1).flatMap { from in LocalDate(year: a.year, month: 12, day: 31).map { from...$0 } }
            return FundingClaim(kind: .subsidy, id: a.id, title: title, text: ([title] + a.form.keys.sorted().compactMap { a.form[$0] }).joined(separator: " "),
                                budgetLine: a.budgetLine, period: period)
        }
    }

    static func claim(_ p: ProjectRecord, budgetLine: String?) -> FundingClaim {
        FundingClaim(kind: .project, id: p.id, title: p.title, text: p.title + " " + p.summary, budgetLine: budgetLine, period: p.period)
    }

    /// The milestones of a recommended or contracted project, set by the administrator and
    /// replaceable until the first one is reported.
    public func planMilestones(_ projectID: Int64, _ plan: [(title: String, dueOn: LocalDate)], by user: User) async throws {
        var problems: [Problem] = []
        if !(1...20).contains(plan.count) { problems.append(Problem(path: "milestones", message: "1–20 milestones")) }
        for (n, m) in plan.enumerated() where m.title.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(m.title, max: 200) {
            problems.append(Problem(path: "milestones[\(n)].title", message: "1–200 printable characters"))
        }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        let at = now
        try await transactor.write { stores in
            try await stores.programmes.lockProject(projectID)
            guard let p = try await stores.programmes.fetchProject(projectID) else { throw ProgrammeError.notFound("项目 \(projectID)") }
            guard ProjectDuty.administration.isCarried(by: user, firm: p.uscc, town: nil) else { throw ProgrammeError.notYourDuty("milestones are the administration's") }
            guard p.status == .recommended || p.status == .contracted else { throw ProgrammeError.illegalStep("milestones are planned for a recommended or contracted project") }
            guard try await stores.programmes.fetchMilestones(projectID: projectID).allSatisfy({ $0.reportedOn == nil }) else {
                throw ProgrammeError.illegalStep("a milestone has been reported; the plan is fixed")
            }
            try await stores.programmes.replaceMilestones(projectID: projectID, plan.enumerated().map { n, m in
                ProjectMilestone(projectID: projectID, seq: n + 1, title: m.title.trimmingCharacters(in: .whitespaces), dueOn: m.dueOn, plannedAt: at, plannedBy: user.actorName)
            })
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.project.milestones", subject: "project:\(projectID)",
                                              detail: "\(plan.count) milestones", role: user.role.rawValue))
        }
    }

    /// The firm reports a milestone of its contracted project (staff may enter a paper report).
    public func reportMilestone(_ projectID: Int64, seq: Int, report: String, by user: User) async throws {
        let text = report.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, CleanText.isText(text, max: 2_000) else { throw ProgrammeError.invalid([Problem(path: "report", message: "1–2000 characters, no control characters")]) }
        let at = now, day = today
        try await transactor.write { stores in
            try await stores.programmes.lockProject(projectID)
            guard let p = try await stores.programmes.fetchProject(projectID) else { throw ProgrammeError.notFound("项目 \(projectID)") }
            guard ProjectDuty.firm.isCarried(by: user, firm: p.uscc, town: nil) || ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("the firm reports its milestones") }
            guard p.status == .contracted else { throw ProgrammeError.illegalStep("milestones are reported once the contract is signed") }
            guard try await stores.programmes.fetchMilestones(projectID: projectID).contains(where: { $0.seq == seq }) else { throw ProgrammeError.notFound("里程碑 \(seq)") }
            guard try await stores.programmes.reportMilestone(projectID: projectID, seq: seq, on: day, report: text, by: user.actorName) else {
                throw ProgrammeError.illegalStep("milestone \(seq) was reported before")
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.project.milestone.report", subject: "project:\(projectID)",
                                              detail: "milestone \(seq)", role: user.role.rawValue))
        }
    }

    /// Acceptance (验收) needs a plan and every milestone of it reported [I].
    static func checkReadyForAcceptance(_ projectID: Int64, stores: any Stores) async throws {
        let milestones = try await stores.programmes.fetchMilestones(projectID: projectID)
        guard !milestones.isEmpty else { throw ProgrammeError.illegalStep("no milestones planned") }
        let open = milestones.filter { $0.reportedOn == nil }.map { String($0.seq) }
        guard open.isEmpty else { throw ProgrammeError.illegalStep("milestones not yet reported: \(open.joined(separator: ", "))") }
    }
}
