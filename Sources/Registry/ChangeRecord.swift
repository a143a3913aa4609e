import Kernel

/// One change to the registry, kept forever: who changed what, when, and the values before and
/// after (as JSON text, so any aggregate can be recorded the same way).
public struct ChangeRecord: Hashable, Sendable, Codable {
    public var enterprise: USCC
    /// What changed: `enterprise`, `fiscalYear:2023`, `designation:highTech:GR…`, …
    public var subject: String
    public var actor: String
    /// ISO 8601 instant.
    public var at: String
    public var before: String?
    public var after: String?

    public init(enterprise: USCC, subject: String, actor: String, at: String, before: String?, after: String?) {
        self.enterprise = enterprise; self.subject = subject; self.actor = actor; self.at = at
        self.before = before; self.after = after
    }
}
