import Foundation
import Kernel
import Registry

/// A policy the bureau cashes out (rules.md §11.7 S1): who is eligible, how much, from which
/// budget line, in which window, on which document — published once, as data.
public struct Policy: Sendable, Codable, Hashable {
    /// Stable identifier, e.g. `tl-hte-first`; `version` counts its published revisions.
    public var id: String
    public var version: Int
    public var name: String
    /// Document number and article, e.g. `铜梁十二条 第三条`.
    public var basis: String
    /// The concentrated round it is cashed in, e.g. `2023` (F24 counts a round's policies).
    public var round: String
    public var window: DateWindow
    public var mode: Mode
    public var eligibility: Condition
    public var amount: AmountRule
    public var frequency: Frequency
    /// Budget line code the payments come from.
    public var budgetLine: String
    /// Attachment names an application must carry before it can be submitted.
    public var attachments: [String]

    /// The year whose recognitions and facts the policy pays: the year before its window opens
    /// [I: the letter's round of 2023 pays 2022's results]. A firm cannot choose another.
    public var subsidyYear: Int { window.opens.year - 1 }

    public init(id: String, version: Int = 1, name: String, basis: String, round: String, window: DateWindow, mode: Mode,
                eligibility: Condition, amount: AmountRule, frequency: Frequency, budgetLine: String, attachments: [String] = []) {
        self.id = id; self.version = version; self.name = name; self.basis = basis; self.round = round; self.window = window; self.mode = mode
        self.eligibility = eligibility; self.amount = amount; self.frequency = frequency; self.budgetLine = budgetLine; self.attachments = attachments
    }

    /// How a firm comes to be paid.
    public enum Mode: String, Sendable, Codable, Hashable, CaseIterable {
        /// 免申即享: the platform finds the firm and creates its entitlement; the firm only confirms its account.
        case proactive
        /// 快申快享: the firm applies with a form prefilled from the registry.
        case application

        public var chineseName: String { self == .proactive ? "免申即享" : "快申快享" }
    }

    /// How often one firm may be paid under the policy. The key names what is paid once:
    /// a certificate key is shared by every policy over that certificate's kind, so the 高企
    /// first-recognition and re-recognition subsidies together pay a certificate once (S2).
    public enum Frequency: Sendable, Codable, Hashable {
        case oncePerFirm
        case perCertificate(DesignationKind)
        case perYear

        public var chineseName: String {
            switch self {
            case .oncePerFirm: return "每企一次"
            case .perCertificate: return "每证一次"
            case .perYear: return "每年一次"
            }
        }
    }

    /// The key of the one payment this policy may make for `uscc` (nil: the certificate is not known).
    public func onceKey(uscc: USCC, certificate: String?, year: Int) -> String? {
        switch frequency {
        case .oncePerFirm: return "policy:\(id):\(uscc.code)"
        case .perYear: return "policy:\(id):\(uscc.code):\(year)"
        case .perCertificate(let kind): return certificate.map { "certificate:\(kind.rawValue):\($0)" }
        }
    }

    /// Everything wrong with the policy as published, by path.
    public var problems: [Problem] {
        var p: [Problem] = []
        if id.isEmpty || id.count > 64 || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            p.append(Problem(path: "id", message: "1–64 个字母、数字、- 或 _ / 1–64 letters, digits, - or _"))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { p.append(Problem(path: "name", message: "必填 / required")) }
        if basis.trimmingCharacters(in: .whitespaces).isEmpty { p.append(Problem(path: "basis", message: "须注明政策依据 / the legal basis is required")) }
        if budgetLine.isEmpty { p.append(Problem(path: "budgetLine", message: "必填 / required")) }
        if window.closes < window.opens { p.append(Problem(path: "window", message: "截止日早于开始日 / closes before it opens")) }
        if !(2000...2100).contains(window.opens.year) || !(2000...2100).contains(window.closes.year) {
            p.append(Problem(path: "window", message: "年份须在 2000–2100 / years 2000–2100"))
        }
        for (path, text) in [("id", id), ("name", name), ("basis", basis), ("round", round), ("budgetLine", budgetLine)] + attachments.map({ ("attachments", $0) })
            where !CleanText.isLine(text, max: 200) {
            p.append(Problem(path: path, message: "不超过 200 字且不含控制字符 / at most 200 characters, no control characters"))
        }
        if case .perCertificate(let kind) = frequency, !eligibility.namesDesignation(kind) {
            p.append(Problem(path: "frequency", message: "每证一次的政策须以该类认定为条件 / a per-certificate policy must require that designation"))
        }
        p += amount.problems.map { Problem(path: "amount." + $0.path, message: $0.message) }
        if case .declared = amount.base, mode == .proactive {
            p.append(Problem(path: "mode", message: "免申即享政策不能依赖企业申报的金额 / a proactive policy cannot depend on a declared amount"))
        }
        return p
    }
}

/// An application window, both days included.
public struct DateWindow: Sendable, Codable, Hashable {
    public var opens: LocalDate
    public var closes: LocalDate
    public init(opens: LocalDate, closes: LocalDate) { self.opens = opens; self.closes = closes }
    public func contains(_ d: LocalDate) -> Bool { opens <= d && d <= closes }
}

extension Policy {
    /// The fiscal year whose figures a policy paying `subsidyYear` reads: the year before (a
    /// 2023 round pays on 2022's accounts). Conditions, amounts and the declaration flags use it.
    public static func factYear(_ subsidyYear: Int) -> Int { subsidyYear - 1 }
}
