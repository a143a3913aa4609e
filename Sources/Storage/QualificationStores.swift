import Kernel
import Qualification
import Registry

/// One batch re-evaluation of the district (`kechuang assess --all`, or the nightly run).
public struct AssessmentRun: Sendable, Hashable, Codable {
    public var id: Int64
    public var startedAt: String
    public var finishedAt: String?
    public var asOf: LocalDate
    public var ruleSet: String
    /// `cli`, `nightly` or `web`.
    public var trigger: String
    public var assessed: Int
    public var changed: Int

    public init(id: Int64 = 0, startedAt: String, finishedAt: String? = nil, asOf: LocalDate, ruleSet: String, trigger: String,
                assessed: Int = 0, changed: Int = 0) {
        self.id = id; self.startedAt = startedAt; self.finishedAt = finishedAt; self.asOf = asOf; self.ruleSet = ruleSet
        self.trigger = trigger; self.assessed = assessed; self.changed = changed
    }
}

/// An enterprise's standing as the last run left it, with what the ladder lists need.
public struct StoredStanding: Sendable, Hashable, Codable {
    public var standing: Standing
    public var runID: Int64
    public var asOf: LocalDate
    public var poolCandidate: Bool
    /// Set for 高企 near-misses: the steps and their estimated cost.
    public var nearMissSteps: Int?
    public var nearMissCost: Money?

    public init(standing: Standing, runID: Int64, asOf: LocalDate, poolCandidate: Bool, nearMissSteps: Int? = nil, nearMissCost: Money? = nil) {
        self.standing = standing; self.runID = runID; self.asOf = asOf; self.poolCandidate = poolCandidate
        self.nearMissSteps = nearMissSteps; self.nearMissCost = nearMissCost
    }
}

/// A change of standing found by a run, with the enterprise's name for lists.
public struct RecordedChange: Sendable, Hashable, Codable {
    public var runID: Int64
    public var uscc: USCC
    public var name: String
    public var change: StandingChange
    public init(runID: Int64, uscc: USCC, name: String, change: StandingChange) {
        self.runID = runID; self.uscc = uscc; self.name = name; self.change = change
    }
}

/// An enterprise in a ladder list.
public struct LadderEntry: Sendable, Hashable, Codable {
    public var uscc: USCC
    public var name: String
    /// What the list is about: an expiry date, a near-miss cost, an admission date.
    public var detail: String?
    public init(uscc: USCC, name: String, detail: String? = nil) { self.uscc = uscc; self.name = name; self.detail = detail }
}

/// The most recent batch of a designation and the enterprises in it (the letter's F7).
public struct LatestBatch: Sendable, Hashable, Codable {
    public var batch: String
    public var enterprises: Int
    public init(batch: String, enterprises: Int) { self.batch = batch; self.enterprises = enterprises }
}

/// Everything the assessment of one stored enterprise reads.
public struct AssessmentSource: Sendable {
    public var enterprise: Enterprise
    public var fiscalYears: [FiscalYearFacts]
    public var designations: [Designation]
    public var evidence: InnovationEvidence
    public init(enterprise: Enterprise, fiscalYears: [FiscalYearFacts], designations: [Designation], evidence: InnovationEvidence) {
        self.enterprise = enterprise; self.fiscalYears = fiscalYears; self.designations = designations; self.evidence = evidence
    }
}

/// A reminder that a designation expires soon, recorded once per window (90, then 30 days).
public struct ExpiryReminder: Sendable, Hashable, Codable {
    public var uscc: USCC
    public var kind: DesignationKind
    public var issuedOn: LocalDate
    public var expiresOn: LocalDate
    public var daysBefore: Int
    public var dueOn: LocalDate
    public var recordedAt: String
    public init(uscc: USCC, kind: DesignationKind, issuedOn: LocalDate, expiresOn: LocalDate, daysBefore: Int, dueOn: LocalDate, recordedAt: String) {
        self.uscc = uscc; self.kind = kind; self.issuedOn = issuedOn; self.expiresOn = expiresOn; self.daysBefore = daysBefore
        self.dueOn = dueOn; self.recordedAt = recordedAt
    }
}

/// Batch runs, standings and the changes between runs.
public protocol QualificationStore: Sendable {
    func startRun(_ run: AssessmentRun) async throws -> Int64
    func finishRun(_ id: Int64, finishedAt: String, assessed: Int, changed: Int) async throws
    func fetchRuns(limit: Int) async throws -> [AssessmentRun]

    func fetchStandings(_ usccs: [USCC]) async throws -> [USCC: StoredStanding]
    func upsertStandings(_ rows: [(USCC, StoredStanding)]) async throws
    func insertChanges(_ runID: Int64, _ rows: [(USCC, StandingChange)]) async throws
    func fetchChanges(runID: Int64, limit: Int) async throws -> [RecordedChange]
    func fetchChanges(_ uscc: USCC, limit: Int) async throws -> [RecordedChange]

    /// Enterprises whose standing meets `kind` but that hold no designation of it valid on `date`.
    func newlyMeeting(_ kind: QualificationKind, on date: LocalDate, limit: Int) async throws -> [LadderEntry]
    func countNewlyMeeting(_ kind: QualificationKind, on date: LocalDate) async throws -> Int
    /// 高企 near-misses, fewest steps then cheapest first; detail is the estimated cost in yuan.
    func nearMisses(limit: Int) async throws -> [LadderEntry]
    /// Designations of `kind` valid on `date` whose expiry falls within `days` after it; detail is the expiry.
    func expiring(_ kind: DesignationKind, on date: LocalDate, within days: Int, limit: Int) async throws -> [LadderEntry]
    func countExpiring(_ kind: DesignationKind, on date: LocalDate, within days: Int) async throws -> Int
    /// Holders of a designation of `kind` valid on `date`; detail is the issue date.
    func holders(_ kind: DesignationKind, on date: LocalDate, limit: Int) async throws -> [LadderEntry]
    func poolCandidates(limit: Int) async throws -> [LadderEntry]
    func countPoolCandidates() async throws -> Int
    /// The most recent batch of `kind` issued by `date` (by its latest issue date), with the
    /// enterprises in it.
    func latestBatch(_ kind: DesignationKind, on date: LocalDate) async throws -> LatestBatch?

    /// Designations valid on `date` that expire within `days` after it.
    func designationsExpiring(on date: LocalDate, within days: Int) async throws -> [(USCC, Designation)]
    /// Records the reminders not yet recorded; returns those that were new.
    func recordReminders(_ reminders: [ExpiryReminder]) async throws -> [ExpiryReminder]
    func fetchReminders(_ uscc: USCC?, limit: Int) async throws -> [ExpiryReminder]

    /// Streams what the assessment reads, `batchSize` enterprises at a time, in USCC order.
    func forEachAssessmentBatch(batchSize: Int, _ body: @Sendable ([AssessmentSource]) async throws -> Void) async throws
    func fetchAssessmentSource(_ uscc: USCC) async throws -> AssessmentSource?
}

/// The district 高企培育库: its event log, and the research projects its rule counts.
public protocol PoolStore: Sendable {
    func appendEvents(_ events: [PoolEvent]) async throws
    func fetchEvents(_ uscc: USCC?, limit: Int) async throws -> [(PoolEvent, String)]
    func insertProjects(_ rows: [(USCC, SupportedProject)]) async throws
    func fetchProjects(_ usccs: [USCC]) async throws -> [USCC: [SupportedProject]]
}
