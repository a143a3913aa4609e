import Kernel
import Qualification
import Registry
import Storage

/// One rung of the district ladder (科技型企业 → 高企培育库 → 高新技术企业 → 专精特新 → 小巨人).
public struct LadderStep: Sendable, Hashable {
    public var kind: DesignationKind
    /// Holders valid on the date.
    public var holders: Int
    /// Designations issued within the period (the letter's "new since 2023").
    public var new: Int
    /// Firms the last batch run found meeting the rung without holding it (nil for the pool,
    /// whose candidates come from its checklist instead).
    public var newlyMeeting: Int
    /// Holders whose designation expires within the reminder window.
    public var expiring: Int
    /// The latest batch issued by the date and how many enterprises it holds (the letter's F7).
    public var latestBatch: LatestBatch?
}

public struct Ladder: Sendable, Hashable {
    public var asOf: LocalDate
    public var since: LocalDate
    public var steps: [LadderStep]
    public var lastRun: AssessmentRun?

    /// The rungs in ladder order, as the issue and rules.md §11.1 D5 give them.
    public static let kinds: [DesignationKind] = [.cqTechEnterprise, .highTechPool, .highTech, .specializedSME, .littleGiant]
}

/// What the qualification pages read: the ladder, its lists, one enterprise's evaluation, runs
/// and changes.
public struct QualificationReader: Sendable {
    public let transactor: any Transactor
    public let rules: RuleSet
    public let reminders: ReminderPolicy

    public init(transactor: any Transactor, rules: RuleSet = .cn2024_1, reminders: ReminderPolicy = ReminderPolicy()) {
        self.transactor = transactor; self.rules = rules; self.reminders = reminders
    }

    var window: Int { reminders.daysBefore.first ?? 90 }

    public func ladder(asOf: LocalDate, since: LocalDate) async throws -> Ladder {
        let window = self.window
        return try await transactor.read { stores in
            var steps: [LadderStep] = []
            for kind in Ladder.kinds {
                let q = stores.qualification
                // The pool is not evaluated: its "newly meeting" are the checklist's candidates.
                let meeting: Int
                if let qk = QualificationKind(designation: kind) { meeting = try await q.countNewlyMeeting(qk, on: asOf) }
                else { meeting = try await q.countPoolCandidates() }
                steps.append(LadderStep(
                    kind: kind, holders: try await stores.district.countDesignationsValid(kind, on: asOf),
                    new: try await stores.district.countDesignationsIssued(kind, from: since, to: asOf),
                    newlyMeeting: meeting,
                    expiring: try await q.countExpiring(kind, on: asOf, within: window),
                    latestBatch: try await q.latestBatch(kind, on: asOf)))
            }
            return Ladder(asOf: asOf, since: since, steps: steps, lastRun: try await stores.qualification.fetchRuns(limit: 1).first)
        }
    }

    public enum ListKind: String, Sendable, CaseIterable { case holders, newlyMeeting, expiring, nearMiss }

    /// The firms behind one number of the ladder.
    public func list(_ kind: DesignationKind, _ list: ListKind, asOf: LocalDate, limit: Int = 200) async throws -> [LadderEntry] {
        let window = self.window
        return try await transactor.read { stores in
            let q = stores.qualification
            switch list {
            case .holders: return try await q.holders(kind, on: asOf, limit: limit)
            case .expiring: return try await q.expiring(kind, on: asOf, within: window, limit: limit)
            case .nearMiss: return try await q.nearMisses(limit: limit)
            case .newlyMeeting:
                guard let qk = QualificationKind(designation: kind) else { return try await q.poolCandidates(limit: limit) }
                return try await q.newlyMeeting(qk, on: asOf, limit: limit)
            }
        }
    }

    public func runs(limit: Int = 10) async throws -> [AssessmentRun] {
        try await transactor.read { try await $0.qualification.fetchRuns(limit: limit) }
    }

    public func changes(runID: Int64, limit: Int) async throws -> [RecordedChange] {
        try await transactor.read { try await $0.qualification.fetchChanges(runID: runID, limit: limit) }
    }

    public func changes(_ uscc: USCC, limit: Int = 50) async throws -> [RecordedChange] {
        try await transactor.read { try await $0.qualification.fetchChanges(uscc, limit: limit) }
    }

    /// One enterprise evaluated now from its record (the panel on its page).
    public func evaluate(_ uscc: USCC, asOf: LocalDate) async throws -> (AssessmentFacts, EnterpriseEvaluation)? {
        let rules = self.rules
        return try await transactor.read { stores in
            guard let source = try await stores.qualification.fetchAssessmentSource(uscc) else { return nil }
            let facts = AssessmentFacts(source: source, asOf: asOf)
            return (facts, EnterpriseEvaluation.evaluate(facts, rules: rules))
        }
    }
}
