import Cashout
import Kernel
import Registry
import Services
import Storage

/// /cashout/applications: every application a user may see, found by firm name or code, status,
/// policy, town and the days it was started; 50 a page, sortable, exported whole (issue 22, item 2).
public enum ApplicationListPage {
    public struct Model: Sendable {
        public var applications: [CashoutApplication]
        public var state: ListState
        public var policyNames: [String: String]
        public var towns: [Town]
        public var names: [USCC: String]
        public var due: @Sendable (CashoutApplication) -> LocalDate?
        public var today: LocalDate
        public var problems: [String]
        public init(applications: [CashoutApplication], state: ListState, policyNames: [String: String], towns: [Town], names: [USCC: String],
                    due: @escaping @Sendable (CashoutApplication) -> LocalDate?, today: LocalDate, problems: [String] = []) {
            self.applications = applications; self.state = state; self.policyNames = policyNames; self.towns = towns; self.names = names
            self.due = due; self.today = today; self.problems = problems
        }
    }

    /// A row of the export: what the page shows, with the code, town, year and start time beside it.
    public static func header(_ l: Lang) -> [String] {
        [l.t("编号", "No."), l.t("企业名称", "Enterprise"), l.t("统一社会信用代码", "USCC"), l.t("镇街", "Town"), l.t("政策", "Policy"),
         l.t("补助年度", "Subsidy year"), l.t("金额（元）", "Amount (yuan)"), l.t("状态", "Status"), l.t("本环节时限", "Step due"), l.t("创建时间（北京时间）", "Started (Beijing time)")]
    }

    public static func cells(_ a: CashoutApplication, name: String?, town: String?, policy: String?, due: LocalDate?, _ l: Lang) -> [String] {
        [String(a.id), name ?? "", a.uscc.code, town ?? "", policy ?? a.policyID, String(a.year), a.amount.map(Format.yuan) ?? "",
         l.t(a.status.chineseName, a.status.englishName), due?.description ?? "", Format.time(a.createdAt)]
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, s = m.state
        let statuses = ApplicationStatus.allCases.map { ($0.rawValue, l.t($0.chineseName, $0.englishName)) }
        let policies = m.policyNames.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
        let table: HTML = m.applications.isEmpty
            ? HTML("<div class=\"panel\"><p>\(l.t("没有符合条件的申请。", "No application matches these filters."))</p><p class=\"muted\">\(l.t("试试清除筛选条件，或按企业名称的一部分搜索。", "Try clearing the filters, or search by part of the firm's name."))</p></div>")
            : HTML("""
                <div class="table-wrap"><table><thead><tr>\(ListControls.header(s, l.t("编号", "No."), key: "newest", reverse: "oldest", numeric: true))
                \(ListControls.header(s, l.t("企业", "Enterprise"), key: "firm"))<th>\(l.t("政策", "Policy"))</th>
                \(ListControls.header(s, l.t("金额（元）", "Amount (yuan)"), key: "amount", descending: true, numeric: true))\(ListControls.header(s, l.t("状态", "Status"), key: "status"))
                <th>\(l.t("本环节时限", "Step due"))</th></tr></thead>
                <tbody>\(CashoutViews.rows(m.applications, names: m.names, policies: m.policyNames, due: m.due, today: m.today, l))</tbody></table></div>
                """)
        return Layout.page(chrome, title: l.t("申请", "Applications"), """
            <p><a href="/cashout">← \(l.t("政策兑现", "Policy cash-out"))</a></p>
            <h1>\(l.t("申请", "Applications"))</h1>\(Layout.errors(m.problems, l))
            <form class="filters" method="get" action="/cashout/applications" role="search">
            <label>\(l.t("企业名称或代码", "Firm name or USCC"))<input type="search" name="q" value="\(s.value("q"))"></label>
            \(ListControls.select("status", label: l.t("状态", "Status"), selected: s.value("status"), options: statuses, any: l.t("全部", "All")))
            \(ListControls.select("policy", label: l.t("政策", "Policy"), selected: s.value("policy"), options: policies, any: l.t("全部", "All")))
            \(ListControls.select("town", label: l.t("镇街", "Town"), selected: s.value("town"), options: m.towns.map { ($0.code, $0.name) }, any: l.t("全部", "All")))
            \(ListControls.dateRange(s, from: l.t("创建起始日期", "Started from"), to: l.t("创建截止日期", "Started until")))
            \(ListControls.formActions(s, export: "/cashout/applications/export", l))
            </form>
            \(ListControls.pager(s, l, unit: ("件", "applications")))
            \(table)
            \(m.applications.isEmpty ? HTML.empty : ListControls.pager(s, l, unit: ("件", "applications")))
            """)
    }
}
