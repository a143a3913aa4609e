import Kernel
import Registry

/// One firm against one policy (item 2, 政策找企业): eligible or not, why, how much, and what
/// data is missing for the platform to decide.
public struct PolicyMatch: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable {
        case eligible
        /// A fact is missing: the firm (or the bureau) must supply it before a decision.
        case missingData
        case ineligible
    }
    public var uscc: USCC
    public var verdict: Verdict
    public var reasons: [String]
    public var missing: [String]
    /// nil while the base is unknown (missing data or a declared base not yet declared).
    public var amount: Money?
    /// The certificate a per-certificate policy pays, when it matched one.
    public var certificate: String?
    public var onceKey: String?
}

extension Policy {
    /// Matches `subject` for the subsidy `year` (the year whose recognitions and facts count) on `date`.
    public func match(_ subject: PolicySubject, year: Int, on date: LocalDate, declaredBase: Money? = nil) -> PolicyMatch {
        let results = eligibility.evaluate(subject, year: year, on: date)
        // A per-certificate policy pays the certificate of its own kind; others show the first.
        let certificate: String?
        if case .perCertificate(let kind) = frequency {
            certificate = results.first { $0.certificateKind == kind && $0.certificate != nil }?.certificate
        } else {
            certificate = results.lazy.compactMap(\.certificate).first
        }
        var verdict: PolicyMatch.Verdict
        switch results.combined {
        case .met: verdict = .eligible
        case .unknown: verdict = .missingData
        case .unmet: verdict = .ineligible
        }
        var missing = results.filter { $0.status == .unknown }.map(\.reason)
        let base = amount.baseValue(subject, year: year, declared: declaredBase)
        var money = amount.amount(base: base)
        if verdict == .eligible, money == nil, case .fact(let f)? = amount.base {
            verdict = .missingData
            missing.append("缺 \(year - 1) 年\(f.chineseName)（计算金额）/ \(year - 1) \(f.rawValue) missing for the amount")
        }
        if money == .zero, verdict == .eligible { verdict = .ineligible; money = nil }
        let key = onceKey(uscc: subject.uscc, certificate: certificate, year: year)
        if key == nil, verdict == .eligible {
            // Without the certificate a per-certificate payment could not be held to once.
            verdict = .missingData
            missing.append("证书编号未知 / the certificate is not known")
        }
        return PolicyMatch(uscc: subject.uscc, verdict: verdict, reasons: results.map(\.reason), missing: missing,
                           amount: verdict == .ineligible ? nil : money, certificate: certificate,
                           onceKey: key)
    }
}
