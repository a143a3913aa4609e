import Accounts
import Foundation
import Hummingbird
import Kernel
import Matching
import Services
import Storage

/// Matchmaking events and their funnel (item 5): staff open events and record attendance; a firm
/// registers itself and may report its own intention or contract.
extension ProgrammeAPI {
    struct EventIn: Decodable, KnownKeys {
        var title: String; var heldOn: String; var partner: String
        static let keys: Set<String> = ["title", "heldOn", "partner"]
    }
    struct RegistrationIn: Decodable, KnownKeys {
        var uscc: String
        static let keys: Set<String> = ["uscc"]
    }
    struct EventStageIn: Decodable, KnownKeys {
        var stage: String; var intention: String?; var contract: API.Yuan?
        static let keys: Set<String> = ["stage", "intention", "contract"]
    }
    struct EventOut: Encodable {
        let id: Int64, title: String, heldOn: String, partner: String, registered: Int, attended: Int, intentions: Int, contracts: Int, contractValue: API.Yuan
    }
    struct CreatedOut: Encodable { let id: Int64 }

    static func registerEvents(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/api/v1/events", .permission(.viewProgrammes), doc: APIDoc(
            "Matching events with their funnel: registered, attended, intentions, contracts and their value", id: "listEvents", response: "EventList")) { _, _ in
            try .json(try await deps.programmes.events().map { r in
                EventOut(id: r.event.id, title: r.event.title, heldOn: r.event.heldOn.description, partner: r.event.partner, registered: r.funnel.registered,
                         attended: r.funnel.attended, intentions: r.funnel.intentions, contracts: r.funnel.contracts, contractValue: API.Yuan(Money(fen: r.funnel.contractFen)))
            })
        }

        routes.add(.post, "/api/v1/events", .signedIn, doc: APIDoc(
            "Open a matching event with its partner institution (bureau staff)", id: "openEvent", request: "EventIn", response: "CreatedID", status: 201)) { request, context in
            let body = try await APIRoutes.decode(EventIn.self, request)
            guard let day = LocalDate(body.heldOn) else { throw AppError.invalid([Problem(path: "heldOn", message: "a date, YYYY-MM-DD")]) }
            let id = try await deps.programmes.openEvent(MatchmakingEvent(title: body.title, heldOn: day, partner: body.partner), by: try context.requireUser())
            return try .json(CreatedOut(id: id), status: .created)
        }

        routes.add(.post, "/api/v1/events/:id/registrations", .signedIn, doc: APIDoc(
            "Register a firm for an event up to its day: the firm itself, or bureau staff", id: "registerForEvent", request: "EventRegistration", status: 204)) { request, context in
            let body = try await APIRoutes.decode(RegistrationIn.self, request)
            let uscc = try APIRoutes.uscc(body.uscc)
            try await deps.programmes.register(eventID: try APIRoutes.recordID(context), uscc: uscc, by: try context.requireUser())
            return Response(status: .noContent)
        }

        routes.add(.post, "/api/v1/events/:id/firms/:uscc/stages", .signedIn, doc: APIDoc(
            "Record a registered firm's next stage from the event's day: attended (the organiser), an intention, a contract (the organiser or the firm)",
            id: "advanceEventFirm", request: "EventStageIn", status: 204)) { request, context in
            let user = try context.requireUser()
            guard let code = context.parameters.get("uscc"), let uscc = try? USCC(code) else { throw AppError.notFound("企业 / firm") }
            // Refused before the body is read: only the organiser or the firm itself may record.
            guard ProjectDuty.isBureauStaff(user) || (user.role == .enterprise && user.enterprise == uscc) else { throw AppError.forbidden }
            let body = try await APIRoutes.decode(EventStageIn.self, request)
            guard let stage = EventStage(rawValue: body.stage) else {
                throw AppError.invalid([Problem(path: "stage", message: "one of \(EventStage.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            try await deps.programmes.advance(eventID: try APIRoutes.recordID(context), uscc: uscc, to: stage, intention: body.intention,
                                              contractFen: body.contract?.money.fen, by: user)
            return Response(status: .noContent)
        }
    }
}
