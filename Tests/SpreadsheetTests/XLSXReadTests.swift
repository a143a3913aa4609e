import Foundation
import Testing
@testable import Spreadsheet

@Suite("XLSX reading of workbooks written by others")
struct XLSXReadTests {
    static let styles = """
        <styleSheet xmlns="\(TestWorkbook.main)"><numFmts count="3">\
        <numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>\
        <numFmt numFmtId="177" formatCode="h:mm"/>\
        <numFmt numFmtId="178" formatCode="[Red]0.00;&quot;d&quot;0"/>\
        </numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="6">\
        <xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176"/><xf numFmtId="177"/>\
        <xf numFmtId="178"/><xf numFmtId="31"/></cellXfs></styleSheet>
        """

    @Test func sharedRichAndInlineStringsGapsDatesAndNumbers() throws {
        let sharedStrings = """
            <sst xmlns="\(TestWorkbook.main)" count="4" uniqueCount="4">\
            <si><t>企业名称</t></si>\
            <si><r><rPr><b/></rPr><t>重庆</t></r><r><t xml:space="preserve">科创 </t></r><r><t>公司</t></r></si>\
            <si><t>成立日期</t><rPh sb="0" eb="1"><t>せいりつ</t></rPh></si>\
            <si><t>A&amp;B &#x4E2D;&#22269;</t></si>\
            </sst>
            """
        let sheet = TestWorkbook.sheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c></row>\
            <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="0"><v>1.0E7</v></c><c r="C2" s="1"><v>45292</v></c></row>\
            <row r="4"><c r="A4" t="inlineStr"><is><t>内联</t></is></c><c r="B4"><v>10000000.0</v></c>\
            <c r="C4" t="s"><v>3</v></c><c r="D4"><v>1.5E-3</v></c></row>
            """)
        let data = TestWorkbook.zip(sheets: [sheet], sharedStrings: sharedStrings, styles: Self.styles).data
        let table = try XLSX.read(data)
        #expect(table.rows == [
            ["企业名称", "", "成立日期", ""],
            ["重庆科创 公司", "10000000", "2024-01-01", ""],
            ["", "", "", ""],
            ["内联", "10000000", "A&B 中国", "1.5E-3"],
        ])
    }

    @Test func cellTypesAsExcelShowsThem() throws {
        let sheet = TestWorkbook.sheet("""
            <row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>\
            <c r="C1" t="str"><f>A1&amp;"x"</f><v>TRUEx</v></c><c r="D1" t="e"><v>#N/A</v></c>\
            <c r="E1"><f>1+1</f><v>2</v></c><c r="F1" s="0"/><c r="G1" s="0"/><c r="H1"><v> 42 </v></c></row>
            """)
        let table = try XLSX.read(TestWorkbook.zip(sheets: [sheet]).data)
        #expect(table.rows == [["TRUE", "FALSE", "TRUEx", "#N/A", "2", "", "", "42"]])
    }

    @Test(arguments: [
        ("1", "1900-01-01"), ("59", "1900-02-28"), ("60", "1900-02-29"), ("61", "1900-03-01"),
        ("45292", "2024-01-01"), ("45292.75", "2024-01-01"), ("2958465", "9999-12-31"),
    ])
    func dateSerialsUseThe1900System(serial: String, expected: String) throws {
        let sheet = TestWorkbook.sheet(#"<row r="1"><c r="A1" s="1"><v>\#(serial)</v></c></row>"#)
        let table = try XLSX.read(TestWorkbook.zip(sheets: [sheet], styles: Self.styles).data)
        #expect(table.rows == [[expected]])
    }

    @Test func customAndChineseBuiltInDateFormatsAreDatesButTimesAndNumbersAreNot() throws {
        let sheet = TestWorkbook.sheet("""
            <row r="1"><c r="A1" s="2"><v>45292</v></c><c r="B1" s="5"><v>45293</v></c>\
            <c r="C1" s="3"><v>0.5</v></c><c r="D1" s="4"><v>45292</v></c><c r="E1" s="99"><v>7</v></c></row>
            """)
        let table = try XLSX.read(TestWorkbook.zip(sheets: [sheet], styles: Self.styles).data)
        #expect(table.rows == [["2024-01-01", "2024-01-02", "0.5", "45292", "7"]])
    }

    @Test func date1904Workbooks() throws {
        let workbook = """
            <workbook xmlns="\(TestWorkbook.main)" xmlns:r="\(TestWorkbook.rel)"><workbookPr date1904="1"/>\
            <sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        let sheet = TestWorkbook.sheet(#"<row r="1"><c r="A1" s="1"><v>43830</v></c></row>"#)
        let table = try XLSX.read(TestWorkbook.zip(sheets: [sheet], styles: Self.styles, workbook: workbook).data)
        #expect(table.rows == [["2024-01-01"]])
    }

    @Test func sheetIsChosenByWorkbookOrderNotFileName() throws {
        let workbook = """
            <workbook xmlns="\(TestWorkbook.main)" xmlns:r="\(TestWorkbook.rel)"><sheets>\
            <sheet name="列表" sheetId="1" state="hidden" r:id="rId1"/>\
            <sheet name="数据" sheetId="3" r:id="rId3"/><sheet name="其他" sheetId="2" r:id="rId2"/></sheets></workbook>
            """
        let sheets = ["hidden", "second file", "third file"].map {
            TestWorkbook.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>\#($0)</t></is></c></row>"#)
        }
        let table = try XLSX.read(TestWorkbook.zip(sheets: sheets, workbook: workbook).data)
        #expect(table.rows == [["third file"]])
    }

    @Test func namespacePrefixesCDATAAndMissingReferences() throws {
        let sheet = """
            <x:worksheet xmlns:x="\(TestWorkbook.main)"><x:sheetData><x:row>\
            <x:c t="inlineStr"><x:is><x:t><![CDATA[<甲&乙>]]></x:t></x:is></x:c><x:c><x:v>3</x:v></x:c>\
            </x:row><x:row><x:c r="B2"><x:v>4</x:v></x:c></x:row></x:sheetData></x:worksheet>
            """
        let table = try XLSX.read(TestWorkbook.zip(sheets: [sheet]).data)
        #expect(table.rows == [["<甲&乙>", "3"], ["", "4"]])
    }

    @Test func trailingEmptyRowsAndStyledEmptyCellsAreDropped() throws {
        let sheet = TestWorkbook.sheet("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="Z1" s="3"/></row>\
            <row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t></t></is></c></row><row r="9" spans="1:3"/>
            """)
        #expect(try XLSX.read(TestWorkbook.zip(sheets: [sheet]).data).rows == [["名称"], ["甲"]])
    }

    @Test func excelEscapedControlCharactersAreDecoded() throws {
        let sheet = TestWorkbook.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>a_x000D_b_x005F_x0041_</t></is></c></row>"#)
        #expect(try XLSX.read(TestWorkbook.zip(sheets: [sheet]).data).rows == [["a\rb_x0041_"]])
    }
}
