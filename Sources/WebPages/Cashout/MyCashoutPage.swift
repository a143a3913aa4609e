import Cashout
import Kernel
import Services
import Storage

/// /cashout/mine: a firm's notices (entitlements found for it, decisions), its applications,
/// and the policies open for application now.
public enum MyCashoutPage {
    public struct Model: Sendable {
        public var notices: [FirmNotice]
        public var applications: [CashoutApplication]
        public var open: [Policy]
        public var policyNames: [String: String]
        public var due: @Sendable (CashoutApplication) -> LocalDate?
        public var today: LocalDate
        public init(notices: [FirmNotice], applications: [CashoutApplication], open: [Policy], policyNames: [String: String],
                    due: @escaping @Sendable (CashoutApplication) -> LocalDate?, today: LocalDate) {
            self.notices = notices; self.applications = applications; self.open = open; self.policyNames = policyNames; self.due = due; self.today = today
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let toConfirm = m.applications.filter { $0.proactive && $0.status == .draft }
        let notices = m.notices.prefix(10).html { n in
            "<li><time datetime=\"\(n.at)\">\(Format.time(n.at))</time> \(n.text)\(n.applicationID.map { HTML(" <a href=\"/cashout/applications/\(Int($0))\">\(l.t("查看", "open"))</a>") } ?? .empty)</li>"
        }
        let open = m.open.html { p in
            """
            <tr><td>\(p.name)<div class="muted">\(p.basis)</div></td><td>\(p.amount.summary)<div class="muted">\(l.t("兑现 \(p.subsidyYear) 年度", "pays \(p.subsidyYear)"))</div></td><td>\(p.window.closes.description)</td>
            <td><form method="post" action="/cashout/apply" class="inline">\(chrome.csrfField)<input type="hidden" name="policy" value="\(p.id)">
            <button type="submit">\(l.t("申报", "Apply"))</button></form></td></tr>
            """
        }
        let names: [USCC: String] = [:]
        return Layout.page(chrome, title: l.t("我的政策兑现", "My subsidies"), """
            <h1>\(l.t("我的政策兑现", "My subsidies"))</h1>
            \(toConfirm.isEmpty ? HTML.empty : HTML("""
            <section class="panel ok" aria-labelledby="ent-h"><h2 id="ent-h">\(l.t("免申即享：待确认", "Entitled: confirm your account")) (\(toConfirm.count))</h2>
            <p>\(l.t("平台已根据企业档案判定您符合以下政策，无需申报，确认收款账户后提交即可。", "The platform found you eligible from your records: confirm your bank account and submit, no application needed."))</p>
            \(CashoutViews.table(toConfirm, names: names, policies: m.policyNames, due: m.due, today: m.today, l))</section>
            """))
            <h2>\(l.t("通知", "Notices"))</h2>
            \(m.notices.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无通知。", "No notice yet."))</p>") : HTML("<ul class=\"timeline\">\(notices)</ul>"))
            <h2>\(l.t("我的申请", "My applications"))</h2>
            \(CashoutViews.table(m.applications, names: names, policies: m.policyNames, due: m.due, today: m.today, l))
            <h2>\(l.t("可申报的政策（快申快享）", "Policies open for application"))</h2>
            \(m.open.isEmpty ? HTML("<p class=\"muted\">\(l.t("目前没有开放申报的政策。", "No policy is open for application now."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("政策", "Policy"))</th><th>\(l.t("金额", "Amount"))</th><th>\(l.t("截止", "Closes"))</th><th></th></tr></thead>
            <tbody>\(open)</tbody></table></div>
            """))
            """)
    }
}
