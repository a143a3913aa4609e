import Accounts
import Foundation
import Kernel
import Storage

public enum ConsentError: Error, Equatable, CustomStringConvertible {
    case invalid([Problem])
    case unknownBank(String)
    case notFound
    /// A bank read without a live consent covering what was asked; the read is logged.
    case denied(String)

    public var description: String {
        switch self {
        case .invalid(let p): return p.map(\.description).joined(separator: "\n")
        case .unknownBank(let b): return "银行 \(b) 未登记 / unknown bank \(b)"
        case .notFound: return "授权不存在 / no such consent"
        case .denied(let why): return "未获企业授权 / no consent: \(why)"
        }
    }
}

/// Consent (授权): an enterprise grants a bank named data for a purpose and a period, and may
/// revoke it at any time; every bank read is checked against a live consent and logged —
/// allowed or denied — with the consent, the officer and the fields.
public struct ConsentService: Sendable {
    public let transactor: any Transactor
    public let clock: @Sendable () -> Date
    public let maximumYears: Int

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date, maximumYears: Int = Consent.defaultMaximumYears) {
        self.transactor = transactor; self.clock = clock; self.maximumYears = maximumYears
    }

    var today: LocalDate { LocalDate(secondsSince1970: clock().timeIntervalSince1970) }
    var now: String { ISOTime.format(clock()) }

    public func grant(_ uscc: USCC, bank: String, scopes: Set<Consent.Scope>, purpose: String, validFrom: LocalDate?, validTo: LocalDate,
                      actor: String) async throws -> Consent {
        let at = now
        var c = Consent(uscc: uscc, bank: bank, scopes: scopes, purpose: purpose.trimmingCharacters(in: .whitespaces),
                        validFrom: validFrom ?? today, validTo: validTo, grantedAt: at, grantedBy: actor)
        let problems = c.problems(maximumYears: maximumYears)
        guard problems.isEmpty else { throw ConsentError.invalid(problems) }
        let consent = c
        c.id = try await transactor.write { stores in
            guard try await stores.consents.fetchBanks().contains(where: { $0.code == bank }) else { throw ConsentError.unknownBank(bank) }
            let id = try await stores.consents.insertConsent(consent)
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "consent.grant", subject: "enterprise:\(uscc)",
                                              detail: "consent \(id) bank=\(bank) scopes=\(consent.scopes.sorted().map(\.rawValue).joined(separator: ",")) to \(consent.validTo)"))
            return id
        }
        return c
    }

    /// Revokes one of `uscc`'s consents; false when it was already revoked.
    public func revoke(_ id: Int64, of uscc: USCC, actor: String) async throws -> Bool {
        let at = now
        return try await transactor.write { stores in
            guard let c = try await stores.consents.fetchConsent(id), c.uscc == uscc else { throw ConsentError.notFound }
            let done = try await stores.consents.revokeConsent(id, at: at)
            if done { try await stores.audit(AuditEntry(at: at, actor: actor, action: "consent.revoke", subject: "enterprise:\(uscc)", detail: "consent \(id)")) }
            return done
        }
    }

    public func consents(of uscc: USCC) async throws -> (consents: [Consent], log: [BankAccess]) {
        try await transactor.read { stores in
            (try await stores.consents.fetchConsents(uscc: uscc), try await stores.consents.fetchAccess(uscc: uscc, limit: 200))
        }
    }

    /// Checks that `officer`'s bank holds a live consent from `uscc` covering `fields`, logs the
    /// read either way, and returns the consent; throws `denied` (after logging) otherwise.
    public func authorise(_ uscc: USCC, fields: Set<Consent.Scope>, officer: User) async throws -> Consent {
        let at = now, date = today
        let outcome: Result<Consent, ConsentError> = try await transactor.write { stores in
            let live = try await stores.consents.fetchConsents(uscc: uscc).first { c in officer.bank == c.bank && c.allows(fields, on: date) }
            let reason: String? = live == nil ? (officer.bank == nil ? "officer has no bank" : "no live consent covering \(fields.sorted().map(\.rawValue).joined(separator: ","))") : nil
            try await stores.consents.appendAccess(BankAccess(uscc: uscc, bank: officer.bank, officer: officer.actorName, at: at, consentID: live?.id,
                                                              fields: fields.sorted(), allowed: live != nil, reason: reason))
            return live.map { .success($0) } ?? .failure(.denied(reason ?? ""))
        }
        return try outcome.get()
    }

    /// The enterprises that let `officer`'s bank read their points today.
    public func consenting(officer: User) async throws -> [Consent] {
        guard let bank = officer.bank else { return [] }
        let date = today
        return try await transactor.read { try await $0.consents.fetchConsents(bank: bank) }.filter { $0.allows([.points], on: date) }
    }
}

/// What a bank officer may read of one enterprise's points, decided by its live consent.
public struct BankPointsRead: Sendable {
    public var explanation: ScoreExplanation
    /// The consent granted the breakdown, and it was asked for.
    public var includesBreakdown: Bool
}

extension ConsentService {
    /// A bank officer's read of `uscc`'s latest points: authorised (and logged) for the points,
    /// and for the breakdown too when it is wanted and the consent grants it. Throws `denied`
    /// after logging; nil when the enterprise has no published points.
    public func readPoints(_ uscc: USCC, officer: User, breakdown wanted: Bool, points: PointsService) async throws -> BankPointsRead? {
        let date = today
        // Only the consents: the access log beside them grows with every read (profiled).
        let granting = try await transactor.read { try await $0.consents.fetchConsents(uscc: uscc) }.first { $0.bank == officer.bank && $0.allows([.points], on: date) }
        let fields: Set<Consent.Scope> = wanted && (granting?.scopes.contains(.breakdown) ?? false) ? [.points, .breakdown] : [.points]
        let consent = try await authorise(uscc, fields: fields, officer: officer)
        guard let e = try await points.explain(uscc) else { return nil }
        return BankPointsRead(explanation: e, includesBreakdown: wanted && consent.scopes.contains(.breakdown))
    }
}

extension ConsentService {
    /// A bank officer's read of `uscc`'s designations or fiscal summary: authorised against a live
    /// consent naming `scope` and logged either way; the registry record, for the caller to cut
    /// down to that scope.
    public func readRecord(_ uscc: USCC, scope: Consent.Scope, officer: User, registry: RegistryService) async throws -> EnterpriseRecord {
        _ = try await authorise(uscc, fields: [scope], officer: officer)
        return try await registry.record(uscc, historyLimit: 0)
    }
}
