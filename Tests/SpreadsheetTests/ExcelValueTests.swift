import Testing
@testable import Spreadsheet

@Suite("Numbers, dates and names at the XLSX boundary")
struct ExcelValueTests {
    @Test(arguments: [
        ("1.0E7", "10000000"), ("10000000.0", "10000000"), ("1.23E2", "123"), ("1E+3", "1000"),
        ("-2.50E1", "-25"), ("0.0", "0"), ("-0.0", "0"), ("12", "12"), ("1.5", "1.5"), ("1.5E-3", "1.5E-3"),
        ("0.30000000000000004", "0.30000000000000004"), ("1E300", "1E300"), ("abc", "abc"), ("1.2.3", "1.2.3"),
    ])
    func integersSpelledAsFloatsAreNormalised(written: String, expected: String) {
        #expect(ExcelNumber.normalised(written) == expected)
    }

    @Test(arguments: [
        ("0", true), ("7", true), ("-12.5", true), ("0.05", true), ("123456789012345", true),
        ("1234567890.12345", true), ("0.000000000000001", true),
        ("0012", false), ("1234567890123456", false), ("91500151MA6012340R", false), ("1e5", false),
        ("1.", false), (".5", false), ("+1", false), ("-0", false), ("-0.00", false), ("1,000", false), ("", false),
        (" 1", false),
    ])
    func writerStoresOnlyPlainDecimalsAsNumbers(text: String, isNumber: Bool) {
        #expect(ExcelNumber.isPlainNumber(text) == isNumber)
    }

    @Test(arguments: [
        ("yyyy-mm-dd", true), (#"yyyy"年"m"月"d"日";@"#, true), ("[$-804]mmmm", true), ("mmm-yy", true),
        ("h:mm", false), ("mm:ss", false), ("[h]:mm:ss", false), ("0.00", false), (#"#,##0 "元""#, false),
        ("[Red]0.00", false), (#""day"0"#, false), ("General", false), ("@", false), ("0.00_d", false),
    ])
    func customFormatCodes(code: String, isDate: Bool) {
        #expect(ExcelDate.isDateFormatCode(code) == isDate)
    }

    @Test func serialsWithoutADatePartStayNumbers() {
        #expect(ExcelDate.isoDate(serial: "0.5", date1904: false) == nil)
        #expect(ExcelDate.isoDate(serial: "-1", date1904: false) == nil)
        #expect(ExcelDate.isoDate(serial: "3000000", date1904: false) == nil)
    }

    @Test func sheetNamesAreMadeValid() {
        let names = XLSXSheetName.sanitised([
            "企业/项目:汇总[2024]", "", String(repeating: "长", count: 40), "Data", "data", "'quoted'",
        ])
        #expect(names[0] == "企业_项目_汇总_2024_")
        #expect(names[1] == "Sheet2")
        #expect(names[2] == String(repeating: "长", count: 31))
        #expect(names[3] == "Data")
        #expect(names[4] == "data (2)")
        #expect(names[5] == "quoted")
    }

    @Test func cellReferences() {
        let bytes = Array("XFD1048576AA10ZZZZ1".utf8)
        #expect(CellReference.parse(bytes, 0, 10).map { [$0.row, $0.column] } == [1_048_575, 16_383])
        #expect(CellReference.parse(bytes, 10, 14).map { [$0.row, $0.column] } == [9, 26])
        #expect(CellReference.parse(bytes, 14, 19) == nil)
        #expect(CellReference.columnName(0) == "A")
        #expect(CellReference.columnName(27) == "AB")
        #expect(CellReference.columnName(16_383) == "XFD")
    }
}
