import Cashout
import Kernel
import Registry
import Services
import Storage

/// Publishing a cash-out policy from a form (issue 22, item 5): who is eligible, how much, how
/// often, from which budget line, in which window, on which document; "预览" lists the firms the
/// draft would match, with amounts, before anything is published. JSON stays on /cashout for
/// those who prefer it.
public enum PolicyFormPage {
    public struct Preview: Sendable {
        public var rows: [CashoutService.MatchRow]
        public var year: Int
        public init(rows: [CashoutService.MatchRow], year: Int) { self.rows = rows; self.year = year }
    }

    public struct Model: Sendable {
        public var values: [String: String]
        public var errors: [String: String]
        public var lines: [BudgetLine]
        public var preview: Preview?
        public init(values: [String: String], errors: [String: String], lines: [BudgetLine], preview: Preview? = nil) {
            self.values = values; self.errors = errors; self.lines = lines; self.preview = preview
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        func v(_ k: String) -> String? { m.values[k] }
        func e(_ k: String) -> String? { m.errors[k].map { l.half($0) } }
        func text(_ k: String, _ label: String, required: Bool = false, hint: String? = nil, attributes: String = "") -> HTML {
            Layout.field(k, label: label, value: v(k), error: e(k), required: required, hint: hint, attributes: attributes)
        }
        func select(_ k: String, _ label: String, _ options: [(String, String)]) -> HTML {
            Layout.selectField(k, label: label, selected: v(k), options: options, error: e(k))
        }
        let designations = DesignationKind.allCases.map { ($0.rawValue, l.designation($0)) }
        let facts = Condition.Fact.allCases.map { ($0.rawValue, l.t($0.chineseName, $0.rawValue)) }
        let conditions = (0..<3).html { i -> HTML in
            let k = "cond\(i)"
            return """
            <fieldset class="grid-form"><legend>\(l.t("条件 \(i + 1)", "Condition \(i + 1)"))</legend>
            \(select(k + ".kind", l.t("类型", "Kind"), [("", l.t("（不设）", "(none)")), ("holds", l.t("持有有效资质", "holds a valid designation")),
                                                        ("recognised", l.t("补助年度内获认定", "recognised in the subsidy year")), ("fact", l.t("上年财务指标不低于", "last year's figure at least"))]))
            \(select(k + ".designation", l.t("资质", "Designation"), [("", "—")] + designations))
            \(select(k + ".recognition", l.t("认定", "Recognition"), [("any", l.t("首次或再次", "first or later")), ("first", l.t("首次", "first")), ("later", l.t("再次", "later"))]))
            \(select(k + ".fact", l.t("财务指标", "Figure"), [("", "—")] + facts))
            \(text(k + ".atLeast", l.t("门槛（元，可写“500万”）", "Threshold (yuan; “500万” works)"), attributes: "inputmode=\"decimal\""))
            </fieldset>
            """
        }
        let lines = m.lines.map { ($0.code, "\($0.code) \($0.name)（\(l.t("可用", "available")) \(Format.amount($0.available, l))）") }
        let preview: HTML = m.preview.map { preview in
            // Firms the verified figures rule out are listed only while their own figures wait; the
            // preview counts the matches.
            var p = preview
            p.rows = p.rows.filter { $0.match.verdict != .ineligible }
            let eligible = p.rows.filter { $0.match.verdict == .eligible }
            let total = eligible.compactMap(\.match.amount).reduce(Money.zero, +)
            let rows = p.rows.prefix(100).html { r in
                "<tr><td>\(r.name)</td><td>\(r.match.verdict == .eligible ? l.t("符合", "eligible") : l.t("缺数据", "data missing"))</td><td class=\"num\">\(Format.yuan(r.match.amount))</td></tr>"
            }
            return HTML("""
                <section class="panel" aria-labelledby="pv-h"><h2 id="pv-h">\(l.t("预览：\(p.year) 年度可匹配企业", "Preview: firms matched for \(p.year)"))</h2>
                <p>\(l.t("符合 \(eligible.count) 家，合计 \(Format.amount(total, l))；缺数据 \(p.rows.count - eligible.count) 家。尚未发布。",
                         "\(eligible.count) eligible, \(Format.amount(total, l)) in all; \(p.rows.count - eligible.count) lack data. Not published yet."))</p>
                \(p.rows.isEmpty ? HTML("<p class=\"muted\">\(l.t("没有企业符合这些条件。", "No firm meets these conditions."))</p>") : HTML("""
                <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("结果", "Result"))</th><th class="num">\(l.t("金额（元）", "Amount (yuan)"))</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>\(p.rows.count > 100 ? HTML("<p class=\"muted\">\(l.t("仅列前 100 家。", "The first 100 are listed."))</p>") : HTML.empty)
                """))</section>
                """)
        } ?? .empty
        return Layout.page(chrome, title: l.t("发布政策", "Publish a policy"), """
            <p><a href="/cashout">← \(l.t("政策兑现", "Policy cash-out"))</a></p>
            <h1>\(l.t("发布政策", "Publish a policy"))</h1>
            \(Layout.fieldErrors(m.errors, l))
            \(preview)
            <form method="post" action="/cashout/policies/form">\(chrome.csrfField)
            <fieldset class="grid-form"><legend>\(l.t("政策", "Policy"))</legend>
            \(text("id", l.t("政策编号（字母、数字、-；同一编号再次发布即新版本）", "Policy id (letters, digits, -; the same id again makes a new version)"), required: true, attributes: "maxlength=\"64\" pattern=\"[A-Za-z0-9_-]+\""))
            \(text("name", l.t("政策名称", "Name"), required: true, attributes: "maxlength=\"200\""))
            \(text("basis", l.t("政策依据（文号及条款）", "Basis (document and article)"), required: true, hint: l.t("如：铜梁十二条 第三条", "e.g. 铜梁十二条 第三条"), attributes: "maxlength=\"200\""))
            \(text("round", l.t("兑现批次", "Round"), hint: l.t("留空则为开始日所在年度", "empty: the year the window opens")))
            \(Layout.field("opens", label: l.t("申报开始日", "Window opens"), value: v("opens"), error: e("opens"), type: "date", required: true))
            \(Layout.field("closes", label: l.t("申报截止日", "Window closes"), value: v("closes"), error: e("closes"), type: "date", required: true))
            \(select("mode", l.t("兑现方式", "Mode"), [("application", l.t("快申快享（企业申报）", "application")), ("proactive", l.t("免申即享（平台匹配）", "proactive"))]))
            \(select("budgetLine", l.t("预算科目", "Budget line"), lines))
            </fieldset>
            <h2>\(l.t("申报条件", "Who is eligible"))</h2>
            \(select("combine", l.t("多项条件", "Several conditions"), [("all", l.t("须全部满足", "all must hold")), ("any", l.t("满足任一即可", "any one suffices"))]))
            \(conditions)
            <h2>\(l.t("补助金额", "How much"))</h2>
            <fieldset class="grid-form"><legend>\(l.t("金额规则", "Amount rule"))</legend>
            \(select("amountKind", l.t("方式", "Kind"), [("fixed", l.t("定额", "fixed")), ("share", l.t("按比例（设上限）", "a share, capped")), ("tiered", l.t("分档", "tiers"))]))
            \(text("fixed", l.t("定额（元，可写“30万”）", "Fixed amount (yuan; “30万” works)"), attributes: "inputmode=\"decimal\""))
            \(select("base", l.t("计算基数", "Base"), facts + [("declared", l.t("企业申报额", "declared by the firm"))]))
            \(text("declaredName", l.t("申报额名称（如：设备购置额）", "Name of the declared base (e.g. equipment purchases)")))
            \(text("percent", l.t("比例（%）", "Share (%)"), attributes: "inputmode=\"decimal\""))
            \(text("cap", l.t("上限（元）", "Cap (yuan)"), attributes: "inputmode=\"decimal\""))
            <div class="field\(e("tiers") != nil ? HTML(" has-error") : .empty)"><label for="f-tiers">\(l.t("分档（每行“下限，金额”，如“500万，10万”）", "Tiers (one per line: floor, amount)"))</label>
            <textarea id="f-tiers" name="tiers" rows="3"\(e("tiers") != nil ? HTML(" aria-invalid=\"true\" aria-describedby=\"f-tiers-error\"") : .empty)>\(v("tiers") ?? "")</textarea>
            \(e("tiers").map { HTML("<p class=\"error\" id=\"f-tiers-error\">\($0)</p>") } ?? .empty)</div>
            \(select("frequency", l.t("兑现频次", "How often"), [("oncePerFirm", l.t("每企一次", "once per firm")), ("perYear", l.t("每年一次", "once a year")), ("perCertificate", l.t("每证一次", "once per certificate"))]))
            \(select("certificateKind", l.t("证书类别（每证一次时）", "Certificate kind (per certificate)"), [("", "—")] + designations))
            \(text("attachments", l.t("所需附件（用顿号分隔）", "Attachments required (separated by 、)")))
            </fieldset>
            <p><button type="submit" name="intent" value="preview" class="secondary">\(l.t("预览匹配企业", "Preview the matches"))</button>
            <button type="submit" name="intent" value="publish">\(l.t("发布政策", "Publish the policy"))</button></p>
            </form>
            """)
    }
}
