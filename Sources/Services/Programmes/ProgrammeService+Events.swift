import Accounts
import Cashout
import Foundation
import Kernel
import Matching
import Registry
import Storage

/// An event with its funnel, for the programmes page and the API.
public struct EventReport: Sendable {
    public var event: MatchmakingEvent
    public var funnel: EventFunnel
}

extension ProgrammeService {
    /// Bureau staff open an industry–university matching event with its partner institution.
    public func openEvent(_ event: MatchmakingEvent, by user: User) async throws -> Int64 {
        var problems: [Problem] = []
        for (path, text) in [("title", event.title), ("partner", event.partner)] where text.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(text, max: 200) {
            problems.append(Problem(path: path, message: "1–200 printable characters"))
        }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        guard ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("bureau staff organise events") }
        let at = now
        return try await transactor.write { stores in
            let id = try await stores.programmes.insertEvent(event, firms: [])
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.event.open", subject: "event:\(id)",
                                              detail: "\(event.heldOn) \(event.title)", role: user.role.rawValue))
            return id
        }
    }

    /// A firm registers itself (or staff register it) up to the event's day.
    public func register(eventID: Int64, uscc: USCC, by user: User) async throws {
        guard (user.role == .enterprise && user.enterprise == uscc) || ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("a firm registers itself") }
        let at = now, day = today
        try await transactor.write { stores in
            guard let event = try await stores.programmes.fetchEvents().first(where: { $0.id == eventID }) else { throw ProgrammeError.notFound("对接活动 \(eventID)") }
            guard day <= event.heldOn else { throw ProgrammeError.illegalStep("registration closed on \(event.heldOn)") }
            guard try await stores.registry.fetchEnterprise(uscc) != nil else { throw ProgrammeError.notFound("企业 \(uscc)") }
            guard try await stores.programmes.registerFirm(eventID: eventID, uscc: uscc) else { throw ProgrammeError.illegalStep("already registered") }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.event.register", subject: "event:\(eventID)",
                                              detail: uscc.code, role: user.role.rawValue))
        }
    }

    /// The organiser (bureau staff) records attendance, intentions and contracts from the
    /// event's day on, each after the one before; the firm may report its own intention or
    /// contract.
    public func advance(eventID: Int64, uscc: USCC, to stage: EventStage, intention: String? = nil, contractFen: Int64? = nil, by user: User) async throws {
        let text = intention?.trimmingCharacters(in: .whitespaces)
        switch stage {
        case .attended:
            guard intention == nil, contractFen == nil else { throw ProgrammeError.invalid([Problem(path: "stage", message: "attendance carries nothing else")]) }
        case .intention:
            guard let text, !text.isEmpty, CleanText.isLine(text, max: 200), contractFen == nil else {
                throw ProgrammeError.invalid([Problem(path: "intention", message: "what the firm and the partner intend, 1–200 characters")])
            }
        case .contract:
            guard let fen = contractFen, fen > 0, intention == nil else { throw ProgrammeError.invalid([Problem(path: "contract", message: "the contract's value, above 0")]) }
        }
        let firmSide = user.role == .enterprise && user.enterprise == uscc && stage != .attended
        guard ProjectDuty.isBureauStaff(user) || firmSide else { throw ProgrammeError.notYourDuty("the organiser records the event") }
        let at = now, day = today
        try await transactor.write { stores in
            guard let event = try await stores.programmes.fetchEvents().first(where: { $0.id == eventID }) else { throw ProgrammeError.notFound("对接活动 \(eventID)") }
            guard day >= event.heldOn else { throw ProgrammeError.illegalStep("the event is on \(event.heldOn)") }
            guard try await stores.programmes.fetchEventFirms().contains(where: { $0.eventID == eventID && $0.uscc == uscc }) else {
                throw ProgrammeError.notFound("报名企业 \(uscc)")
            }
            guard try await stores.programmes.advanceFirm(eventID: eventID, uscc: uscc, to: stage, intention: text, contractFen: contractFen) else {
                throw ProgrammeError.illegalStep("\(stage.rawValue) needs the stage before it, once")
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "programme.event.\(stage.rawValue)", subject: "event:\(eventID)",
                                              detail: uscc.code + (contractFen.map { " \(Money(fen: $0).yuanText) yuan" } ?? ""), role: user.role.rawValue))
        }
    }

    /// Every event, oldest first, with its funnel.
    public func events() async throws -> [EventReport] {
        try await transactor.read { stores in
            let firms = Dictionary(grouping: try await stores.programmes.fetchEventFirms(), by: \.eventID)
            return try await stores.programmes.fetchEvents().map { e in
                var funnel = EventFunnel()
                for f in firms[e.id] ?? [] { funnel.add(attended: f.attended, intention: f.intention != nil, contractFen: f.contractFen) }
                return EventReport(event: e, funnel: funnel)
            }
        }
    }
}
