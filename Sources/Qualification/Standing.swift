import Registry

/// Where an enterprise stands against each qualification, reduced to what a batch run stores and
/// compares from one run to the next: "qualifies" for the five with a yes/no answer, the verdict
/// and score range for 高企 (a pre-screen; the experts decide).
public struct Standing: Sendable, Hashable, Codable {
    public var techSME: Bool
    public var cqTechEnterprise: Bool
    public var highTech: HighTechResult.Verdict
    public var highTechScore: PointRange
    public var innovativeSME: Bool
    public var specializedSME: Bool
    public var littleGiant: Bool

    public init(techSME: Bool, cqTechEnterprise: Bool, highTech: HighTechResult.Verdict, highTechScore: PointRange,
                innovativeSME: Bool, specializedSME: Bool, littleGiant: Bool) {
        self.techSME = techSME; self.cqTechEnterprise = cqTechEnterprise; self.highTech = highTech
        self.highTechScore = highTechScore; self.innovativeSME = innovativeSME; self.specializedSME = specializedSME
        self.littleGiant = littleGiant
    }

    /// The qualifications in ladder order, each with the value a person reads ("qualifies",
    /// "no", or the 高企 verdict). The score range is left out: it moves with every fact and is
    /// not a change of standing.
    public var entries: [(QualificationKind, String)] {
        func yes(_ b: Bool) -> String { b ? "qualifies" : "no" }
        return [(.techSME, yes(techSME)), (.cqTechEnterprise, yes(cqTechEnterprise)), (.highTech, highTech.rawValue),
                (.innovativeSME, yes(innovativeSME)), (.specializedSME, yes(specializedSME)), (.littleGiant, yes(littleGiant))]
    }

    /// What changed from `before`. For an enterprise never assessed (nil) only the rungs it
    /// meets are news; "does not qualify" is not a change from nothing.
    public func changes(since before: Standing?) -> [StandingChange] {
        guard let before else {
            return entries.filter { meets($0.0) }.map { StandingChange(qualification: $0.0, before: nil, after: $0.1) }
        }
        let old = Dictionary(uniqueKeysWithValues: before.entries.map { ($0.0, $0.1) })
        return entries.compactMap { kind, value in
            old[kind] == value ? nil : StandingChange(qualification: kind, before: old[kind], after: value)
        }
    }

    /// Meets the rung by the rules: qualifies; for 高企, no hard condition unmet and a score range
    /// that reaches the pass mark (`possible` or `likely`): worth applying, never a pass, which
    /// the experts decide.
    public func meets(_ kind: QualificationKind) -> Bool {
        switch kind {
        case .techSME: return techSME
        case .cqTechEnterprise: return cqTechEnterprise
        case .highTech: return highTech == .possible || highTech == .likely
        case .innovativeSME: return innovativeSME
        case .specializedSME: return specializedSME
        case .littleGiant: return littleGiant
        }
    }
}

public struct StandingChange: Sendable, Hashable, Codable {
    public var qualification: QualificationKind
    public var before: String?
    public var after: String
    public init(qualification: QualificationKind, before: String?, after: String) {
        self.qualification = qualification; self.before = before; self.after = after
    }
}

/// The six qualifications the engine evaluates, with the contract's keys.
public enum QualificationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case techSME, cqTechEnterprise, highTech, innovativeSME, specializedSME, littleGiant

    /// The designation a bureau records when the enterprise is recognised for this qualification.
    public var designation: DesignationKind {
        switch self {
        case .techSME: return .techSME
        case .cqTechEnterprise: return .cqTechEnterprise
        case .highTech: return .highTech
        case .innovativeSME: return .innovativeSME
        case .specializedSME: return .specializedSME
        case .littleGiant: return .littleGiant
        }
    }

    public var chineseName: String { designation.chineseName }

    /// The qualification a designation records; nil for the district pool, which is not evaluated.
    public init?(designation: DesignationKind) {
        guard let k = Self.allCases.first(where: { $0.designation == designation }) else { return nil }
        self = k
    }
}
