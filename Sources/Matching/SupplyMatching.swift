import Kernel

/// What a chain leader buys, as capabilities a supplier must have (issue: programmes and
/// matching, item 6).
public struct PurchaseNeed: Sendable, Hashable {
    public var id: Int64
    public var leader: USCC
    public var chain: String
    public var title: String
    public var capabilities: Set<String>
    /// What the leader spends on it in a year, in fen.
    public var annualFen: Int64
    public init(id: Int64 = 0, leader: USCC, chain: String, title: String, capabilities: Set<String>, annualFen: Int64) {
        self.id = id; self.leader = leader; self.chain = chain; self.title = title; self.capabilities = capabilities; self.annualFen = annualFen
    }
}

/// A district firm's capability profile, as it describes itself.
public struct SupplierProfile: Sendable, Hashable {
    public var uscc: USCC
    public var chains: Set<String>
    public var capabilities: Set<String>
    public var summary: String
    public init(uscc: USCC, chains: Set<String>, capabilities: Set<String>, summary: String) {
        self.uscc = uscc; self.chains = chains; self.capabilities = capabilities; self.summary = summary
    }
}

/// How local suppliers are proposed for a leader's need [I; the values are in
/// `ProgrammeRules`]: capability overlap (Jaccard) weighs `capabilityWeight` and belonging to the
/// need's chain `chainWeight`; a supplier must share at least one capability and reach
/// `minAffinity`; at most `maxProposals` per need; never the leader itself nor a firm that already
/// supplies it. Ties go to the lower USCC, so the same input gives the same proposal.
public struct SupplyRule: Sendable, Hashable, Codable {
    public var capabilityWeight: Double
    public var chainWeight: Double
    public var maxProposals: Int
    public var minAffinity: Double
    public init(capabilityWeight: Double, chainWeight: Double, maxProposals: Int, minAffinity: Double) {
        self.capabilityWeight = capabilityWeight; self.chainWeight = chainWeight; self.maxProposals = maxProposals; self.minAffinity = minAffinity
    }

    public func affinity(_ need: PurchaseNeed, _ p: SupplierProfile) -> Double {
        let union = need.capabilities.union(p.capabilities).count
        let overlap = union == 0 ? 0 : Double(need.capabilities.intersection(p.capabilities).count) / Double(union)
        return capabilityWeight * overlap + (p.chains.contains(need.chain) ? chainWeight : 0)
    }

    public func propose(_ need: PurchaseNeed, among profiles: [SupplierProfile], excluding: Set<USCC> = []) -> [(supplier: USCC, affinity: Double)] {
        profiles
            .filter { $0.uscc != need.leader && !excluding.contains($0.uscc) && !$0.capabilities.isDisjoint(with: need.capabilities) }
            .map { ($0.uscc, affinity(need, $0)) }
            .filter { $0.1 >= minAffinity }
            .sorted { ($0.1, $1.0.code) > ($1.1, $0.0.code) }
            .prefix(max(0, maxProposals))
            .map { (supplier: $0.0, affinity: $0.1) }
    }

    /// The share of a leader's (or a chain's) purchases placed with district suppliers, 0…1;
    /// nil when no purchase total was declared. Orders above the declared total (a total out of
    /// date) are capped at 1.
    public static func localShare(orderedFen: Int64, totalFen: Int64) -> Double? {
        guard totalFen > 0 else { return nil }
        return min(1, Double(max(0, orderedFen)) / Double(totalFen))
    }
}

/// Where a proposed supplier stands with the leader: proposed, met at an order meeting
/// (供需对接会), ordered (with the order's value), or declined.
public enum SupplyStage: String, Sendable, Hashable, Codable, CaseIterable {
    case proposed, met, ordered, declined

    public var chineseName: String {
        switch self {
        case .proposed: return "已推荐"
        case .met: return "已对接"
        case .ordered: return "已下单"
        case .declined: return "未合作"
        }
    }

    public func canMove(to next: SupplyStage) -> Bool {
        switch (self, next) {
        case (.proposed, .met), (.proposed, .declined), (.met, .ordered), (.met, .declined): return true
        default: return false
        }
    }
}
