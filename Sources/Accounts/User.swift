import Kernel

/// An account as the rest of the platform sees it (never with its password hash).
public struct User: Sendable, Codable, Hashable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var role: Role
    /// For `.enterprise`: the one enterprise the user acts for.
    public var enterprise: USCC?
    /// For `.townOfficer`: the town or street they look after.
    public var townCode: String?
    /// For `.bank`: the bank the officer works for; consents name banks, not officers.
    public var bank: String?
    public var language: Language

    public init(id: Int64, username: String, displayName: String, role: Role, enterprise: USCC? = nil,
                townCode: String? = nil, bank: String? = nil, language: Language = .zh) {
        self.id = id; self.username = username; self.displayName = displayName; self.role = role
        self.enterprise = enterprise; self.townCode = townCode; self.bank = bank; self.language = language
    }

    /// How the user appears in history and audit rows.
    public var actorName: String { "user:\(username)" }
}

public enum Language: String, Sendable, Codable, CaseIterable, Hashable { case zh, en }
