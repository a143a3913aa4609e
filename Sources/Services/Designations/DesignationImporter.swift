import Cashout
import Foundation
import Kernel
import Registry
import Storage

/// What a designation list is, as the person importing it says (issue 23, item 1): the kind,
/// the batch, the day the list was issued, the notice it was published in, and the district
/// whose rows to take.
public struct DesignationImportOptions: Sendable, Codable, Hashable {
    public var kind: DesignationKind
    /// "2023-2"; for 科技型中小企业 read from each row's 入库登记编号 when not given.
    public var batch: String?
    public var issuedOn: LocalDate
    public var source: String
    public var district: String?

    public init(kind: DesignationKind, batch: String?, issuedOn: LocalDate, source: String, district: String?) {
        self.kind = kind; self.batch = batch; self.issuedOn = issuedOn; self.source = source; self.district = district
    }

    public var problems: [Problem] {
        var out: [Problem] = []
        if kind == .highTechPool { out.append(Problem(path: "designation", message: "培育库在“高企培育库”页面管理，不从名单导入 / the pool is managed on its page, not imported")) }
        if let b = batch, !CleanText.isLine(b, max: 40) { out.append(Problem(path: "batch", message: "批次须为 1–40 个字符，如 2023-2 / a batch such as 2023-2")) }
        if !(1990...2100).contains(issuedOn.year) { out.append(Problem(path: "issuedOn", message: "发布日期须在 1990–2100 年 / the date must fall in 1990–2100")) }
        if source.isEmpty || !CleanText.isLine(source, max: 500) { out.append(Problem(path: "source", message: "请填写名单出处（通知标题或文号），不超过 500 字 / name the notice, up to 500 characters")) }
        return out
    }
}

/// One row of the preview: the list's row, how it matched, and what confirming would do.
public struct DesignationImportRow: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// Written on confirmation; `renewal` marks a 重新认定 (the firm held this kind before).
        case add(renewal: Bool)
        /// Already recorded for this firm (same kind and issue date, or the same number).
        case alreadyRecorded
        /// The number belongs to another firm's designation: refused, for a person to look at.
        case numberHeld(by: USCC, name: String)
        /// Needs a person: choose among the candidates, or leave it out.
        case review
        /// Not written: another district, unmatched, or a malformed cell.
        case skip
    }

    public var row: DesignationList.Row
    public var outcome: DesignationMatcher.Outcome
    public var action: Action
    public var batch: String?
}

public struct DesignationImportReport: Sendable {
    public var options: DesignationImportOptions
    public var headers: [String: String]
    public var rows: [DesignationImportRow]
    /// Confirmed: the designations were written.
    public var applied = false
    public var written = 0
    /// Pool members who left it (a 高企 list) and 免申即享 entitlements created.
    public var graduated = 0
    public var entitlements = 0

    public func count(_ test: (DesignationImportRow) -> Bool) -> Int { rows.filter(test).count }
    public var toAdd: Int { count { if case .add = $0.action { return true }; return false } }
    public var renewals: Int { count { $0.action == .add(renewal: true) } }
    public var inReview: Int { count { $0.action == .review } }
    public var recorded: Int { count { $0.action == .alreadyRecorded } }
    public var held: Int { count { if case .numberHeld = $0.action { return true }; return false } }
    public var otherDistrict: Int { count { if case .otherDistrict = $0.outcome { return true }; return false } }
    public var unmatched: Int { count { if case .unmatched = $0.outcome { return true }; return false } }
    public var invalid: Int { count { if case .invalid = $0.outcome { return true }; return false } }
}

/// Imports a published designation list (issue 23): read, match, preview; then, on
/// confirmation with the staff's choices for the rows in review, write every designation in one
/// transaction with its audit and history rows, and run what a new designation sets off — 高企
/// pool members graduate, and the 免申即享 policies that pay on the kind entitle the new holders.
public struct DesignationImporter: Sendable {
    public let transactor: any Transactor
    public let clock: @Sendable () -> Date

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date) {
        self.transactor = transactor; self.clock = clock
    }

    public enum ImportError: Error, Equatable, CustomStringConvertible {
        case invalid([Problem])
        case list(DesignationList.ListError)
        public var description: String {
            switch self {
            case .invalid(let p): return p.map(\.description).joined(separator: "\n")
            case .list(let e): return e.description
            }
        }
    }

    /// Reads and matches the list; writes nothing.
    public func preview(_ data: Data, _ options: DesignationImportOptions) async throws -> DesignationImportReport {
        guard options.problems.isEmpty else { throw ImportError.invalid(options.problems) }
        let list: DesignationList
        do { list = try DesignationList.read(data) } catch { throw ImportError.list(error) }
        return try await transactor.read { stores in
            let index = try await Self.index(stores)
            let matcher = DesignationMatcher(index: index, district: options.district)
            let outcomes = list.rows.map { matcher.match($0) }
            let firms = outcomes.compactMap { if case .matched(let c) = $0 { return c.uscc }; return nil }
            let held = try await stores.registry.fetchDesignations(codes: Array(Set(firms.map(\.code))))
            let holders = try await stores.registry.fetchHolders(numbers: list.rows.compactMap(\.number))
            let rows = zip(list.rows, outcomes).map { row, outcome in
                Self.plan(row, outcome, options, held: { held[$0.code] ?? [] }, holders: holders, index: index)
            }
            return DesignationImportReport(options: options, headers: list.headers, rows: rows)
        }
    }

    /// What confirming would do with one matched row.
    static func plan(_ row: DesignationList.Row, _ outcome: DesignationMatcher.Outcome, _ o: DesignationImportOptions,
                     held: (USCC) -> [Designation], holders: [String: USCC], index: DesignationMatcher.NameIndex) -> DesignationImportRow {
        let batch = o.batch ?? row.number.flatMap { RegistrationNumber.batch(of: $0, kind: o.kind) }
        var out = DesignationImportRow(row: row, outcome: outcome, action: .skip, batch: batch)
        switch outcome {
        case .review: out.action = .review
        case .matched(let c):
            let mine = held(c.uscc).filter { $0.kind == o.kind }
            if let n = row.number, let other = holders[n], other != c.uscc {
                out.action = .numberHeld(by: other, name: index.name(other) ?? other.code)
            } else if mine.contains(where: { $0.issuedOn == o.issuedOn || (row.number != nil && $0.number == row.number) }) {
                out.action = .alreadyRecorded
            } else {
                out.action = .add(renewal: mine.contains { $0.issuedOn < o.issuedOn })
            }
        case .unmatched, .otherDistrict, .invalid: out.action = .skip
        }
        return out
    }

    /// Writes the preview's designations: the matched rows, and the rows staff decided (`chosen`,
    /// by the row's line: the firm picked, for a row in review or unmatched). Rows left undecided
    /// are left out and stay in the report. All or nothing.
    public func confirm(_ data: Data, _ options: DesignationImportOptions, chosen: [Int: USCC], actor: String) async throws -> DesignationImportReport {
        var report = try await preview(data, options)
        let at = ISOTime.format(clock())
        // Staff's choices go through the same checks as a match: the firm must exist, and the
        // number and the date must not be recorded already.
        let picked = try await transactor.read { stores in
            try await stores.registry.fetchEnterprises(Array(Set(chosen.values)))
        }
        let pickedHeld = try await transactor.read { try await $0.registry.fetchDesignations(codes: Array(Set(chosen.values.map(\.code)))) }
        let numbers = report.rows.compactMap(\.row.number)
        let holders = try await transactor.read { try await $0.registry.fetchHolders(numbers: numbers) }
        let index = DesignationMatcher.NameIndex(current: picked.map { ($0.key, $0.value.name) }, former: [])
        for i in report.rows.indices {
            guard let u = chosen[report.rows[i].row.line], picked[u] != nil else { continue }
            switch report.rows[i].outcome {
            case .review, .unmatched:
                let c = DesignationMatcher.Candidate(uscc: u, name: picked[u]?.name ?? u.code, basis: .chosen, score: 100)
                report.rows[i] = Self.plan(report.rows[i].row, .matched(c), options, held: { pickedHeld[$0.code] ?? [] }, holders: holders, index: index)
            default: continue
            }
        }
        let writes: [(USCC, Designation, Bool)] = report.rows.compactMap { r in
            guard case .add(let renewal) = r.action, case .matched(let c) = r.outcome else { return nil }
            return (c.uscc, Designation(kind: options.kind, number: r.row.number, issuedOn: options.issuedOn,
                                        expiresOn: DesignationValidity.expiry(of: options.kind, issuedOn: options.issuedOn),
                                        batch: r.batch, source: options.source), renewal)
        }
        // One firm listed twice in one file is written once.
        var seen = Set<USCC>()
        let unique = writes.filter { seen.insert($0.0).inserted }
        try await transactor.write { stores in
            try await stores.registry.insertDesignations(unique.map { ($0.0, $0.1) })
            try await stores.history.append(unique.map { u, d, _ in
                ChangeRecord(enterprise: u, subject: "designation:\(d.kind.rawValue)", actor: actor, at: at, before: nil, after: HistoryJSON.encode(d))
            })
            try await stores.audit(AuditEntry(at: at, actor: actor, action: "import.designations", subject: "designation:\(options.kind.rawValue)",
                                              detail: "\(options.source)；批次 \(options.batch ?? "—")；\(unique.count) 家（重新认定 \(unique.filter(\.2).count) 家）"))
        }
        report.applied = true
        report.written = unique.count
        try await effects(&report, firms: Set(unique.map(\.0)), actor: actor)
        return report
    }

    /// What a new designation sets off, once: 高企 pool members graduate on the issue date, and
    /// each published 免申即享 policy whose conditions read this kind entitles the new holders.
    func effects(_ report: inout DesignationImportReport, firms: Set<USCC>, actor: String) async throws {
        guard !firms.isEmpty else { return }
        let o = report.options
        if o.kind == .highTech {
            report.graduated = try await PoolService(transactor: transactor, now: { ISOTime.format(clock()) }).graduate(on: o.issuedOn, actor: actor)
        }
        let cashout = CashoutService(transactor: transactor, clock: clock)
        for p in try await cashout.policies() where p.policy.mode == .proactive && p.policy.eligibility.designationKinds.contains(o.kind) {
            report.entitlements += try await cashout.entitle(policyID: p.policy.id, actor: actor, only: firms)
        }
    }

    /// The registry's current names and the former names its change history keeps.
    static func index(_ stores: any Stores) async throws -> DesignationMatcher.NameIndex {
        let current = try await stores.registry.fetchNames()
        let decoder = JSONDecoder()
        struct Named: Decodable { var name: String }
        let former = try await stores.history.fetchEnterpriseSnapshots().compactMap { u, json -> (USCC, String)? in
            (try? decoder.decode(Named.self, from: Data(json.utf8))).map { (u, $0.name) }
        }
        return DesignationMatcher.NameIndex(current: current, former: former)
    }
}

/// 科技型中小企业入库登记编号 (issue 23, item 1): four digits of the year, the six-digit code of
/// the area, then the batch, then a serial. [R] recalled from published lists, not from a rule
/// text; used only when the import names no batch, and the batch is "year-N".
public enum RegistrationNumber {
    public static let yearDigits = 0..<4, batchDigits = 10..<12

    public static func batch(of number: String, kind: DesignationKind) -> String? {
        guard kind == .techSME else { return nil }
        let d = Array(number)
        guard d.count >= 16, d.allSatisfy(\.isASCII), let year = Int(String(d[yearDigits])), (2017...2100).contains(year),
              let batch = Int(String(d[batchDigits])), batch > 0 else { return nil }
        return "\(year)-\(batch)"
    }
}
