import Kernel
import Registry

/// The rule that recommends firms to Chongqing's 政银联动服务企业创新 white list for the central
/// bank's S&T re-lending (rules.md §1, "Re-lending white list"; the letter recommended 20+ 高企).
/// No official selection rule was found, so the rule is ours [I] and is data: designations that
/// must be valid on the day, R&D spending in the last closed fiscal year, and optionally a
/// standing on the innovation-points lists.
public struct WhiteListRule: Sendable, Hashable, Codable {
    public var id: String
    /// Each must be valid on the list's date.
    public var requiredDesignations: [DesignationKind]
    /// R&D expense (研发费用) of the fiscal year before the list's year must reach this. R&D
    /// activity (spending above zero) is always required, so 0 and one fen mean the same.
    public var rdExpenseAtLeast: Money
    /// When set, the firm must stand on this innovation-points list or a better one (0 = the top
    /// list) in the latest published run.
    public var bestPointsList: Int?

    public init(id: String, requiredDesignations: [DesignationKind], rdExpenseAtLeast: Money, bestPointsList: Int? = nil) {
        self.id = id; self.requiredDesignations = requiredDesignations; self.rdExpenseAtLeast = rdExpenseAtLeast; self.bestPointsList = bestPointsList
    }

    /// The issue's example rule: a valid 高企 with R&D activity last year. Tongliang's
    /// recommendation of "20+" firms suggests a narrower choice; a district narrows it with
    /// `bestPointsList` (the demo uses the top two lists).
    public static let highTechWithRD = WhiteListRule(id: "relending-2024.1", requiredDesignations: [.highTech], rdExpenseAtLeast: Money(fen: 1))

    public var problems: [String] {
        var out: [String] = []
        if id.isEmpty { out.append("id is empty") }
        if rdExpenseAtLeast.fen < 0 { out.append("rdExpenseAtLeast must not be negative") }
        if let l = bestPointsList, l < 0 { out.append("bestPointsList must be 0 or more") }
        return out
    }
}

/// What the rule reads of one firm.
public struct WhiteListCandidate: Sendable {
    public var uscc: USCC
    public var name: String
    public var designations: [Designation]
    public var fiscalYears: [FiscalYearFacts]
    /// The firm's list in the latest published points run, index and name; nil when on none.
    public var pointsList: (index: Int, name: String)?
    public init(uscc: USCC, name: String, designations: [Designation], fiscalYears: [FiscalYearFacts], pointsList: (index: Int, name: String)?) {
        self.uscc = uscc; self.name = name; self.designations = designations; self.fiscalYears = fiscalYears; self.pointsList = pointsList
    }
}

/// One firm's verdict, with the reason for every condition, met or not.
public struct WhiteListVerdict: Sendable, Hashable, Codable {
    public var uscc: USCC
    public var name: String
    public var included: Bool
    public var met: [String]
    public var unmet: [String]
    public init(uscc: USCC, name: String, included: Bool, met: [String], unmet: [String]) {
        self.uscc = uscc; self.name = name; self.included = included; self.met = met; self.unmet = unmet
    }
}

extension WhiteListRule {
    public func evaluate(_ c: WhiteListCandidate, asOf: LocalDate) -> WhiteListVerdict {
        var met: [String] = [], unmet: [String] = []
        for kind in requiredDesignations {
            if let d = c.designations.filter({ $0.kind == kind && $0.isValid(on: asOf) }).max(by: { $0.issuedOn < $1.issuedOn }) {
                met.append("\(kind.chineseName) \(d.number ?? "") 有效至 \(d.expiresOn?.description ?? "—") / \(kind.rawValue) \(d.number ?? "") valid to \(d.expiresOn?.description ?? "—")")
            } else {
                unmet.append("无有效\(kind.chineseName) / no valid \(kind.rawValue) on \(asOf)")
            }
        }
        let year = asOf.year - 1
        let rd = c.fiscalYears.first { $0.year == year }?.rdExpense
        if let rd, rd >= rdExpenseAtLeast, rd.fen > 0 {
            met.append("\(year) 年研发费用 \(MoneyText.yuan(rd)) 元 / R&D expense \(year): \(MoneyText.yuan(rd)) yuan")
        } else {
            unmet.append(rd.map { "\(year) 年研发费用 \(MoneyText.yuan($0)) 元，低于 \(MoneyText.yuan(rdExpenseAtLeast)) 元 / R&D expense \(year): \(MoneyText.yuan($0)) yuan, below \(MoneyText.yuan(rdExpenseAtLeast))" }
                         ?? "缺 \(year) 年研发费用 / no \(year) R&D expense on record")
        }
        if let best = bestPointsList {
            if let l = c.pointsList, l.index <= best {
                met.append("创新积分\(l.name) / innovation points list \(l.index + 1)")
            } else {
                unmet.append("未进入创新积分前 \(best + 1) 档榜单 / not on the top \(best + 1) points lists")
            }
        }
        return WhiteListVerdict(uscc: c.uscc, name: c.name, included: unmet.isEmpty, met: met, unmet: unmet)
    }
}
