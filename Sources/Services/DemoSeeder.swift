import Kernel
import RDMonitoring
import Registry
import Storage

/// Writes a demo district into an empty registry, in one transaction.
public struct DemoSeeder: Sendable {
    public let transactor: any Transactor
    public let now: @Sendable () -> String

    public init(transactor: any Transactor, now: @escaping @Sendable () -> String) {
        self.transactor = transactor; self.now = now
    }

    public enum Outcome: Sendable, Equatable { case seeded(enterprises: Int), alreadyPopulated(enterprises: Int) }

    /// Seeds only an empty registry, so it never mixes demo firms into real data.
    public func seedIfEmpty(_ district: DemoDistrict, progress: (@Sendable (Double) -> Void)? = nil) async throws -> Outcome {
        let at = now()
        let outcome: Outcome = try await transactor.write { stores in
            let existing = try await stores.registry.countEnterprises()
            guard existing == 0 else { return .alreadyPopulated(enterprises: existing) }
            try await stores.district.upsertTowns(district.towns)
            // Chains first without leaders' rows existing is fine: the leader column is not a foreign key.
            try await stores.district.upsertChains(district.chains)
            // Quarterly R&D reports for districts up to 300,000 firms (F11–F13); larger demos
            // serve the list, points and assessment benchmarks and would only grow the file.
            let rdYears = district.count <= DemoDistrict.rdReportsUpTo ? district.rdYear2023() : []
            let rdByIndex = Dictionary(uniqueKeysWithValues: rdYears.map { ($0.index, $0) })
            var townRD: [String: Int64] = [:]
            let step = 2_000
            var start = 0
            while start < district.count {
                let end = min(start + step, district.count)
                let batch = (start..<end).map(district.enterprise(at:))
                let pool = zip(start..<end, batch).map { i, d in (d.enterprise.uscc, district.poolHistory(d, index: i, at: at)) }
                try await stores.registry.insertEnterprises(batch.map(\.enterprise), updatedAt: at)
                try await stores.registry.upsertFiscalYears(batch.flatMap { d in
                    d.fiscalYears.map { (d.enterprise.uscc, StampedFiscalYear(facts: $0, source: .demo, recordedAt: at)) }
                })
                try await stores.registry.insertDesignations(batch.flatMap { d in d.designations.map { (d.enterprise.uscc, $0) } })
                try await stores.registry.insertEvidence(batch.map { d in
                    (d.enterprise.uscc, InnovationEvidence(ip: d.evidence.ip, awards: d.evidence.awards, rdInstitutions: d.evidence.rdInstitutions))
                })
                try await stores.pool.appendEvents(pool.flatMap(\.1.events))
                try await stores.pool.insertProjects(pool.flatMap { u, h in h.projects.map { (u, $0) } })
                let rd = zip(start..<end, batch).compactMap { i, d in rdByIndex[i].map { (d.enterprise, $0) } }
                for (e, y) in rd { townRD[e.townCode ?? "", default: 0] += y.statistical }
                try await stores.rd.upsertReports(rd.flatMap { e, y in
                    district.rdReports([y]).map { StoredRDReport(report: $0, townCode: e.townCode, industrial: y.industrial,
                                                                 submittedAt: Self.filedAt($0), submittedBy: "demo") }
                })
                start = end
                progress?(Double(end) / Double(district.count))
            }
            if !rdYears.isEmpty {
                for (year, gdp) in DemoDistrict.gdp { try await stores.rd.setGDP(year: year, gdp: district.scaled(gdp)) }
                try await stores.rd.replacePlan(district.rdPlan2024(townTotals: townRD))
            }
            try await stores.consents.upsertBanks(DemoDistrict.banks)
            for c in district.consents(at: at) { _ = try await stores.consents.insertConsent(c) }
            try await stores.loans.insertLoans(district.loans())
            try await stores.district.insertPlatforms(district.platforms())
            try await stores.district.insertTalents(district.talents())
            try await stores.audit(AuditEntry(at: at, actor: "system", action: "demo.seed", subject: "registry", detail: "seed \(district.seed), \(district.count) enterprises"))
            try await stores.district.setMeta("demo", "seed=\(district.seed) enterprises=\(district.count) at=\(at)")
            return .seeded(enterprises: district.count)
        }
        if case .seeded = outcome {
            // The district's recommendation to the re-lending white list at the letter's date (F23).
            try await WhiteListService(transactor: transactor).publish(rule: DemoDistrict.whiteListRule, asOf: DemoDistrict.letterDate, actor: "system", at: at)
        }
        return outcome
    }

    /// When a demo firm filed a quarter's report: in the days before it fell due, and one firm
    /// in twenty three days late, so the reports page shows filing as a district sees it (the
    /// generation time would mark every report late).
    static func filedAt(_ r: RDReport) -> String {
        let spread = r.uscc.code.unicodeScalars.reduce(0) { $0 + Int($1.value) }
        let day = r.quarter.dueDate().adding(days: spread % 20 == 0 ? 3 : -(spread % 9))
        return "\(day)T02:00:00Z"   // 10:00 Beijing time
    }
}
