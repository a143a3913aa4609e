import Accounts
import Foundation
import InnovationPoints
import Kernel
import Lending
import Registry
import Services
import Storage

/// A bank officer's workspace (issue 20, item 1; issue 22, item 2): the enterprises whose live
/// consent lets the bank read their points, found by name or code and paged. Listing them reads
/// nothing of theirs; opening one is one logged read (`BankFirmPage`).
public enum BankPage {
    public struct Row: Sendable {
        public var consent: Consent
        public var name: String
        public init(consent: Consent, name: String) { self.consent = consent; self.name = name }
    }
    public struct Model: Sendable {
        public var bank: String
        /// This page of the consenting firms.
        public var rows: [Row]
        public var state: ListState
        public var loans: Int
        public init(bank: String, rows: [Row], state: ListState, loans: Int) {
            self.bank = bank; self.rows = rows; self.state = state; self.loans = loans
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, s = m.state
        let rows = m.rows.html { r in
            """
            <tr><td><a href="/bank/firms/\(r.consent.uscc.code)">\(r.name)</a></td><td><code>\(r.consent.uscc.code)</code></td>
            <td>\(r.consent.scopes.sorted().map { ConsentPanel.scopeName($0, l) }.joined(separator: "、"))</td><td>\(r.consent.purpose)</td><td>\(r.consent.validTo.description)</td></tr>
            """
        }
        return Layout.page(chrome, title: l.t("银行工作台", "Bank workspace"), """
            <h1>\(l.t("银行工作台", "Bank workspace")) · \(m.bank)</h1>
            <p><a class="button secondary" href="/bank/loans">\(l.t("本行贷款（\(Format.count(m.loans)) 笔）", "Your bank's loans (\(Format.count(m.loans)))"))</a></p>
            <section aria-labelledby="cons-h"><h2 id="cons-h">\(l.t("已授权企业", "Consenting enterprises"))</h2>
            <p class="muted">\(l.t("仅列出向本行有效授权的企业。列表不查阅企业数据；打开一家企业即查阅其授权的数据，并记入该企业的查询记录。",
                                   "Only enterprises with a live consent for your bank. The list reads none of their data; opening one reads what it granted and is recorded in its log."))</p>
            <form method="get" action="/bank" class="filters">
            <label>\(l.t("企业名称或统一社会信用代码", "Name or credit code"))<input name="q" value="\(s.value("q"))"></label>
            <button type="submit">\(l.t("查找", "Find"))</button><a class="button secondary" href="/bank">\(l.t("清除", "Clear"))</a></form>
            \(m.rows.isEmpty ? HTML("<p class=\"muted\">\(s.filters.isEmpty ? l.t("暂无企业向本行授权。", "No enterprise has granted your bank access.") : l.t("没有符合条件的企业。", "No enterprise matches."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("统一社会信用代码", "Unified social credit code"))</th><th>\(l.t("授权数据", "Data granted"))</th>
            <th>\(l.t("授权用途", "Purpose"))</th><th>\(l.t("授权至", "Valid to"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """))\(ListControls.pager(s, l, unit: ("家", "enterprises")))</section>
            """)
    }
}

/// One consenting firm as its bank sees it: exactly what the consent grants — the points (with
/// the breakdown, the designations and the fiscal summary where granted) — read once and logged;
/// the bank's loans to it with their status reports; and the credit decision form.
public enum BankFirmPage {
    public struct Model: Sendable {
        public var uscc: USCC
        public var name: String
        public var consent: Consent
        public var points: ScoreExplanation?
        public var designations: [Designation]?
        public var fiscal: [FiscalYearFacts]?
        public var loans: [Loan]
        public var today: LocalDate
        /// The credit decision form's messages by field ("" for the form as a whole) and what was typed.
        public var errors: [String: String]
        public var form: [String: String]
        public init(uscc: USCC, name: String, consent: Consent, points: ScoreExplanation?, designations: [Designation]?, fiscal: [FiscalYearFacts]?,
                    loans: [Loan], today: LocalDate, errors: [String: String] = [:], form: [String: String] = [:]) {
            self.uscc = uscc; self.name = name; self.consent = consent; self.points = points; self.designations = designations; self.fiscal = fiscal
            self.loans = loans; self.today = today; self.errors = errors; self.form = form
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let granted = m.consent.scopes.sorted().map { ConsentPanel.scopeName($0, l) }.joined(separator: "、")
        return Layout.page(chrome, title: m.name, """
            <p><a href="/bank">← \(l.t("银行工作台", "Bank workspace"))</a></p>
            <h1>\(m.name)</h1>
            <p class="muted">\(l.t("统一社会信用代码", "Unified social credit code")) <code>\(m.uscc.code)</code> · \(l.t("授权：\(granted)，用途“\(m.consent.purpose)”，至 \(m.consent.validTo)。本次查阅已记入企业的查询记录。",
                                                                                                     "Granted: \(granted), for “\(m.consent.purpose)”, until \(m.consent.validTo). This look is recorded in the enterprise's log."))</p>
            \(Layout.fieldErrors(m.errors, l))
            \(points(m, l))\(designations(m, l))\(fiscal(m, l))
            \(loans(m, chrome))
            """)
    }

    static func points(_ m: Model, _ l: Lang) -> HTML {
        guard let e = m.points else { return HTML("<p class=\"muted\">\(l.t("尚无已发布的创新积分。", "No published points yet."))</p>") }
        if m.consent.scopes.contains(.breakdown) { return PointsPanel.render(e, l) }
        let s = e.score, model = e.run.model
        let list: HTML = s.list.map { HTML("<span class=\"tag ok\">\(l.t(model.lists[$0].chineseName, model.lists[$0].englishName))</span>") } ?? .empty
        return HTML("""
            <section class="panel" aria-labelledby="points-h"><h2 id="points-h">\(l.t("创新积分", "Innovation points"))</h2>
            <p><strong class="big">\(String(format: "%.2f", s.points))</strong> \(l.t("分", "points")) · \(l.t("排名", "rank")) \(s.rank) / \(s.stageSize) \(list)</p>
            <p class="muted">\(l.t("企业未授权积分明细。", "The enterprise has not granted the breakdown."))</p></section>
            """)
    }

    static func designations(_ m: Model, _ l: Lang) -> HTML {
        guard let ds = m.designations else { return .empty }
        let rows = ds.html { d in
            let state = d.state(on: m.today)
            return "<tr><td>\(l.designation(d.kind))</td><td>\(d.number ?? "—")</td><td>\(d.issuedOn.description)</td><td>\(d.expiresOn?.description ?? l.t("长期", "open-ended"))</td><td>\(l.t(state.chineseName, state.englishName))</td></tr>"
        }
        return HTML("""
            <section aria-labelledby="q-h"><h2 id="q-h">\(l.t("资质", "Qualifications"))</h2>
            \(ds.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无资质记录。", "No designation recorded."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("类别", "Kind"))</th><th>\(l.t("编号", "Number"))</th><th>\(l.t("认定日期", "Issued"))</th><th>\(l.t("有效期至", "Valid to"))</th><th>\(l.t("状态", "Status"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """))</section>
            """)
    }

    static func fiscal(_ m: Model, _ l: Lang) -> HTML {
        guard let years = m.fiscal else { return .empty }
        let rows = years.html { f in
            "<tr><td>\(String(f.year))</td><td class=\"num\">\(Format.yuan(f.operatingRevenue))</td><td class=\"num\">\(Format.yuan(f.rdExpense))</td><td class=\"num\">\(Format.yuan(f.totalAssets))</td><td class=\"num\">\(Format.yuan(f.totalLiabilities))</td><td class=\"num\">\(Format.yuan(f.netProfit))</td><td class=\"num\">\(f.employees.map(String.init) ?? "—")</td></tr>"
        }
        return HTML("""
            <section aria-labelledby="f-h"><h2 id="f-h">\(l.t("财务摘要（近三年）", "Fiscal summary (last three years)"))</h2>
            \(years.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无年度数据。", "No fiscal year recorded."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("年度", "Year"))</th><th class="num">\(l.t("营业收入（元）", "Revenue (yuan)"))</th><th class="num">\(l.t("研发费用（元）", "R&D (yuan)"))</th>
            <th class="num">\(l.t("资产总额（元）", "Assets (yuan)"))</th><th class="num">\(l.t("负债总额（元）", "Liabilities (yuan)"))</th><th class="num">\(l.t("净利润（元）", "Net profit (yuan)"))</th><th class="num">\(l.t("从业人数", "Employees"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """))</section>
            """)
    }

    static func loans(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        func e(_ k: String) -> String? { m.errors[k].map { l.half($0) } }
        let statuses = { (current: Loan.Status) in
            Loan.Status.allCases.filter { current.canMove(to: $0) }.html { s in
                "<option value=\"\(s.rawValue)\"\(s == current ? HTML(" selected") : .empty)>\(l.t(s.chineseName, s.rawValue))</option>"
            }
        }
        let rows = m.loans.html { loan in
            """
            <tr><td>\(loan.drawnOn.description)</td><td>\(l.t(loan.product.chineseName, loan.product.rawValue))</td><td class="num">\(Format.yuan(loan.amount))</td>
            <td>\(loan.maturesOn.description)</td><td>\(l.t(loan.status.chineseName, loan.status.rawValue))</td>
            <td>\(loan.status == .repaid ? HTML.empty : HTML("""
            <form method="post" action="/bank/loans/\(String(loan.id))/update" class="inline">\(chrome.csrfField)
            <label class="sr-only" for="st-\(String(loan.id))">\(l.t("状态", "Status"))</label><select id="st-\(String(loan.id))" name="status">\(statuses(loan.status))</select>
            <label class="sr-only" for="od-\(String(loan.id))">\(l.t("逾期本金（元）", "Overdue principal (yuan)"))</label>
            <input id="od-\(String(loan.id))" name="overduePrincipal" inputmode="decimal" size="10" placeholder="\(l.t("逾期本金", "overdue"))" value="\(loan.overduePrincipal.fen > 0 ? loan.overduePrincipal.yuanText : "")">
            <button type="submit" class="secondary">\(l.t("更新", "Update"))</button></form>
            """))</td></tr>
            """
        }
        let products = Loan.Product.allCases.map { ($0.rawValue, l.t($0.chineseName, $0.rawValue)) }
        let firstStatuses = [Loan.Status.approved, .drawn].map { ($0.rawValue, l.t($0.chineseName, $0.rawValue)) }
        return HTML("""
            <section aria-labelledby="loans-h"><h2 id="loans-h">\(l.t("本行对该企业的贷款", "Your bank's loans to it"))</h2>
            \(m.loans.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无贷款。", "No loan yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("放款日", "Drawn"))</th><th>\(l.t("产品", "Product"))</th><th class="num">\(l.t("金额（元）", "Amount (yuan)"))</th>
            <th>\(l.t("到期日", "Matures"))</th><th>\(l.t("状态", "Status"))</th><th>\(l.t("报告状态", "Report status"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """))</section>
            <section class="panel" aria-labelledby="new-h"><h2 id="new-h">\(l.t("登记授信决定", "Record a credit decision"))</h2>
            <form method="post" action="/bank/loans" class="grid-form">\(chrome.csrfField)<input type="hidden" name="uscc" value="\(m.uscc.code)">
            \(Layout.selectField("product", label: l.t("产品", "Product"), selected: m.form["product"], options: products, error: e("product")))
            \(Layout.field("amount", label: l.t("金额（元）", "Amount (yuan)"), value: m.form["amount"], error: e("amount"), required: true,
                          hint: l.t("可写“300万”", "“300万” is accepted"), attributes: "inputmode=\"decimal\""))
            \(Layout.field("drawnOn", label: l.t("放款日", "Drawn on"), value: m.form["drawnOn"], error: e("drawnOn"), type: "date", required: true))
            \(Layout.field("maturesOn", label: l.t("到期日", "Matures on"), value: m.form["maturesOn"], error: e("maturesOn"), type: "date", required: true))
            \(Layout.selectField("status", label: l.t("状态", "Status"), selected: m.form["status"], options: firstStatuses, error: e("status")))
            <button type="submit">\(l.t("登记", "Record"))</button></form></section>
            """)
    }
}

/// The bank's own loans, paged, filtered by status and exported; each opens its firm's page,
/// where its status is reported.
public enum BankLoansPage {
    public struct Model: Sendable {
        public var bank: String
        public var loans: [Loan]
        public var names: [USCC: String]
        public var state: ListState
        public init(bank: String, loans: [Loan], names: [USCC: String], state: ListState) {
            self.bank = bank; self.loans = loans; self.names = names; self.state = state
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, s = m.state
        let rows = m.loans.html { loan in
            """
            <tr><td>\(loan.drawnOn.description)</td><td><a href="/bank/firms/\(loan.uscc.code)">\(m.names[loan.uscc] ?? loan.uscc.code)</a></td>
            <td>\(l.t(loan.product.chineseName, loan.product.rawValue))</td><td class="num">\(Format.yuan(loan.amount))</td><td>\(loan.maturesOn.description)</td>
            <td>\(l.t(loan.status.chineseName, loan.status.rawValue))</td></tr>
            """
        }
        let statuses = Loan.Status.allCases.map { ($0.rawValue, l.t($0.chineseName, $0.rawValue)) }
        return Layout.page(chrome, title: l.t("本行贷款", "Your bank's loans"), """
            <p><a href="/bank">← \(l.t("银行工作台", "Bank workspace"))</a></p>
            <h1>\(l.t("本行贷款", "Your bank's loans")) · \(m.bank)</h1>
            <p class="muted">\(l.t("在企业页面报告贷款状态；企业撤回授权后，已登记的贷款仍在此列出。", "Report a loan's status on its firm's page; loans stay listed after a consent ends."))</p>
            <form method="get" action="/bank/loans" class="filters">
            \(ListControls.select("status", label: l.t("状态", "Status"), selected: s.value("status"), options: statuses, any: l.t("全部", "All")))
            \(ListControls.formActions(s, export: "/bank/loans/export", l))</form>
            \(m.loans.isEmpty ? HTML("<p class=\"muted\">\(s.filters.isEmpty ? l.t("本行尚未登记贷款。", "Your bank has recorded no loans.") : l.t("没有符合条件的贷款。", "No loan matches."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr>\(ListControls.header(s, l.t("放款日", "Drawn"), key: "newest", reverse: "oldest"))<th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("产品", "Product"))</th>
            \(ListControls.header(s, l.t("金额（元）", "Amount (yuan)"), key: "amount", descending: true, numeric: true))<th>\(l.t("到期日", "Matures"))</th><th>\(l.t("状态", "Status"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """))\(ListControls.pager(s, l, unit: ("笔", "loans")))
            """)
    }
}
