import Accounts
import Foundation
import Hummingbird
import Kernel
import Services
import Storage

/// What a chief expert's term delivered, each result with its evidence (E3).
extension ProgrammeAPI {
    struct ChiefResultIn: Decodable, KnownKeys {
        var kind: String; var title: String; var evidence: String; var date: String
        static let keys: Set<String> = ["kind", "title", "evidence", "date"]
    }
    struct ChiefResultOut: Encodable {
        let id: Int64, kind: String, title: String, evidence: String, date: String, recordedBy: String
        init(_ r: ChiefResult) { id = r.id; kind = r.kind.rawValue; title = r.title; evidence = r.evidence; date = r.happenedOn.description; recordedBy = r.recordedBy }
    }

    static func registerChiefResults(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/api/v1/chief-experts/:id/results", .permission(.viewProgrammes), doc: APIDoc(
            "The results of a chief expert's term for one need, with their evidence", id: "listChiefResults", response: "ChiefResultList")) { _, context in
            try .json(try await deps.programmes.chiefResults(needID: try APIRoutes.recordID(context)).map(ChiefResultOut.init))
        }

        routes.add(.post, "/api/v1/chief-experts/:id/results", .signedIn, doc: APIDoc(
            "Record a result of the term — an achievement converted, a problem solved, a training — with its evidence: the expert, or bureau staff",
            id: "recordChiefResult", request: "ChiefResultIn", response: "ChiefResultList", status: 201)) { request, context in
            let body = try await APIRoutes.decode(ChiefResultIn.self, request)
            var problems: [Problem] = []
            let kind = ChiefResult.Kind(rawValue: body.kind)
            if kind == nil { problems.append(Problem(path: "kind", message: "one of \(ChiefResult.Kind.allCases.map(\.rawValue).joined(separator: ", "))")) }
            let day = LocalDate(body.date)
            if day == nil { problems.append(Problem(path: "date", message: "a date, YYYY-MM-DD")) }
            guard let kind, let day, problems.isEmpty else { throw AppError.invalid(problems) }
            let need = try APIRoutes.recordID(context)
            try await deps.programmes.recordChiefResult(needID: need, kind: kind, title: body.title, evidence: body.evidence, on: day, by: try context.requireUser())
            return try .json(try await deps.programmes.chiefResults(needID: need).map(ChiefResultOut.init), status: .created)
        }
    }
}
