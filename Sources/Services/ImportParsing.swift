import Foundation
import Kernel
import RDMonitoring
import Registry
import Spreadsheet

/// A file read and checked, before anything touches the database. Pure: no I/O.
public struct ParsedImport<Value: Sendable>: Sendable {
    /// (spreadsheet row number, value) for every row that passed every check.
    public var rows: [(row: Int, value: Value)]
    public var problems: [ImportProblem]
    /// Data rows read (blank rows and the optional English header row excluded).
    public var rowsRead: Int
    /// Column key → header as written, for problems found once the stored record is known.
    public var headers: [String: String] = [:]
}

enum ImportParsing {
    /// Reads the header row(s) and maps each known column to its index.
    static func header(of table: SheetTable, kind: ImportKind) -> (columns: [String: (index: Int, header: String)], firstDataRow: Int, problems: [ImportProblem]) {
        var problems: [ImportProblem] = []
        guard let headerRow = table.rows.first else {
            return ([:], 1, [ImportProblem(row: 0, column: "", value: "", reason: "文件为空 / the file is empty")])
        }
        var columns: [String: (index: Int, header: String)] = [:]
        for (index, cell) in headerRow.enumerated() {
            let h = cell.trimmingCharacters(in: .whitespacesAndNewlines)
            if h.isEmpty { continue }
            guard let column = match(h, in: kind.columns) else {
                problems.append(ImportProblem(row: 1, column: h, value: h,
                    reason: "未知的列名（模板列：\(kind.columns.map(\.chinese).joined(separator: "、"))）/ unknown column; use `kechuang export --template \(kind.rawValue)`"))
                continue
            }
            if columns[column.key] != nil {
                problems.append(ImportProblem(row: 1, column: h, value: h, reason: "列重复 / duplicate column"))
            } else {
                columns[column.key] = (index, h)
            }
        }
        for column in kind.columns where column.required && columns[column.key] == nil {
            problems.append(ImportProblem(row: 1, column: column.chinese, value: "", reason: "缺少必需的列 / required column is missing"))
        }
        // The template may carry a second header row with the English keys.
        var first = 1
        if table.rows.count > 1 {
            let second = table.rows[1].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let keys = Set(kind.columns.map(\.key))
            if !second.isEmpty && second.allSatisfy({ keys.contains($0) }) { first = 2 }
        }
        return (columns, first, problems)
    }

    static func match(_ header: String, in columns: [ImportColumn]) -> ImportColumn? {
        let bare = header.replacingOccurrences(of: "（元）", with: "").replacingOccurrences(of: "(元)", with: "")
        return columns.first { $0.chinese == header || $0.key.caseInsensitiveCompare(header) == .orderedSame
            || $0.chinese.replacingOccurrences(of: "（元）", with: "") == bare }
    }

    /// Runs `parseRow` over every data row, adding the structural checks every kind shares:
    /// blank rows skipped, stray cells beyond the header reported, duplicate keys reported.
    static func parse<Value: Sendable, Key: Hashable>(
        _ table: SheetTable, kind: ImportKind,
        key: (Value) -> Key, describeKey: (Key) -> String,
        parseRow: @escaping @Sendable (inout ImportRowReader) -> Value?
    ) -> ParsedImport<Value> {
        let (columns, first, headerProblems) = header(of: table, kind: kind)
        guard headerProblems.isEmpty else { return ParsedImport(rows: [], problems: headerProblems, rowsRead: max(0, table.rows.count - 1)) }
        // Merged cells are read as Excel shows them: a value merged down one column belongs to
        // every row of the merge. A merge across columns, or over the header, has no one reading:
        // the file is refused with the range named, never read with cells silently dropped.
        let (table, refusedMerges) = table.fillingColumnMerges(headerRows: first)
        guard refusedMerges.isEmpty else {
            let problems = refusedMerges.map { range in
                ImportProblem(row: range.firstRow + 1, column: range.description, value: "",
                              reason: range.firstRow < first
                                ? "表头含合并单元格 \(range)，无法确定各列，请取消合并后重新导入 / the header has merged cells \(range); unmerge them and import again"
                                : "合并单元格 \(range) 跨越多列，无法确定属于哪一列，请取消合并后重新导入 / merged cells \(range) span several columns; unmerge them and import again")
            }
            return ParsedImport(rows: [], problems: problems, rowsRead: max(0, table.rows.count - first))
        }
        let width = (columns.values.map(\.index).max() ?? 0) + 1
        let mapped = columns.values.sorted { $0.index < $1.index }

        // Rows are independent until the duplicate check, so large files are read on every core
        // in contiguous slices; the merge below keeps file order.
        let indices = Array(first..<table.rows.count)
        let sliceCount = indices.count >= 20_000 ? ProcessInfo.processInfo.activeProcessorCount : 1
        let slices = (0..<sliceCount).map { n in indices[(indices.count * n / sliceCount)..<(indices.count * (n + 1) / sliceCount)] }
        let results = SliceResults<Value>(count: sliceCount)
        DispatchQueue.concurrentPerform(iterations: sliceCount) { n in
            var out: [(row: Int, value: Value?, problems: [ImportProblem])] = []
            out.reserveCapacity(slices[n].count)
            for index in slices[n] {
                let cells = table.rows[index]
                let rowNumber = index + 1
                if cells.allSatisfy({ ImportRowReader.trimmed($0) == nil }) { continue }
                var reader = ImportRowReader(rowNumber: rowNumber, cells: cells, columns: columns,
                                             numeric: index < table.numericMask.count ? table.numericMask[index] : [])
                if cells.count > width, cells[width...].contains(where: { ImportRowReader.trimmed($0) != nil }) {
                    reader.problems.append(ImportProblem(row: rowNumber, column: "", value: "", reason: "表头之外还有数据 / cells beyond the last header column"))
                }
                for column in mapped where column.index < cells.count {
                    if let bad = ControlCharacters.first(in: cells[column.index]) {
                        reader.problems.append(ImportProblem(row: rowNumber, column: column.header, value: cells[column.index].unicodeScalars
                            .map { $0.properties.generalCategory == .control ? "␀" : String($0) }.joined(), reason: ControlCharacters.message(bad)))
                    }
                }
                guard reader.problems.isEmpty else {
                    out.append((rowNumber, nil, reader.problems))
                    continue
                }
                let value = parseRow(&reader)
                out.append((rowNumber, reader.problems.isEmpty ? value : nil, reader.problems))
            }
            results.store(n, out)
        }

        var rows: [(Int, Value)] = []
        rows.reserveCapacity(indices.count)
        var problems: [ImportProblem] = []
        var seen: [Key: Int] = [:]
        var read = 0
        for slice in results.all {
            for parsed in slice {
                read += 1
                problems += parsed.problems
                guard let value = parsed.value else { continue }
                let k = key(value)
                if let firstRow = seen[k] {
                    problems.append(ImportProblem(row: parsed.row, column: "", value: describeKey(k),
                                                  reason: "与第 \(firstRow) 行重复 / duplicates row \(firstRow)"))
                } else {
                    seen[k] = parsed.row
                    rows.append((parsed.row, value))
                }
            }
        }
        if read == 0 { problems.append(ImportProblem(row: 0, column: "", value: "", reason: "文件没有数据行 / the file has no data rows")) }
        return ParsedImport(rows: rows, problems: problems, rowsRead: read, headers: columns.mapValues(\.header))
    }

    static func enterprises(_ table: SheetTable) -> ParsedImport<EnterpriseEdit> {
        parse(table, kind: .enterprises, key: \.uscc, describeKey: \.code) { r in
            let uscc = r.uscc("uscc")
            let name = r.required("name")
            let registeredOn: CellEdit<LocalDate> = r.edit("registeredOn") { $0.date("registeredOn") }
            let townCode: CellEdit<String> = r.edit("townCode") { $0.code("townCode") }
            let industryCode: CellEdit<String> = r.edit("industryCode") { $0.code("industryCode") }
            let chainTags: CellEdit<[String]> = r.edit("chainTags") { r in
                r.raw("chainTags").map { Array(Set($0.split(whereSeparator: { ";；、,，".contains($0) })
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted() }
            }
            let status: CellEdit<EnterpriseStatus> = r.edit("status") { $0.oneOf("status") { [$0.label.components(separatedBy: " / ")[0], $0.rawValue] } }
            if case .clear = status { r.fail("status", "清空", "经营状态不能清空 / the status cannot be cleared") }
            let sme: CellEdit<Bool> = r.edit("sme") { $0.bool("sme") }
            guard let uscc, let name else { return nil }
            let edit = EnterpriseEdit(uscc: uscc, name: name, registeredOn: registeredOn, townCode: townCode, industryCode: industryCode,
                                      chainTags: chainTags, status: status, sme: sme)
            // Checks on the values the file gives; the merged record is checked again on import.
            let probe = edit.applied(to: nil)
            // A town may be given by name; the importer resolves it against the district's towns.
            for p in probe.problems() where p.path != "townCode" {
                r.fail(p.path, p.path == "name" ? name : (p.path == "townCode" ? probe.townCode ?? "" : probe.industryCode ?? ""), p.message)
            }
            return edit
        }
    }

    static func fiscalYears(_ table: SheetTable) -> ParsedImport<FiscalYearEdit> {
        parse(table, kind: .fiscalYears, key: { FiscalKey(uscc: $0.uscc, year: $0.year) }, describeKey: { "\($0.uscc.code) \($0.year)" }) { r in
            let uscc = r.uscc("uscc")
            let year = r.required("year").flatMap { _ in r.int("year", range: 1949...2200) }
            let counts = ImportFieldText.fiscalCounts.map { key, path in (path, r.edit(key) { $0.int(key) }) }
            let amounts = ImportFieldText.fiscalAmounts.map { key, path in (path, r.edit(key) { $0.money(key, allowNegative: key == "netProfit") }) }
            guard let uscc, let year, r.problems.isEmpty else { return nil }
            return FiscalYearEdit(uscc: uscc, year: year, counts: counts, amounts: amounts)
        }
    }
}

struct FiscalKey: Hashable { let uscc: USCC; let year: Int }

extension ImportParsing {
    static func rdReports(_ table: SheetTable) -> ParsedImport<RDReportEdit> {
        parse(table, kind: .rdReports, key: { "\($0.uscc.code) \($0.quarter)" }, describeKey: { $0 }) { r in
            let uscc = r.uscc("uscc")
            let quarter = r.required("quarter").flatMap { text -> Quarter? in
                guard let q = Quarter(text) else { r.fail("quarter", text, "须为 2024Q1 这样的季度 / a quarter like 2024Q1"); return nil }
                return q
            }
            let revenue = r.required("operatingRevenue").flatMap { _ in r.money("operatingRevenue") }
            let statistical = r.required("statisticalRD").flatMap { _ in r.money("statisticalRD") }
            let tax = r.edit("taxDeductionRD") { $0.money("taxDeductionRD") }, hte = r.edit("highTechRD") { $0.money("highTechRD") }
            let staff = r.edit("rdStaff") { $0.int("rdStaff") }, employees = r.edit("employees") { $0.int("employees") }
            let projects = r.edit("rdProjects") { $0.int("rdProjects") }
            guard let uscc, let quarter, let revenue, let statistical, r.problems.isEmpty else { return nil }
            return RDReportEdit(uscc: uscc, quarter: quarter, operatingRevenue: revenue, statisticalRD: statistical, taxDeductionRD: tax,
                                highTechRD: hte, rdProjects: projects, rdStaff: staff, employees: employees)
        }
    }
}

/// The per-slice results of a parallel parse; each slot is written by exactly one worker.
final class SliceResults<Value>: @unchecked Sendable {
    // @unchecked: slot n is written once by worker n inside concurrentPerform, which returns
    // only after every worker has finished; reads happen after that.
    private var slots: [[(row: Int, value: Value?, problems: [ImportProblem])]]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func store(_ n: Int, _ rows: [(row: Int, value: Value?, problems: [ImportProblem])]) { lock.withLock { slots[n] = rows } }
    var all: [[(row: Int, value: Value?, problems: [ImportProblem])]] { lock.withLock { slots } }
}
