import Foundation

/// Office Open XML workbooks (.xlsx) as tables of strings.
public enum XLSX {
    /// Reads the first visible worksheet in workbook order.
    ///
    /// The sheet is found by following `_rels/.rels` → `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    /// Cells come back as Excel would show them in a CSV export, with these rules:
    /// - shared, inline (`t="inlineStr"`), rich-text (runs joined, phonetic guides skipped) and formula
    ///   (`t="str"`) strings; booleans as "TRUE"/"FALSE"; errors like "#N/A" as written;
    /// - numbers as written in the XML, except integers spelled "1.0E7" or "10000000.0" → "10000000";
    /// - numbers styled with a date format → "YYYY-MM-DD" (1900 or 1904 system as the workbook says;
    ///   a time of day alone, serial below 1, stays a number);
    /// - `rows[i]` is sheet row `i + 1`; missing rows and cells are ""; every row is padded to the
    ///   widest row's last non-empty cell; trailing all-empty rows are dropped;
    /// - which cells were numbers (`numericMask`) and the merged ranges (`merges`) come with the rows.
    /// - Throws: `.empty` for a sheet without values, `.notASpreadsheet` for other ZIP-based documents
    ///   (.docx, .pptx, .ods), `.malformed` naming the missing or broken part, `.tooLarge` naming the
    ///   limit of `limits` that the file passed, as soon as it passes it.
    public static func read(_ data: Data, limits: XLSXLimits = .standard) throws(SpreadsheetError) -> SheetTable {
        guard !data.isEmpty else { throw .empty }
        guard data.count <= limits.compressedBytes else {
            throw .tooLarge("文件超过 \(limits.compressedBytes >> 20) MiB", "the file is larger than \(limits.compressedBytes >> 20) MiB")
        }
        let zip = try ZIPReader(bytes: [UInt8](data))
        var inflated = 0
        func contents(_ path: String) throws(SpreadsheetError) -> [UInt8]? {
            let left = limits.totalBytes - inflated
            guard left > 0 else {
                throw .tooLarge("各部分解压后合计超过 \(limits.totalBytes >> 20) MiB", "the parts inflate to more than \(limits.totalBytes >> 20) MiB in all")
            }
            let bytes = try zip.contents(of: path, limit: min(limits.partBytes, left))
            inflated += bytes?.count ?? 0
            return bytes
        }
        let workbookPath = try officeDocumentPath(in: zip)
        if workbookPath.lowercased().hasSuffix(".bin") {
            throw .notASpreadsheet(
                "Excel 二进制工作簿（.xlsb），请另存为 .xlsx", "an Excel binary workbook (.xlsb); save it as .xlsx"
            )
        }
        guard let workbookBytes = try contents(workbookPath) else {
            if let other = otherDocumentKind(zip) { throw .notASpreadsheet(other) }
            throw .malformed("缺少 \(workbookPath)（工作簿）", "missing \(workbookPath) (the workbook part)")
        }
        let workbook = try XLSXWorkbook.parse(workbookBytes, part: workbookPath)
        let relsPath = XLSXPath.relationshipsPath(of: workbookPath)
        guard let relsBytes = try contents(relsPath) else {
            throw .malformed("缺少 \(relsPath)（工作表位置）", "missing \(relsPath) (where the worksheets are)")
        }
        let relationships = try XLSXRelationships.parse(relsBytes, part: relsPath)
        guard let sheetPath = firstSheetPath(workbook, relationships, workbookPath: workbookPath) else {
            throw .malformed("工作簿中没有工作表", "the workbook lists no worksheet")
        }
        guard let sheetBytes = try contents(sheetPath) else {
            throw .malformed("缺少工作表 \(sheetPath)", "missing worksheet part \(sheetPath)")
        }

        let sharedStringsPath = relationships.target(ofTypeSuffix: "/sharedStrings")
            .map { XLSXPath.resolve($0, relativeTo: workbookPath) } ?? "xl/sharedStrings.xml"
        var sharedStrings: [String] = []
        if let bytes = try contents(sharedStringsPath) {
            sharedStrings = try XLSXSharedStrings.parse(bytes, part: sharedStringsPath, limit: limits.sharedStrings)
        }

        let stylesPath = relationships.target(ofTypeSuffix: "/styles")
            .map { XLSXPath.resolve($0, relativeTo: workbookPath) } ?? "xl/styles.xml"
        var dateStyles: [Bool] = []
        if let bytes = try contents(stylesPath) {
            dateStyles = try XLSXStyles.dateStyleFlags(bytes, part: stylesPath)
        }

        var scanner = XLSXSheetScanner(
            scanner: XMLScanner(bytes: sheetBytes, part: sheetPath),
            sharedStrings: sharedStrings,
            dateStyles: dateStyles,
            date1904: workbook.date1904,
            limits: limits
        )
        let rows = try scanner.rows()
        guard !rows.isEmpty else { throw .empty }
        return SheetTable(rows: rows, numericMask: scanner.numericMask, merges: scanner.merges)
    }

    private static func officeDocumentPath(in zip: ZIPReader) throws(SpreadsheetError) -> String {
        let fallback = "xl/workbook.xml"
        guard let rootRels = try zip.contents(of: "_rels/.rels"),
              let relationships = try? XLSXRelationships.parse(rootRels, part: "_rels/.rels"),
              let target = relationships.target(ofTypeSuffix: "/officeDocument") else { return fallback }
        let path = XLSXPath.resolve(target, relativeTo: "")
        return zip.contains(path) ? path : fallback
    }

    /// Hidden sheets often hold drop-down lists in import templates, so the first visible one is the data.
    private static func firstSheetPath(
        _ workbook: XLSXWorkbook, _ relationships: XLSXRelationships, workbookPath: String
    ) -> String? {
        var firstHidden: String?
        for sheet in workbook.sheets {
            guard let relationship = relationships.byId[sheet.relationshipId],
                  !relationship.isExternal,
                  relationship.type.hasSuffix("/worksheet") || relationship.type.isEmpty else { continue }
            let path = XLSXPath.resolve(relationship.target, relativeTo: workbookPath)
            if !sheet.hidden { return path }
            if firstHidden == nil { firstHidden = path }
        }
        return firstHidden
    }

    private static func otherDocumentKind(_ zip: ZIPReader) -> String? {
        if zip.contains("word/document.xml") {
            return SpreadsheetError.bilingual("Word 文档（.docx）", "a Word document (.docx)")
        }
        if zip.contains("ppt/presentation.xml") {
            return SpreadsheetError.bilingual("PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)")
        }
        if let mimetype = try? zip.contents(of: "mimetype"),
           String(decoding: mimetype, as: UTF8.self).contains("opendocument.spreadsheet") {
            return SpreadsheetError.bilingual(
                "OpenDocument 表格（.ods），请另存为 .xlsx", "an OpenDocument spreadsheet (.ods); save it as .xlsx"
            )
        }
        if !zip.contains("[Content_Types].xml") {
            return SpreadsheetError.bilingual("普通 ZIP 压缩文件", "a plain ZIP archive")
        }
        return nil
    }
}

enum XLSXPath {
    /// Resolves a relationship target against the part that owns the relationship.
    static func resolve(_ target: String, relativeTo sourcePart: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var segments: [Substring]
        if decoded.hasPrefix("/") {
            segments = []
        } else {
            segments = sourcePart.split(separator: "/", omittingEmptySubsequences: false)
            segments.removeLast()
        }
        for segment in decoded.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.filter { !$0.isEmpty }.joined(separator: "/")
    }

    /// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
    static func relationshipsPath(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[...slash])_rels/\(part[part.index(after: slash)...]).rels"
    }
}
