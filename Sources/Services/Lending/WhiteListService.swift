import Foundation
import InnovationPoints
import Kernel
import Lending
import Registry
import Spreadsheet
import Storage

/// The re-lending white list (issue: innovation points and the bank side, item 7): every firm
/// of the registry through the rule, on a date, with the reason for every condition; the list
/// is the firms that meet them all, best points first.
public struct WhiteListService: Sendable {
    public let transactor: any Transactor
    public init(transactor: any Transactor) { self.transactor = transactor }

    /// The rule the district uses unless told otherwise.
    public static let districtRule = WhiteListRule.highTechWithRD

    public struct Result: Sendable {
        public var rule: WhiteListRule
        public var asOf: LocalDate
        /// The firms on the list, on the best points list first, then by name.
        public var included: [WhiteListVerdict]
        /// How many firms were considered.
        public var considered: Int
    }

    public func compute(rule: WhiteListRule, asOf: LocalDate) async throws -> Result {
        guard rule.problems.isEmpty else { throw LoanError.invalid(rule.problems.map { Problem(path: "rule", message: $0) }) }
        let found = Collector<(WhiteListVerdict, Int)>()
        try await transactor.read { stores in
            // The points list is read only when the rule names one.
            var lists: [USCC: Int] = [:], listNames: [String] = []
            if rule.bestPointsList != nil, let run = try await stores.points.latestRun(period: nil) {
                lists = try await stores.points.fetchLists(runID: run.id)
                listNames = run.model.lists.map(\.chineseName)
            }
            let (pointsLists, names) = (lists, listNames)
            try await stores.qualification.forEachAssessmentBatch(batchSize: 2_000) { batch in
                found.add(batch.map { s in
                    let list = pointsLists[s.enterprise.uscc].map { (index: $0, name: $0 < names.count ? names[$0] : "\($0 + 1)") }
                    let v = rule.evaluate(WhiteListCandidate(uscc: s.enterprise.uscc, name: s.enterprise.name, designations: s.designations,
                                                             fiscalYears: s.fiscalYears, pointsList: list), asOf: asOf)
                    return (v, list?.index ?? Int.max)
                })
            }
        }
        let included = found.all.filter(\.0.included).sorted { ($0.1, $0.0.name) < ($1.1, $1.0.name) }.map(\.0)
        return Result(rule: rule, asOf: asOf, included: included, considered: found.all.count)
    }

    /// Computes the list and publishes it: the recommendation as sent, kept with its rule and
    /// reasons; F23 counts the latest one.
    @discardableResult
    public func publish(rule: WhiteListRule, asOf: LocalDate, actor: String, at: String) async throws -> PublishedWhiteList {
        let r = try await compute(rule: rule, asOf: asOf)
        var list = PublishedWhiteList(rule: rule, asOf: asOf, publishedAt: at, actor: actor, considered: r.considered, entries: r.included)
        let chosen = list
        list.id = try await transactor.write { stores in
            let id = try await stores.whiteLists.insertList(chosen)
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "whitelist.publish", subject: "whitelist:\(id)",
                                              detail: "rule=\(rule.id) asOf=\(asOf) firms=\(chosen.entries.count) of \(chosen.considered)"))
            return id
        }
        return list
    }

    public func latest() async throws -> PublishedWhiteList? {
        try await transactor.read { try await $0.whiteLists.latestList(asOf: nil) }
    }

    /// The list as a sheet: Chinese headers, then an English row, one firm per row.
    public static func table(rule: WhiteListRule, asOf: LocalDate, entries: [WhiteListVerdict]) -> SheetTable {
        var rows = [["序号", "统一社会信用代码", "企业名称", "入选理由"], ["No.", "USCC", "Name", "Reasons (\(rule.id), \(asOf))"]]
        for (i, v) in entries.enumerated() { rows.append([String(i + 1), v.uscc.code, v.name, v.met.joined(separator: "；")]) }
        return SheetTable(rows: rows)
    }
}
