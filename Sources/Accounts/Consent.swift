import Foundation
import Kernel

/// What an enterprise lets a bank see (授权): named data, for a purpose, for a period. A bank's
/// every read is checked against a live consent and logged, allowed or not (issue: consent).
public struct Consent: Sendable, Hashable, Codable {
    public enum Scope: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case points          // the score, stage, rank and list
        case breakdown       // points per indicator with the inputs
        case qualifications  // the designations held
        case fiscal          // the fiscal summary (revenue, R&D, assets)
        public static func < (a: Scope, b: Scope) -> Bool { a.rawValue < b.rawValue }
    }

    public var id: Int64
    public var uscc: USCC
    public var bank: String
    public var scopes: Set<Scope>
    public var purpose: String
    public var validFrom: LocalDate
    public var validTo: LocalDate
    public var grantedAt: String
    public var grantedBy: String
    public var revokedAt: String?

    public init(id: Int64 = 0, uscc: USCC, bank: String, scopes: Set<Scope>, purpose: String, validFrom: LocalDate, validTo: LocalDate,
                grantedAt: String, grantedBy: String, revokedAt: String? = nil) {
        self.id = id; self.uscc = uscc; self.bank = bank; self.scopes = scopes; self.purpose = purpose; self.validFrom = validFrom
        self.validTo = validTo; self.grantedAt = grantedAt; self.grantedBy = grantedBy; self.revokedAt = revokedAt
    }

    /// In force on `date`: within its period and not revoked.
    public func isLive(on date: LocalDate) -> Bool { revokedAt == nil && validFrom <= date && date <= validTo }

    /// Whether it lets its bank read all of `fields` on `date`.
    public func allows(_ fields: Set<Scope>, on date: LocalDate) -> Bool { isLive(on: date) && fields.isSubset(of: scopes) }

    /// The longest consent the platform records: a bank's credit cycle is at most three years
    /// (our choice [I]; no rule in rules.md sets one). A parameter so a district can set its own.
    public static let defaultMaximumYears = 3

    public var problems: [Problem] { problems(maximumYears: Self.defaultMaximumYears) }

    public func problems(maximumYears: Int) -> [Problem] {
        var out: [Problem] = []
        if scopes.isEmpty { out.append(Problem(path: "scopes", message: "至少授权一项数据 / grant at least one kind of data")) }
        let p = purpose.trimmingCharacters(in: .whitespaces)
        if p.isEmpty || p.count > 200 { out.append(Problem(path: "purpose", message: "用途 1–200 字 / a purpose of 1–200 characters")) }
        if validTo < validFrom { out.append(Problem(path: "validTo", message: "早于开始日期 / before validFrom")) }
        if validTo > validFrom.adding(years: maximumYears) {
            out.append(Problem(path: "validTo", message: "授权期限最长 \(maximumYears) 年 / at most \(maximumYears) years"))
        }
        return out
    }
}

/// One bank read, allowed or denied, as the enterprise sees it in its log.
public struct BankAccess: Sendable, Hashable, Codable {
    public var uscc: USCC
    public var bank: String?
    public var officer: String
    public var at: String
    public var consentID: Int64?
    public var fields: [Consent.Scope]
    public var allowed: Bool
    public var reason: String?
    public init(uscc: USCC, bank: String?, officer: String, at: String, consentID: Int64?, fields: [Consent.Scope], allowed: Bool, reason: String?) {
        self.uscc = uscc; self.bank = bank; self.officer = officer; self.at = at; self.consentID = consentID; self.fields = fields
        self.allowed = allowed; self.reason = reason
    }
}
