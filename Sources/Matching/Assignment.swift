/// Proposes experts for subjects (issue: programmes and matching, item 1): affinity by fields
/// and keywords, hard conflict exclusion, capacity, and load balance. The same input always
/// gives the same proposal, whatever the order experts and subjects arrive in.
public struct Assigner: Sendable {
    public var rule: ConflictRule
    /// How much a fuller expert is held back: affinity − `loadPenalty` × load share.
    public var loadPenalty: Double

    public init(rule: ConflictRule = ConflictRule(), loadPenalty: Double = 0.25) {
        self.rule = rule; self.loadPenalty = loadPenalty
    }

    /// Field overlap (Jaccard) counts three times as much as keyword overlap; 0…1.
    public static func affinity(_ e: Expert, _ s: MatchSubject) -> Double {
        func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
            let union = a.union(b).count
            return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
        }
        return 0.75 * jaccard(e.fields, s.fields) + 0.25 * jaccard(e.keywords, s.keywords)
    }

    public struct Proposal: Sendable, Hashable {
        public var subject: String
        public var experts: [String]
        /// Experts left out for a conflict, with why (for the reviewer's record).
        public var excluded: [String: [Conflict]]
        /// Fewer experts than needed could be found.
        public var short: Int
    }

    /// One proposal per subject. Subjects are served in id order, each taking its best
    /// remaining experts (no field in common → not proposed).
    public func assign(_ subjects: [MatchSubject], _ experts: [Expert], year: Int) -> [Proposal] {
        // A duplicated id keeps its larger load (never a crash, never extra capacity).
        var load = Dictionary(experts.map { ($0.id, $0.load) }, uniquingKeysWith: max)
        let pool = experts.sorted { $0.id < $1.id }
        return subjects.sorted { $0.id < $1.id }.map { s in
            var excluded: [String: [Conflict]] = [:]
            var candidates: [(expert: Expert, score: Double)] = []
            for e in pool {
                let c = rule.conflicts(e, s, year: year)
                if !c.isEmpty { excluded[e.id] = c; continue }
                let used = load[e.id] ?? 0
                guard used < e.capacity else { continue }
                let a = Self.affinity(e, s)
                guard a > 0, !e.fields.isDisjoint(with: s.fields) else { continue }
                candidates.append((e, a - loadPenalty * Double(used) / Double(max(e.capacity, 1))))
            }
            let chosen = candidates.sorted { ($0.score, $1.expert.id) > ($1.score, $0.expert.id) }.prefix(max(0, s.needed)).map(\.expert.id)
            for id in chosen { load[id, default: 0] += 1 }
            return Proposal(subject: s.id, experts: chosen, excluded: excluded, short: max(0, s.needed - chosen.count))
        }
    }
}
