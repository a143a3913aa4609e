import Foundation
import Kernel

/// One entry into or exit from a district cultivation pool (梯次培育动态管理), kept forever: the
/// pool's history is the list of these, and a member is whoever's last event is an admission.
public struct PoolEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable { case admit, remove }

    public var uscc: USCC
    public var kind: Kind
    /// The day the entry or exit takes effect (after an exit, the last day in the pool is the day before).
    public var on: LocalDate
    /// When it was recorded (ISO 8601), and by whom.
    public var at: String
    public var actor: String
    public var reason: String
    /// Made by the system (a firm recognised as 高企 graduates), not by an officer.
    public var automatic: Bool

    public init(uscc: USCC, kind: Kind, on: LocalDate, at: String, actor: String, reason: String, automatic: Bool = false) {
        self.uscc = uscc; self.kind = kind; self.on = on; self.at = at; self.actor = actor; self.reason = reason; self.automatic = automatic
    }
}

/// A research project the district supported (科技项目立项支持), as the pool rule reads it: each
/// pool member is to have at least one during its time in the pool (rules.md §11.7 S4).
public struct SupportedProject: Sendable, Hashable, Codable {
    public var number: String?
    public var title: String
    public var programme: String?
    /// The day support was granted (立项日期).
    public var supportedOn: LocalDate
    public var funding: Money

    public init(number: String? = nil, title: String, programme: String? = nil, supportedOn: LocalDate, funding: Money = Money(fen: 0)) {
        self.number = number; self.title = title; self.programme = programme; self.supportedOn = supportedOn; self.funding = funding
    }

    public var problems: [Problem] {
        var out: [Problem] = []
        if title.trimmingCharacters(in: .whitespaces).isEmpty { out.append(Problem(path: "title", message: "项目名称不能为空 / the title is required")) }
        if funding.fen < 0 { out.append(Problem(path: "funding", message: "资助金额不能为负 / funding must not be negative")) }
        return out
    }
}
