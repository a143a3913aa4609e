import Foundation
import Kernel
import Registry
import Spreadsheet

/// A list the authorities publish (认定名单, 入库名单, 公示名单), read from a spreadsheet or from
/// a table copied off the notice page (issue 23, item 1). Columns are found by their Chinese
/// headers in any order; a title line above the header ("2023年第二批高新技术企业名单") is passed
/// over.
public struct DesignationList: Sendable {
    public struct Row: Sendable, Hashable {
        /// The row's number in the file (1-based, as a spreadsheet shows it).
        public var line: Int
        public var name: String
        /// As written; checked by the matcher (a malformed code is reported there).
        public var uscc: String?
        public var number: String?
        public var district: String?
        public init(line: Int, name: String, uscc: String?, number: String?, district: String?) {
            self.line = line; self.name = name; self.uscc = uscc; self.number = number; self.district = district
        }
    }

    public var rows: [Row]
    /// The header as written, by column key, for the preview.
    public var headers: [String: String]

    /// The columns a list may carry, with the headers published lists use for them.
    static let aliases: [(key: String, headers: [String])] = [
        ("name", ["企业名称", "单位名称", "公司名称", "企业(单位)名称", "申报单位", "申报企业", "企业全称", "名称"]),
        ("uscc", ["统一社会信用代码", "社会信用代码", "信用代码", "统一信用代码"]),
        ("number", ["证书编号", "入库登记编号", "入库编号", "登记编号", "认定编号", "编号"]),
        ("district", ["所属区县", "所属区(县)", "区县", "所在区县", "所属地区", "地区", "区县(自治县)"]),
    ]

    public enum ListError: Error, Equatable, CustomStringConvertible {
        case noNameColumn
        case unreadable(String)
        public var description: String {
            switch self {
            case .noNameColumn: return "前 10 行中找不到“企业名称”列 / no 企业名称 (name) column in the first 10 rows"
            case .unreadable(let why): return "无法读取文件：\(why) / the file could not be read: \(why)"
            }
        }
    }

    /// A table copied from a web page (tab-separated lines) as CSV, so it is read, checked and
    /// stored like an uploaded file.
    public static func csv(pasted text: String) -> Data {
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        return CSV.write(SheetTable(rows: lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }), bom: false, neutralise: false)
    }

    /// Reads a spreadsheet (XLSX or CSV).
    public static func read(_ data: Data) throws(ListError) -> DesignationList {
        do {
            let (_, table) = try SpreadsheetReader.read(data)
            return try parse(table.fillingColumnMerges(headerRows: 10).table.rows)
        } catch let e as SpreadsheetError {
            throw .unreadable(e.description)
        } catch let e as ListError {
            throw e
        } catch {
            throw .unreadable("\(error)")
        }
    }

    static func parse(_ rows: [[String]]) throws(ListError) -> DesignationList {
        for (i, header) in rows.prefix(10).enumerated() {
            let columns = columns(of: header)
            guard columns["name"] != nil else { continue }
            var out: [Row] = []
            for (j, cells) in rows.enumerated().dropFirst(i + 1) {
                func cell(_ key: String) -> String? {
                    guard let c = columns[key], c.index < cells.count else { return nil }
                    let v = cells[c.index].trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{3000}")))
                    return v.isEmpty ? nil : v
                }
                // Blank lines and the notes under a table ("注：…", a lone 序号) carry no name.
                guard let n = cell("name"), !n.hasPrefix("注") else { continue }
                out.append(Row(line: j + 1, name: n, uscc: cell("uscc"), number: cell("number"), district: cell("district")))
            }
            return DesignationList(rows: out, headers: columns.mapValues(\.header))
        }
        throw .noNameColumn
    }

    /// The common layout of each kind's published list (issue 23, item 1), as a template: 高企
    /// lists give the certificate number, 科技型中小企业 the registration number, the MIIT tiers
    /// the district. Any of the recognised headers, in any order, reads as well.
    public static func templateHeader(_ kind: DesignationKind) -> [String] {
        switch kind {
        case .highTech: return ["序号", "企业名称", "统一社会信用代码", "证书编号"]
        case .techSME: return ["序号", "企业名称", "统一社会信用代码", "入库登记编号"]
        case .cqTechEnterprise: return ["序号", "企业名称", "统一社会信用代码", "所属区县"]
        case .innovativeSME, .specializedSME, .littleGiant, .highTechPool: return ["序号", "企业名称", "所属区县"]
        }
    }

    /// Column key → (index, header as written), by the first alias each header names.
    static func columns(of header: [String]) -> [String: (index: Int, header: String)] {
        var found: [String: (index: Int, header: String)] = [:]
        for (i, h) in header.enumerated() {
            let n = EnterpriseName.normalised(h)
            guard !n.isEmpty else { continue }
            for (key, names) in aliases where found[key] == nil {
                if names.contains(where: { EnterpriseName.normalised($0) == n }) { found[key] = (i, h); break }
            }
        }
        return found
    }
}
