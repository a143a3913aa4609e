import Kernel

/// Where a designation stands on a date (rules.md §11.1 D1), and when to remind its holder.
public enum DesignationState: String, Sendable, Hashable, Codable, CaseIterable {
    case applying     // issued after the date: recorded, not yet in force
    case valid
    case expiring     // valid, and within the reminder window of its expiry
    case expired
    case revoked

    public var chineseName: String {
        switch self {
        case .applying: return "未生效"
        case .valid: return "有效"
        case .expiring: return "即将到期"
        case .expired: return "已过期"
        case .revoked: return "已撤销"
        }
    }

    public var englishName: String {
        switch self {
        case .applying: return "not yet valid"
        case .valid: return "valid"
        case .expiring: return "expiring"
        case .expired: return "expired"
        case .revoked: return "revoked"
        }
    }
}

/// Reminders before expiry: 90 and 30 days by default (issue: designation lifecycle). Data, so a
/// bureau can change them without code.
public struct ReminderPolicy: Sendable, Hashable, Codable {
    /// Days before the last valid day, largest first.
    public var daysBefore: [Int]
    public init(daysBefore: [Int] = [90, 30]) { self.daysBefore = daysBefore.sorted(by: >) }
}

extension Designation {
    public func state(on date: LocalDate, policy: ReminderPolicy = ReminderPolicy()) -> DesignationState {
        if let revokedOn, revokedOn <= date { return .revoked }
        if date < issuedOn { return .applying }
        guard let expiresOn else { return .valid }
        if expiresOn < date { return .expired }
        if let window = policy.daysBefore.first, date.days(until: expiresOn) <= window { return .expiring }
        return .valid
    }

    /// The reminder due on `date`: the smallest window the remaining days fall in (90 → 30), or
    /// nil when none is due. Sending each once is the caller's job (it records what was sent).
    public func reminder(on date: LocalDate, policy: ReminderPolicy = ReminderPolicy()) -> Int? {
        guard state(on: date, policy: policy) == .expiring, let expiresOn else { return nil }
        let left = date.days(until: expiresOn)
        return policy.daysBefore.last { left <= $0 }
    }
}

/// Validity by kind (rules.md §11.1): 科技型中小企业 to the end of its year (D2, 国科火字〔2022〕67号);
/// 高企 three years less a day (D3, 国科发火〔2016〕32号 第十六条); the MIIT tiers three years (D4,
/// [R] read as three years less a day, like the certificates); the municipal database and the
/// district pool have no fixed term.
public enum DesignationValidity {
    public static func expiry(of kind: DesignationKind, issuedOn: LocalDate) -> LocalDate? {
        switch kind {
        case .techSME: return LocalDate(year: issuedOn.year, month: 12, day: 31)
        case .highTech, .innovativeSME, .specializedSME, .littleGiant: return issuedOn.adding(years: 3).adding(days: -1)
        case .cqTechEnterprise, .highTechPool: return nil
        }
    }
}

extension Designation {
    /// A re-recognition (重新认定): the enterprise held this kind before. The first recognition and
    /// a later one are paid differently (rules.md §11.7 S2), so the distinction is kept.
    public func isRenewal(among held: [Designation]) -> Bool {
        held.contains { $0.kind == kind && $0.issuedOn < issuedOn }
    }
}
