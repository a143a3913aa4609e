/// A matchmaking event's funnel (issue: programmes and matching, item 5): firms registered,
/// those that attended, the cooperation intentions signed there, and the contracts that
/// followed, with their value. Each stage needs the one before it (the schema holds it too).
public struct EventFunnel: Sendable, Hashable {
    public var registered = 0
    public var attended = 0
    public var intentions = 0
    public var contracts = 0
    public var contractFen: Int64 = 0

    public init() {}

    /// One firm's furthest stage: attended, an intention, a contract of `contractFen`.
    public mutating func add(attended: Bool, intention: Bool, contractFen: Int64?) {
        registered += 1
        guard attended else { return }
        self.attended += 1
        guard intention else { return }
        intentions += 1
        guard let contractFen else { return }
        contracts += 1
        self.contractFen += contractFen
    }

    /// Each stage over the one before it; nil where the earlier stage is empty.
    public var conversions: (attendance: Double?, intention: Double?, contract: Double?) {
        func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
        return (ratio(attended, registered), ratio(intentions, attended), ratio(contracts, intentions))
    }
}

/// The stages an event's organiser records for a registered firm, in order.
public enum EventStage: String, Sendable, Hashable, Codable, CaseIterable {
    case attended, intention, contract
}
