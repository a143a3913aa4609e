import Cashout
import Kernel
import Services
import Storage

/// /cashout/applications: every application, filtered by status and policy.
public enum ApplicationListPage {
    public struct Model: Sendable {
        public var applications: [CashoutApplication]
        public var status: ApplicationStatus?
        public var policy: String?
        public var policyNames: [String: String]
        public var names: [USCC: String]
        public var due: @Sendable (CashoutApplication) -> LocalDate?
        public var today: LocalDate
        public init(applications: [CashoutApplication], status: ApplicationStatus?, policy: String?, policyNames: [String: String], names: [USCC: String],
                    due: @escaping @Sendable (CashoutApplication) -> LocalDate?, today: LocalDate) {
            self.applications = applications; self.status = status; self.policy = policy; self.policyNames = policyNames; self.names = names
            self.due = due; self.today = today
        }
    }

    public static let shown = 500

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let statuses = ApplicationStatus.allCases.html { s in
            "<option value=\"\(s.rawValue)\"\(m.status == s ? HTML(" selected") : .empty)>\(l.t(s.chineseName, s.englishName))</option>"
        }
        let policies = m.policyNames.sorted { $0.key < $1.key }.html { id, name in
            "<option value=\"\(id)\"\(m.policy == id ? HTML(" selected") : .empty)>\(name)</option>"
        }
        return Layout.page(chrome, title: l.t("申请", "Applications"), """
            <p><a href="/cashout">← \(l.t("政策兑现", "Policy cash-out"))</a></p>
            <h1>\(l.t("申请", "Applications")) (\(m.applications.count))</h1>
            <form method="get" class="inline"><label>\(l.t("状态", "Status")) <select name="status"><option value="">\(l.t("全部", "all"))</option>\(statuses)</select></label>
            <label>\(l.t("政策", "Policy")) <select name="policy"><option value="">\(l.t("全部", "all"))</option>\(policies)</select></label>
            <button class="secondary" type="submit">\(l.t("筛选", "Filter"))</button></form>
            \(m.applications.count > shown ? HTML("<p class=\"muted\">\(l.t("仅显示最近 \(shown) 条。", "Showing the latest \(shown)."))</p>") : .empty)
            \(CashoutViews.table(Array(m.applications.suffix(shown).reversed()), names: m.names, policies: m.policyNames, due: m.due, today: m.today, l))
            """)
    }
}
