import Accounts
import Foundation
import Hummingbird
import Kernel
import Matching
import Services
import Storage
import StorageSQL

/// The programme API (issue: programmes and matching): the overview and a call's panel list for
/// bureau staff and auditors; steps, scores and acceptances for whoever carries the duty (the
/// service decides per record: the firm, its town, a reviewer, the approver, the expert).
enum ProgrammeAPI {
    struct ProgrammeOut: Encodable { let code: String, name: String, fields: [String] }
    struct CallOut: Encodable {
        let id: Int64, programme: String, title: String, opens: String, closes: String, budget: API.Yuan, reviewers: Int, cityQuota: Int
        let projects: [String: Int]
    }
    struct OverviewOut: Encodable { let programmes: [ProgrammeOut]; let calls: [CallOut] }
    struct RankingRowOut: Encodable {
        let project: Int64, uscc: String, title: String, status: String, rank: Int?, score: Double?, scored: Int, reviewers: Int
        let scores: [String: Double], outliers: [String], disagreement: Bool
    }
    struct ProjectOut: Encodable {
        let id: Int64, call: Int64, uscc: String, title: String, status: String, fields: [String], requested: API.Yuan, updatedAt: String
        init(_ p: ProjectRecord) {
            id = p.id; call = p.callID; uscc = p.uscc.code; title = p.title; status = p.status.rawValue; fields = p.fields
            requested = API.Yuan(Money(fen: p.requestedFen)); updatedAt = p.updatedAt
        }
    }
    struct NeedOut: Encodable {
        let id: Int64, round: String, uscc: String, firm: String, field: String, problem: String, channel: String
        let expert: String?, firmAccepted: Bool, expertAccepted: Bool, termStarts: String?, termEnds: String?
    }
    struct ApplyIn: Decodable, KnownKeys {
        var uscc: String; var title: String; var summary: String?; var fields: [String]; var keywords: [String]?; var partners: [String]?
        var requested: API.Yuan; var starts: String?; var ends: String?
        static let keys: Set<String> = ["uscc", "title", "summary", "fields", "keywords", "partners", "requested", "starts", "ends"]
    }
    struct StepIn: Decodable, KnownKeys {
        var action: String; var note: String?
        static let keys: Set<String> = ["action", "note"]
    }
    struct ScoreIn: Decodable, KnownKeys {
        var expert: String; var score: Double
        static let keys: Set<String> = ["expert", "score"]
    }
    struct AcceptIn: Decodable, KnownKeys {
        var side: String
        static let keys: Set<String> = ["side"]
    }

    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        registerDelivery(routes)
        registerChiefResults(routes)
        registerEvents(routes)
        registerIntake(routes)
        routes.add(.get, "/api/v1/programmes", .permission(.viewProgrammes), doc: APIDoc(
            "The science programmes and their calls, with how many projects stand at each status", id: "listProgrammes", response: "ProgrammeOverview")) { _, _ in
            let (programmes, calls, projects) = try await deps.programmes.programmes()
            return try .json(OverviewOut(programmes: programmes.map { ProgrammeOut(code: $0.code, name: $0.name, fields: $0.fields) }, calls: calls.map { c in
                CallOut(id: c.id, programme: c.programme, title: c.title, opens: c.opens.description, closes: c.closes.description,
                        budget: API.Yuan(Money(fen: c.budgetFen)), reviewers: c.reviewers, cityQuota: c.cityQuota,
                        projects: Dictionary(grouping: projects[c.id] ?? [], by: \.status.rawValue).mapValues(\.count))
            }))
        }

        routes.add(.get, "/api/v1/calls/:id/ranking", .permission(.viewProgrammes), doc: APIDoc(
            "A call's panel list: rank, score (outliers set aside), each reviewer's score and the moderation flags", id: "getCallRanking",
            response: "CallRankingList")) { _, context in
            let r = try await deps.programmes.ranking(callID: try APIRoutes.recordID(context))
            return try .json(r.rows.map { row, p, scores in
                RankingRowOut(project: p.id, uscc: p.uscc.code, title: p.title, status: p.status.rawValue, rank: row.rank == 0 ? nil : row.rank,
                              score: row.score, scored: row.scored, reviewers: row.reviewers, scores: scores,
                              outliers: row.flags.outliers.keys.sorted(), disagreement: row.flags.disagreement)
            })
        }

        routes.add(.post, "/api/v1/calls/:id/projects", .signedIn, doc: APIDoc(
            "Apply under a call while it is open: an enterprise for its own firm, or bureau staff on a firm's behalf", id: "applyToCall",
            request: "ProjectApplication", response: "Project", status: 201)) { request, context in
            let body = try await APIRoutes.decode(ApplyIn.self, request)
            let uscc = try APIRoutes.uscc(body.uscc)
            let dates = [("starts", body.starts), ("ends", body.ends)].filter { $0.1 != nil && LocalDate($0.1!) == nil }
            guard dates.isEmpty else { throw AppError.invalid(dates.map { Problem(path: $0.0, message: "a date, YYYY-MM-DD") }) }
            let id = try await deps.programmes.apply(ProjectRecord(
                callID: try APIRoutes.recordID(context), uscc: uscc, title: body.title, summary: body.summary ?? "", fields: body.fields,
                keywords: body.keywords ?? [], partners: body.partners ?? [], requestedFen: body.requested.money.fen, submittedAt: "", updatedAt: "",
                startsOn: body.starts.flatMap(LocalDate.init), endsOn: body.ends.flatMap(LocalDate.init)),
                by: try context.requireUser())
            guard let p = try await deps.programmes.project(id)?.project else { throw AppError.notFound("项目 / project") }
            return try .json(ProjectOut(p), status: .created)
        }

        routes.add(.post, "/api/v1/projects/:id/steps", .signedIn, doc: APIDoc(
            "Take a step on the review chain: withdraw, resubmit, checkUnit, checkDepartment, accept, sendBack, recommend, decline, contract, complete",
            id: "stepProject", request: "ProjectStep", response: "Project")) { request, context in
            let body = try await APIRoutes.decode(StepIn.self, request)
            guard let action = ProjectAction(rawValue: body.action), action != .assignReviewers else {
                throw AppError.invalid([Problem(path: "action", message: "one of \(ProjectAction.allCases.filter { $0 != .assignReviewers }.map(\.rawValue).joined(separator: ", "))")])
            }
            if let note = body.note, note.unicodeScalars.count > 2_000 { throw AppError.invalid([Problem(path: "note", message: "at most 2000 characters")]) }
            let id = try APIRoutes.recordID(context)
            _ = try await deps.programmes.step(id, action, note: body.note, by: try context.requireUser())
            guard let p = try await deps.programmes.project(id)?.project else { throw AppError.notFound("项目 / project") }
            return try .json(ProjectOut(p))
        }

        routes.add(.post, "/api/v1/projects/:id/scores", .signedIn, doc: APIDoc(
            "Record a reviewer's score (0–100) for a project on their panel, once", id: "scoreProject", request: "ProjectScore", response: "Project")) { request, context in
            let body = try await APIRoutes.decode(ScoreIn.self, request)
            let id = try APIRoutes.recordID(context)
            try await deps.programmes.score(id, expert: body.expert, points: body.score, by: try context.requireUser())
            guard let p = try await deps.programmes.project(id)?.project else { throw AppError.notFound("项目 / project") }
            return try .json(ProjectOut(p))
        }

        routes.add(.get, "/api/v1/chief-experts", .permission(.viewProgrammes), doc: APIDoc(
            "The latest chief-expert round: each need, its proposed expert, both acceptances and the term", id: "listChiefNeeds", response: "ChiefNeedList")) { _, _ in
            let round = ChiefRound.latest(try await deps.database.read { try await $0.programmes.fetchNeeds(round: nil) }.map(\.round))
            guard let round else { return try .json([NeedOut]()) }
            return try .json(try await deps.programmes.chiefRound(round).map { r in
                NeedOut(id: r.need.id, round: r.need.round, uscc: r.need.uscc.code, firm: r.firmName, field: r.need.field, problem: r.need.problem,
                        channel: r.need.channel.rawValue, expert: r.match?.expertID, firmAccepted: r.match?.firmAcceptedAt != nil,
                        expertAccepted: r.match?.expertAcceptedAt != nil, termStarts: r.match?.termStarts?.description, termEnds: r.match?.termEnds?.description)
            })
        }

        routes.add(.post, "/api/v1/chief-experts/:id/acceptances", .signedIn, doc: APIDoc(
            "Accept a proposed chief expert, as the firm or as the expert; the one-year term starts when both have", id: "acceptChiefMatch",
            request: "ChiefAcceptance", status: 204)) { request, context in
            let body = try await APIRoutes.decode(AcceptIn.self, request)
            guard body.side == "firm" || body.side == "expert" else { throw AppError.invalid([Problem(path: "side", message: "firm or expert")]) }
            try await deps.programmes.acceptChiefMatch(needID: try APIRoutes.recordID(context), firmSide: body.side == "firm", by: try context.requireUser())
            return Response(status: .noContent)
        }
    }
}
