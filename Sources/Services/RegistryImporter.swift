import Foundation
import Kernel
import RDMonitoring
import Registry
import Spreadsheet
import Storage

/// Loads enterprises or their fiscal facts from CSV or XLSX: validates everything, then writes
/// in one transaction (all or nothing), or, with `skipInvalid`, writes the good rows and reports
/// the rest. A file changes only what it says: a column it lacks, or an empty cell, leaves the
/// stored field as it is (`CellEdit`). Rows equal to what is stored change nothing, so
/// re-importing a file is a no-op.
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
        /// A file that changes an enterprise's 经营状态 is applied only with this (the preview's
        /// confirmation, or `--confirm-status-changes`): reviving a 注销 firm is never a side effect.
        public var confirmStatusChanges = false
        public var limits: XLSXLimits = .standard
        public init(skipInvalid: Bool = false, actor: String = "import", source: FactSource = .imported, dryRun: Bool = false,
                    confirmStatusChanges: Bool = false) {
            self.skipInvalid = skipInvalid; self.actor = actor; self.source = source; self.dryRun = dryRun
            self.confirmStatusChanges = confirmStatusChanges
        }
    }

    /// `progress` receives the fraction done (0…1) as rows are validated and written.
    public func run(_ data: Data, kind: ImportKind, options: Options = Options(),
                    progress: (@Sendable (Double) -> Void)? = nil) async throws -> ImportReport {
        let format: SpreadsheetFormat
        let table: SheetTable
        do {
            (format, table) = try SpreadsheetReader.read(data, limits: options.limits)
        } catch {
            var report = ImportReport(kind: kind, format: "unknown")
            report.problems = [ImportProblem(row: 0, column: "", value: "", reason: "\(error)")]
            return report
        }
        progress?(0.1)
        var report: ImportReport
        switch kind {
        case .enterprises:
            report = try await importEnterprises(ImportParsing.enterprises(table), format: format, options: options, progress: progress)
        case .fiscalYears:
            report = try await importFiscalYears(ImportParsing.fiscalYears(table), format: format, options: options, progress: progress)
        case .rdReports:
            report = try await importRDReports(ImportParsing.rdReports(table), format: format, options: options, progress: progress)
        }
        report.preview = options.dryRun
        return report
    }

    private func importEnterprises(_ parsed: ParsedImport<EnterpriseEdit>, format: SpreadsheetFormat, options: Options,
                                   progress: (@Sendable (Double) -> Void)?) async throws -> ImportReport {
        let at = now()
        return try await transactor.write { stores in
            var report = ImportReport(kind: .enterprises, format: format.rawValue, rowsRead: parsed.rowsRead, problems: parsed.problems)
            let existing = try await stores.registry.fetchEnterprises(parsed.rows.map(\.value.uscc))
            let district = DistrictNames(towns: try await stores.district.fetchTowns(), chains: try await stores.district.fetchChains())
            let towns = Set(district.towns.values), chains = Set(district.chains.values)
            var good: [(row: Int, old: Enterprise?, new: Enterprise)] = []
            for (row, edit) in parsed.rows {
                let old = existing[edit.uscc]
                let e = district.resolving(edit).applied(to: old)
                var rowProblems: [ImportProblem] = []
                if let t = e.townCode, !towns.contains(t), t != old?.townCode {
                    rowProblems.append(ImportProblem(row: row, column: parsed.headers["townCode"] ?? "镇街代码", value: t,
                                                     reason: "既不是已登记镇街的代码（9 位数字），也不是其名称 / neither a registered town's 9-digit code nor its name"))
                }
                for c in e.chainTags where !chains.contains(c) && !(old?.chainTags.contains(c) ?? false) {
                    rowProblems.append(ImportProblem(row: row, column: parsed.headers["chainTags"] ?? "产业链", value: c, reason: "未登记的产业链 / unknown industry chain"))
                }
                if rowProblems.isEmpty { good.append((row, old, e)) } else { report.problems += rowProblems }
            }
            report.problems.sort { ($0.row, $0.column) < ($1.row, $1.column) }
            report.skippedRows = parsed.rowsRead - good.count

            var inserts: [Enterprise] = []
            var updates: [Enterprise] = []
            var history: [ChangeRecord] = []
            for (row, old, e) in good {
                guard report.tally(e, old: old, row: row, subject: "\(e.uscc.code) \(e.name)", text: ImportFieldText.enterprise,
                                   statusChanged: old.map { $0.status != e.status } ?? false) else { continue }
                if old == nil { inserts.append(e) } else { updates.append(e) }
                history.append(ChangeRecord(enterprise: e.uscc, subject: "enterprise", actor: options.actor, at: at,
                                            before: HistoryJSON.encode(old), after: HistoryJSON.encode(e)))
            }
            guard Self.shouldWrite(&report, options) else { return report }
            for e in updates { try await stores.registry.updateEnterprise(e, updatedAt: at) }
            for (i, chunk) in inserts.chunked(into: 5_000).enumerated() {
                try await stores.registry.insertEnterprises(Array(chunk), updatedAt: at)
                progress?(0.2 + 0.7 * Double((i + 1) * 5_000) / Double(max(inserts.count, 1)))
            }
            return try await Self.finish(&report, history: history, action: "import.enterprises", actor: options.actor, at: at, stores: stores, progress: progress)
        }
    }

    private func importFiscalYears(_ parsed: ParsedImport<FiscalYearEdit>, format: SpreadsheetFormat, options: Options,
                                   progress: (@Sendable (Double) -> Void)?) async throws -> ImportReport {
        let at = now()
        return try await transactor.write { stores in
            var report = ImportReport(kind: .fiscalYears, format: format.rawValue, rowsRead: parsed.rowsRead, problems: parsed.problems)
            let enterprises = try await stores.registry.fetchEnterprises(Array(Set(parsed.rows.map(\.value.uscc))))
            progress?(0.2)
            var registered: [(row: Int, edit: FiscalYearEdit)] = []
            for (row, edit) in parsed.rows {
                guard let e = enterprises[edit.uscc] else {
                    report.problems.append(ImportProblem(row: row, column: parsed.headers["uscc"] ?? "统一社会信用代码", value: edit.uscc.code,
                        reason: "企业未登记，请先导入企业名录 / enterprise not registered; import it first"))
                    continue
                }
                if let reg = e.registeredOn, edit.year < reg.year {
                    report.problems.append(ImportProblem(row: row, column: parsed.headers["year"] ?? "年度", value: String(edit.year),
                        reason: "年度早于成立日期 \(reg) / year before registration"))
                    continue
                }
                registered.append((row, edit))
            }
            let existing = try await stores.registry.fetchFiscalYears(registered.map { FiscalYearKey(uscc: $0.edit.uscc, year: $0.edit.year) })
            progress?(0.3)
            // The figures are checked together once the file's cells are laid over what is stored:
            // a file giving only R&D staff is checked against the employees already on record.
            var good: [(row: Int, uscc: USCC, old: FiscalYearFacts?, new: FiscalYearFacts)] = []
            for (row, edit) in registered {
                let old = existing[FiscalYearKey(uscc: edit.uscc, year: edit.year)]?.facts
                let facts = edit.applied(to: old)
                let problems = facts.problems(at: "")
                if problems.isEmpty { good.append((row, edit.uscc, old, facts)); continue }
                for p in problems {
                    let text = ImportFieldText.fiscalYear(edit.uscc)(facts)[p.path] ?? ""
                    report.problems.append(ImportProblem(row: row, column: parsed.headers[p.path] ?? ImportKind.fiscalYears.header(p.path), value: text, reason: p.message))
                }
            }
            report.problems.sort { ($0.row, $0.column) < ($1.row, $1.column) }
            report.skippedRows = parsed.rowsRead - good.count

            var writes: [(USCC, StampedFiscalYear)] = []
            var history: [ChangeRecord] = []
            for (row, uscc, old, facts) in good {
                guard report.tally(facts, old: old, row: row, subject: "\(uscc.code) \(facts.year)年", text: ImportFieldText.fiscalYear(uscc)) else { continue }
                writes.append((uscc, StampedFiscalYear(facts: facts, source: options.source, recordedAt: at)))
                history.append(ChangeRecord(enterprise: uscc, subject: "fiscalYear:\(facts.year)", actor: options.actor, at: at,
                                            before: HistoryJSON.encode(old), after: HistoryJSON.encode(facts)))
            }
            guard Self.shouldWrite(&report, options) else { return report }
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
    func importRDReports(_ parsed: ParsedImport<RDReportEdit>, format: SpreadsheetFormat, options: Options,
                         progress: (@Sendable (Double) -> Void)?) async throws -> ImportReport {
        let at = now()
        return try await transactor.write { stores in
            var report = ImportReport(kind: .rdReports, format: format.rawValue, rowsRead: parsed.rowsRead, problems: parsed.problems)
            let enterprises = try await stores.registry.fetchEnterprises(Array(Set(parsed.rows.map(\.value.uscc))))
            var filed: [(row: Int, edit: RDReportEdit, firm: Enterprise)] = []
            for (row, r) in parsed.rows {
                if let firm = enterprises[r.uscc], RDMonitoringService.hasEnded(r.quarter, at: at) {
                    filed.append((row, r, firm))
                } else if enterprises[r.uscc] == nil {
                    report.problems.append(ImportProblem(row: row, column: parsed.headers["uscc"] ?? "统一社会信用代码", value: r.uscc.code,
                        reason: "企业未登记，请先导入企业名录 / enterprise not registered; import it first"))
                } else {
                    report.problems.append(ImportProblem(row: row, column: parsed.headers["quarter"] ?? "季度", value: r.quarter.description, reason: "季度尚未结束 / the quarter has not ended"))
                }
            }
            let existing = try await stores.rd.fetchReports(usccs: Array(Set(filed.map(\.edit.uscc))))
            var good: [(row: Int, old: RDReport?, new: RDReport, firm: Enterprise)] = []
            for (row, edit, firm) in filed {
                let old = existing["\(edit.uscc.code) \(edit.quarter)"]
                let r = edit.applied(to: old)
                let problems = r.problems
                if problems.isEmpty { good.append((row, old, r, firm)); continue }
                for p in problems {
                    report.problems.append(ImportProblem(row: row, column: parsed.headers[p.path] ?? ImportKind.rdReports.header(p.path),
                                                         value: ImportFieldText.rdReport(r)[p.path] ?? "", reason: p.message))
                }
            }
            report.problems.sort { ($0.row, $0.column) < ($1.row, $1.column) }
            report.skippedRows = parsed.rowsRead - good.count
            var writes: [StoredRDReport] = []
            for (row, old, r, firm) in good {
                guard report.tally(r, old: old, row: row, subject: "\(r.uscc.code) \(r.quarter)", text: ImportFieldText.rdReport) else { continue }
                writes.append(StoredRDReport(report: r, townCode: firm.townCode, industrial: RDIndicators.isIndustrial(industryCode: firm.industryCode),
                                             submittedAt: at, submittedBy: options.actor))
            }
            guard Self.shouldWrite(&report, options) else { return report }
            for chunk in writes.chunked(into: 5_000) { try await stores.rd.upsertReports(Array(chunk)) }
            return try await Self.finish(&report, history: [], action: "import.rdReports", actor: options.actor, at: at, stores: stores, progress: progress)
        }
    }

    /// Whether the import goes on to write: not on a preview, not when problems remain and bad rows
    /// are not to be skipped, and not while status changes wait for their confirmation.
    static func shouldWrite(_ report: inout ImportReport, _ options: Options) -> Bool {
        guard !options.dryRun, report.problems.isEmpty || options.skipInvalid else { return false }
        if report.statusChanges > 0 && !options.confirmStatusChanges {
            report.awaitingConfirmation = true
            return false
        }
        return true
    }

    /// The common end of an applied import: its history rows and one audit row with the counts.
    static func finish(_ report: inout ImportReport, history: [ChangeRecord], action: String, actor: String, at: String,
                       stores: any Stores, progress: (@Sendable (Double) -> Void)?) async throws -> ImportReport {
        try await stores.history.append(history)
        try await stores.audit(AuditEntry(at: at, actor: actor, action: action, subject: "registry",
                                          detail: "inserted \(report.inserted) updated \(report.updated) fields \(report.fieldsChanged) unchanged \(report.unchanged) skipped \(report.skippedRows)"))
        report.applied = true
        progress?(1)
        return report
    }
}


extension ImportReport {
    /// Counts one record as new, unchanged, or updated with each field that changes; true when
    /// it is to be written.
    mutating func tally<T: Equatable>(_ new: T, old: T?, row: Int, subject: String, text: (T) -> [String: String],
                                      statusChanged: Bool = false) -> Bool {
        guard old != new else { unchanged += 1; return false }
        guard let old else { inserted += 1; return true }
        updated += 1
        let change = RowChange(row: row, subject: subject, fields: ImportFieldText.changes(kind, before: text(old), after: text(new)),
                               changesStatus: statusChanged)
        changes.append(change)
        fieldsChanged += change.fields.count
        if statusChanged { statusChanges += 1 }
        return true
    }
}

extension ImportKind {
    /// The template's Chinese header of a field, for problems on a column the file does not have.
    func header(_ key: String) -> String { columns.first { $0.key == key }?.chinese ?? key }
}
