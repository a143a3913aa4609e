import Accounts
import Foundation
import Services

/// Upload a spreadsheet, see what it would change field by field, then confirm.
public enum ImportPage {
    public struct Model: Sendable {
        public var report: ImportReport?
        public var uploadToken: String?
        public var fileName: String?
        public var error: String?
        public var done: Bool
        public init(report: ImportReport? = nil, uploadToken: String? = nil, fileName: String? = nil, error: String? = nil, done: Bool = false) {
            self.report = report; self.uploadToken = uploadToken; self.fileName = fileName; self.error = error; self.done = done
        }
    }

    /// The preview lists this many changed records; the counts above it cover all of them.
    static let shownChanges = 300

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        var body: HTML = """
            <h1>\(l.t("导入企业数据", "Import enterprise data"))</h1>
            <p class="muted">\(l.t("先预览：每条记录改动哪些字段、改动前后的取值都会列出，确认后才写入。文件只改动它所含的列：缺少的列和空白单元格都保留原值，要清除某一项请填写「清空」。",
                                   "You see a preview first: every field each record would change, before and after; nothing is written until you confirm. A file changes only the columns it has: missing columns and empty cells keep the stored value; write 清空 in a cell to clear it."))</p>
            <p>\(l.t("下载模板（Excel 含填写说明和镇街、产业链下拉选项）：", "Download a template (the Excel one has notes and drop-downs of towns and chains): "))\(ImportKind.allCases.html { kind in
                "<span class=\"nowrap\">\(l.t(kind.chineseLabel, kind.englishLabel)) <a href=\"/import/template?kind=\(kind.rawValue)\">Excel</a> / <a href=\"/import/template?kind=\(kind.rawValue)&amp;format=csv\">CSV</a></span> "
            })</p>
            """
        body = body + "<p><a class=\"button secondary\" href=\"/import/designations\">\(l.t("导入认定名单（高企、科技型中小企业、专精特新……）", "Import a designation list (high-tech, S&T SME, specialised …)"))</a></p>"
        if let error = m.error { body = body + "<p class=\"problems\" role=\"alert\">\(error)</p>" }
        if let r = m.report { body = body + report(r, m, chrome) }
        body = body + """
            <form class="panel" method="post" action="/import" enctype="multipart/form-data">\(chrome.csrfField)
            <div class="field"><label for="f-kind">\(l.t("文件内容", "The file holds"))</label>
            <select id="f-kind" name="kind"><option value="enterprises">\(l.t("企业名录", "enterprises"))</option><option value="fiscal-years">\(l.t("年度数据", "fiscal years"))</option><option value="rd-reports">\(l.t("研发投入季报", "quarterly R&D reports"))</option></select></div>
            <div class="field"><label for="f-file">\(l.t("CSV 或 XLSX 文件（不超过 32 MiB）", "CSV or XLSX file (at most 32 MiB)"))</label><input id="f-file" type="file" name="file" accept=".csv,.xlsx" required></div>
            <button type="submit">\(l.t("上传并预览", "Upload and preview"))</button></form>
            """
        return Layout.page(chrome, title: l.t("导入", "Import"), body)
    }

    private static func report(_ r: ImportReport, _ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let problems = r.problems.prefix(500).html { p in
            "<tr><td class=\"num\">\(p.row == 0 ? "—" : "\(p.row)")</td><td>\(p.column)</td><td><code>\(p.value)</code></td><td>\(l.half(p.reason))</td></tr>"
        }
        let status = r.changes.filter(\.changesStatus)
        let statusNote: HTML = status.isEmpty ? .empty : HTML("""
            <div class="problems" role="alert"><strong>\(l.t("经营状态变更 \(status.count) 家", "\(status.count) status changes"))</strong>：\(status.prefix(20).map { c in
                "\(c.subject)（\(c.fields.first { $0.key == "status" }.map { "\($0.before) → \($0.after)" } ?? "")）" }.joined(separator: "；"))\(status.count > 20 ? "……" : "")
            <br>\(l.t("请逐一核对；确认时须勾选下方的经营状态确认。", "Check each one; confirming needs the status box ticked below."))</div>
            """)
        // One heading row per record, then its fields: three columns that fit a phone.
        let changeRows = r.changes.prefix(shownChanges).html { c in
            let head: HTML = "<tr><th colspan=\"3\" scope=\"rowgroup\">\(l.t("第 \(c.row) 行", "Row \(c.row)")) · \(c.subject)</th></tr>"
            return head + c.fields.html { f in
                let mark: HTML = f.key == "status" ? " class=\"flag\"" : .empty
                return "<tr\(mark)><td>\(l.t(f.column, f.key))</td><td>\(f.before.isEmpty ? l.t("（空）", "(empty)") : f.before)</td><td>\(f.after.isEmpty ? l.t("（空）", "(empty)") : f.after)</td></tr>"
            }
        }
        let changes: HTML = r.changes.isEmpty ? .empty : HTML("""
            <h3>\(l.t("将改动的字段", "Fields that change"))\(r.changes.count > shownChanges ? l.t("（列出前 \(shownChanges) 家，共 \(r.changes.count) 家）", " (first \(shownChanges) of \(r.changes.count))") : "")</h3>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("字段", "Field"))</th><th>\(l.t("原值", "Before"))</th><th>\(l.t("新值", "After"))</th></tr></thead><tbody>\(changeRows)</tbody></table></div>
            """)
        // Confirming is offered only when it would write something.
        let why = r.problems.isEmpty ? l.t("文件与平台中的数据一致，无需导入。", "The file matches what is stored; there is nothing to import.")
            : l.t("没有可以导入的行：请按上表修改文件后重新上传。", "No row can be imported: fix the file as listed above and upload it again.")
        let nothingToDo: HTML = m.done ? .empty : HTML("<p class=\"muted\">\(why)</p>")
        let confirm: HTML = r.inserted + r.updated == 0 ? nothingToDo : m.uploadToken.map { token in HTML("""
            <form method="post" action="/import/confirm">\(chrome.csrfField)<input type="hidden" name="upload" value="\(token)">
            \(r.problems.isEmpty ? HTML.empty : HTML("<label><input type=\"checkbox\" name=\"skipInvalid\" value=\"1\"> \(l.t("跳过有问题的行，导入其余各行", "Skip the rows with problems and import the rest"))</label><br>"))
            \(r.statusChanges == 0 ? HTML.empty : HTML("<label><input type=\"checkbox\" name=\"confirmStatus\" value=\"1\" required> \(l.t("我已核对上述 \(r.statusChanges) 家企业的经营状态变更", "I have checked the \(r.statusChanges) status changes above"))</label><br>"))
            <button type="submit">\(l.t("确认导入", "Confirm import"))</button></form>
            """) } ?? .empty
        return """
            <section class="panel" aria-labelledby="r-h"><h2 id="r-h">\(m.done ? l.t("导入完成", "Imported") : l.t("预览", "Preview"))\(m.fileName.map { HTML(" · \($0)") } ?? .empty)</h2>
            <p>\(r.summary(chinese: l.language == .zh))</p>
            \(statusNote)
            \(r.problems.isEmpty ? HTML.empty : HTML("""
            <h3>\(l.t("问题 \(r.problems.count) 个", "Problems: \(r.problems.count)"))</h3>
            <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("行", "Row"))</th><th>\(l.t("列", "Column"))</th><th>\(l.t("值", "Value"))</th><th>\(l.t("原因", "Reason"))</th></tr></thead><tbody>\(problems)</tbody></table></div>
            """))
            \(changes)
            \(m.done ? HTML.empty : confirm)
            </section>
            """
    }
}
