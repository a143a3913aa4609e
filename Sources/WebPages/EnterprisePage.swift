import Foundation
import Kernel
import Registry
import Services
import Storage

/// One enterprise's record: profile, designations with validity, fiscal years, history.
public enum EnterpriseRecordPage {
    public struct Model: Sendable {
        public var record: EnterpriseRecord
        public var townName: String?
        public var chains: [IndustryChain]
        public var today: LocalDate
        public var canEdit: Bool
        public var canEditFacts: Bool
        public var fiscalForm: FiscalYearForm?
        public var qualification: QualificationPanel.Model?
        public var reminders: [ExpiryReminder]
        public var points: ScoreExplanation?
        public var consents: ConsentPanel.Model?
        /// The firm's declared figures (issue 19, item 1); `declares`: the viewer is the firm, whose
        /// figures wait for a reviewer; `canVerify`: the viewer may confirm them.
        public var declarations: [FiscalYearDeclaration]
        public var declares: Bool
        public var canVerify: Bool
        /// Display names of the history's actors: a firm never sees staff user names (issue 19, item 3).
        public var actorNames: [String: String] = [:]
        public init(record: EnterpriseRecord, townName: String?, chains: [IndustryChain], today: LocalDate,
                    canEdit: Bool, canEditFacts: Bool, fiscalForm: FiscalYearForm? = nil, qualification: QualificationPanel.Model? = nil,
                    reminders: [ExpiryReminder] = [], points: ScoreExplanation? = nil, consents: ConsentPanel.Model? = nil,
                    declarations: [FiscalYearDeclaration] = [], declares: Bool = false, canVerify: Bool = false) {
            self.record = record; self.townName = townName; self.chains = chains; self.today = today
            self.canEdit = canEdit; self.canEditFacts = canEditFacts; self.fiscalForm = fiscalForm; self.qualification = qualification
            self.reminders = reminders; self.points = points; self.consents = consents
            self.declarations = declarations; self.declares = declares; self.canVerify = canVerify
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let e = m.record.enterprise
        let chainNames = e.chainTags.map { code in m.chains.first { $0.code == code }?.name ?? code }
        let profile: HTML = """
            <dl class="facts">
            <dt>\(l.t("统一社会信用代码", "USCC"))</dt><dd><code>\(e.uscc.code)</code></dd>
            <dt>\(l.t("成立日期", "Registered"))</dt><dd>\(e.registeredOn?.description ?? "—")</dd>
            <dt>\(l.t("镇街", "Town"))</dt><dd>\(m.townName ?? "—")</dd>
            <dt>\(l.t("所属行业", "Industry"))</dt><dd>\(EnterpriseListPage.industry(e.industryCode, l))\(e.industryCode.map { HTML(" <span class=\"muted\">\($0)</span>") } ?? .empty)</dd>
            <dt>\(l.t("产业链", "Chains"))</dt><dd>\(chainNames.isEmpty ? "—" : chainNames.joined(separator: "、"))</dd>
            <dt>\(l.t("经营状态", "Status"))</dt><dd>\(l.t(e.status.label.components(separatedBy: " / ")[0], e.status.rawValue))</dd>
            <dt>\(l.t("中小企业", "SME"))</dt><dd>\(e.sme.map { $0 ? l.t("是", "yes") : l.t("否", "no") } ?? "—")</dd>
            </dl>
            """
        // 科技型中小企业 is evaluated every year, so a later year is not a re-recognition.
        let designationRows = m.record.designations.reversed().html { d in
            let state = d.state(on: m.today)
            let style: String
            switch state {
            case .valid: style = ""
            case .expiring: style = "expiring"
            case .revoked: style = "revoked"
            case .applying, .expired: style = "expired"
            }
            return """
            <tr><td>\(l.designation(d.kind))</td><td>\(d.number ?? "—")</td><td>\(d.issuedOn.description)</td>
            <td>\(d.expiresOn?.description ?? l.t("长期", "open-ended"))</td><td\(d.source.map { HTML(" title=\"\(l.t("名单出处", "Published in"))：\($0)\"") } ?? .empty)>\(d.batch ?? "—")</td>
            <td><span class="tag \(style)">\(l.t(state.chineseName, state.englishName))</span>\(d.kind != .techSME && d.isRenewal(among: m.record.designations) ? HTML(unsafe: "<span class=\"tag\">\(l.t("重新认定", "re-recognised"))</span>") : HTML.empty)</td></tr>
            """
        }
        let money = { (v: Money?) in Format.yuan(v) }
        let count = { (v: Int?) in v.map { "\($0)" } ?? "—" }
        let years = m.record.fiscalYears.reversed()
        let fiscalRows = years.html { y in
            let f = y.facts
            return """
            <tr><th scope="row">\(f.year)</th><td class="num">\(count(f.employees))</td><td class="num">\(count(f.stStaff))</td>
            <td class="num">\(money(f.salesRevenue))</td><td class="num">\(money(f.rdExpense))</td><td class="num">\(money(f.totalAssets))</td>
            <td class="num">\(money(f.netProfit))</td><td class="hide-sm">\(l.t(y.source.label.components(separatedBy: " / ")[0], y.source.rawValue)) · \(String(y.recordedAt.prefix(10)))</td></tr>
            """
        }
        let historyRows = m.record.history.html { h in
            "<tr><td>\(Format.time(h.at))</td><td>\(Format.actor(h.actor, l, names: m.actorNames))</td><td>\(historySubject(h.subject, l))</td><td>\(h.before == nil ? l.t("新建", "created") : l.t("修改", "changed"))</td></tr>"
        }
        let fiscalForm: HTML = m.canEditFacts ? FiscalYearForm.render(m.fiscalForm ?? FiscalYearForm(), uscc: e.uscc, declares: m.declares, chrome) : .empty
        return Layout.page(chrome, title: e.name, """
            <h1>\(e.name)</h1>
            <section class="panel" aria-labelledby="profile-h"><h2 id="profile-h">\(l.t("基本信息", "Profile"))</h2>\(profile)
            \(m.canEdit ? HTML("<p><a class=\"button secondary\" href=\"/enterprises/\(e.uscc.code)/edit\">\(l.t("编辑", "Edit"))</a></p>") : .empty)</section>
            <section aria-labelledby="des-h"><h2 id="des-h">\(l.t("资质", "Designations"))</h2>
            \(m.record.designations.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无认定资质。", "No designations yet."))</p>") : HTML("""
            <div class="table-wrap"><table class="nowrap"><thead><tr><th>\(l.t("类别", "Kind"))</th><th>\(l.t("编号", "Number"))</th><th>\(l.t("认定日期", "Issued"))</th><th>\(l.t("有效期至", "Valid to"))</th><th>\(l.t("批次", "Batch"))</th><th>\(l.t("状态", "Status"))</th></tr></thead>
            <tbody>\(designationRows)</tbody></table></div>
            """))
            \(m.reminders.isEmpty ? HTML.empty : HTML("<div class=\"panel\" role=\"status\"><strong>\(l.t("到期提醒", "Expiry reminders"))</strong><ul>\(m.reminders.html { r in "<li>\(l.designation(r.kind))：\(l.t("将于 \(r.expiresOn) 到期（提前 \(r.daysBefore) 天提醒，\(r.dueOn) 发出）", "expires on \(r.expiresOn) (the \(r.daysBefore)-day reminder, given \(r.dueOn))"))</li>" })</ul></div>"))</section>
            \(m.qualification.map { QualificationPanel.render($0, l) } ?? .empty)
            \(m.points.map { PointsPanel.render($0, l) } ?? .empty)
            \(m.consents.map { ConsentPanel.render($0, chrome) } ?? .empty)
            <section aria-labelledby="fy-h"><h2 id="fy-h">\(l.t("年度数据", "Fiscal years"))</h2>
            \(years.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚未填报年度数据。", "No fiscal years reported yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("年度", "Year"))</th><th class="num">\(l.t("职工", "Employees"))</th><th class="num">\(l.t("科技人员", "S&T staff"))</th>
            <th class="num">\(l.t("销售收入（元）", "Sales (yuan)"))</th><th class="num">\(l.t("研发费用（元）", "R&D (yuan)"))</th><th class="num">\(l.t("资产总额（元）", "Assets (yuan)"))</th>
            <th class="num">\(l.t("净利润（元）", "Net profit (yuan)"))</th><th class="hide-sm">\(l.t("来源", "Source"))</th></tr></thead><tbody>\(fiscalRows)</tbody></table></div>
            """))
            \(DeclarationPanel.render(m.declarations, verified: m.record.fiscalYears, canVerify: m.canVerify, declares: m.declares, l))
            \(fiscalForm)
            </section>
            <section aria-labelledby="h-h"><h2 id="h-h">\(l.t("变更记录", "History"))</h2>
            \(m.record.history.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无变更。", "No changes recorded."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("时间（北京时间）", "When (Beijing time)"))</th><th>\(l.t("操作人", "Who"))</th><th>\(l.t("内容", "What"))</th><th>\(l.t("类型", "Change"))</th></tr></thead><tbody>\(historyRows)</tbody></table></div>
            """))
            </section>
            """)
    }

    /// `fiscalYear:2023` → "2023 年度数据", `designation:highTech` → "资质：高新技术企业".
    static func historySubject(_ subject: String, _ l: Lang) -> String {
        let parts = subject.split(separator: ":").map(String.init)
        switch parts.first {
        case "enterprise": return l.t("企业信息", "enterprise details")
        case "fiscalYear" where parts.count > 1: return l.t("\(parts[1]) 年度数据", "figures for \(parts[1])")
        case "declaration" where parts.count > 1: return l.t("\(parts[1]) 年度数据（企业申报，待核实）", "figures declared for \(parts[1]), to verify")
        case "designation" where parts.count > 1:
            let kind = DesignationKind(rawValue: parts[1]).map(l.designation) ?? parts[1]
            return l.t("资质：", "designation: ") + kind
        default: return subject
        }
    }
}

/// The fiscal-year form: values as typed, and the message for each bad field.
public struct FiscalYearForm: Sendable {
    public var values: [String: String] = [:]
    public var errors: [String: String] = [:]
    public init(values: [String: String] = [:], errors: [String: String] = [:]) { self.values = values; self.errors = errors }

    public static let fields: [(key: String, zh: String, en: String, money: Bool)] = [
        ("year", "年度", "Year", false), ("employees", "职工总数", "Employees", false), ("stStaff", "科技人员数", "S&T staff", false),
        ("rdStaff", "研发人员数", "R&D staff", false), ("salesRevenue", "销售收入（元）", "Sales revenue (yuan)", true),
        ("operatingRevenue", "营业收入（元）", "Operating revenue (yuan)", true), ("mainBusinessRevenue", "主营业务收入（元）", "Main-business revenue (yuan)", true),
        ("totalIncome", "收入总额（元）", "Total income (yuan)", true), ("highTechRevenue", "高新技术产品（服务）收入（元）", "High-tech revenue (yuan)", true),
        ("totalCostAndExpense", "成本费用总额（元）", "Total cost and expense (yuan)", true), ("rdExpense", "研发费用（元）", "R&D expense (yuan)", true),
        ("rdExpenseDomestic", "境内研发费用（元）", "Domestic R&D (yuan)", true), ("totalAssets", "资产总额（元）", "Total assets (yuan)", true),
        ("totalLiabilities", "负债总额（元）", "Total liabilities (yuan)", true), ("netProfit", "净利润（元）", "Net profit (yuan)", true),
        ("conversions", "科技成果转化数", "Conversions", false),
    ]

    /// `declares`: the firm itself fills it in, so its figures go to a reviewer with their evidence.
    static func render(_ form: FiscalYearForm, uscc: USCC, declares: Bool, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        var inputs = fields.html { f in
            Layout.field(f.key, label: l.t(f.zh, f.en), value: form.values[f.key], error: form.errors[f.key],
                         type: "text", required: f.key == "year", attributes: f.money ? "inputmode=\"decimal\"" : "inputmode=\"numeric\"")
        }
        if declares {
            inputs = inputs + Layout.field("evidence", label: l.t("依据（如审计报告、汇算清缴申报表及编号）", "Evidence (audit report, tax filing and its number)"),
                                           value: form.values["evidence"], error: form.errors["evidence"], required: true)
        }
        return """
        <details class="panel" id="fiscal-form"\(form.errors.isEmpty ? HTML.empty : HTML(" open"))><summary>\(declares ? l.t("申报或更正某一年度", "Declare or correct a year") : l.t("填报或更正某一年度", "Report or correct a year"))</summary>
        \(form.errors.isEmpty ? HTML.empty : HTML("<p class=\"problems\" role=\"alert\">\(l.t("请更正标出的项目。", "Please correct the marked fields."))</p>"))
        \(declares ? HTML("<p class=\"muted\">\(l.t("只填需要申报或更正的项目，空白项保持不变。提交后由科技局对照依据核实，核实后才用于政策兑现、创新积分和白名单。", "Fill in only what you declare or correct; blank fields stay as they are. The bureau checks your figures against the evidence; they count for subsidies, points and the white list once verified."))</p>") : .empty)
        <form method="post" action="/enterprises/\(uscc.code)/fiscal-years">\(chrome.csrfField)
        <div class="grid2">\(inputs)</div>
        <button type="submit">\(declares ? l.t("提交核实", "Submit for verification") : l.t("保存", "Save"))</button></form></details>
        """
    }

}
