import Services

/// Upload a spreadsheet, see the validation report, then confirm.
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

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        var body: HTML = """
            <h1>\(l.t("导入企业数据", "Import enterprise data"))</h1>
            <p class="muted">\(l.t("使用导入模板（命令 kechuang export --template）。先预览校验结果，确认后才写入。",
                                   "Use the import template (kechuang export --template). You see the validation report first; nothing is written until you confirm."))</p>
            """
        if let error = m.error { body = body + "<p class=\"problems\" role=\"alert\">\(error)</p>" }
        if let r = m.report {
            let counts = l.t("读取 \(r.rowsRead) 行：新增 \(r.inserted)，更新 \(r.updated)，未变 \(r.unchanged)，问题 \(r.problems.count)",
                             "\(r.rowsRead) rows read: \(r.inserted) new, \(r.updated) changed, \(r.unchanged) unchanged, \(r.problems.count) problems")
            let rows = r.problems.prefix(500).html { p in
                "<tr><td class=\"num\">\(p.row == 0 ? "—" : "\(p.row)")</td><td>\(p.column)</td><td><code>\(p.value)</code></td><td>\(p.reason)</td></tr>"
            }
            body = body + """
                <section class="panel" aria-labelledby="r-h"><h2 id="r-h">\(m.done ? l.t("导入完成", "Imported") : l.t("校验结果", "Validation report"))\(m.fileName.map { HTML(" · \($0)") } ?? .empty)</h2>
                <p>\(counts)</p>
                \(r.problems.isEmpty ? HTML.empty : HTML("""
                <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("行", "Row"))</th><th>\(l.t("列", "Column"))</th><th>\(l.t("值", "Value"))</th><th>\(l.t("原因", "Reason"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """))
                \(m.uploadToken.map { token in HTML("""
                <form method="post" action="/import/confirm">\(chrome.csrfField)<input type="hidden" name="upload" value="\(token)">
                \(r.problems.isEmpty ? HTML.empty : HTML("<label><input type=\"checkbox\" name=\"skipInvalid\" value=\"1\"> \(l.t("跳过有问题的行，导入其余各行", "Skip the rows with problems and import the rest"))</label> "))
                <button type="submit">\(l.t("确认导入", "Confirm import"))</button></form>
                """) } ?? .empty)
                </section>
                """
        }
        body = body + """
            <form class="panel" method="post" action="/import" enctype="multipart/form-data">\(chrome.csrfField)
            <div class="field"><label for="f-kind">\(l.t("文件内容", "The file holds"))</label>
            <select id="f-kind" name="kind"><option value="enterprises">\(l.t("企业名录", "enterprises"))</option><option value="fiscal-years">\(l.t("年度数据", "fiscal years"))</option></select></div>
            <div class="field"><label for="f-file">\(l.t("CSV 或 XLSX 文件", "CSV or XLSX file"))</label><input id="f-file" type="file" name="file" accept=".csv,.xlsx" required></div>
            <button type="submit">\(l.t("上传并校验", "Upload and check"))</button></form>
            """
        return Layout.page(chrome, title: l.t("导入", "Import"), body)
    }
}
