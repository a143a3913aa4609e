/// The fixed parts of a written workbook. Style indexes used by the sheet writer:
/// 0 general, 1 bold (header row), 2 text "@" (keeps long codes from being reinterpreted on edit),
/// 3 integer "0" (so a 12–15 digit number is not shown as 1.23457E+14).
enum XLSXPackageParts {
    static let headerStyle = 1
    static let textStyle = 2
    static let integerStyle = 3
    /// Text that would otherwise be taken for a formula (`FormulaGuard`).
    static let quotedTextStyle = 4

    private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(sheetCount: Int) -> [UInt8] {
        var xml = declaration
        xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for index in 1...max(1, sheetCount) {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        xml += "</Types>"
        return Array(xml.utf8)
    }

    static let rootRelationships: [UInt8] = Array((declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>").utf8)

    static func workbook(sheetNames: [String], hidden: Set<Int> = []) -> [UInt8] {
        var out = Array((declaration
            + #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
            + #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#).utf8)
        for (index, name) in sheetNames.enumerated() {
            out.append(contentsOf: #"<sheet name=""#.utf8)
            XMLEscaping.appendEscaped(name, to: &out)
            out.append(contentsOf: #"" sheetId="\#(index + 1)"\#(hidden.contains(index) ? #" state="hidden""# : "") r:id="rId\#(index + 1)"/>"#.utf8)
        }
        out.append(contentsOf: "</sheets></workbook>".utf8)
        return out
    }

    static func workbookRelationships(sheetCount: Int) -> [UInt8] {
        var xml = declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in 1...max(1, sheetCount) {
            xml += #"<Relationship Id="rId\#(index)" Type="\#(relationshipNamespace)/worksheet" Target="worksheets/sheet\#(index).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relationshipNamespace)/styles" Target="styles.xml"/>"#
        xml += "</Relationships>"
        return Array(xml.utf8)
    }

    static let styles: [UInt8] = Array((declaration
        + #"<styleSheet xmlns="\#(mainNamespace)">"#
        + #"<fonts count="2">"#
        + #"<font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#
        + "</fonts>"
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="5">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>").utf8)
}
