import Kernel
import Lending
import Storage

/// The re-lending white list as last published, with the reasons per firm, downloads, and (for
/// the bureau's administrators) a form to compute and publish a new one.
public enum WhiteListPage {
    public struct Model: Sendable {
        public var list: PublishedWhiteList?
        public var canPublish: Bool
        public var asOf: LocalDate
        public var errors: [String]
        public var page: Int
        public var actorNames: [String: String]
        public init(list: PublishedWhiteList?, canPublish: Bool, asOf: LocalDate, errors: [String] = [], page: Int = 1, actorNames: [String: String] = [:]) {
            self.list = list; self.canPublish = canPublish; self.asOf = asOf; self.errors = errors; self.page = page; self.actorNames = actorNames
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let rule = m.list?.rule
        let errors = Layout.errors(m.errors, l)
        let form: HTML = m.canPublish ? HTML("""
            <section class="panel" aria-labelledby="pub-h"><h2 id="pub-h">\(l.t("生成并推荐新名单", "Compute and publish a new list"))</h2>
            <p class="muted">\(l.t("条件：有效的高新技术企业，上一年度研发费用不低于下列金额；可选：创新积分进入前若干档榜单。", "Rule: a valid high-tech enterprise whose R&D expense last year reached the amount below; optionally, on one of the top points lists."))</p>
            <form method="post" action="/whitelist/publish" class="grid-form">\(chrome.csrfField)
            <label>\(l.t("名单日期", "As of"))<input type="date" name="asOf" required value="\(m.asOf.description)"></label>
            <label>\(l.t("上年研发费用不低于（元）", "R&D expense last year at least (yuan)"))<input name="rdExpenseAtLeast" inputmode="decimal" value="\(rule?.rdExpenseAtLeast.yuanText ?? "0.01")"></label>
            <label>\(l.t("积分榜单（前 N 档，可空）", "Points lists (top N, optional)"))<input name="bestList" inputmode="numeric" value="\(rule?.bestPointsList.map { String($0 + 1) } ?? "")"></label>
            <button type="submit">\(l.t("生成并推荐", "Publish"))</button></form></section>
            """) : .empty
        guard let list = m.list else {
            return Layout.page(chrome, title: l.t("再贷款白名单", "Re-lending white list"), """
                <h1>\(l.t("科技创新再贷款白名单", "Re-lending white list"))</h1>\(errors)
                <p class="muted">\(l.t("尚未推荐名单。", "No list has been published yet."))</p>\(form)
                """)
        }
        let state = ListState(path: "/whitelist", filters: [], sort: "rank", defaultSort: "rank", page: m.page, total: list.entries.count)
        let rows = list.entries.enumerated().dropFirst(state.offset).prefix(state.pageSize).html { i, v in
            "<tr><td class=\"num\">\(i + 1)</td><td><a href=\"/enterprises/\(v.uscc.code)\">\(v.name)</a></td><td><code>\(v.uscc.code)</code></td><td>\(v.met.html { "<div>\(l.half($0))</div>" })</td></tr>"
        }
        let ruleText = l.t("有效高新技术企业，\(list.asOf.year - 1) 年研发费用不低于 \(Format.amount(list.rule.rdExpenseAtLeast, l))",
                           "valid high-tech enterprises with R&D expense in \(list.asOf.year - 1) of at least \(Format.amount(list.rule.rdExpenseAtLeast, l))")
            + (list.rule.bestPointsList.map { l.t("，且进入创新积分前 \($0 + 1) 档榜单", ", on one of the top \($0 + 1) points lists") } ?? "")
        return Layout.page(chrome, title: l.t("再贷款白名单", "Re-lending white list"), """
            <h1>\(l.t("科技创新再贷款白名单", "Re-lending white list"))</h1>\(errors)
            <p>\(l.t("\(list.asOf.description) 推荐 \(list.entries.count) 家（共评估 \(Format.count(list.considered)) 家）；条件：\(ruleText)；\(Format.actor(list.actor, l, names: m.actorNames)) 于 \(Format.time(list.publishedAt)) 发布。",
                     "\(list.entries.count) firms recommended at \(list.asOf.description) (of \(Format.count(list.considered)) considered); rule: \(ruleText); published by \(Format.actor(list.actor, l, names: m.actorNames)) at \(Format.time(list.publishedAt))."))</p>
            <p><a class="button secondary" href="/whitelist/export?format=xlsx">\(l.t("导出 Excel", "Export to Excel"))</a>
            <a class="button secondary" href="/whitelist/export?format=csv">\(l.t("下载 CSV", "Download CSV"))</a></p>
            \(list.entries.isEmpty ? HTML("<p class=\"muted\">\(l.t("没有企业符合规则。", "No firm meets the rule."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("序号", "No."))</th><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("统一社会信用代码", "Unified social credit code"))</th><th>\(l.t("入选理由", "Reasons"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(ListControls.pager(state, l, unit: ("家", "firms")))
            """))
            \(form)
            """)
    }
}
