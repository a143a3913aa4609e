import Kernel
import Registry
import Services

/// Importing a published designation list (issue 23): what the list is, the file or the table
/// copied from the notice page; then each row matched to a firm — the rows needing a person
/// first, with their candidates — and one confirmation that writes them all.
public enum DesignationImportPage {
    public struct Model: Sendable {
        public var form: [String: String]
        public var errors: [String: String]
        public var report: DesignationImportReport?
        public var token: String?
        public var fileName: String?
        /// The user may re-assess the district, so the ladder's computed lists follow the import now.
        public var canAssess: Bool
        public init(form: [String: String], errors: [String: String] = [:], report: DesignationImportReport? = nil, token: String? = nil, fileName: String? = nil,
                    canAssess: Bool = false) {
            self.form = form; self.errors = errors; self.report = report; self.token = token; self.fileName = fileName; self.canAssess = canAssess
        }
    }

    /// The rows to be written are listed up to this many; the counts cover them all.
    static let shownRows = 200

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        func e(_ k: String) -> String? { m.errors[k].map { l.half($0) } }
        let kinds = DesignationKind.allCases.filter { $0 != .highTechPool }.map { ($0.slug, l.t($0.chineseName, $0.englishName)) }
        let upload: HTML = """
            <form class="panel" method="post" action="/import/designations" enctype="multipart/form-data">\(chrome.csrfField)
            <h2>\(l.t("上传名单", "Upload a list"))</h2>
            <div class="grid-form">
            \(Layout.selectField("designation", label: l.t("名单类别", "List of"), selected: m.form["designation"], options: kinds, error: e("designation")))
            \(Layout.field("batch", label: l.t("批次", "Batch"), value: m.form["batch"], error: e("batch"), hint: l.t("如 2023-2；科技型中小企业可空，按入库登记编号读取", "e.g. 2023-2; for S&T SMEs read from each registration number when empty")))
            \(Layout.field("issuedOn", label: l.t("发证（入库）日期", "Issued on"), value: m.form["issuedOn"], error: e("issuedOn"), type: "date", required: true))
            \(Layout.field("source", label: l.t("名单出处（通知标题或文号）", "Published in (notice title or number)"), value: m.form["source"], error: e("source"), required: true,
                          attributes: "maxlength=\"500\""))
            \(Layout.field("district", label: l.t("本区县（其他区县的行跳过）", "This district (rows of others are skipped)"), value: m.form["district"], error: e("district")))
            </div>
            <div class="field\(e("file") != nil ? HTML(" has-error") : .empty)"><label for="f-file">\(l.t("Excel 或 CSV 文件", "Excel or CSV file"))</label>
            <input id="f-file" type="file" name="file" accept=".csv,.xlsx"\(e("file") != nil ? HTML(" aria-invalid=\"true\" aria-describedby=\"f-file-error\"") : .empty)>
            \(e("file").map { HTML("<p class=\"error\" id=\"f-file-error\">\($0)</p>") } ?? .empty)</div>
            <div class="field"><label for="f-pasted">\(l.t("或粘贴从通知网页复制的表格", "Or paste the table copied from the notice page"))</label>
            <textarea id="f-pasted" name="pasted" rows="5">\(m.form["pasted"] ?? "")</textarea></div>
            <p class="muted">\(l.t("按表头识别列：企业名称、统一社会信用代码、证书编号或入库登记编号、所属区县，顺序不限，表头上方的标题行会跳过。先按代码匹配，再按名称、曾用名、规范化名称；同名或仅名称相近的行由您确认。确认前不写入任何数据。",
                                   "Columns are found by their headers (name, credit code, certificate or registration number, district) in any order, below any title line. Rows match by code, then name, former name and normalised name; shared or merely similar names wait for you. Nothing is written before you confirm."))</p>
            <p class="muted">\(l.t("常用格式模板：", "Templates of the common layouts: "))\(kinds.html { slug, name in
                "<span class=\"nowrap\">\(name) <a href=\"/import/designations/template?designation=\(slug)\">Excel</a> / <a href=\"/import/designations/template?designation=\(slug)&amp;format=csv\">CSV</a></span> "
            })</p>
            <button type="submit">\(l.t("上传并预览", "Upload and preview"))</button></form>
            """
        return Layout.page(chrome, title: l.t("导入认定名单", "Import a designation list"), """
            <p><a href="/import">← \(l.t("导入", "Import"))</a></p>
            <h1>\(l.t("导入认定名单", "Import a designation list"))</h1>
            \(Layout.fieldErrors(m.errors, l, shown: ["designation", "batch", "issuedOn", "source", "district", "file"]))
            \(m.report.map { report($0, m, chrome) } ?? .empty)
            \(m.report?.applied == true ? HTML.empty : upload)
            """)
    }

    static func candidateName(_ c: DesignationMatcher.Candidate, _ l: Lang) -> String {
        "\(c.name)（\(l.t(c.basis.chineseName, c.basis.englishName))\(c.basis == .similarName ? l.t(" 相似度 \(c.score)%", " \(c.score)% alike") : "")）"
    }

    static func report(_ r: DesignationImportReport, _ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, o = r.options
        let what = "\(l.t(o.kind.chineseName, o.kind.englishName)) · \(o.batch.map { l.t("第 \($0) 批", "batch \($0)") } ?? "") · \(o.issuedOn) · \(o.source)"
        let counts = l.t("共 \(r.rows.count) 行：新增 \(r.toAdd) 家（其中重新认定 \(r.renewals) 家），待确认 \(r.inReview)，未匹配 \(r.unmatched)，已登记 \(r.recorded)，编号已属他企 \(r.held)，其他区县 \(r.otherDistrict)，无效 \(r.invalid)。",
                         "\(r.rows.count) rows: \(r.toAdd) to add (\(r.renewals) re-recognitions), \(r.inReview) to review, \(r.unmatched) unmatched, \(r.recorded) already recorded, \(r.held) with another firm's number, \(r.otherDistrict) of other districts, \(r.invalid) invalid.")
        if r.applied {
            return HTML("""
                <section class="panel"><h2>\(l.t("导入完成", "Imported"))</h2><p>\(what)</p>
                <p>\(l.t("已写入 \(r.written) 家；高企培育库毕业出库 \(r.graduated) 家；生成免申即享待确认 \(r.entitlements) 笔。", "\(r.written) designations written; \(r.graduated) pool members graduated; \(r.entitlements) proactive entitlements created."))</p>
                <p class="muted">\(counts)</p>\(leftOut(r, l))
                <p class="muted">\(l.t("持有名单、高企培育库和政策匹配已随之更新；“新达标”“差一点”等评估名单在夜间重新评估后更新\(m.canAssess ? "，也可现在重新评估" : "")。",
                                       "Holders, the pool and policy matches follow now; the assessed lists (newly meeting, near misses) follow the nightly assessment\(m.canAssess ? ", or assess now" : "")."))</p>
                <p><a class="button" href="/ladder">\(l.t("查看梯次培育", "Open the ladder"))</a> <a class="button secondary" href="/import/designations">\(l.t("再导入一份名单", "Import another list"))</a></p>
                \(m.canAssess ? HTML("<form method=\"post\" action=\"/ladder/run\" class=\"inline\">\(chrome.csrfField)<button type=\"submit\" class=\"secondary\">\(l.t("现在重新评估全部企业", "Assess every enterprise now"))</button></form>") : HTML.empty)</section>
                """)
        }
        let pending = r.rows.filter { if case .review = $0.action { return true }; if case .unmatched = $0.outcome { return true }; return false }
        let reviewRows = pending.html { row in
            let candidates: [DesignationMatcher.Candidate] = { if case .review(let cs, _) = row.outcome { return cs }; return [] }()
            let why: String = { switch row.outcome { case .review(_, let w), .unmatched(let w): return l.half(w); default: return "" } }()
            let options = candidates.html { c in "<option value=\"\(c.uscc.code)\">\(candidateName(c, l))</option>" }
            let id = "choose-\(row.row.line)"
            return """
                <tr><td class="num">\(row.row.line)</td><td>\(row.row.name)\(row.row.uscc.map { HTML("<br><code>\($0)</code>") } ?? .empty)</td><td>\(why)</td>
                <td><label class="sr-only" for="\(id)">\(l.t("对应企业", "Firm"))</label><select id="\(id)" name="choose.\(row.row.line)">\
                <option value="">\(l.t("不导入", "Leave out"))</option>\(options)</select>
                <label class="sr-only" for="\(id)-code">\(l.t("或填写统一社会信用代码", "or type the credit code"))</label>
                <input id="\(id)-code" name="code.\(row.row.line)" size="20" maxlength="18" placeholder="\(l.t("或填写统一社会信用代码", "or type the credit code"))">
                \(candidates.isEmpty ? HTML(" <a href=\"/enterprises/new\" target=\"_blank\" rel=\"noopener\">\(l.t("新建企业（新窗口，建好后填入其代码）", "Create the firm (new window; then type its code)"))</a>") : HTML.empty)</td></tr>
                """
        }
        let adds = r.rows.filter { if case .add = $0.action { return true }; return false }
        let addRows = adds.prefix(shownRows).html { row in
            guard case .matched(let c) = row.outcome, case .add(let renewal) = row.action else { return HTML.empty }
            return """
                <tr><td class="num">\(row.row.line)</td><td>\(row.row.name)</td><td><a href="/enterprises/\(c.uscc.code)">\(c.name)</a></td>
                <td>\(l.t(c.basis.chineseName, c.basis.englishName))</td><td class="num">\(c.score)</td><td>\(row.row.number ?? "—")</td>
                <td>\(renewal ? HTML("<span class=\"tag expiring\">\(l.t("重新认定", "re-recognition"))</span>") : HTML("<span class=\"tag ok\">\(l.t("首次", "first"))</span>"))</td></tr>
                """
        }
        return HTML("""
            <section class="panel" aria-labelledby="pv-h"><h2 id="pv-h">\(l.t("预览", "Preview"))\(m.fileName.map { HTML(" · \($0)") } ?? .empty)</h2>
            <p>\(what)</p><p>\(counts)</p>
            <form method="post" action="/import/designations/confirm">\(chrome.csrfField)<input type="hidden" name="upload" value="\(m.token ?? "")">
            \(pending.isEmpty ? HTML.empty : HTML("""
            <h3>\(l.t("待确认（\(pending.count) 行）", "To decide (\(pending.count) rows)"))</h3>
            <p class="muted">\(l.t("选择对应企业或填写其统一社会信用代码；留空的行不导入。", "Choose the firm or type its credit code; rows left empty are not imported."))</p>
            <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("行", "Row"))</th><th>\(l.t("名单上的企业", "Firm on the list"))</th><th>\(l.t("原因", "Why"))</th><th>\(l.t("对应企业", "Firm"))</th></tr></thead>
            <tbody>\(reviewRows)</tbody></table></div>
            """))
            <h3>\(l.t("将新增（\(adds.count) 家）", "To add (\(adds.count) firms)"))</h3>
            \(adds.isEmpty ? HTML("<p class=\"muted\">\(l.t("没有可直接写入的行。", "No row can be written as it stands."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("行", "Row"))</th><th>\(l.t("名单上的企业", "Firm on the list"))</th><th>\(l.t("企业库中的企业", "Registry firm"))</th>
            <th>\(l.t("匹配依据", "Matched by"))</th><th class="num">\(l.t("匹配度", "Score"))</th><th>\(l.t("证书编号", "Number"))</th><th>\(l.t("认定", "Recognition"))</th></tr></thead>
            <tbody>\(addRows)</tbody></table></div>\(adds.count > shownRows ? HTML("<p class=\"muted\">\(l.t("另有 \(adds.count - shownRows) 家未列出，确认时一并写入。", "\(adds.count - shownRows) more are not listed and are written too."))</p>") : HTML.empty)
            """))
            \(leftOut(r, l))
            <p><button type="submit"\(adds.isEmpty && pending.isEmpty ? HTML(" disabled") : .empty)>\(l.t("确认导入", "Confirm the import"))</button></p></form></section>
            """)
    }

    /// The rows not written and why: other districts, numbers held by others, already recorded, invalid.
    static func leftOut(_ r: DesignationImportReport, _ l: Lang) -> HTML {
        let rows = r.rows.compactMap { row -> HTML? in
            let why: String
            switch (row.outcome, row.action) {
            case (.otherDistrict(let d), _): why = l.t("属\(d)", "in \(d)")
            case (.invalid(let w), _): why = l.half(w)
            case (_, .alreadyRecorded): why = l.t("已登记", "already recorded")
            case (_, .numberHeld(_, let name)): why = l.t("证书编号已属于\(name)", "the number belongs to \(name)")
            default: return nil
            }
            return HTML("<tr><td class=\"num\">\(row.row.line)</td><td>\(row.row.name)</td><td>\(why)</td></tr>")
        }
        guard !rows.isEmpty else { return .empty }
        return HTML("""
            <details><summary>\(l.t("不导入的行（\(rows.count)）", "Rows not imported (\(rows.count))"))</summary>
            <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("行", "Row"))</th><th>\(l.t("名单上的企业", "Firm on the list"))</th><th>\(l.t("原因", "Why"))</th></tr></thead>
            <tbody>\(rows.prefix(500).html { $0 })</tbody></table></div></details>
            """)
    }
}
