import Foundation
import Kernel
import RDMonitoring
import Registry
import Storage

public enum RDError: Error, Equatable, CustomStringConvertible {
    case invalid([Problem])
    public var description: String {
        switch self { case .invalid(let p): return p.map(\.description).joined(separator: "\n") }
    }
}

/// One unit's standing on one indicator in the year: the target (if set) and where it is.
public struct RDStanding: Sendable {
    public var indicator: RDIndicator
    public var actual: Int64?
    /// The year's target, when set; `progress` needs the actual too (intensity needs the GDP).
    public var target: Int64?
    public var progress: RDProgress?
}

/// R&D input monitoring (研发投入动态监测, rules.md §9, §11.6): firms report each quarter; the
/// district and each town see their totals, their targets and the pace, the firms without R&D
/// and those late with their report.
public struct RDMonitoringService: Sendable {
    public let transactor: any Transactor
    public let now: @Sendable () -> String

    public init(transactor: any Transactor, now: @escaping @Sendable () -> String) {
        self.transactor = transactor; self.now = now
    }

    /// Stores reports all or nothing: every problem of every report is named by its index.
    /// The town and the industrial flag are taken from the registry at the time.
    @discardableResult
    public func submit(_ reports: [RDReport], actor: String) async throws -> Int {
        var problems: [Problem] = []
        for (i, r) in reports.enumerated() {
            problems += r.problems.map { Problem(path: "reports[\(i)].\($0.path)", message: $0.message) }
        }
        // A quarter is reported once it has ended (the importer refuses the same).
        let at = now()
        for (i, r) in reports.enumerated() where !Self.hasEnded(r.quarter, at: at) {
            problems.append(Problem(path: "reports[\(i)].quarter", message: "\(r.quarter) 尚未结束，季度结束后才能填报 / the quarter \(r.quarter) has not ended; report it once it has"))
        }
        let keys = reports.map { "\($0.uscc.code)/\($0.quarter)" }
        if Set(keys).count != keys.count { problems.append(Problem(path: "reports", message: "同一企业同一季度出现两次 / a firm's quarter appears twice")) }
        guard problems.isEmpty else { throw RDError.invalid(problems) }
        return try await transactor.write { stores in
            let firms = try await stores.registry.fetchEnterprises(Array(Set(reports.map(\.uscc))))
            let unknown = reports.enumerated().filter { firms[$0.element.uscc] == nil }
            guard unknown.isEmpty else {
                throw RDError.invalid(unknown.map { Problem(path: "reports[\($0.offset)].uscc", message: "\($0.element.uscc) 不在企业库中 / not in the registry") })
            }
            try await stores.rd.upsertReports(reports.compactMap { r in
                guard let e = firms[r.uscc] else { return nil }  // none: every firm was checked above
                return StoredRDReport(report: r, townCode: e.townCode, industrial: RDIndicators.isIndustrial(industryCode: e.industryCode),
                                      submittedAt: at, submittedBy: actor)
            })
            let quarters = Set(reports.map(\.quarter.description)).sorted().joined(separator: ",")
            let subject = Set(reports.map(\.uscc)).count == 1 ? "enterprise:\(reports[0].uscc)" : "rd-reports"
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "rd.report", subject: subject, detail: "\(reports.count) reports, \(quarters)"))
            return reports.count
        }
    }

    public func reports(of uscc: USCC) async throws -> [StoredRDReport] {
        try await transactor.read { try await $0.rd.fetchReports(uscc) }
    }

    public func setGDP(year: Int, gdp: Money, actor: String) async throws {
        guard gdp.fen > 0 else { throw RDError.invalid([Problem(path: "gdp", message: "须大于 0 / must be positive")]) }
        let at = now()
        try await transactor.write { stores in
            try await stores.rd.setGDP(year: year, gdp: gdp)
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "rd.gdp", subject: "district", detail: "\(year) GDP \(gdp.yuanText)"))
        }
    }

    public func setPlan(_ plan: TargetPlan, actor: String) async throws {
        let problems = plan.problems
        guard problems.isEmpty else { throw RDError.invalid(problems.map { Problem(path: "targets", message: $0) }) }
        let at = now()
        try await transactor.write { stores in
            try await stores.rd.replacePlan(plan)
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "rd.targets", subject: "district", detail: "\(plan.year): \(plan.targets.count) targets"))
        }
    }

    public func plan(year: Int) async throws -> TargetPlan { try await transactor.read { try await $0.rd.fetchPlan(year: year) } }
}
