import Foundation
import KechuangTestSupport
import Kernel
import RDMonitoring
import Registry
import Services
import Spreadsheet
import SQLKit
import Storage
import StorageSQL
import Testing

/// Imports are all-or-nothing by default, name every bad cell, and are idempotent.
@Suite struct ImportTests {
    static let enterprisesCSV = """
    统一社会信用代码,企业名称,成立日期,行业代码,中小企业
    91500151MA6012340R,重庆示例储能科技有限公司,2016-04-12,C3841,是
    914403001922038216,华为技术有限公司,1987/9/15,C3922,否
    """

    static let fiscalCSV = """
    统一社会信用代码,年度,职工总数,科技人员数,销售收入（元）,研发费用（元）,净利润（元）
    91500151MA6012340R,2023,120,30,80000000,4200000,-15.5
    91500151MA6012340R,2022,100,25,70000000.00,"3,000,000",
    914403001922038216,2023,207000,114000,704200000000,164700000000,87000000000
    """

    static let rdHeader = "统一社会信用代码,季度,本季营业收入（元）,研发经费内部支出（元）,加计扣除研发费用（元）,在研项目数,研发人员数,从业人员数"

    func importer(_ db: KechuangDatabase) -> RegistryImporter { RegistryImporter(transactor: db, now: fixedNow) }

    func counts(_ db: KechuangDatabase) async throws -> (enterprises: Int, history: Int) {
        try await db.withSQL(transaction: false) { sql in
            let e = try await sql.raw("SELECT COUNT(*) AS n FROM enterprises").first()!.decode(column: "n", as: Int.self)
            let h = try await sql.raw("SELECT COUNT(*) AS n FROM change_history").first()!.decode(column: "n", as: Int.self)
            return (e, h)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func importsAndReimportChangesNothing(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let first = try await importer(db).run(Data(Self.enterprisesCSV.utf8), kind: .enterprises)
            #expect(first.problems == [])
            #expect((first.applied, first.inserted, first.rowsRead) == (true, 2, 2))
            let fiscal = try await importer(db).run(Data(Self.fiscalCSV.utf8), kind: .fiscalYears)
            #expect(fiscal.problems == [])
            #expect(fiscal.inserted == 3)
            let before = try await counts(db)

            let again = try await importer(db).run(Data(Self.enterprisesCSV.utf8), kind: .enterprises)
            let fiscalAgain = try await importer(db).run(Data(Self.fiscalCSV.utf8), kind: .fiscalYears)
            #expect((again.unchanged, again.inserted, again.updated) == (2, 0, 0))
            #expect((fiscalAgain.unchanged, fiscalAgain.inserted, fiscalAgain.updated) == (3, 0, 0))
            #expect(try await counts(db) == before, "re-importing wrote no rows and no history")

            let record = try await RegistryService(transactor: db, now: fixedNow).record(try USCC("91500151MA6012340R"))
            #expect(record.enterprise.registeredOn == LocalDate("2016-04-12"))
            #expect(record.fiscalYears.map(\.facts.year) == [2022, 2023])
            #expect(record.fiscalYears[0].facts.rdExpense == Money(yuan: 3_000_000))
            #expect(record.fiscalYears[0].facts.netProfit == nil)
            #expect(record.fiscalYears[1].facts.netProfit == Money(fen: -1_550))
            #expect(record.fiscalYears[1].source == .imported)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func changedRowsAreUpdatedWithHistory(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            _ = try await importer(db).run(Data(Self.enterprisesCSV.utf8), kind: .enterprises)
            let edited = Self.enterprisesCSV.replacingOccurrences(of: "重庆示例储能科技有限公司", with: "重庆示例储能股份有限公司")
            let report = try await importer(db).run(Data(edited.utf8), kind: .enterprises)
            #expect((report.updated, report.unchanged) == (1, 1))
            let history = try await RegistryService(transactor: db, now: fixedNow).record(try USCC("91500151MA6012340R")).history
            #expect(history.count == 2)
            #expect(history[0].after?.contains("重庆示例储能股份有限公司") == true)
        }
    }

    /// Each broken file: the problems it must report, and proof that nothing was written.
    static let brokenFiles: [(name: String, bytes: Data, expect: [String])] = [
        ("wrong headers", Data("代码,名字\n91500151MA6012340R,x\n".utf8), ["代码", "名字", "统一社会信用代码", "企业名称"]),
        ("bad USCC", Data("统一社会信用代码,企业名称\n91500151MA6012340Q,甲\n91500151MA6O12340R,乙\n".utf8), ["row 2", "row 3", "check digit", "character 12"]),
        ("negative money", Data("统一社会信用代码,年度,销售收入（元）\n91500151MA6012340R,2023,-5\n".utf8), ["row 2", "销售收入", "must be >= 0"]),
        ("text in number cells", Data("统一社会信用代码,年度,职工总数,研发费用（元）\n91500151MA6012340R,2023,一百,abc\n".utf8), ["职工总数", "not a whole number", "研发费用", "not an amount"]),
        ("duplicate rows", Data("统一社会信用代码,企业名称\n91500151MA6012340R,甲\n91500151MA6012340R,乙\n".utf8), ["row 3", "duplicates row 2"]),
        ("empty file", Data(), ["empty"]),
        ("header only", Data("统一社会信用代码,企业名称\n".utf8), ["no data rows"]),
        ("not a spreadsheet", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]), ["PNG"]),
        ("broken zip", Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), ["ZIP"]),
        ("unterminated quote", Data("统一社会信用代码,企业名称\n91500151MA6012340R,\"甲\n".utf8), ["line 2", "quote"]),
    ]

    @Test(arguments: TestDatabases.engines, 0..<brokenFiles.count)
    func brokenFilesWriteNothing(_ engine: SQLEngine, _ index: Int) async throws {
        let file = Self.brokenFiles[index]
        try await TestDatabases.with(engine) { db in
            // Register the enterprise so fiscal-year files fail only for their own reasons.
            try await RegistryService(transactor: db, now: fixedNow).create(
                Enterprise(uscc: try USCC("91500151MA6012340R"), name: "甲"), actor: "t")
            let before = try await counts(db)
            let kind: ImportKind = file.expect.contains("销售收入") || file.expect.contains("职工总数") ? .fiscalYears : .enterprises
            let report = try await importer(db).run(file.bytes, kind: kind)
            #expect(!report.applied, "\(file.name)")
            #expect(!report.problems.isEmpty, "\(file.name)")
            let text = report.problems.map(\.description).joined(separator: "\n")
            for needle in file.expect {
                #expect(text.contains(needle), "\(file.name): report lacks “\(needle)”:\n\(text)")
            }
            #expect(try await counts(db) == before, "\(file.name) wrote something")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func skipInvalidLoadsTheGoodRowsAndReportsTheRest(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let csv = Self.enterprisesCSV + "\n91500151MA6012340Q,坏代码公司,,,\n"
            let strict = try await importer(db).run(Data(csv.utf8), kind: .enterprises)
            #expect(!strict.applied)
            #expect(try await counts(db).enterprises == 0)
            let lenient = try await importer(db).run(Data(csv.utf8), kind: .enterprises, options: .init(skipInvalid: true))
            #expect(lenient.applied)
            #expect((lenient.inserted, lenient.skippedRows) == (2, 1))
            #expect(lenient.problems.map(\.row) == [4])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func fiscalYearsOfUnregisteredEnterprisesAreRefused(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let report = try await importer(db).run(Data(Self.fiscalCSV.utf8), kind: .fiscalYears)
            #expect(!report.applied)
            #expect(report.problems.map(\.row) == [2, 3, 4])
            #expect(report.problems.allSatisfy { $0.reason.contains("not registered") })
        }
    }

    /// Large files are validated in parallel slices; duplicates across slices are still found,
    /// and problems keep file order.
    @Test func largeFilesFindDuplicatesAcrossSlices() async throws {
        try await TestDatabases.with(.sqlite) { db in
            let district = DemoDistrict(seed: 3, enterprises: 25_000)
            var csv = "统一社会信用代码,企业名称\n"
            for i in 0..<25_000 { csv += "\(district.uscc(i).code),企业\(i)\n" }
            csv += "\(district.uscc(0).code),重复\n"
            csv += "\(district.uscc(1).code),\n"
            let report = try await importer(db).run(Data(csv.utf8), kind: .enterprises)
            #expect(!report.applied)
            #expect(report.rowsRead == 25_002)
            #expect(report.problems.map(\.row) == [25_002, 25_003])
            #expect(report.problems[0].reason.contains("duplicates row 2"))
            #expect(try await counts(db).enterprises == 0)
        }
    }

    @Test func exportWritesPlainNumbers() {
        let cells = RegistryExporter.cells(of: FiscalYearFacts(year: 2023, employees: 49, stStaff: 3, salesRevenue: Money(fen: 123_450), conversions: 4),
                                           uscc: try! USCC("91500151MA6012340R"))
        #expect(Array(cells[0...5]) == ["91500151MA6012340R", "2023", "49", "3", "", "1234.50"])
        #expect(cells.last == "4")
    }

    @Test(arguments: TestDatabases.engines)
    func exportThenImportIsANoOpInBothFormats(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            _ = try await importer(db).run(Data(Self.enterprisesCSV.utf8), kind: .enterprises)
            _ = try await importer(db).run(Data(Self.fiscalCSV.utf8), kind: .fiscalYears)
            let exporter = RegistryExporter(transactor: db)
            for kind in [ImportKind.enterprises, .fiscalYears] {   // R&D reports: rdReportsImportAllOrNothingAndRoundTrip
                let table = try await exporter.table(kind, englishHeader: true)
                #expect(table.rows.count == (kind == .enterprises ? 4 : 5))
                for format in [SpreadsheetFormat.csv, .xlsx] {
                    let data = try RegistryExporter.encode(table, as: format, sheetName: "x")
                    let report = try await importer(db).run(data, kind: kind)
                    #expect(report.problems == [], "\(kind) \(format)")
                    #expect(report.inserted + report.updated == 0, "\(kind) \(format) changed something")
                    #expect(report.unchanged == table.rows.count - 2)
                }
            }
        }
    }

    /// A name that would run as a formula is exported as text (an apostrophe in CSV, quoted text in
    /// XLSX) and reads back as the name (issue 19, item 5).
    @Test(arguments: TestDatabases.engines)
    func formulaLikeCellsAreGuardedInExportsAndReadBack(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            let csv = "统一社会信用代码,企业名称\n91500151MA6012340R,\"=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"\n"
            let first = try await importer(db).run(Data(csv.utf8), kind: .enterprises)
            #expect(first.problems == [] && first.inserted == 1)
            let table = try await RegistryExporter(transactor: db).table(.enterprises, englishHeader: true)
            let exported = String(decoding: try RegistryExporter.encode(table, as: .csv, sheetName: "x"), as: UTF8.self)
            #expect(exported.contains("\"'=HYPERLINK("), "the CSV cell starts with an apostrophe")
            for format in [SpreadsheetFormat.csv, .xlsx] {
                let report = try await importer(db).run(try RegistryExporter.encode(table, as: format, sheetName: "x"), kind: .enterprises)
                #expect(report.problems == [] && report.inserted + report.updated == 0, "\(format): the name reads back unchanged")
            }
            #expect(try await db.read { try await $0.registry.fetchEnterprise(try USCC("91500151MA6012340R")) }?.name == "=HYPERLINK(\"http://x\",\"点我\")")
        }
    }

    /// Quarterly R&D reports load like the registry's files: every bad cell named, all or nothing
    /// unless told to skip, idempotent, and an export loads back unchanged.
    @Test(arguments: TestDatabases.engines)
    func rdReportsImportAllOrNothingAndRoundTrip(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            _ = try await importer(db).run(Data(Self.enterprisesCSV.utf8), kind: .enterprises)
            let csv = Self.rdHeader + "\n" + """
            91500151MA6012340R,2023Q4,6000000,300000,280000,2,12,120
            91500151MA6012340R,2023Q3,6000000,6000001,,,,
            91500151MA60123499,2023Q4,1,0,,,,
            914403001922038216,2023Q5,1,0,,,,
            914403001922038216,2030Q1,100,0,,,,
            """
            let refused = try await importer(db).run(Data(csv.utf8), kind: .rdReports)
            #expect(!refused.applied)
            #expect(refused.problems.map(\.row) == [3, 4, 5, 6], "\(refused.problems)")
            #expect(refused.problems.first { $0.row == 3 }?.reason.contains("高于本季营业收入") == true)
            #expect(refused.problems.first { $0.row == 6 }?.reason.contains("has not ended") == true)
            #expect(try await db.read { try await $0.rd.fetchReports(usccs: [try USCC("91500151MA6012340R")]) }.isEmpty)

            let skipped = try await importer(db).run(Data(csv.utf8), kind: .rdReports, options: .init(skipInvalid: true))
            #expect(skipped.applied && skipped.inserted == 1 && skipped.skippedRows == 4)
            let stored = try await db.read { try await $0.rd.fetchReports(try USCC("91500151MA6012340R")) }
            #expect(stored.count == 1 && stored[0].report.taxDeductionRD == Money(yuan: 280_000) && stored[0].report.highTechRD == nil, "bases kept apart")
            #expect(stored[0].industrial && stored[0].report.rdProjects == 2)

            let exported = try await RegistryExporter(transactor: db).table(.rdReports)
            let again = try await importer(db).run(CSV.write(exported), kind: .rdReports)
            #expect(again.applied && again.unchanged == 1 && again.inserted == 0 && again.updated == 0, "\(again.summary)")
        }
    }

    /// A quarterly report re-filed with only the required columns keeps the optional figures on
    /// record; 清空 clears one (issue 17, item 1), and the change list names the field.
    @Test(arguments: TestDatabases.engines)
    func rdReportsChangeOnlyTheColumnsTheFileHas(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            _ = try await importer(db).run(Data(Self.enterprisesCSV.utf8), kind: .enterprises)
            let full = Self.rdHeader + "\n91500151MA6012340R,2023Q4,6000000,300000,280000,2,12,120\n"
            #expect(try await importer(db).run(Data(full.utf8), kind: .rdReports).applied)
            let partial = "统一社会信用代码,季度,本季营业收入（元）,研发经费内部支出（元）,研发人员数\n91500151MA6012340R,2023Q4,6000000,350000,清空\n"
            let report = try await importer(db).run(Data(partial.utf8), kind: .rdReports)
            #expect(report.applied && report.updated == 1 && report.fieldsChanged == 2, "\(report.summary)")
            #expect(Set(report.changes.first?.fields.map(\.key) ?? []) == ["statisticalRD", "rdStaff"])
            let stored = try #require(try await db.read { try await $0.rd.fetchReports(try USCC("91500151MA6012340R")) }.first).report
            #expect(stored.statisticalRD == Money(yuan: 350_000) && stored.rdStaff == nil)
            #expect(stored.taxDeductionRD == Money(yuan: 280_000) && stored.rdProjects == 2 && stored.employees == 120, "columns the file lacks are kept")
        }
    }
}
