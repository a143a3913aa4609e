import Foundation
import Kernel
import Qualification
import Registry
import Storage

extension AssessmentFacts {
    /// The facts of a stored enterprise. Compliance, years in the niche and the product's field
    /// are not kept in the registry, so they are unknown (and reported as such).
    public init(source s: AssessmentSource, asOf: LocalDate) {
        let e = s.enterprise
        self.init(uscc: e.uscc, name: e.name, registeredOn: e.registeredOn, asOf: asOf, sme: e.sme, fiscalYears: s.fiscalYears,
                  ip: s.evidence.ip, designations: s.designations, awards: s.evidence.awards, rdInstitutions: s.evidence.rdInstitutions,
                  standardsLed: s.evidence.standardsLed, equityFinancing: s.evidence.equityFinancing)
    }
}

/// Re-evaluates every enterprise in the registry (`kechuang assess --all`, and nightly in the
/// server), stores each standing, and records what changed since the previous run.
public struct BatchAssessment: Sendable {
    public let transactor: any Transactor
    public let rules: RuleSet
    public let now: @Sendable () -> String

    public init(transactor: any Transactor, rules: RuleSet = .cn2024_1, now: @escaping @Sendable () -> String) {
        self.transactor = transactor; self.rules = rules; self.now = now
    }

    /// Runs over the registry in batches of `batchSize`; `progress(done, total)` after each.
    @discardableResult
    public func run(asOf: LocalDate, trigger: String, actor: String, batchSize: Int = 1_000,
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> AssessmentRun {
        let rules = self.rules, transactor = self.transactor
        let started = now()
        let (runID, total) = try await transactor.write { stores in
            (try await stores.qualification.startRun(AssessmentRun(startedAt: started, asOf: asOf, ruleSet: rules.id, trigger: trigger)),
             try await stores.registry.countEnterprises())
        }
        let counter = Counter()
        try await transactor.read { stores in
            try await stores.qualification.forEachAssessmentBatch(batchSize: batchSize) { batch in
                let evaluated = batch.map { s in (s.enterprise.uscc, EnterpriseEvaluation.evaluate(AssessmentFacts(source: s, asOf: asOf), rules: rules)) }
                let changed = try await transactor.write { w in
                    let before = try await w.qualification.fetchStandings(evaluated.map(\.0))
                    var changes: [(USCC, StandingChange)] = []
                    for (u, e) in evaluated { changes += e.standing.changes(since: before[u]?.standing).map { (u, $0) } }
                    try await w.qualification.upsertStandings(evaluated.map { u, e in
                        (u, StoredStanding(standing: e.standing, runID: runID, asOf: asOf, poolCandidate: e.poolCandidate,
                                           nearMissSteps: e.nearMiss?.unmet, nearMissCost: e.nearMiss?.estimatedCost))
                    })
                    try await w.qualification.insertChanges(runID, changes)
                    return Set(changes.map(\.0.code)).count
                }
                let (done, _) = counter.add(batch.count, changed)
                progress(done, total)
            }
        }
        let (assessed, changed) = counter.add(0, 0)
        let finished = now()
        try await transactor.write { stores in
            try await stores.qualification.finishRun(runID, finishedAt: finished, assessed: assessed, changed: changed)
            try await stores.audit(AuditEntry(at: finished, actor: actor, action: "assessment.run", subject: "run:\(runID)",
                                              detail: "asOf=\(asOf) ruleSet=\(rules.id) assessed=\(assessed) changed=\(changed)"))
        }
        return AssessmentRun(id: runID, startedAt: started, finishedAt: finished, asOf: asOf, ruleSet: rules.id, trigger: trigger,
                             assessed: assessed, changed: changed)
    }

    /// Totals across batches (batches run one after another; the lock is for Sendable).
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var assessed = 0, changed = 0
        func add(_ a: Int, _ c: Int) -> (Int, Int) {
            lock.lock(); defer { lock.unlock() }
            assessed += a; changed += c
            return (assessed, changed)
        }
    }
}
