import Accounts
import Foundation
import Kernel
import Registry
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

    /// Concurrent bank reads are checked, logged and — for points — answered in one transaction
    /// (see `Coalescer`): one stage per request, not a consent stage and then a points stage.
    private let reads: Coalescer<BankReadRequest, Result<(Consent, ScoreExplanation?), ConsentError>>

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date, maximumYears: Int = Consent.defaultMaximumYears) {
        self.transactor = transactor; self.clock = clock; self.maximumYears = maximumYears
        let scores = ScoreReader()
        reads = Coalescer { requests in
            let now = clock()
            let at = ISOTime.format(now), date = LocalDate(secondsSince1970: now.timeIntervalSince1970)
            return try await transactor.write { stores in
                let consents = Dictionary(grouping: try await stores.consents.fetchConsents(usccs: requests.map(\.uscc)), by: \.uscc)
                let decided = requests.map { $0.decide(consents[$0.uscc] ?? [], on: date) }
                try await stores.consents.appendAccess(zip(requests, decided).map { r, d in
                    BankAccess(uscc: r.uscc, bank: r.officer.bank, officer: r.officer.actorName, at: at, consentID: d.consent?.id,
                               fields: d.fields.sorted(), allowed: d.consent != nil, reason: d.reason)
                })
                let wanted = zip(requests, decided).filter { $0.0.withPoints && $0.1.consent != nil }.map(\.0.uscc)
                let explained = try await scores.explanations(wanted, period: nil, in: stores)
                return zip(requests, decided).map { r, d in
                    d.consent.map { .success(($0, r.withPoints ? explained[r.uscc] : nil)) } ?? .failure(.denied(d.reason ?? ""))
                }
            }
        }
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

    /// The enterprise's consents and its latest bank reads (`recent` of them, with how many there are in all).
    public func consents(of uscc: USCC, recent: Int = 10) async throws -> (consents: [Consent], log: [BankAccess], reads: Int) {
        try await transactor.read { stores in
            let log = try await stores.consents.searchAccess(AccessFilter(uscc: uscc), offset: 0, limit: recent)
            return (try await stores.consents.fetchConsents(uscc: uscc), log.rows, log.total)
        }
    }

    /// One page of an enterprise's bank reads, newest first.
    public func reads(_ f: AccessFilter, offset: Int, limit: Int) async throws -> (total: Int, rows: [BankAccess]) {
        try await transactor.read { try await $0.consents.searchAccess(f, offset: offset, limit: limit) }
    }

    /// Checks that `officer`'s bank holds a live consent from `uscc` covering `fields`, logs the
    /// read either way — with `optional` fields too when that consent grants them — and returns
    /// the consent; throws `denied` (after logging) otherwise.
    public func authorise(_ uscc: USCC, fields: Set<Consent.Scope>, optional: Set<Consent.Scope> = [], officer: User) async throws -> Consent {
        try await reads.submit(BankReadRequest(uscc: uscc, officer: officer, fields: fields, optional: optional, withPoints: false)).get().0
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
    public func readPoints(_ uscc: USCC, officer: User, breakdown wanted: Bool) async throws -> BankPointsRead? {
        let (consent, explanation) = try await reads.submit(BankReadRequest(uscc: uscc, officer: officer, fields: [.points],
                                                                            optional: wanted ? [.breakdown] : [], withPoints: true)).get()
        guard let e = explanation else { return nil }
        return BankPointsRead(explanation: e, includesBreakdown: wanted && consent.scopes.contains(.breakdown))
    }
}

extension ConsentService {
    /// A bank officer opening one consenting firm (issue 20, item 1): one read, logged once, of
    /// everything its live consent grants — the points, and the breakdown, designations and
    /// fiscal summary where granted. Throws `denied` (after logging) without a live consent.
    public func readFirm(_ uscc: USCC, officer: User, registry: RegistryService, fiscalYears: Int = 3) async throws -> BankFirmRead {
        let (consent, points) = try await reads.submit(BankReadRequest(uscc: uscc, officer: officer, fields: [.points],
                                                                       optional: [.breakdown, .qualifications, .fiscal], withPoints: true)).get()
        let record = try await registry.record(uscc, historyLimit: 0)
        return BankFirmRead(consent: consent, name: record.enterprise.name, points: points,
                            designations: consent.scopes.contains(.qualifications) ? record.designations : nil,
                            fiscal: consent.scopes.contains(.fiscal) ? Array(record.fiscalYears.map(\.facts).sorted { $0.year > $1.year }.prefix(fiscalYears)) : nil)
    }
}

/// One consenting firm as its bank may see it: only what the live consent grants.
public struct BankFirmRead: Sendable {
    public var consent: Consent
    public var name: String
    public var points: ScoreExplanation?
    /// Nil when the consent does not grant them.
    public var designations: [Designation]?
    public var fiscal: [FiscalYearFacts]?
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

/// One bank read waiting to be authorised.
struct BankReadRequest: Sendable {
    var uscc: USCC
    var officer: User
    var fields: Set<Consent.Scope>
    var optional: Set<Consent.Scope>
    /// Read the firm's latest points too, when allowed.
    var withPoints: Bool

    /// The newest live consent of the officer's bank covering `fields` among `consents` (the
    /// enterprise's, newest first), the fields read under it, or why there is none.
    func decide(_ consents: [Consent], on date: LocalDate) -> (consent: Consent?, fields: Set<Consent.Scope>, reason: String?) {
        guard let bank = officer.bank else { return (nil, fields, "officer has no bank") }
        guard let live = consents.first(where: { $0.bank == bank && $0.allows(fields, on: date) }) else {
            return (nil, fields, "no live consent covering \(fields.sorted().map(\.rawValue).joined(separator: ","))")
        }
        return (live, fields.union(optional.intersection(live.scopes)), nil)
    }
}
