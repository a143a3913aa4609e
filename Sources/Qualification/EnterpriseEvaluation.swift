import Kernel

/// Everything the district reads about one enterprise from one evaluation: the six
/// qualifications, the pool checklist and whether it is a candidate, and the 高企 near-miss.
public struct EnterpriseEvaluation: Sendable, Hashable {
    public var assessment: Assessment
    public var poolChecks: [Check]
    public var poolCandidate: Bool
    public var nearMiss: NearMiss?

    public static func evaluate(_ f: AssessmentFacts, rules: RuleSet) -> EnterpriseEvaluation {
        let a = Assessment.evaluate(f, rules: rules)
        let checks = PoolChecklist.evaluate(f, rules: rules.pool)
        return EnterpriseEvaluation(
            assessment: a, poolChecks: checks,
            poolCandidate: PoolChecklist.isCandidate(checks, designations: f.designations, on: f.asOf),
            nearMiss: NearMiss.of(a, costs: rules.gapCosts))
    }

    public var standing: Standing { assessment.standing }
}
