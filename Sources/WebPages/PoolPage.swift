import Kernel
import Qualification
import Registry
import Services
import Storage

/// The district 高企培育库: members and whether each has a supported project, candidates from
/// the entry checklist, admission and removal with a reason, and the full history.
public enum PoolPage {
    public struct Model: Sendable {
        public var asOf: LocalDate
        public var members: [PoolMember]
        public var candidates: [LadderEntry]
        public var history: [(PoolEvent, String)]
        public var canManage: Bool
        public var errors: [String: String]
        public var graceDays: Int
        public init(asOf: LocalDate, members: [PoolMember], candidates: [LadderEntry], history: [(PoolEvent, String)],
                    canManage: Bool, errors: [String: String] = [:], graceDays: Int) {
            self.asOf = asOf; self.members = members; self.candidates = candidates; self.history = history
            self.canManage = canManage; self.errors = errors; self.graceDays = graceDays
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let lacking = m.members.filter(\.lacksProject).count
        func reasonForm(_ action: String, _ uscc: USCC, _ button: String, _ placeholder: String) -> HTML {
            """
            <form method="post" action="\(action)" class="inline">\(chrome.csrfField)<input type="hidden" name="uscc" value="\(uscc.code)">
            <input type="hidden" name="on" value="\(m.asOf.description)">
            <label class="sr-only" for="r-\(action.hasSuffix("admit") ? "a" : "r")-\(uscc.code)">\(l.t("原因", "Reason"))</label>
            <input id="r-\(action.hasSuffix("admit") ? "a" : "r")-\(uscc.code)" name="reason" required maxlength="500" placeholder="\(placeholder)">
            <button type="submit" class="secondary">\(button)</button></form>
            """
        }
        let memberRows = m.members.html { p in
            """
            <tr><td><a href="/enterprises/\(p.uscc.code)?asOf=\(m.asOf.description)">\(p.name)</a></td><td>\(p.admittedOn.description)</td>
            <td class="num">\(p.projects)</td><td>\(p.lacksProject ? HTML(unsafe: "<span class=\"tag revoked\">\(l.t("缺少支持项目", "no supported project"))</span>") : HTML.empty)</td>
            \(m.canManage ? HTML("<td>\(reasonForm("/pool/remove", p.uscc, l.t("调出", "Remove"), l.t("调出原因", "reason for removal")))</td>") : HTML.empty)</tr>
            """
        }
        let candidateRows = m.candidates.html { c in
            """
            <tr><td><a href="/enterprises/\(c.uscc.code)?asOf=\(m.asOf.description)">\(c.name)</a></td><td><code>\(c.uscc.code)</code></td>
            \(m.canManage ? HTML("<td>\(reasonForm("/pool/admit", c.uscc, l.t("入库", "Admit"), l.t("入库理由", "reason for admission")))</td>") : HTML.empty)</tr>
            """
        }
        let historyRows = m.history.html { e, name in
            let kind = e.kind == .admit ? l.t("入库", "admitted") : l.t("出库", "removed")
            return """
            <tr><td>\(e.on.description)</td><td><span class="tag\(e.kind == .remove ? " expired" : "")">\(kind)</span></td>
            <td><a href="/enterprises/\(e.uscc.code)">\(name)</a></td><td>\(e.reason)</td><td>\(e.automatic ? l.t("系统", "system") : Format.actor(e.actor, l))</td></tr>
            """
        }
        let errors = Layout.errors(Array(m.errors.values.sorted()), l)
        let projectForm: HTML = m.canManage ? HTML("""
            <section class="panel" aria-labelledby="proj-h"><h2 id="proj-h">\(l.t("登记支持项目", "Record a supported project"))</h2>
            <form method="post" action="/pool/projects" class="grid-form">\(chrome.csrfField)
            <label>\(l.t("统一社会信用代码", "USCC"))<input name="uscc" required maxlength="18" pattern="[0-9A-Z]{18}"></label>
            <label>\(l.t("项目名称", "Title"))<input name="title" required maxlength="200"></label>
            <label>\(l.t("计划类别", "Programme"))<input name="programme" maxlength="100"></label>
            <label>\(l.t("立项日期", "Supported on"))<input type="date" name="supportedOn" required value="\(m.asOf.description)"></label>
            <label>\(l.t("资助金额（元）", "Funding (yuan)"))<input name="funding" inputmode="decimal" value="0"></label>
            <button type="submit">\(l.t("保存", "Save"))</button></form></section>
            """) : .empty
        return Layout.page(chrome, title: l.designation(.highTechPool), """
            <h1>\(l.t("高企培育库", "High-tech cultivation pool"))</h1>
            \(errors)
            <form class="filters" method="get" action="/pool"><label>\(l.t("统计日期", "As of"))<input type="date" name="asOf" value="\(m.asOf.description)"></label>
            <button type="submit" class="secondary">\(l.t("查看", "Show"))</button></form>
            <p>\(l.t("在库 \(m.members.count) 家；其中 \(lacking) 家入库满 \(m.graceDays) 天仍无支持项目（每家入库企业至少支持 1 个科研项目）。",
                     "\(m.members.count) members; \(lacking) have had no supported project after \(m.graceDays) days in the pool (each member is to have at least one)."))</p>
            <section aria-labelledby="mem-h"><h2 id="mem-h">\(l.t("在库企业", "Members"))</h2>
            \(m.members.isEmpty ? HTML("<p class=\"muted\">\(l.t("培育库暂无企业。", "The pool is empty."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("入库日期", "Admitted"))</th><th class="num">\(l.t("支持项目", "Projects"))</th><th>\(l.t("提示", "Flag"))</th>\(m.canManage ? HTML("<th>\(l.t("操作", "Action"))</th>") : HTML.empty)</tr></thead>
            <tbody>\(memberRows)</tbody></table></div>
            """))</section>
            <section aria-labelledby="cand-h"><h2 id="cand-h">\(l.t("入库候选（符合入库条件）", "Candidates (meet the entry checklist)"))</h2>
            <p class="basis">\(Format.basis(PoolRules.basis.description, l))</p>
            \(m.candidates.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无候选企业；运行批量评估后显示。", "No candidates; they appear after a batch run."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th>USCC</th>\(m.canManage ? HTML("<th>\(l.t("操作", "Action"))</th>") : HTML.empty)</tr></thead>
            <tbody>\(candidateRows)</tbody></table></div>
            """))</section>
            \(projectForm)
            <section aria-labelledby="hist-h"><h2 id="hist-h">\(l.t("入库与出库记录", "Entries and exits"))</h2>
            \(m.history.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无记录。", "No entries yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("日期", "Date"))</th><th>\(l.t("类别", "Kind"))</th><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("原因", "Reason"))</th><th>\(l.t("经办", "By"))</th></tr></thead>
            <tbody>\(historyRows)</tbody></table></div>
            """))</section>
            """)
    }
}
