import Accounts
import Foundation
import Hummingbird
import Kernel
import Matching
import Services
import Storage

/// Opening calls, firms' needs and recommended experts over the API (items 2 and 4).
extension ProgrammeAPI {
    struct CallIn: Decodable, KnownKeys {
        var programme: String; var title: String; var opens: String; var closes: String; var budget: API.Yuan; var reviewers: Int; var cityQuota: Int
        var budgetLine: String?
        static let keys: Set<String> = ["programme", "title", "opens", "closes", "budget", "reviewers", "cityQuota", "budgetLine"]
    }
    struct NeedIn: Decodable, KnownKeys {
        var round: String; var uscc: String; var field: String; var problem: String; var channel: String?
        static let keys: Set<String> = ["round", "uscc", "field", "problem", "channel"]
    }
    struct ExpertIn: Decodable, KnownKeys {
        var id: String; var name: String; var institution: String?; var fields: [String]; var keywords: [String]?; var capacity: Int
        var recommendedBy: String?; var chief: Bool?; var declaredInterests: [String]?
        static let keys: Set<String> = ["id", "name", "institution", "fields", "keywords", "capacity", "recommendedBy", "chief", "declaredInterests"]
    }

    static func dates(_ pairs: [(String, String)]) throws -> [LocalDate] {
        let parsed = pairs.map { (path: $0.0, date: LocalDate($0.1)) }
        let bad = parsed.filter { $0.date == nil }
        guard bad.isEmpty else { throw AppError.invalid(bad.map { Problem(path: $0.path, message: "a date, YYYY-MM-DD") }) }
        return parsed.compactMap(\.date)
    }

    static func registerIntake(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.post, "/api/v1/calls", .signedIn, doc: APIDoc(
            "Open a call under a programme with its window, budget, panel size, city quota and budget line (bureau staff)", id: "openCall",
            request: "CallIn", response: "CreatedID", status: 201)) { request, context in
            let user = try context.requireUser()
            guard ProjectDuty.isBureauStaff(user) else { throw AppError.forbidden }
            let body = try await APIRoutes.decode(CallIn.self, request)
            let d = try dates([("opens", body.opens), ("closes", body.closes)])
            let id = try await deps.programmes.openCall(ProgrammeCall(programme: body.programme, title: body.title, opens: d[0], closes: d[1],
                                                                      budgetFen: body.budget.money.fen, reviewers: body.reviewers, cityQuota: body.cityQuota,
                                                                      createdAt: "", createdBy: "", budgetLine: body.budgetLine), by: user)
            return try .json(CreatedOut(id: id), status: .created)
        }

        routes.add(.post, "/api/v1/chief-needs", .signedIn, doc: APIDoc(
            "Post a technical need for the chief-expert scheme: a firm for itself (on the platform), or bureau staff from a visit or a chat group",
            id: "postChiefNeed", request: "ChiefNeedIn", status: 204)) { request, context in
            let body = try await APIRoutes.decode(NeedIn.self, request)
            let uscc = try APIRoutes.uscc(body.uscc)
            guard let channel = ChiefNeed.Channel(rawValue: body.channel ?? "platform") else {
                throw AppError.invalid([Problem(path: "channel", message: "platform, chatGroup or visit")])
            }
            try await deps.programmes.postNeed(ChiefNeed(round: body.round, uscc: uscc, field: body.field, problem: body.problem, channel: channel, createdAt: ""),
                                               by: try context.requireUser())
            return Response(status: .noContent)
        }

        routes.add(.post, "/api/v1/experts", .signedIn, doc: APIDoc(
            "Enter or correct an expert an institution recommends, as a reviewer or a chief expert (bureau staff)", id: "recommendExpert",
            request: "ExpertIn", status: 204)) { request, context in
            let user = try context.requireUser()
            guard ProjectDuty.isBureauStaff(user) else { throw AppError.forbidden }
            let b = try await APIRoutes.decode(ExpertIn.self, request)
            try await deps.programmes.recommendExpert(PoolExpert(
                expert: Expert(id: b.id, name: b.name, institution: b.institution, fields: Set(b.fields), keywords: Set(b.keywords ?? []),
                               declaredInterests: Set(b.declaredInterests ?? []), capacity: b.capacity),
                recommendedBy: b.recommendedBy, chief: b.chief ?? false), by: user)
            return Response(status: .noContent)
        }
    }
}
