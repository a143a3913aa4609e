import Foundation
import Kernel
import RDMonitoring
import Registry
import Spreadsheet
import Storage

/// What an import did, or would have done: counts and every problem found.
public struct ImportReport: Sendable, Codable {
    public var kind: ImportKind
    public var format: String
    public var rowsRead = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var skippedRows = 0
    public var problems: [ImportProblem] = []
    /// Whether anything was written. False when the file had problems and `skipInvalid` was off.
    public var applied = false

    public var summary: String {
        let verb = applied ? "已导入 / imported" : "未导入 / nothing imported"
        return "\(kind.label)：\(verb)。读取 \(rowsRead) 行 / rows read \(rowsRead)；新增 \(inserted) / inserted；更新 \(updated) / updated；未变 \(unchanged) / unchanged；跳过 \(skippedRows) / skipped；问题 \(problems.count) / problems"
    }
}

/// Loads enterprises or their fiscal facts from CSV or XLSX: validates everything, then writes
/// in one transaction (all or nothing), or, with `skipInvalid`, writes the good rows and reports
/// the rest. Rows equal to what is stored change nothing, so re-importing a file is a no-op.
public struct RegistryImporter: Sendable {
    public let transactor: any Transactor
    public let now: @Sendable () -> String

    public init(transactor: any Transactor, now: @escaping @Sendable () -> String) {
        self.transactor = transactor; self.now = now
    }

    public struct Options: Sendable {
        public var skipInvalid = false
        public var actor = "import"
        public var source: FactSource = .imported
        /// Validate and count what would change, but write nothing (the web preview).
        public var dryRun = false
        public init(skipInvalid: Bool = false, actor: String = "import", source: FactSource = .imported, dryRun: Bool = false) {
            self.skipInvalid = skipInvalid; self.actor = actor; self.source = source; self.dryRun = dryRun
        }
    }

    /// `progress` receives the fraction done (0…1) as rows are validated and written.
    public func run(_ data: Data, kind: ImportKind, options: Options = Options(),
                    progress: (@Sendable (Double) -> Void)? = nil) async throws -> ImportReport {
        let format: SpreadsheetFormat
        let table: SheetTable
        do {
            (format, table) = try SpreadsheetReader.read(data)
        } catch {
            var report = ImportReport(kind: kind, format: "unknown")
            report.problems = [ImportProblem(row: 0, column: "", value: "", reason: "\(error)")]
            return report
        }
        progress?(0.1)
        switch kind {
        case .enterprises:
            return try await importEnterprises(ImportParsing.enterprises(table), format: format, options: options, progress: progress)
        case .fiscalYears:
            return try await importFiscalYears(ImportParsing.fiscalYears(table), format: format, options: options, progress: progress)
        case .rdReports:
            return try await importRDReports(ImportParsing.rdReports(table), format: format, options: options, progress: progress)
        }
    }

    private func importEnterprises(_ parsed: ParsedImport<Enterprise>, format: SpreadsheetFormat, options: Options,
                                   progress: (@Sendable (Double) -> Void)?) async throws -> ImportReport {
        let at = now()
        return try await transactor.write { stores in
            var report = ImportReport(kind: .enterprises, format: format.rawValue, rowsRead: parsed.rowsRead, problems: parsed.problems)
            let existing = try await stores.registry.fetchEnterprises(parsed.rows.map(\.value.uscc))
            let towns = Set(try await stores.district.fetchTowns().map(\.code))
            let chains = Set(try await stores.district.fetchChains().map(\.code))
            var good: [(Int, Enterprise)] = []
            for (row, e) in parsed.rows {
                var rowProblems: [ImportProblem] = []
                if let t = e.townCode, !towns.contains(t) {
                    rowProblems.append(ImportProblem(row: row, column: "镇街代码", value: t, reason: "未登记的镇街 / unknown town code"))
                }
                for c in e.chainTags where !chains.contains(c) {
                    rowProblems.append(ImportProblem(row: row, column: "产业链", value: c, reason: "未登记的产业链 / unknown industry chain"))
                }
                if rowProblems.isEmpty { good.append((row, e)) } else { report.problems += rowProblems }
            }
            report.problems.sort { ($0.row, $0.column) < ($1.row, $1.column) }
            report.skippedRows = parsed.rowsRead - good.count
            guard report.problems.isEmpty || options.skipInvalid || options.dryRun else { return report }

            var inserts: [Enterprise] = []
            var updates: [Enterprise] = []
            var history: [ChangeRecord] = []
            for (_, e) in good {
                if let old = existing[e.uscc] {
                    if old == e { report.unchanged += 1; continue }
                    updates.append(e)
                    history.append(ChangeRecord(enterprise: e.uscc, subject: "enterprise", actor: options.actor, at: at,
                                                before: HistoryJSON.encode(old), after: HistoryJSON.encode(e)))
                } else {
                    inserts.append(e)
                    history.append(ChangeRecord(enterprise: e.uscc, subject: "enterprise", actor: options.actor, at: at,
                                                before: nil, after: HistoryJSON.encode(e)))
                }
            }
            report.updated = updates.count
            report.inserted = inserts.count
            if options.dryRun { return report }
            for e in updates { try await stores.registry.updateEnterprise(e, updatedAt: at) }
            for (i, chunk) in inserts.chunked(into: 5_000).enumerated() {
                try await stores.registry.insertEnterprises(Array(chunk), updatedAt: at)
                progress?(0.2 + 0.7 * Double((i + 1) * 5_000) / Double(max(inserts.count, 1)))
            }
            return try await Self.finish(&report, history: history, action: "import.enterprises", actor: options.actor, at: at, stores: stores, progress: progress)
        }
    }

    private func importFiscalYears(_ parsed: ParsedImport<(USCC, FiscalYearFacts)>, format: SpreadsheetFormat, options: Options,
                                   progress: (@Sendable (Double) -> Void)?) async throws -> ImportReport {
        let at = now()
        return try await transactor.write { stores in
            var report = ImportReport(kind: .fiscalYears, format: format.rawValue, rowsRead: parsed.rowsRead, problems: parsed.problems)
            let enterprises = try await stores.registry.fetchEnterprises(Array(Set(parsed.rows.map(\.value.0))))
            progress?(0.2)
            var good: [(USCC, FiscalYearFacts)] = []
            for (row, (uscc, facts)) in parsed.rows {
                guard let e = enterprises[uscc] else {
                    report.problems.append(ImportProblem(row: row, column: "统一社会信用代码", value: uscc.code,
                        reason: "企业未登记，请先导入企业名录 / enterprise not registered; import it first"))
                    continue
                }
                if let reg = e.registeredOn, facts.year < reg.year {
                    report.problems.append(ImportProblem(row: row, column: "年度", value: String(facts.year),
                        reason: "年度早于成立日期 \(reg) / year before registration"))
                    continue
                }
                good.append((uscc, facts))
            }
            report.problems.sort { ($0.row, $0.column) < ($1.row, $1.column) }
            report.skippedRows = parsed.rowsRead - good.count
            guard report.problems.isEmpty || options.skipInvalid || options.dryRun else { return report }

            let existing = try await stores.registry.fetchFiscalYears(good.map { FiscalYearKey(uscc: $0.0, year: $0.1.year) })
            progress?(0.3)
            var writes: [(USCC, StampedFiscalYear)] = []
            var history: [ChangeRecord] = []
            for (uscc, facts) in good {
                let old = existing[FiscalYearKey(uscc: uscc, year: facts.year)]
                if old?.facts == facts { report.unchanged += 1; continue }
                if old == nil { report.inserted += 1 } else { report.updated += 1 }
                writes.append((uscc, StampedFiscalYear(facts: facts, source: options.source, recordedAt: at)))
                history.append(ChangeRecord(enterprise: uscc, subject: "fiscalYear:\(facts.year)", actor: options.actor, at: at,
                                            before: HistoryJSON.encode(old?.facts), after: HistoryJSON.encode(facts)))
            }
            if options.dryRun { return report }
            let step = 10_000
            for (i, chunk) in writes.chunked(into: step).enumerated() {
                try await stores.registry.upsertFiscalYears(Array(chunk))
                progress?(0.3 + 0.6 * Double(min((i + 1) * step, writes.count)) / Double(max(writes.count, 1)))
            }
            return try await Self.finish(&report, history: history, action: "import.fiscalYears", actor: options.actor, at: at, stores: stores, progress: progress)
        }
    }
}

extension RegistryImporter {
    /// Quarterly R&D reports: each firm must be registered and its quarter not in the future; a
    /// report for a quarter already filed replaces it (counted as updated, or unchanged).
    func importRDReports(_ parsed: ParsedImport<RDReport>, format: SpreadsheetFormat, options: Options,
                         progress: (@Sendable (Double) -> Void)?) async throws -> ImportReport {
        let at = now()
        let current = Quarter(containing: LocalDate(String(at.prefix(10))) ?? LocalDate(year: 2200, month: 1, day: 1)!)
        return try await transactor.write { stores in
            var report = ImportReport(kind: .rdReports, format: format.rawValue, rowsRead: parsed.rowsRead, problems: parsed.problems)
            let enterprises = try await stores.registry.fetchEnterprises(Array(Set(parsed.rows.map(\.value.uscc))))
            var good: [RDReport] = []
            for (row, r) in parsed.rows {
                if enterprises[r.uscc] == nil {
                    report.problems.append(ImportProblem(row: row, column: "统一社会信用代码", value: r.uscc.code,
                        reason: "企业未登记，请先导入企业名录 / enterprise not registered; import it first"))
                } else if r.quarter >= current {
                    report.problems.append(ImportProblem(row: row, column: "季度", value: r.quarter.description, reason: "季度尚未结束 / the quarter has not ended"))
                } else {
                    good.append(r)
                }
            }
            report.problems.sort { ($0.row, $0.column) < ($1.row, $1.column) }
            report.skippedRows = parsed.rowsRead - good.count
            guard report.problems.isEmpty || options.skipInvalid || options.dryRun else { return report }
            let existing = try await stores.rd.fetchReports(usccs: Array(Set(good.map(\.uscc))))
            var writes: [StoredRDReport] = []
            for r in good {
                let old = existing["\(r.uscc.code) \(r.quarter)"]
                if old == r { report.unchanged += 1; continue }
                if old == nil { report.inserted += 1 } else { report.updated += 1 }
                let e = enterprises[r.uscc]!
                writes.append(StoredRDReport(report: r, townCode: e.townCode, industrial: RDIndicators.isIndustrial(industryCode: e.industryCode),
                                             submittedAt: at, submittedBy: options.actor))
            }
            if options.dryRun { return report }
            for chunk in writes.chunked(into: 5_000) { try await stores.rd.upsertReports(Array(chunk)) }
            return try await Self.finish(&report, history: [], action: "import.rdReports", actor: options.actor, at: at, stores: stores, progress: progress)
        }
    }

    /// The common end of an applied import: its history rows and one audit row with the counts.
    static func finish(_ report: inout ImportReport, history: [ChangeRecord], action: String, actor: String, at: String,
                       stores: any Stores, progress: (@Sendable (Double) -> Void)?) async throws -> ImportReport {
        try await stores.history.append(history)
        try await stores.audit(AuditEntry(at: at, actor: actor, action: action, subject: "registry",
                                          detail: "inserted \(report.inserted) updated \(report.updated) unchanged \(report.unchanged) skipped \(report.skippedRows)"))
        report.applied = true
        progress?(1)
        return report
    }
}

