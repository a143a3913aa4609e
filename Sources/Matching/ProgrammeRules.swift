/// The thresholds of programme review and the chief-expert scheme, as one versioned value
/// (like the qualification rule sets): a change is a new version, and each number names where
/// it comes from.
public struct ProgrammeRules: Sendable, Hashable, Codable {
    public var id: String
    /// Panel moderation: outliers and disagreement [I].
    public var moderation: ModerationRule
    /// Conflicts of interest, e.g. joint work within 3 years [I].
    public var conflicts: ConflictRule
    /// A chief expert serves one to three firms (rules.md §11.9 E1).
    public var chiefCapacity: ClosedRange<Int>
    /// The chief expert's term, in years, from the second acceptance (E2).
    public var chiefTermYears: Int
    /// Per-term targets (E3): achievements converted or applied, problems solved, trainings.
    public var achievements: Int, problemsSolved: Int, trainings: Int
    /// When a firm's claims are flagged as possible double funding [I].
    public var overlap: OverlapRule
    /// How local suppliers are proposed for a chain leader's purchase need [I].
    public var supply: SupplyRule

    public init(id: String, moderation: ModerationRule, conflicts: ConflictRule, chiefCapacity: ClosedRange<Int>, chiefTermYears: Int,
                achievements: Int, problemsSolved: Int, trainings: Int, overlap: OverlapRule, supply: SupplyRule) {
        self.id = id; self.moderation = moderation; self.conflicts = conflicts; self.chiefCapacity = chiefCapacity
        self.chiefTermYears = chiefTermYears; self.achievements = achievements; self.problemsSolved = problemsSolved; self.trainings = trainings
        self.overlap = overlap; self.supply = supply
    }

    /// The scheme as the letter 铜科局函〔2024〕8号 describes it (rules.md §11.9 E1–E3), with our
    /// moderation, conflict, double-funding and supplier-matching choices. Version .2 added the
    /// last two (overlap: similar text 0.6; supply: capability 0.8 + chain 0.2, floor 0.25, 5 per need).
    public static let tongliang2024 = ProgrammeRules(id: "programmes-2024.2", moderation: ModerationRule(), conflicts: ConflictRule(),
                                                     chiefCapacity: 1...3, chiefTermYears: 1, achievements: 2, problemsSolved: 1, trainings: 1,
                                                     overlap: OverlapRule(similarText: 0.6),
                                                     supply: SupplyRule(capabilityWeight: 0.8, chainWeight: 0.2, maxProposals: 5, minAffinity: 0.25))

    /// Whether a chief expert's term met every target (E3).
    public func targetsMet(achievements a: Int, problemsSolved p: Int, trainings t: Int) -> Bool {
        a >= achievements && p >= problemsSolved && t >= trainings
    }
}
