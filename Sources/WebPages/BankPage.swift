import Accounts
import Foundation
import InnovationPoints
import Kernel
import Lending
import Services
import Storage

/// A bank officer's workspace: the enterprises that consented to the bank with their points
/// (each look logged in the enterprise's query log), the bank's loans with their status, and
/// forms to record a credit decision and report a loan's status.
public enum BankPage {
    public struct Row: Sendable {
        public var consent: Consent
        public var name: String
        public var points: Double?
        public var list: String?
        public init(consent: Consent, name: String, points: Double?, list: String?) {
            self.consent = consent; self.name = name; self.points = points; self.list = list
        }
    }
    public struct Model: Sendable {
        public var bank: String
        public var rows: [Row]
        public var loans: [Loan]
        public var names: [USCC: String]
        public var errors: [String]
        /// The page of the bank's loans shown (newest first); nil shows them all.
        public var loanState: ListState?
        public init(bank: String, rows: [Row], loans: [Loan], names: [USCC: String], errors: [String] = [], loanState: ListState? = nil) {
            self.bank = bank; self.rows = rows; self.loans = loans; self.names = names; self.errors = errors; self.loanState = loanState
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let yuan = { (v: Money) in Format.yuan(v) }
        let consenting = m.rows.html { r in
            """
            <tr><td>\(r.name)</td><td><code>\(r.consent.uscc.code)</code></td><td class="num">\(r.points.map { String(format: "%.2f", $0) } ?? "—")</td>
            <td>\(r.list.map { HTML(unsafe: "<span class=\"tag ok\">\(HTML.escape($0))</span>") } ?? HTML.empty)</td>
            <td>\(r.consent.purpose)</td><td>\(r.consent.validTo.description)</td></tr>
            """
        }
        let statuses = { (current: Loan.Status) in
            Loan.Status.allCases.filter { current.canMove(to: $0) }.html { s in
                "<option value=\"\(s.rawValue)\"\(s == current ? HTML(" selected") : .empty)>\(l.t(s.chineseName, s.rawValue))</option>"
            }
        }
        let shownLoans = m.loanState.map { s in Array(m.loans.reversed().dropFirst(s.offset).prefix(s.pageSize)) } ?? m.loans.reversed()
        let loanPager = m.loanState.map { ListControls.pager($0, l, unit: ("笔", "loans")) } ?? .empty
        let loans = shownLoans.html { loan in
            """
            <tr><td>\(loan.drawnOn.description)</td><td>\(m.names[loan.uscc] ?? loan.uscc.code)</td><td>\(l.t(loan.product.chineseName, loan.product.rawValue))</td>
            <td class="num">\(yuan(loan.amount))</td><td>\(l.t(loan.status.chineseName, loan.status.rawValue))</td>
            <td>\(loan.status == .repaid ? HTML.empty : HTML("""
            <form method="post" action="/bank/loans/\(String(loan.id))/update" class="inline">\(chrome.csrfField)
            <label class="sr-only" for="st-\(String(loan.id))">\(l.t("状态", "Status"))</label><select id="st-\(String(loan.id))" name="status">\(statuses(loan.status))</select>
            <label class="sr-only" for="od-\(String(loan.id))">\(l.t("逾期本金（元）", "Overdue principal (yuan)"))</label>
            <input id="od-\(String(loan.id))" name="overduePrincipal" inputmode="decimal" size="10" placeholder="\(l.t("逾期本金", "overdue"))" value="\(loan.overduePrincipal.fen > 0 ? loan.overduePrincipal.yuanText : "")">
            <button type="submit" class="secondary">\(l.t("更新", "Update"))</button></form>
            """))</td></tr>
            """
        }
        let errors = Layout.errors(m.errors, l)
        let options = m.rows.html { "<option value=\"\($0.consent.uscc.code)\">\($0.name)</option>" }
        return Layout.page(chrome, title: l.t("银行工作台", "Bank workspace"), """
            <h1>\(l.t("银行工作台", "Bank workspace")) · \(m.bank)</h1>
            \(errors)
            <section aria-labelledby="cons-h"><h2 id="cons-h">\(l.t("已授权企业", "Consenting enterprises"))</h2>
            <p class="muted">\(l.t("仅列出向本行有效授权的企业；每次查看都记入企业的查询记录。", "Only enterprises with a live consent for your bank; every look is recorded in the enterprise's log."))</p>
            \(m.rows.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无企业向本行授权。", "No enterprise has granted your bank access."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("统一社会信用代码", "Unified social credit code"))</th><th class="num">\(l.t("积分", "Points"))</th><th>\(l.t("榜单", "List"))</th><th>\(l.t("授权用途", "Purpose"))</th><th>\(l.t("授权至", "Valid to"))</th></tr></thead>
            <tbody>\(consenting)</tbody></table></div>
            """))</section>
            \(m.rows.isEmpty ? HTML.empty : HTML("""
            <section class="panel" aria-labelledby="new-h"><h2 id="new-h">\(l.t("登记授信决定", "Record a credit decision"))</h2>
            <form method="post" action="/bank/loans" class="grid-form">\(chrome.csrfField)
            <label>\(l.t("企业", "Enterprise"))<select name="uscc" required>\(options)</select></label>
            <label>\(l.t("产品", "Product"))<select name="product">\(Loan.Product.allCases.html { "<option value=\"\($0.rawValue)\">\(l.t($0.chineseName, $0.rawValue))</option>" })</select></label>
            <label>\(l.t("金额（元）", "Amount (yuan)"))<input name="amount" required inputmode="decimal"></label>
            <label>\(l.t("放款日", "Drawn on"))<input type="date" name="drawnOn" required></label>
            <label>\(l.t("到期日", "Matures on"))<input type="date" name="maturesOn" required></label>
            <label>\(l.t("状态", "Status"))<select name="status"><option value="approved">\(l.t("已审批", "approved"))</option><option value="drawn">\(l.t("已放款", "drawn"))</option></select></label>
            <button type="submit">\(l.t("登记", "Record"))</button></form></section>
            """))
            <section aria-labelledby="loans-h"><h2 id="loans-h">\(l.t("本行贷款", "Your bank's loans"))</h2>
            \(m.loans.isEmpty ? HTML("<p class=\"muted\">\(l.t("本行尚未登记贷款。", "Your bank has recorded no loans."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("放款日", "Drawn"))</th><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("产品", "Product"))</th><th class="num">\(l.t("金额（元）", "Amount"))</th><th>\(l.t("状态", "Status"))</th><th>\(l.t("报告状态", "Report status"))</th></tr></thead>
            <tbody>\(loans)</tbody></table></div>\(loanPager)
            """))</section>
            """)
    }
}
