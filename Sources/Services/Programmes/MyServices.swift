import Foundation
import Kernel
import Matching
import Registry
import Storage

/// A firm's own side of the programmes, for its page: its projects with their milestones, the
/// calls open today, its chief-expert needs with the expert proposed, its instrument bookings,
/// and the matching events it can register for or did.
public struct FirmServices: Sendable {
    public struct Project: Sendable { public var project: ProjectRecord; public var call: String; public var milestones: [ProjectMilestone] }
    public struct Need: Sendable { public var need: ChiefNeed; public var match: ChiefMatch?; public var expert: String? }
    public struct Booking: Sendable { public var booking: InstrumentBooking; public var instrument: String }
    public struct Event: Sendable { public var event: MatchmakingEvent; public var registration: EventFirm? }
    public var projects: [Project]
    public var openCalls: [ProgrammeCall]
    public var needs: [Need]
    public var bookings: [Booking]
    public var events: [Event]
    /// The shared instruments it may book.
    public var instruments: [Instrument]
}

/// An expert's own side: the projects on their panels with their score when given, and the
/// firms they serve as chief expert with the term and the results recorded.
public struct ExpertServices: Sendable {
    public struct Review: Sendable { public var assignment: ReviewAssignment; public var project: ProjectRecord; public var firm: String }
    public struct Term: Sendable { public var need: ChiefNeed; public var match: ChiefMatch; public var firm: String }
    public var reviews: [Review]
    public var terms: [Term]
}

extension ProgrammeService {
    public func firmServices(_ uscc: USCC) async throws -> FirmServices {
        let day = today
        return try await transactor.read { stores in
            let calls = try await stores.programmes.fetchCalls()
            let titles = Dictionary(calls.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            var projects: [FirmServices.Project] = []
            for p in try await stores.programmes.fetchProjects(uscc: uscc).reversed() {
                projects.append(.init(project: p, call: titles[p.callID] ?? "", milestones: try await stores.programmes.fetchMilestones(projectID: p.id)))
            }
            let matches = Dictionary(try await stores.programmes.fetchMatches().map { ($0.needID, $0) }, uniquingKeysWith: { a, _ in a })
            let experts = Dictionary(try await stores.programmes.fetchExperts().map { ($0.expert.id, $0.expert) }, uniquingKeysWith: { a, _ in a })
            let needs = try await stores.programmes.fetchNeeds(round: nil).filter { $0.uscc == uscc }.reversed().map { n in
                FirmServices.Need(need: n, match: matches[n.id], expert: matches[n.id].flatMap { experts[$0.expertID] }.map { "\($0.name)（\($0.institution ?? "—")）" })
            }
            let catalogue = try await stores.sharing.fetchInstruments()
            let instruments = Dictionary(catalogue.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let bookings = try await stores.sharing.fetchBookings(uscc: uscc).reversed().map { FirmServices.Booking(booking: $0, instrument: instruments[$0.instrumentID] ?? "") }
            let mine = Dictionary(try await stores.programmes.fetchEventFirms().filter { $0.uscc == uscc }.map { ($0.eventID, $0) }, uniquingKeysWith: { a, _ in a })
            let events = try await stores.programmes.fetchEvents().filter { $0.heldOn >= day || mine[$0.id] != nil }.reversed()
                .map { FirmServices.Event(event: $0, registration: mine[$0.id]) }
            return FirmServices(projects: projects, openCalls: calls.filter { ($0.opens...$0.closes).contains(day) }, needs: Array(needs),
                                bookings: Array(bookings), events: Array(events), instruments: catalogue)
        }
    }

    public func expertServices(_ expertID: String) async throws -> ExpertServices {
        try await transactor.read { stores in
            var reviews: [ExpertServices.Review] = []
            let assignments = try await stores.programmes.fetchAssignments(expertID: expertID)
            var projects: [Int64: ProjectRecord] = [:]
            for a in assignments { projects[a.projectID] = try await stores.programmes.fetchProject(a.projectID) }
            let needs = Dictionary(try await stores.programmes.fetchNeeds(round: nil).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let matches = try await stores.programmes.fetchMatches().filter { $0.expertID == expertID }
            let names = try await stores.registry.fetchEnterprises(Array(Set(projects.values.map(\.uscc) + matches.compactMap { needs[$0.needID]?.uscc }))).mapValues(\.name)
            for a in assignments.reversed() {
                guard let p = projects[a.projectID] else { continue }
                reviews.append(.init(assignment: a, project: p, firm: names[p.uscc] ?? p.uscc.code))
            }
            let terms = matches.compactMap { m in needs[m.needID].map { ExpertServices.Term(need: $0, match: m, firm: names[$0.uscc] ?? $0.uscc.code) } }
            return ExpertServices(reviews: reviews, terms: terms)
        }
    }
}
