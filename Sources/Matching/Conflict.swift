import Kernel

/// Why an expert may not be assigned to a subject. Conflicts are hard exclusions: no affinity
/// outweighs them, and missing data counts as a conflict (fail safe).
public enum Conflict: Sendable, Hashable, Codable {
    case sameInstitution(String)
    case recentCollaboration(party: String, year: Int)
    case declaredInterest(String)
    /// The expert's institution is unknown: a human must clear the assignment.
    case affiliationUnknown

    public var chineseName: String {
        switch self {
        case .sameInstitution(let i): return "同单位：\(i)"
        case .recentCollaboration(let p, let y): return "近期合作：\(p)（\(y)）"
        case .declaredInterest(let p): return "申报利益关系：\(p)"
        case .affiliationUnknown: return "工作单位未知，需人工核查"
        }
    }
}

/// The conflict-of-interest rule as data [I: the windows are ours, configurable].
public struct ConflictRule: Sendable, Hashable, Codable {
    /// Joint work in the assignment year, in this many years before it, or dated after it
    /// (planned work, a past year re-run) is a conflict (3: for 2024, joint work from 2021 on [I]).
    public var collaborationYears: Int
    public init(collaborationYears: Int = 3) { self.collaborationYears = collaborationYears }

    public func conflicts(_ e: Expert, _ s: MatchSubject, year: Int) -> [Conflict] {
        var out: [Conflict] = []
        guard let institution = e.institution, !institution.isEmpty else { return [.affiliationUnknown] }
        if s.institutions.contains(institution) { out.append(.sameInstitution(institution)) }
        let parties = s.institutions.union([s.firm.code])
        for c in e.collaborations where parties.contains(c.party) && year - c.year <= collaborationYears {
            out.append(.recentCollaboration(party: c.party, year: c.year))
        }
        for p in e.declaredInterests.sorted() where parties.contains(p) { out.append(.declaredInterest(p)) }
        return out
    }
}
