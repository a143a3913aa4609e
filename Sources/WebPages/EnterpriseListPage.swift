import Foundation
import Kernel
import Registry
import Storage

/// The enterprise list with search, filters, pages, sorting and an export of the filtered firms.
/// Works as a plain GET form.
public enum EnterpriseListPage {
    public struct Model: Sendable {
        public var page: EnterprisePage
        public var state: ListState
        public var towns: [Town]
        public var chains: [IndustryChain]
        public var canCreate: Bool
        public init(page: EnterprisePage, state: ListState, towns: [Town], chains: [IndustryChain], canCreate: Bool) {
            self.page = page; self.state = state; self.towns = towns; self.chains = chains; self.canCreate = canCreate
        }
    }

    public static let filterNames = ["q", "town", "industry", "chain", "designation"]

    /// An industry code as people read it: the GB/T 4754 division's name.
    static func industry(_ code: String?, _ l: Lang) -> String {
        guard let code else { return "—" }
        return (l.isChinese ? IndustryClassification.chineseName(code) : IndustryClassification.englishName(code)) ?? code
    }

    public static func header(_ l: Lang) -> [String] {
        [l.t("企业名称", "Name"), l.t("统一社会信用代码", "Unified social credit code"), l.t("镇街", "Town"), l.t("行业代码", "Industry code"),
         l.t("行业", "Industry"), l.t("成立日期", "Registered"), l.t("经营状态", "Status"), l.t("有效资质", "Valid designations")]
    }

    public static func cells(_ item: EnterpriseListItem, towns: [String: String], _ l: Lang) -> [String] {
        let e = item.enterprise
        let status = e.status.label.components(separatedBy: " / ")
        return [e.name, e.uscc.code, e.townCode.flatMap { towns[$0] } ?? "", e.industryCode ?? "", e.industryCode.map { industry($0, l) } ?? "",
                e.registeredOn?.description ?? "", l.isChinese ? status[0] : status.last ?? e.status.rawValue,
                item.designations.map(l.designation).joined(separator: l.t("、", ", "))]
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, s = m.state
        let towns = m.towns.map { ($0.code, $0.name) }
        let names = Dictionary(uniqueKeysWithValues: towns)
        let rows = m.page.items.html { item in
            let e = item.enterprise
            return """
            <tr><td><a href="/enterprises/\(e.uscc.code)">\(e.name)</a></td><td><code>\(e.uscc.code)</code></td>
            <td class="hide-sm">\(e.townCode.flatMap { names[$0] } ?? "—")</td><td class="hide-sm">\(industry(e.industryCode, l))</td>
            <td>\(item.designations.html { "<span class=\"tag\">\(l.designation($0))</span>" })</td></tr>
            """
        }
        let table: HTML = m.page.items.isEmpty ? """
            <div class="panel"><p>\(l.t("没有符合条件的企业。", "No enterprise matches these filters."))</p>
            <p class="muted">\(l.t("试试清除筛选条件，或按统一社会信用代码前几位搜索。", "Try clearing the filters, or search by the first characters of the code."))</p></div>
            """ : """
            <div class="table-wrap"><table><thead><tr>\(ListControls.header(s, l.t("企业名称", "Name"), key: "name"))\(ListControls.header(s, l.t("统一社会信用代码", "Unified social credit code"), key: "code"))
            <th class="hide-sm">\(l.t("镇街", "Town"))</th><th class="hide-sm">\(l.t("行业", "Industry"))</th><th>\(l.t("有效资质", "Valid designations"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        return Layout.page(chrome, title: l.t("企业", "Enterprises"), """
            <h1>\(l.t("企业名录", "Enterprises"))</h1>
            <form class="filters" method="get" action="/enterprises" role="search">
            <label>\(l.t("名称或代码", "Name or code"))<input type="search" name="q" value="\(s.value("q"))"></label>
            \(ListControls.select("town", label: l.t("镇街", "Town"), selected: s.value("town"), options: towns, any: l.t("全部", "All")))
            <label>\(l.t("行业代码", "Industry code"))<input name="industry" value="\(s.value("industry"))" size="6" placeholder="C38"></label>
            \(ListControls.select("chain", label: l.t("产业链", "Chain"), selected: s.value("chain"), options: m.chains.map { ($0.code, $0.name) }, any: l.t("全部", "All")))
            \(ListControls.select("designation", label: l.t("资质", "Designation"), selected: s.value("designation"), options: DesignationKind.allCases.map { ($0.rawValue, l.designation($0)) }, any: l.t("全部", "All")))
            \(ListControls.formActions(s, export: "/enterprises/export", l))
            \(m.canCreate ? HTML("<a class=\"button secondary\" href=\"/enterprises/new\">\(l.t("新增企业", "Add enterprise"))</a>") : .empty)
            </form>
            \(ListControls.pager(s, l, unit: ("家", "enterprises")))
            \(table)
            \(m.page.items.isEmpty ? HTML.empty : ListControls.pager(s, l, unit: ("家", "enterprises")))
            """)
    }
}
