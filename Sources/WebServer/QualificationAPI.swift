import Accounts
import Foundation
import Hummingbird
import Kernel
import Registry
import Services
import Storage

/// The ladder and the 高企培育库 as JSON, for the bureau's own tools: the same services as the pages.
enum QualificationAPI {
    struct LadderOut: Encodable {
        struct Step: Encodable {
            let kind: String, holders: Int, new: Int, newlyMeeting: Int, expiring: Int
            let latestBatch: LatestBatch?
        }
        let asOf: String, since: String
        let steps: [Step]
        let lastRun: Run?
    }
    struct Run: Encodable { let id: Int64; let asOf: String; let ruleSet: String; let trigger: String; let assessed: Int; let changed: Int; let finishedAt: String? }
    struct EntryOut: Encodable { let uscc: String; let name: String; let detail: String? }
    struct PoolOut: Encodable {
        struct Member: Encodable { let uscc: String; let name: String; let admittedOn: String; let projects: Int; let lacksProject: Bool }
        let asOf: String
        let members: [Member]
        let candidates: [EntryOut]
    }
    struct PoolChangeIn: Decodable, KnownKeys {
        var uscc: String
        var on: String?
        var reason: String
        static let keys: Set<String> = ["uscc", "on", "reason"]
    }
    struct PoolEventOut: Encodable { let uscc: String; let kind: String; let on: String; let reason: String; let actor: String; let automatic: Bool }

    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        let dates: [(name: String, schema: String, description: String)] = [("asOf", "string", "YYYY-MM-DD; default the report date")]

        routes.add(.get, "/api/v1/ladder", .permission(.viewLadder), doc: APIDoc(
            "The district ladder: holders, new, newly meeting and expiring per rung", id: "getLadder", response: "Ladder",
            query: dates + [("since", "string", "start of 'new'; default 1 January of the year before")])) { request, _ in
            let asOf = try deps.asOf(request)
            let since = try QualificationPages.date(request, "since") ?? LocalDate(year: asOf.year - 1, month: 1, day: 1)!
            let l = try await deps.qualifications.ladder(asOf: asOf, since: since)
            return try .json(LadderOut(
                asOf: asOf.description, since: since.description,
                steps: l.steps.map { s in LadderOut.Step(kind: s.kind.rawValue, holders: s.holders, new: s.new, newlyMeeting: s.newlyMeeting,
                                                       expiring: s.expiring, latestBatch: s.latestBatch) },
                lastRun: l.lastRun.map { Run(id: $0.id, asOf: $0.asOf.description, ruleSet: $0.ruleSet, trigger: $0.trigger, assessed: $0.assessed, changed: $0.changed, finishedAt: $0.finishedAt) }))
        }

        routes.add(.get, "/api/v1/ladder/:kind/:list", .permission(.viewLadder), doc: APIDoc(
            "The enterprises behind one number of the ladder", id: "getLadderList", response: "LadderList", query: dates)) { request, context in
            guard let kind = context.parameters.get("kind").flatMap(DesignationKind.init(rawValue:)),
                  let list = context.parameters.get("list").flatMap(QualificationReader.ListKind.init(rawValue:)) else {
                throw AppError.invalid([Problem(path: "kind", message: "a designation kind and one of holders, newlyMeeting, expiring, nearMiss")])
            }
            let entries = try await deps.qualifications.list(kind, list, asOf: try deps.asOf(request))
            return try .json(entries.map { EntryOut(uscc: $0.uscc.code, name: $0.name, detail: $0.detail) })
        }

        routes.add(.get, "/api/v1/pool", .permission(.viewLadder), doc: APIDoc(
            "The 高企培育库: members with their supported projects, and candidates", id: "getPool", response: "Pool", query: dates)) { request, _ in
            let asOf = try deps.asOf(request)
            let members = try await deps.pool.members(on: asOf)
            let candidates = try await deps.qualifications.list(.highTechPool, .newlyMeeting, asOf: asOf)
            return try .json(PoolOut(
                asOf: asOf.description,
                members: members.map { .init(uscc: $0.uscc.code, name: $0.name, admittedOn: $0.admittedOn.description, projects: $0.projects, lacksProject: $0.lacksProject) },
                candidates: candidates.map { EntryOut(uscc: $0.uscc.code, name: $0.name, detail: $0.detail) }))
        }

        for (path, kind, id, summary) in [("/api/v1/pool/admissions", PoolEvent.Kind.admit, "admitToPool", "Admit an enterprise to the pool, with a reason"),
                                          ("/api/v1/pool/removals", PoolEvent.Kind.remove, "removeFromPool", "Remove an enterprise from the pool, with a reason")] {
            routes.add(.post, path, .permission(.managePool), doc: APIDoc(summary, id: id, request: "PoolChange", response: "PoolEvent", status: 201)) { request, context in
                let user = try context.requireUser()
                let body = try await APIRoutes.decode(PoolChangeIn.self, request)
                var problems: [Problem] = []
                let uscc = try? USCC(body.uscc)
                if uscc == nil { problems.append(Problem(path: "uscc", message: "not a valid 统一社会信用代码")) }
                let on = body.on.map(LocalDate.init) ?? deps.defaultAsOf
                if on == nil { problems.append(Problem(path: "on", message: "expected YYYY-MM-DD")) }
                guard problems.isEmpty, let uscc, let on else { throw AppError.invalid(problems) }
                if kind == .admit {
                    try await deps.pool.admit(uscc, on: on, reason: body.reason, actor: user.actorName)
                } else {
                    try await deps.pool.remove(uscc, on: on, reason: body.reason, actor: user.actorName)
                }
                let event = try await deps.pool.history(uscc, limit: 1).first?.0
                return try .json(PoolEventOut(uscc: uscc.code, kind: kind.rawValue, on: on.description, reason: event?.reason ?? body.reason,
                                              actor: user.actorName, automatic: false), status: .created)
            }
        }
    }
}
