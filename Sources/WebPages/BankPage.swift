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
        /// Messages by field of the credit-decision form ("" for the page as a whole), "中文 / English".
        public var errors: [String: String]
        /// What was typed into the credit-decision form when it came back with errors.
        public var form: [String: String]
        /// The page of the bank's loans shown (newest first); nil shows them all.
        public var loanState: ListState?
        public init(bank: String, rows: [Row], loans: [Loan], names: [USCC: String], errors: [String: String] = [:], form: [String: String] = [:], loanState: ListState? = nil) {
            self.bank = bank; self.rows = rows; self.loans = loans; self.names = names; self.errors = errors; self.form = form; self.loanState = loanState
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
        let errors = Layout.fieldErrors(m.errors, l)
        func e(_ k: String) -> String? { m.errors[k].map { l.half($0) } }
        let firms = m.rows.map { ($0.consent.uscc.code, $0.name) }
        let products = Loan.Product.allCases.map { ($0.rawValue, l.t($0.chineseName, $0.rawValue)) }
        let statuses0 = [Loan.Status.approved, .drawn].map { ($0.rawValue, l.t($0.chineseName, $0.rawValue)) }
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
            \(Layout.selectField("uscc", label: l.t("企业", "Enterprise"), selected: m.form["uscc"], options: firms, error: e("uscc")))
            \(Layout.selectField("product", label: l.t("产品", "Product"), selected: m.form["product"], options: products, error: e("product")))
            \(Layout.field("amount", label: l.t("金额（元）", "Amount (yuan)"), value: m.form["amount"], error: e("amount"), required: true,
                          hint: l.t("可写“300万”", "“300万” is accepted"), attributes: "inputmode=\"decimal\""))
            \(Layout.field("drawnOn", label: l.t("放款日", "Drawn on"), value: m.form["drawnOn"], error: e("drawnOn"), type: "date", required: true))
            \(Layout.field("maturesOn", label: l.t("到期日", "Matures on"), value: m.form["maturesOn"], error: e("maturesOn"), type: "date", required: true))
            \(Layout.selectField("status", label: l.t("状态", "Status"), selected: m.form["status"], options: statuses0, error: e("status")))
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
