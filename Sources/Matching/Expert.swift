import Kernel

/// An expert in the district's pool (rules.md §11.9 E1): where they work, what they know, how
/// many firms or applications they can take, and what would make them partial.
public struct Expert: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The institution they work for; nil when unknown — which blocks automatic assignment
    /// (a conflict cannot be ruled out), it never allows it.
    public var institution: String?
    public var fields: Set<String>
    public var keywords: Set<String>
    /// Firms and institutions they worked with, with the year of the last joint work.
    public var collaborations: [Collaboration]
    /// Firms or institutions they declared an interest in (shareholding, family, consultancy).
    public var declaredInterests: Set<String>
    /// The most assignments they take at once (chief experts: 1–3 firms, rules.md E1).
    public var capacity: Int
    /// Assignments they already hold.
    public var load: Int

    public struct Collaboration: Sendable, Hashable, Codable {
        /// A USCC or an institution name.
        public var party: String
        public var year: Int
        public init(party: String, year: Int) { self.party = party; self.year = year }
    }

    public init(id: String, name: String, institution: String?, fields: Set<String>, keywords: Set<String> = [], collaborations: [Collaboration] = [],
                declaredInterests: Set<String> = [], capacity: Int, load: Int = 0) {
        self.id = id; self.name = name; self.institution = institution; self.fields = fields; self.keywords = keywords
        self.collaborations = collaborations; self.declaredInterests = declaredInterests; self.capacity = capacity; self.load = load
    }
}

/// What needs experts: an application to review, or a firm's technical need (rules.md §11.9).
public struct MatchSubject: Sendable, Hashable, Codable {
    public var id: String
    /// The firm behind it.
    public var firm: USCC
    /// Institutions the firm or its project partners belong to (a university lab, a group).
    public var institutions: Set<String>
    public var fields: Set<String>
    public var keywords: Set<String>
    /// How many experts it needs (reviewers per application; one chief expert per need).
    public var needed: Int

    public init(id: String, firm: USCC, institutions: Set<String> = [], fields: Set<String>, keywords: Set<String> = [], needed: Int) {
        self.id = id; self.firm = firm; self.institutions = institutions; self.fields = fields; self.keywords = keywords; self.needed = needed
    }
}
