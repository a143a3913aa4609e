import Kernel
import Qualification
import Registry
import Services
import Storage

/// The district 高企培育库 as three lists — members, candidates from the entry checklist, and the
/// entries and exits — each paged, searchable and exported; admission and removal are one form
/// on the firm's own pool page, not one per row (issue 22, item 2).
public enum PoolPage {
    public enum View: String, Sendable, CaseIterable { case members, candidates, history }

    public struct Model: Sendable {
        public var asOf: LocalDate
        public var view: View
        public var state: ListState
        public var members: [PoolMember]
        public var candidates: [LadderEntry]
        public var history: [(PoolEvent, String)]
        /// Sizes of the three lists before the search, and members lacking a project.
        public var counts: (members: Int, candidates: Int, history: Int, lacking: Int)
        public var canManage: Bool
        public var errors: [String: String]
        public var graceDays: Int
        public init(asOf: LocalDate, view: View, state: ListState, members: [PoolMember], candidates: [LadderEntry], history: [(PoolEvent, String)],
                    counts: (members: Int, candidates: Int, history: Int, lacking: Int), canManage: Bool, errors: [String: String] = [:], graceDays: Int) {
            self.asOf = asOf; self.view = view; self.state = state; self.members = members; self.candidates = candidates; self.history = history
            self.counts = counts; self.canManage = canManage; self.errors = errors; self.graceDays = graceDays
        }
    }

    public static func header(_ view: View, _ l: Lang) -> [String] {
        switch view {
        case .members: return [l.t("企业名称", "Enterprise"), l.t("统一社会信用代码", "Unified social credit code"), l.t("入库日期", "Admitted"),
                                l.t("支持项目（个）", "Supported projects"), l.t("提示", "Flag")]
        case .candidates: return [l.t("企业名称", "Enterprise"), l.t("统一社会信用代码", "Unified social credit code")]
        case .history: return [l.t("日期", "Date"), l.t("类别", "Kind"), l.t("企业名称", "Enterprise"), l.t("统一社会信用代码", "Unified social credit code"),
                                l.t("原因", "Reason"), l.t("经办", "By")]
        }
    }

    public static func memberCells(_ p: PoolMember, _ l: Lang) -> [String] {
        [p.name, p.uscc.code, p.admittedOn.description, String(p.projects), p.lacksProject ? l.t("缺少支持项目", "no supported project") : ""]
    }

    public static func historyCells(_ e: PoolEvent, name: String, _ l: Lang) -> [String] {
        [e.on.description, e.kind == .admit ? l.t("入库", "admitted") : l.t("出库", "removed"), name, e.uscc.code, l.half(e.reason),
         e.automatic ? l.t("系统", "system") : Format.actor(e.actor, l)]
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, s = m.state
        let firm = { (u: USCC, name: String) in HTML("<a href=\"/pool/firms/\(u.code)?asOf=\(m.asOf.description)\">\(name)</a>") }
        let table: HTML
        switch m.view {
        case .members:
            table = m.members.isEmpty ? HTML("<p class=\"muted\">\(l.t("没有符合条件的在库企业。", "No member matches."))</p>") : HTML("""
                <div class="table-wrap"><table><thead><tr>\(ListControls.header(s, l.t("企业", "Enterprise"), key: "name"))\(ListControls.header(s, l.t("入库日期", "Admitted"), key: "admitted", descending: true))
                <th class="num">\(l.t("支持项目", "Projects"))</th><th>\(l.t("提示", "Flag"))</th></tr></thead><tbody>\(m.members.html { p in
                    """
                    <tr><td>\(firm(p.uscc, p.name))</td><td>\(p.admittedOn.description)</td><td class="num">\(p.projects)</td>
                    <td>\(p.lacksProject ? HTML("<span class=\"tag revoked\">\(l.t("缺少支持项目", "no supported project"))</span>") : HTML.empty)</td></tr>
                    """ })</tbody></table></div>
                """)
        case .candidates:
            table = m.candidates.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无候选企业；运行批量评估后显示。", "No candidates; they appear after a batch run."))</p>") : HTML("""
                <p class="basis">\(Format.basis(PoolRules.basis.description, l))</p>
                <div class="table-wrap"><table><thead><tr>\(ListControls.header(s, l.t("企业", "Enterprise"), key: "name"))<th>\(l.t("统一社会信用代码", "Unified social credit code"))</th></tr></thead>
                <tbody>\(m.candidates.html { c in "<tr><td>\(firm(c.uscc, c.name))</td><td><code>\(c.uscc.code)</code></td></tr>" })</tbody></table></div>
                """)
        case .history:
            table = m.history.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无记录。", "No entries yet."))</p>") : HTML("""
                <div class="table-wrap"><table><thead><tr>\(ListControls.header(s, l.t("日期", "Date"), key: "newest", reverse: "oldest"))<th>\(l.t("类别", "Kind"))</th><th>\(l.t("企业", "Enterprise"))</th>
                <th>\(l.t("原因", "Reason"))</th><th>\(l.t("经办", "By"))</th></tr></thead><tbody>\(m.history.html { e, name in
                    let c = historyCells(e, name: name, l)
                    return "<tr><td>\(c[0])</td><td><span class=\"tag\(e.kind == .remove ? " expired" : "")\">\(c[1])</span></td><td>\(firm(e.uscc, name))</td><td>\(c[4])</td><td>\(c[5])</td></tr>"
                })</tbody></table></div>
                """)
        }
        let tabs: [(View, String, Int)] = [(.members, l.t("在库企业", "Members"), m.counts.members), (.candidates, l.t("入库候选", "Candidates"), m.counts.candidates),
                                           (.history, l.t("入库与出库记录", "Entries and exits"), m.counts.history)]
        let tabLinks = tabs.html { v, label, n in
            v == m.view ? HTML("<strong aria-current=\"page\">\(label)（\(Format.count(n))）</strong>")
                        : HTML("<a href=\"/pool?view=\(v.rawValue)&amp;asOf=\(m.asOf.description)\">\(label)（\(Format.count(n))）</a>")
        }
        return Layout.page(chrome, title: l.designation(.highTechPool), """
            <h1>\(l.t("高企培育库", "High-tech cultivation pool"))</h1>
            \(Layout.errors(Array(m.errors.values.sorted()), l))
            <p>\(l.t("在库 \(m.counts.members) 家；其中 \(m.counts.lacking) 家入库满 \(m.graceDays) 天仍无支持项目（每家入库企业至少支持 1 个科研项目）。",
                     "\(m.counts.members) members; \(m.counts.lacking) have had no supported project after \(m.graceDays) days in the pool (each member is to have at least one)."))</p>
            <nav class="tabs" aria-label="\(l.t("培育库", "Pool"))">\(tabLinks)</nav>
            <form class="filters" method="get" action="/pool" role="search"><input type="hidden" name="view" value="\(m.view.rawValue)">
            <label>\(l.t("名称或代码", "Name or code"))<input type="search" name="q" value="\(s.value("q"))"></label>
            \(m.view == .members ? ListControls.select("flag", label: l.t("提示", "Flag"), selected: s.value("flag"), options: [("lacking", l.t("缺少支持项目", "no supported project"))], any: l.t("全部", "All")) : HTML.empty)
            <label>\(l.t("统计日期", "As of"))<input type="date" name="asOf" value="\(m.asOf.description)"></label>
            <button type="submit">\(l.t("筛选", "Filter"))</button>
            \(ListControls.export(s, path: "/pool/export", l))
            </form>
            \(m.canManage ? HTML("<p class=\"muted\">\(l.t("点企业名称进入其培育库页面，办理入库、调出或登记支持项目。", "Open a firm to admit it, remove it or record a supported project."))</p>") : HTML.empty)
            \(ListControls.pager(s, l, unit: ("家", "rows")))
            \(table)
            """)
    }

    /// One firm's place in the pool, with the one form that applies to it.
    public struct Firm: Sendable {
        public var uscc: USCC
        public var name: String
        public var asOf: LocalDate
        public var member: PoolMember?
        public var isCandidate: Bool
        public var events: [PoolEvent]
        public var canManage: Bool
        /// Messages by field of the form that came back ("" for the form as a whole), "中文 / English".
        public var errors: [String: String]
        /// What was typed into that form.
        public var form: [String: String]
        public init(uscc: USCC, name: String, asOf: LocalDate, member: PoolMember?, isCandidate: Bool, events: [PoolEvent], canManage: Bool,
                    errors: [String: String] = [:], form: [String: String] = [:]) {
            self.uscc = uscc; self.name = name; self.asOf = asOf; self.member = member; self.isCandidate = isCandidate; self.events = events
            self.canManage = canManage; self.errors = errors; self.form = form
        }
    }

    public static func renderFirm(_ f: Firm, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        func field(_ name: String, _ label: String, type: String = "text", required: Bool = false, default value: String = "", attributes: String = "") -> HTML {
            Layout.field(name, label: label, value: f.form[name] ?? value, error: f.errors[name].map { l.half($0) }, type: type, required: required, attributes: attributes)
        }
        func reasonForm(_ action: String, _ button: String, _ placeholder: String) -> HTML {
            """
            <form method="post" action="\(action)" class="grid-form">\(chrome.csrfField)<input type="hidden" name="uscc" value="\(f.uscc.code)">
            \(field("on", l.t("生效日期", "Takes effect on"), type: "date", required: true, default: f.asOf.description))
            \(field("reason", l.t("原因", "Reason"), required: true, attributes: "maxlength=\"500\" placeholder=\"\(placeholder)\""))
            <button type="submit">\(button)</button></form>
            """
        }
        let status: HTML = f.member.map { p in
            HTML("<p>\(l.t("自 \(p.admittedOn) 起在库，支持项目 \(p.projects) 个。", "In the pool since \(p.admittedOn), with \(p.projects) supported projects."))\(p.lacksProject ? HTML(" <span class=\"tag revoked\">\(l.t("缺少支持项目", "no supported project"))</span>") : HTML.empty)</p>")
        } ?? HTML("<p>\(f.isCandidate ? l.t("不在库；符合入库条件。", "Not in the pool; meets the entry checklist.") : l.t("不在库。", "Not in the pool."))</p>")
        let action: HTML = !f.canManage ? .empty : f.member != nil
            ? HTML("<section class=\"panel\" aria-labelledby=\"act-h\"><h2 id=\"act-h\">\(l.t("调出培育库", "Remove from the pool"))</h2>\(reasonForm("/pool/remove", l.t("调出", "Remove"), l.t("调出原因", "reason for removal")))</section>")
            : HTML("<section class=\"panel\" aria-labelledby=\"act-h\"><h2 id=\"act-h\">\(l.t("纳入培育库", "Admit to the pool"))</h2>\(reasonForm("/pool/admit", l.t("入库", "Admit"), l.t("入库理由", "reason for admission")))</section>")
        let project: HTML = f.canManage && f.member != nil ? HTML("""
            <section class="panel" aria-labelledby="proj-h"><h2 id="proj-h">\(l.t("登记支持项目", "Record a supported project"))</h2>
            <form method="post" action="/pool/projects" class="grid-form">\(chrome.csrfField)<input type="hidden" name="uscc" value="\(f.uscc.code)">
            \(field("title", l.t("项目名称", "Title"), required: true, attributes: "maxlength=\"200\""))
            \(field("programme", l.t("计划类别", "Programme"), attributes: "maxlength=\"100\""))
            \(field("supportedOn", l.t("立项日期", "Supported on"), type: "date", required: true, default: f.asOf.description))
            \(field("funding", l.t("资助金额（元）", "Funding (yuan)"), default: "0", attributes: "inputmode=\"decimal\""))
            <button type="submit">\(l.t("保存", "Save"))</button></form></section>
            """) : .empty
        // Only the forms that apply are drawn; a message for another goes into the panel.
        let shown: Set<String> = !f.canManage ? [] : Set(["on", "reason"]).union(f.member != nil ? ["title", "programme", "supportedOn", "funding"] : [])
        let events = f.events.html { e in
            "<li>\(e.on.description) \(e.kind == .admit ? l.t("入库", "admitted") : l.t("出库", "removed"))：\(l.half(e.reason))</li>"
        }
        return Layout.page(chrome, title: f.name, """
            <p><a href="/pool?asOf=\(f.asOf.description)">← \(l.t("高企培育库", "High-tech cultivation pool"))</a></p>
            <h1>\(f.name)</h1>\(Layout.fieldErrors(f.errors, l, shown: shown))
            <p><a href="/enterprises/\(f.uscc.code)">\(l.t("查看企业档案", "Open the enterprise record"))</a></p>
            \(status)\(action)\(project)
            \(f.events.isEmpty ? HTML.empty : HTML("<h2>\(l.t("入库与出库记录", "Entries and exits"))</h2><ul>\(events)</ul>"))
            """)
    }
}
