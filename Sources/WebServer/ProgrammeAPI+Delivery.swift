import Accounts
import Foundation
import Hummingbird
import Kernel
import Matching
import Services
import Storage

/// One project in full — its period, steps, milestones and the duplicate-check flags — and the
/// milestone plan and reports of a contracted project (issue: programmes and matching, items 2–3).
extension ProgrammeAPI {
    struct StepOut: Encodable { let at: String, actor: String, action: String, from: String, to: String, note: String? }
    struct MilestoneOut: Encodable { let seq: Int, title: String, due: String, reportedOn: String?, report: String?, reportedBy: String? }
    struct OverlapOut: Encodable {
        let kind: String, id: Int64, title: String, budgetLine: String?, sameBudgetLine: Bool, periodsOverlap: Bool, textSimilarity: Double
    }
    struct ProjectDetailOut: Encodable {
        let project: ProjectOut, firm: String?, starts: String?, ends: String?, summary: String
        let steps: [StepOut], milestones: [MilestoneOut], overlaps: [OverlapOut]
        init(_ d: ProjectDossier) {
            project = ProjectOut(d.project); firm = d.firmName; starts = d.project.startsOn?.description; ends = d.project.endsOn?.description
            summary = d.project.summary
            steps = d.steps.map { StepOut(at: $0.at, actor: $0.actor, action: $0.action.rawValue, from: $0.from.rawValue, to: $0.to.rawValue, note: $0.note) }
            milestones = d.milestones.map { MilestoneOut(seq: $0.seq, title: $0.title, due: $0.dueOn.description, reportedOn: $0.reportedOn?.description,
                                                         report: $0.report, reportedBy: $0.reportedBy) }
            overlaps = d.overlaps.map { OverlapOut(kind: $0.other.kind.rawValue, id: $0.other.id, title: $0.other.title, budgetLine: $0.other.budgetLine,
                                                   sameBudgetLine: $0.sameBudgetLine, periodsOverlap: $0.periodsOverlap,
                                                   textSimilarity: ($0.textSimilarity * 100).rounded() / 100) }
        }
    }
    struct MilestoneIn: Decodable, KnownKeys {
        var title: String; var due: String
        static let keys: Set<String> = ["title", "due"]
        enum CodingKeys: String, CodingKey { case title, due }
        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(decoder)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decode(String.self, forKey: .title); due = try c.decode(String.self, forKey: .due)
        }
    }
    struct PlanIn: Decodable, KnownKeys {
        var milestones: [MilestoneIn]
        static let keys: Set<String> = ["milestones"]
    }
    struct ReportIn: Decodable, KnownKeys {
        var report: String
        static let keys: Set<String> = ["report"]
    }

    /// Bureau staff and auditors read every project; a firm reads its own, without the
    /// duplicate-check flags, which are the reviewers' (a firm could otherwise reword until
    /// they clear); anyone else is told it does not exist.
    static func dossier(_ id: Int64, for user: User, _ deps: AppDependencies) async throws -> ProjectDossier {
        guard var d = try await deps.programmes.project(id),
              AccessPolicy.allows(user.role, .viewProgrammes) || (user.role == .enterprise && user.enterprise == d.project.uscc) else {
            throw AppError.notFound("项目 / project")
        }
        if !AccessPolicy.allows(user.role, .viewProgrammes) { d.overlaps = [] }
        return d
    }

    static func registerDelivery(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/api/v1/projects/:id", .signedIn, doc: APIDoc(
            "One project in full: its period, the steps taken, its milestones and the firm's other claims flagged as possible double funding",
            id: "getProject", response: "ProjectDetail")) { _, context in
            try .json(ProjectDetailOut(try await dossier(try APIRoutes.recordID(context), for: try context.requireUser(), deps)))
        }

        routes.add(.post, "/api/v1/projects/:id/milestones", .signedIn, doc: APIDoc(
            "Plan a recommended or contracted project's milestones (the administrator), replacing the plan until one is reported",
            id: "planMilestones", request: "MilestonePlan", response: "ProjectDetail")) { request, context in
            let body = try await APIRoutes.decode(PlanIn.self, request)
            var plan: [(title: String, dueOn: LocalDate)] = []
            var problems: [Problem] = []
            for (n, m) in body.milestones.enumerated() {
                if let due = LocalDate(m.due) { plan.append((m.title, due)) } else { problems.append(Problem(path: "milestones[\(n)].due", message: "a date, YYYY-MM-DD")) }
            }
            guard problems.isEmpty else { throw AppError.invalid(problems) }
            let id = try APIRoutes.recordID(context), user = try context.requireUser()
            try await deps.programmes.planMilestones(id, plan, by: user)
            return try .json(ProjectDetailOut(try await dossier(id, for: user, deps)))
        }

        routes.add(.post, "/api/v1/projects/:id/milestones/:seq/reports", .signedIn, doc: APIDoc(
            "Report a milestone of a contracted project, once: the firm, or bureau staff entering a paper report",
            id: "reportMilestone", request: "MilestoneReport", response: "ProjectDetail")) { request, context in
            let body = try await APIRoutes.decode(ReportIn.self, request)
            guard let seq = context.parameters.get("seq").flatMap(Int.init) else { throw AppError.notFound("里程碑 / milestone") }
            let id = try APIRoutes.recordID(context), user = try context.requireUser()
            try await deps.programmes.reportMilestone(id, seq: seq, report: body.report, by: user)
            return try .json(ProjectDetailOut(try await dossier(id, for: user, deps)))
        }
    }
}
