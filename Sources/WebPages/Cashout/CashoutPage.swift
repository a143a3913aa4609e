import Accounts
import Cashout
import Kernel
import Services
import Storage

/// /cashout: the round's policies with what each has paid, the budget lines, the user's queue
/// and the overdue steps.
public enum CashoutPage {
    public struct Model: Sendable {
        public var tallies: [CashoutService.PolicyTally]
        public var lines: [BudgetLine]
        public var queue: [CashoutApplication]
        public var overdue: [(application: CashoutApplication, due: LocalDate)]
        public var names: [USCC: String]
        public var due: @Sendable (CashoutApplication) -> LocalDate?
        public var today: LocalDate
        public var canManage: Bool
        public var canPay: Bool
        /// What was typed into the form that came back, and its messages by field ("" for the
        /// form as a whole), "中文 / English".
        public var form: [String: String] = [:]
        public var errors: [String: String] = [:]
        public init(tallies: [CashoutService.PolicyTally], lines: [BudgetLine], queue: [CashoutApplication], overdue: [(application: CashoutApplication, due: LocalDate)],
                    names: [USCC: String], due: @escaping @Sendable (CashoutApplication) -> LocalDate?, today: LocalDate, canManage: Bool, canPay: Bool) {
            self.tallies = tallies; self.lines = lines; self.queue = queue; self.overdue = overdue; self.names = names; self.due = due
            self.today = today; self.canManage = canManage; self.canPay = canPay
        }
    }

    public static let shown = 100

    /// Administrators open budget lines, credit appropriations and publish policies (as JSON,
    /// the form `kechuang cashout policies --json` prints) from here.
    static func manage(_ m: Model, _ chrome: PageChrome) -> HTML {
        guard m.canManage else { return .empty }
        let l = chrome.lang
        let errors = Layout.fieldErrors(m.errors, l)
        func field(_ name: String, _ label: String, default value: String = "", required: Bool = true, attributes: String) -> HTML {
            Layout.field(name, label: label, value: m.form[name] ?? value, error: m.errors[name].map { l.half($0) }, required: required, attributes: attributes)
        }
        let draft = m.form["policy"] ?? ""
        let lines = m.lines.map { ($0.code, $0.name) }
        return """
            <section class="panel" aria-labelledby="manage-h"><h2 id="manage-h">\(l.t("预算与政策", "Budget and policies"))</h2>\(errors)
            <form method="post" action="/cashout/budget-lines" class="grid-form">\(chrome.csrfField)
            \(field("code", l.t("科目代码", "Line code"), attributes: "maxlength=\"64\" pattern=\"[A-Za-z0-9_-]+\""))
            \(field("name", l.t("科目名称", "Name"), attributes: "maxlength=\"100\""))
            \(field("year", l.t("年度", "Year"), default: String(m.today.year), attributes: "inputmode=\"numeric\""))
            <button class="secondary" type="submit">\(l.t("开设预算科目", "Open a budget line"))</button></form>
            \(m.lines.isEmpty ? HTML.empty : HTML("""
            <form method="post" action="/cashout/appropriations" class="grid-form">\(chrome.csrfField)
            \(Layout.selectField("line", label: l.t("科目", "Line"), selected: m.form["line"], options: lines, error: m.errors["line"].map { l.half($0) }))
            \(field("amount", l.t("金额（元）", "Amount (yuan)"), attributes: "inputmode=\"decimal\""))
            \(field("note", l.t("文号或说明", "Reference"), required: false, attributes: "maxlength=\"500\""))
            <button class="secondary" type="submit">\(l.t("下达预算", "Credit the appropriation"))</button></form>
            """))
            <p>\(m.lines.isEmpty ? HTML("<span class=\"muted\">\(l.t("先开设预算科目，再发布政策。", "Open a budget line before publishing a policy."))</span>")
                                 : HTML("<a class=\"button\" href=\"/cashout/policies/new\">\(l.t("发布政策", "Publish a policy"))</a>"))</p>
            <details\(draft.isEmpty ? HTML.empty : HTML(" open"))><summary>\(l.t("高级：以 JSON 发布", "Advanced: publish as JSON"))</summary>
            <form method="post" action="/cashout/policies" class="grid-form">\(chrome.csrfField)
            <label class="wide">\(l.t("政策定义（JSON，格式见 docs/cashout.md；同一 id 再次发布即新版本）", "Policy definition (JSON, see docs/cashout.md; the same id again makes a new version)"))
            <textarea name="policy" rows="10" required>\(draft)</textarea></label>
            <button type="submit">\(l.t("发布 JSON 政策", "Publish the JSON policy"))</button></form></details></section>
            """
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let policyNames = Dictionary(uniqueKeysWithValues: m.tallies.map { ($0.policy.policy.id, $0.policy.policy.name) })
        guard !m.tallies.isEmpty else {
            return Layout.page(chrome, title: l.t("政策兑现", "Policy cash-out"), """
                <h1>\(l.t("政策兑现", "Policy cash-out"))</h1>
                <p class="muted">\(l.t("尚未发布政策。先开设预算科目并下达预算，再发布政策（政策定义见 docs/cashout.md）。",
                                       "No policy has been published yet: open a budget line, credit its appropriation, then publish a policy (see docs/cashout.md)."))</p>
                \(manage(m, chrome))
                """)
        }
        let policies = m.tallies.html { t in
            let p = t.policy.policy
            return """
            <tr><td><a href="/cashout/policies/\(p.id)">\(p.name)</a><div class="muted">\(p.basis) · v\(p.version)</div></td>
            <td>\(l.t(p.mode.chineseName, p.mode.rawValue))</td><td>\(p.amount.summary)</td><td>\(p.window.opens.description)–\(p.window.closes.description)</td>
            <td class="num">\(t.applications)</td><td class="num">\(t.inProgress)</td><td class="num">\(t.paid)</td><td class="num">\(Format.yuan(t.paidAmount))</td></tr>
            """
        }
        let total = m.tallies.reduce(Money.zero) { $0 + $1.paidAmount }
        let lines = m.lines.html { b in
            """
            <tr><td><a href="/cashout/ledger/\(b.code)">\(b.code)</a> \(b.name)</td><td class="num">\(Format.yuan(b.appropriated))</td><td class="num">\(Format.yuan(b.reserved))</td>
            <td class="num">\(Format.yuan(b.spent))</td><td class="num"><strong>\(Format.yuan(b.available))</strong></td></tr>
            """
        }
        let overdue = m.overdue.isEmpty ? HTML.empty : HTML("""
            <section class="panel warn" aria-labelledby="late-h"><h2 id="late-h">\(l.t("逾期提醒", "Overdue steps")) (\(m.overdue.count))</h2>
            <p class="muted">\(l.t("以下申请的当前环节已超过工作日时限（默认自提交至拨付 60 个工作日）。", "These applications' current step is past its working-day deadline (60 working days from submission to payment by default)."))</p>
            \(CashoutViews.table(Array(m.overdue.prefix(shown).map(\.application)), names: m.names, policies: policyNames, due: m.due, today: m.today, l))</section>
            """)
        return Layout.page(chrome, title: l.t("政策兑现", "Policy cash-out"), """
            <h1>\(l.t("政策兑现", "Policy cash-out"))</h1>
            <p>\(l.t("已拨付合计", "Paid in total:")) \(Format.amount(total, l))\(l.t("。", "."))
            \(m.canPay ? HTML("<a class=\"button secondary\" href=\"/cashout/batches\">\(l.t("拨付批次", "Payment batches"))</a>") : .empty)
            <a class="button secondary" href="/cashout/applications">\(l.t("全部申请", "All applications"))</a></p>
            \(overdue)
            <section class="panel" aria-labelledby="q-h"><h2 id="q-h">\(l.t("待我办理", "My queue")) (\(m.queue.count))</h2>
            \(CashoutViews.table(Array(m.queue.prefix(shown)), names: m.names, policies: policyNames, due: m.due, today: m.today, l))</section>
            <h2>\(l.t("政策", "Policies"))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("政策", "Policy"))</th><th>\(l.t("方式", "Mode"))</th><th>\(l.t("金额规则", "Amount"))</th>
            <th>\(l.t("申报期", "Window"))</th><th class="num">\(l.t("申请", "Applications"))</th><th class="num">\(l.t("办理中", "In progress"))</th>
            <th class="num">\(l.t("已拨付", "Paid"))</th><th class="num">\(l.t("拨付金额（元）", "Paid (yuan)"))</th></tr></thead><tbody>\(policies)</tbody></table></div>
            <h2>\(l.t("预算科目", "Budget lines"))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("科目", "Line"))</th><th class="num">\(l.t("预算", "Appropriated"))</th><th class="num">\(l.t("已批未付", "Reserved"))</th>
            <th class="num">\(l.t("已拨付", "Spent"))</th><th class="num">\(l.t("可用", "Available"))</th></tr></thead><tbody>\(lines)</tbody></table></div>
            \(manage(m, chrome))
            """)
    }
}
