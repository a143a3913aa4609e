import Kernel
import Matching

/// A science programme (科技专项), e.g. 新型储能 or 先进制造 (F14: eight of them).
public struct Programme: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    /// The fields its calls are reviewed in, which decide the experts proposed.
    public var fields: [String]
    public init(code: String, name: String, fields: [String]) { self.code = code; self.name = name; self.fields = fields }
}

/// A call for applications under a programme: its window, budget, panel size, and how many
/// projects go to the city (F15: 15 key projects recommended).
public struct ProgrammeCall: Sendable, Hashable {
    public var id: Int64
    public var programme: String
    public var title: String
    public var opens: LocalDate
    public var closes: LocalDate
    public var budgetFen: Int64
    public var reviewers: Int
    public var cityQuota: Int
    public var createdAt: String
    public var createdBy: String
    /// The budget line that pays the call's projects; the duplicate check compares it.
    public var budgetLine: String?
    public init(id: Int64 = 0, programme: String, title: String, opens: LocalDate, closes: LocalDate, budgetFen: Int64, reviewers: Int,
                cityQuota: Int, createdAt: String, createdBy: String, budgetLine: String? = nil) {
        self.id = id; self.programme = programme; self.title = title; self.opens = opens; self.closes = closes; self.budgetFen = budgetFen
        self.reviewers = reviewers; self.cityQuota = cityQuota; self.createdAt = createdAt; self.createdBy = createdBy; self.budgetLine = budgetLine
    }
}

/// A firm's project application under a call.
public struct ProjectRecord: Sendable, Hashable {
    public var id: Int64
    public var callID: Int64
    public var uscc: USCC
    public var title: String
    public var summary: String
    public var fields: [String]
    public var keywords: [String]
    /// Institutions the project works with (a university lab): reviewers from them conflict.
    public var partners: [String]
    public var requestedFen: Int64
    public var status: ProjectStatus
    public var submittedAt: String
    public var updatedAt: String
    /// The period the project runs, when the firm gave it.
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    public init(id: Int64 = 0, callID: Int64, uscc: USCC, title: String, summary: String, fields: [String], keywords: [String], partners: [String],
                requestedFen: Int64, status: ProjectStatus = .submitted, submittedAt: String, updatedAt: String,
                startsOn: LocalDate? = nil, endsOn: LocalDate? = nil) {
        self.id = id; self.callID = callID; self.uscc = uscc; self.title = title; self.summary = summary; self.fields = fields
        self.keywords = keywords; self.partners = partners; self.requestedFen = requestedFen; self.status = status
        self.submittedAt = submittedAt; self.updatedAt = updatedAt; self.startsOn = startsOn; self.endsOn = endsOn
    }

    public var period: ClosedRange<LocalDate>? {
        guard let startsOn, let endsOn, startsOn <= endsOn else { return nil }
        return startsOn...endsOn
    }
}

/// A contracted project's milestone, planned by the bureau and reported by the firm; every
/// milestone is reported before the project can be accepted (验收).
public struct ProjectMilestone: Sendable, Hashable {
    public var projectID: Int64
    public var seq: Int
    public var title: String
    public var dueOn: LocalDate
    public var plannedAt: String
    public var plannedBy: String
    public var reportedOn: LocalDate?
    public var report: String?
    public var reportedBy: String?
    public init(projectID: Int64, seq: Int, title: String, dueOn: LocalDate, plannedAt: String, plannedBy: String,
                reportedOn: LocalDate? = nil, report: String? = nil, reportedBy: String? = nil) {
        self.projectID = projectID; self.seq = seq; self.title = title; self.dueOn = dueOn; self.plannedAt = plannedAt; self.plannedBy = plannedBy
        self.reportedOn = reportedOn; self.report = report; self.reportedBy = reportedBy
    }
}

/// One step on the review chain, kept for the record.
public struct ProjectStep: Sendable, Hashable {
    public var projectID: Int64
    public var at: String
    public var actor: String
    public var action: ProjectAction
    public var from: ProjectStatus
    public var to: ProjectStatus
    public var note: String?
    public init(projectID: Int64, at: String, actor: String, action: ProjectAction, from: ProjectStatus, to: ProjectStatus, note: String?) {
        self.projectID = projectID; self.at = at; self.actor = actor; self.action = action; self.from = from; self.to = to; self.note = note
    }
}

/// An expert of the pool with who recommended them and whether they serve as a chief expert.
public struct PoolExpert: Sendable, Hashable {
    public var expert: Expert
    /// The institution that recommended them (F18: ten institutions asked).
    public var recommendedBy: String?
    public var chief: Bool
    public init(expert: Expert, recommendedBy: String?, chief: Bool) { self.expert = expert; self.recommendedBy = recommendedBy; self.chief = chief }
}

/// A reviewer on a project's panel and their score once given (0–100).
public struct ReviewAssignment: Sendable, Hashable {
    public var projectID: Int64
    public var expertID: String
    public var assignedAt: String
    public var score: Double?
    public var scoredAt: String?
    public init(projectID: Int64, expertID: String, assignedAt: String, score: Double? = nil, scoredAt: String? = nil) {
        self.projectID = projectID; self.expertID = expertID; self.assignedAt = assignedAt; self.score = score; self.scoredAt = scoredAt
    }
}

/// A firm's technical need in a chief-expert round (rules.md §11.9 E1).
public struct ChiefNeed: Sendable, Hashable {
    public enum Channel: String, Sendable, Codable, CaseIterable { case platform, chatGroup, visit }
    public var id: Int64
    public var round: String
    public var uscc: USCC
    public var field: String
    public var problem: String
    public var channel: Channel
    public var createdAt: String
    public init(id: Int64 = 0, round: String, uscc: USCC, field: String, problem: String, channel: Channel, createdAt: String) {
        self.id = id; self.round = round; self.uscc = uscc; self.field = field; self.problem = problem; self.channel = channel; self.createdAt = createdAt
    }
}

/// A proposed chief expert for a need; the one-year term starts when both sides accept (E2),
/// and the expert's results are counted against the per-term targets (E3).
public struct ChiefMatch: Sendable, Hashable {
    public var needID: Int64
    public var expertID: String
    public var proposedAt: String
    public var firmAcceptedAt: String?
    public var expertAcceptedAt: String?
    public var termStarts: LocalDate?
    public var termEnds: LocalDate?
    public var achievements: Int
    public var problemsSolved: Int
    public var trainings: Int
    public init(needID: Int64, expertID: String, proposedAt: String, firmAcceptedAt: String? = nil, expertAcceptedAt: String? = nil,
                termStarts: LocalDate? = nil, termEnds: LocalDate? = nil, achievements: Int = 0, problemsSolved: Int = 0, trainings: Int = 0) {
        self.needID = needID; self.expertID = expertID; self.proposedAt = proposedAt; self.firmAcceptedAt = firmAcceptedAt
        self.expertAcceptedAt = expertAcceptedAt; self.termStarts = termStarts; self.termEnds = termEnds
        self.achievements = achievements; self.problemsSolved = problemsSolved; self.trainings = trainings
    }
}

/// One result of a chief expert's term with its evidence (E3): an achievement converted or
/// applied, a problem solved, or a training given.
public struct ChiefResult: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable { case achievement, problemSolved, training }
    public var id: Int64
    public var needID: Int64
    public var kind: Kind
    public var title: String
    public var evidence: String
    public var happenedOn: LocalDate
    public var recordedAt: String
    public var recordedBy: String
    public init(id: Int64 = 0, needID: Int64, kind: Kind, title: String, evidence: String, happenedOn: LocalDate, recordedAt: String, recordedBy: String) {
        self.id = id; self.needID = needID; self.kind = kind; self.title = title; self.evidence = evidence; self.happenedOn = happenedOn
        self.recordedAt = recordedAt; self.recordedBy = recordedBy
    }
}

/// An industry–university matching event (F17: 40 firms at one event, 15 intentions).
public struct MatchmakingEvent: Sendable, Hashable {
    public var id: Int64
    public var title: String
    public var heldOn: LocalDate
    public var partner: String
    public init(id: Int64 = 0, title: String, heldOn: LocalDate, partner: String) { self.id = id; self.title = title; self.heldOn = heldOn; self.partner = partner }
}

/// A firm's way through an event: registered, attended, an intention, a contract.
public struct EventFirm: Sendable, Hashable {
    public var eventID: Int64
    public var uscc: USCC
    public var attended: Bool
    public var intention: String?
    public var contractFen: Int64?
    public init(eventID: Int64, uscc: USCC, attended: Bool, intention: String? = nil, contractFen: Int64? = nil) {
        self.eventID = eventID; self.uscc = uscc; self.attended = attended; self.intention = intention; self.contractFen = contractFen
    }
}

/// A supporting firm a chain leader brought into the district (F25).
public struct ChainSupplier: Sendable, Hashable {
    public var leader: USCC
    public var supplier: USCC
    public var chain: String
    public var since: LocalDate
    public init(leader: USCC, supplier: USCC, chain: String, since: LocalDate) { self.leader = leader; self.supplier = supplier; self.chain = chain; self.since = since }
}

public protocol ProgrammeStore: Sendable {
    func upsertProgrammes(_ programmes: [Programme]) async throws
    func fetchProgrammes() async throws -> [Programme]
    func insertCall(_ call: ProgrammeCall) async throws -> Int64
    func fetchCalls() async throws -> [ProgrammeCall]
    /// Nil when the firm already applied under the call with that title.
    func insertProject(_ project: ProjectRecord) async throws -> Int64?
    func fetchProject(_ id: Int64) async throws -> ProjectRecord?
    func fetchProjects(callID: Int64) async throws -> [ProjectRecord]
    func fetchProjects(uscc: USCC) async throws -> [ProjectRecord]
    /// On PostgreSQL, holds the project's row until the transaction ends, so a milestone plan
    /// and a report cannot interleave (SQLite's single writer already serialises them).
    func lockProject(_ id: Int64) async throws
    /// Replaces a project's milestone plan.
    func replaceMilestones(projectID: Int64, _ milestones: [ProjectMilestone]) async throws
    func fetchMilestones(projectID: Int64) async throws -> [ProjectMilestone]
    /// Files a milestone's report once; false when it is missing or was reported before.
    func reportMilestone(projectID: Int64, seq: Int, on: LocalDate, report: String, by: String) async throws -> Bool
    /// Moves a project from `step.from` to `step.to` and logs the step; false when it was no
    /// longer in `step.from` (a concurrent step won).
    func moveProject(_ step: ProjectStep) async throws -> Bool
    func fetchSteps(projectID: Int64) async throws -> [ProjectStep]
    func upsertExperts(_ experts: [PoolExpert]) async throws
    func fetchExperts() async throws -> [PoolExpert]
    func insertAssignments(_ assignments: [ReviewAssignment]) async throws
    /// Records a reviewer's score once; false when they are not on the panel or already scored.
    func recordScore(projectID: Int64, expertID: String, score: Double, at: String) async throws -> Bool
    func fetchAssignments(callID: Int64) async throws -> [ReviewAssignment]
    func fetchAssignments(expertID: String) async throws -> [ReviewAssignment]
    func insertNeeds(_ needs: [ChiefNeed]) async throws
    func fetchNeeds(round: String?) async throws -> [ChiefNeed]
    func insertMatches(_ matches: [ChiefMatch]) async throws
    func fetchMatches() async throws -> [ChiefMatch]
    /// Records one side's acceptance; the term is set when the other side has accepted too.
    func acceptMatch(needID: Int64, firm: Bool, at: String, termStarts: LocalDate, termEnds: LocalDate) async throws -> Bool
    /// Stores a result and counts it on its match, in one unit.
    func insertChiefResult(_ result: ChiefResult) async throws -> Int64
    func fetchChiefResults(needID: Int64) async throws -> [ChiefResult]
    func insertEvent(_ event: MatchmakingEvent, firms: [EventFirm]) async throws -> Int64
    func fetchEvents() async throws -> [MatchmakingEvent]
    func fetchEventFirms() async throws -> [EventFirm]
    /// Registers a firm for an event; false when it was registered already.
    func registerFirm(eventID: Int64, uscc: USCC) async throws -> Bool
    /// Moves a registered firm one stage on (attended, an intention, a contract); false when it
    /// is not registered or not at the stage before.
    func advanceFirm(eventID: Int64, uscc: USCC, to stage: EventStage, intention: String?, contractFen: Int64?) async throws -> Bool
    func insertChainSuppliers(_ suppliers: [ChainSupplier]) async throws
    func fetchChainSuppliers() async throws -> [ChainSupplier]
}
