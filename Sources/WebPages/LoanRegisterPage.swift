import Kernel
import Lending
import Services
import Storage

/// The district's loan register: the letter's figures per product for a period, each bank's
/// circuit breaker, the risk compensation due, and the loans themselves with filters.
public enum LoanRegisterPage {
    public struct Model: Sendable {
        public var filter: LoanFilter
        public var summary: LoanSummary
        /// This page of the filtered loans, and where the list stands.
        public var loans: [Loan]
        public var state: ListState
        public var names: [USCC: String]
        public init(filter: LoanFilter, summary: LoanSummary, loans: [Loan], state: ListState, names: [USCC: String]) {
            self.filter = filter; self.summary = summary; self.loans = loans; self.state = state; self.names = names
        }
    }

    public static func header(_ l: Lang) -> [String] {
        [l.t("放款日", "Drawn"), l.t("企业名称", "Enterprise"), l.t("统一社会信用代码", "Unified social credit code"), l.t("银行", "Bank"), l.t("产品", "Product"),
         l.t("金额（元）", "Amount (yuan)"), l.t("到期日", "Matures"), l.t("状态", "Status"), l.t("逾期本金（元）", "Overdue principal (yuan)")]
    }

    public static func cells(_ loan: Loan, name: String?, bank: String?, _ l: Lang) -> [String] {
        [loan.drawnOn.description, name ?? "", loan.uscc.code, bank ?? loan.bank, l.t(loan.product.chineseName, loan.product.rawValue), Format.yuan(loan.amount),
         loan.maturesOn.description, l.t(loan.status.chineseName, loan.status.rawValue), loan.overduePrincipal.fen > 0 ? Format.yuan(loan.overduePrincipal) : ""]
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let yuan = { (v: Money) in HTML(unsafe: HTML.escape(Format.yuan(v))) }
        let figures = m.summary.figures.html { p, f in
            "<tr><td>\(l.t(p.chineseName, p.rawValue))</td><td class=\"num\">\(f.enterprises)</td><td class=\"num\">\(f.enterpriseTimes)</td><td class=\"num\">\(yuan(f.amount))</td></tr>"
        }
        let breakers = m.summary.breakers.html { bank, b in
            """
            <tr><td>\(bank.name)</td><td class="num">\(yuan(b.outstanding))</td><td class="num">\(yuan(b.overdue))</td>
            <td class="num">\(Lang.percent(b.overdueShare))</td><td class="num">\(Lang.percent(b.threshold))</td>
            <td>\(b.allowsNewLoans ? HTML("<span class=\"tag ok\">\(l.t("正常", "open"))</span>") : HTML("<span class=\"tag revoked\">\(l.t("已熔断", "breaker tripped"))</span>"))</td></tr>
            """
        }
        let c = m.summary.compensation
        let banks = Dictionary(uniqueKeysWithValues: m.summary.breakers.map { ($0.bank.code, $0.bank.name) })
        let s = m.state
        let rows = m.loans.html { loan in
            """
            <tr><td>\(loan.drawnOn.description)</td><td><a href="/enterprises/\(loan.uscc.code)">\(m.names[loan.uscc] ?? loan.uscc.code)</a></td><td>\(banks[loan.bank] ?? loan.bank)</td>
            <td>\(l.t(loan.product.chineseName, loan.product.rawValue))</td><td class="num">\(yuan(loan.amount))</td><td>\(loan.maturesOn.description)</td>
            <td><span class="tag\(loan.status == .overdue ? " revoked" : "")">\(l.t(loan.status.chineseName, loan.status.rawValue))</span></td>
            <td class="num">\(loan.overduePrincipal.fen > 0 ? yuan(loan.overduePrincipal) : HTML.empty)</td></tr>
            """
        }
        func option(_ value: String, _ label: String, _ selected: String?) -> HTML {
            "<option value=\"\(value)\"\(value == (selected ?? "") ? HTML(" selected") : .empty)>\(label)</option>"
        }
        let f = m.filter
        return Layout.page(chrome, title: l.t("贷款台账", "Loan register"), """
            <h1>\(l.t("科技金融贷款台账", "Loan register"))</h1>
            <form class="filters" method="get" action="/loans">
            <label>\(l.t("放款起", "Drawn from"))<input type="date" name="from" value="\(f.from?.description)"></label>
            <label>\(l.t("放款止", "Drawn to"))<input type="date" name="to" value="\(f.to?.description)"></label>
            <label>\(l.t("产品", "Product"))<select name="product">\(option("", l.t("全部", "All"), f.product?.rawValue))\(Loan.Product.allCases.html { option($0.rawValue, l.t($0.chineseName, $0.rawValue), f.product?.rawValue) })</select></label>
            <label>\(l.t("银行", "Bank"))<select name="bank">\(option("", l.t("全部", "All"), f.bank))\(m.summary.breakers.html { option($0.bank.code, $0.bank.name, f.bank) })</select></label>
            <label>\(l.t("状态", "Status"))<select name="status">\(option("", l.t("全部", "All"), f.status?.rawValue))\(Loan.Status.allCases.html { option($0.rawValue, l.t($0.chineseName, $0.rawValue), f.status?.rawValue) })</select></label>
            <button type="submit" class="secondary">\(l.t("查看", "Show"))</button></form>
            <section aria-labelledby="fig-h"><h2 id="fig-h">\(l.t("贷款统计（按放款日）", "Figures by drawing date"))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("产品", "Product"))</th><th class="num">\(l.t("企业（家）", "Firms"))</th><th class="num">\(l.t("家次", "Firm-times"))</th><th class="num">\(l.t("金额（元）", "Amount (yuan)"))</th></tr></thead>
            <tbody>\(figures)</tbody></table></div></section>
            <section aria-labelledby="brk-h"><h2 id="brk-h">\(l.t("风险补偿与熔断（知识价值信用贷款）", "Risk compensation and circuit breakers (knowledge-value loans)"))</h2>
            <p>\(l.t("逾期本金应补偿 \(Format.yuan(c.total)) 元：市级 \(Format.yuan(c.city)) 元，区级 \(Format.yuan(c.district)) 元；银行自担 \(Format.yuan(c.bankKeeps)) 元及全部利息。",
                     "Compensation due on overdue principal: \(Format.yuan(c.total)) yuan, city \(Format.yuan(c.city)), district \(Format.yuan(c.district)); the banks keep \(Format.yuan(c.bankKeeps)) yuan and all interest."))</p>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("银行", "Bank"))</th><th class="num">\(l.t("在贷本金", "Outstanding"))</th><th class="num">\(l.t("逾期本金", "Overdue"))</th><th class="num">\(l.t("逾期率", "Overdue share"))</th><th class="num">\(l.t("熔断线", "Breaker"))</th><th>\(l.t("新增贷款", "New loans"))</th></tr></thead>
            <tbody>\(breakers)</tbody></table></div></section>
            <section aria-labelledby="reg-h"><h2 id="reg-h">\(l.t("贷款明细", "Loans"))</h2>
            \(m.loans.isEmpty ? HTML("<p class=\"muted\">\(l.t("没有符合条件的贷款。银行通过 API 或银行工作台登记贷款。", "No loans match. Banks record loans through the API or their workspace."))</p>") : HTML("""
            <p>\(ListControls.export(s, path: "/loans/export", l))</p>
            \(ListControls.pager(s, l, unit: ("笔", "loans")))
            <div class="table-wrap"><table><thead><tr>\(ListControls.header(s, l.t("放款日", "Drawn"), key: "newest", reverse: "oldest"))<th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("银行", "Bank"))</th><th>\(l.t("产品", "Product"))</th>
            \(ListControls.header(s, l.t("金额（元）", "Amount (yuan)"), key: "amount", descending: true, numeric: true))<th>\(l.t("到期日", "Matures"))</th><th>\(l.t("状态", "Status"))</th><th class="num">\(l.t("逾期本金", "Overdue"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(ListControls.pager(s, l, unit: ("笔", "loans")))
            """))</section>
            """)
    }
}
