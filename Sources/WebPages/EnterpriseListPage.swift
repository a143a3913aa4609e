import Foundation
import Kernel
import Registry
import Storage

/// The enterprise list with search, filters and pages. Works as a plain GET form.
public enum EnterpriseListPage {
    public struct Model: Sendable {
        public var page: EnterprisePage
        public var text: String
        public var town: String
        public var industry: String
        public var chain: String
        public var designation: String
        public var towns: [Town]
        public var chains: [IndustryChain]
        public var canCreate: Bool
        public init(page: EnterprisePage, text: String, town: String, industry: String, chain: String, designation: String,
                    towns: [Town], chains: [IndustryChain], canCreate: Bool) {
            self.page = page; self.text = text; self.town = town; self.industry = industry; self.chain = chain
            self.designation = designation; self.towns = towns; self.chains = chains; self.canCreate = canCreate
        }

        func query(offset: Int) -> String {
            var parts: [String] = []
            for (k, v) in [("q", text), ("town", town), ("industry", industry), ("chain", chain), ("designation", designation)] where !v.isEmpty {
                parts.append("\(k)=\(v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            }
            parts.append("offset=\(offset)")
            return "?" + parts.joined(separator: "&")
        }
    }

    static func select(_ name: String, label: String, selected: String, options: [(String, String)], any: String) -> HTML {
        let opts = options.html { v, t in "<option value=\"\(v)\"\(v == selected ? HTML(" selected") : .empty)>\(t)</option>" }
        return "<label>\(label)<select name=\"\(name)\"><option value=\"\">\(any)</option>\(opts)</select></label>"
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let towns = m.towns.map { ($0.code, $0.name) }
        let names = Dictionary(uniqueKeysWithValues: towns)
        let rows = m.page.items.html { item in
            let e = item.enterprise
            return """
            <tr><td><a href="/enterprises/\(e.uscc.code)">\(e.name)</a></td><td><code>\(e.uscc.code)</code></td>
            <td class="hide-sm">\(e.townCode.flatMap { names[$0] } ?? "—")</td><td class="hide-sm">\(e.industryCode ?? "—")</td>
            <td>\(item.designations.html { "<span class=\"tag\">\(l.designation($0))</span>" })</td></tr>
            """
        }
        let p = m.page
        let first = p.total == 0 ? 0 : p.offset + 1, last = min(p.offset + p.limit, p.total)
        let prev: HTML = p.offset > 0 ? "<a rel=\"prev\" href=\"\(m.query(offset: max(0, p.offset - p.limit)))\">← \(l.t("上一页", "Previous"))</a>" : .empty
        let next: HTML = last < p.total ? "<a rel=\"next\" href=\"\(m.query(offset: p.offset + p.limit))\">\(l.t("下一页", "Next")) →</a>" : .empty
        let empty: HTML = p.items.isEmpty ? """
            <div class="panel"><p>\(l.t("没有符合条件的企业。", "No enterprise matches these filters."))</p>
            <p class="muted">\(l.t("试试清除筛选条件，或按统一社会信用代码前几位搜索。", "Try clearing the filters, or search by the first characters of the USCC."))</p></div>
            """ : """
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业名称", "Name"))</th><th>\(l.t("统一社会信用代码", "USCC"))</th>
            <th class="hide-sm">\(l.t("镇街", "Town"))</th><th class="hide-sm">\(l.t("行业", "Industry"))</th><th>\(l.t("有效资质", "Valid designations"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return Layout.page(chrome, title: l.t("企业", "Enterprises"), """
            <h1>\(l.t("企业名录", "Enterprises"))</h1>
            <form class="filters" method="get" action="/enterprises" role="search">
            <label>\(l.t("名称或代码", "Name or USCC"))<input type="search" name="q" value="\(m.text)"></label>
            \(select("town", label: l.t("镇街", "Town"), selected: m.town, options: towns, any: l.t("全部", "All")))
            <label>\(l.t("行业代码", "Industry"))<input name="industry" value="\(m.industry)" size="6" placeholder="C38"></label>
            \(select("chain", label: l.t("产业链", "Chain"), selected: m.chain, options: m.chains.map { ($0.code, $0.name) }, any: l.t("全部", "All")))
            \(select("designation", label: l.t("资质", "Designation"), selected: m.designation, options: DesignationKind.allCases.map { ($0.rawValue, l.designation($0)) }, any: l.t("全部", "All")))
            <button type="submit">\(l.t("筛选", "Filter"))</button>
            <a class="button secondary" href="/enterprises">\(l.t("清除", "Clear"))</a>
            \(m.canCreate ? HTML("<a class=\"button secondary\" href=\"/enterprises/new\">\(l.t("新增企业", "Add enterprise"))</a>") : .empty)
            </form>
            <p class="muted">\(l.t("共 \(p.total) 家，显示第 \(first)–\(last) 家", "\(p.total) enterprises, showing \(first)–\(last)"))</p>
            \(empty)
            <nav class="pager" aria-label="\(l.t("分页", "Pages"))">\(prev)\(next)</nav>
            """)
    }
}
