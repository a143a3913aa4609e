import Accounts
import Cashout
import Kernel
import Services
import Storage

/// One application: what was asked and decided, its history and attachments, the deadline of
/// its step, and the steps this user may take. The firm edits its draft here; the form saves
/// itself as it is typed (autosave.js) and with the save button.
public enum ApplicationPage {
    public struct Model: Sendable {
        public var application: CashoutApplication
        public var policy: Policy
        public var firmName: String
        public var events: [ApplicationEvent]
        public var attachments: [AttachmentInfo]
        public var due: LocalDate?
        public var steps: [ApplicationAction]
        /// The day after which approval becomes possible, while the publication (公示) still runs
        /// and the user could otherwise approve: the page says so instead of offering a button that
        /// would be refused.
        public var approvableAfter: LocalDate?
        public var errors: [String]
        public var actorNames: [String: String]
        /// Years the policy reads for which the firm declared figures nobody has verified (issue 19, item 1).
        public var declaredYears: [Int]
        public init(application: CashoutApplication, policy: Policy, firmName: String, events: [ApplicationEvent], attachments: [AttachmentInfo],
                    due: LocalDate?, steps: [ApplicationAction], approvableAfter: LocalDate? = nil, errors: [String] = [], actorNames: [String: String] = [:],
                    declaredYears: [Int] = []) {
            self.actorNames = actorNames; self.declaredYears = declaredYears
            self.application = application; self.policy = policy; self.firmName = firmName; self.events = events; self.attachments = attachments
            self.due = due; self.steps = steps; self.approvableAfter = approvableAfter; self.errors = errors
        }
    }

    static func actionName(_ raw: String, _ l: Lang) -> String {
        if let a = ApplicationAction(rawValue: raw) { return l.t(a.chineseName, a.rawValue) }
        switch raw {
        case "start": return l.t("创建申请", "started")
        case "entitle": return l.t("免申即享：平台匹配生成", "entitled by matching")
        case "rederive": return l.t("批准时按已核实数据重新核定金额", "amount derived again at approval")
        default: return raw
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, a = m.application, p = m.policy
        let id = Int(a.id)
        let editable = (a.status == .draft || a.status == .returned) && chrome.user?.enterprise == a.uscc
        let errors = Layout.errors(m.errors, l)
        let history = m.events.html { e in
            "<li><time datetime=\"\(e.at)\">\(Format.time(e.at))</time> \(Format.actor(e.actor, l, names: m.actorNames)) · \(actionName(e.action, l)) → \(CashoutViews.status(e.to, l))\(e.comment.isEmpty ? HTML.empty : HTML("<div class=\"muted\">\(e.comment)</div>"))</li>"
        }
        let files = m.attachments.html { f in
            "<li><a href=\"/cashout/attachments/\(Int(f.id))\">\(f.name)：\(f.fileName)</a> <span class=\"muted\">\(f.size) B · SHA-256 <code>\(String(f.sha256.prefix(16)))…</code></span></li>"
        }
        let missing = p.attachments.filter { name in !m.attachments.contains { $0.name == name } }
        let facts: HTML = """
            <dl class="facts"><dt>\(l.t("企业", "Enterprise"))</dt><dd><a href="/enterprises/\(a.uscc.code)">\(m.firmName)</a> <code>\(a.uscc.code)</code></dd>
            <dt>\(l.t("政策", "Policy"))</dt><dd><a href="/cashout/policies/\(p.id)">\(p.name)</a> v\(a.policyVersion) · \(p.basis)</dd>
            <dt>\(l.t("补助年度", "Subsidy year"))</dt><dd>\(a.year)</dd>
            <dt>\(l.t("状态", "Status"))</dt><dd>\(CashoutViews.status(a.status, l)) \(l.t("自", "since")) \(a.statusSince.description)\(m.due.map { HTML(" · \(l.t("本环节时限", "step due")) \($0.description)") } ?? .empty)</dd>
            <dt>\(l.t("金额", "Amount"))</dt><dd>\(Format.yuan(a.amount)) \(l.t("元", "yuan")) <span class="muted">(\(p.amount.summary))</span></dd>
            \(declaredFact(a, p, l))
            \(m.declaredYears.isEmpty ? HTML.empty : HTML("""
            <dt>\(l.t("年度数据", "Figures"))</dt><dd class="warn">\(l.t("企业申报的 \(m.declaredYears.map(String.init).joined(separator: "、")) 年度数据待核实，核实前不用于资格和金额；批准时按已核实数据重新核定。",
                "Figures declared for \(m.declaredYears.map(String.init).joined(separator: ", ")) await verification and count for neither eligibility nor the amount until then; approval derives both again from verified figures.")) <a href="/enterprises/\(a.uscc.code)#declarations">\(l.t("查看", "View"))</a></dd>
            """))
            \(a.certificate.map { HTML("<dt>\(l.t("依据证书", "Qualifying certificate"))</dt><dd>\($0)</dd>") } ?? .empty)
            \(a.bankReference.map { HTML("<dt>\(l.t("拨付流水", "Payment reference"))</dt><dd>\($0) · \(a.paidOn?.description ?? "")</dd>") } ?? .empty)
            </dl>
            """
        let form: HTML
        if editable {
            let declared: HTML = {
                guard case .declared(let name)? = p.amount.base else { return .empty }
                return HTML("<label>\(name)（\(l.t("元", "yuan"))）<input name=\"declaredBase\" inputmode=\"decimal\" value=\"\(a.declaredBase?.yuanText ?? "")\"></label>")
            }()
            let fields = a.form.sorted { $0.key < $1.key }.html { k, v in
                CashoutService.registryFields.contains(k)
                    ? "<label>\(k)<input value=\"\(v)\" readonly title=\"\(l.t("来自企业档案", "from the registry"))\"></label>"
                    : "<label>\(k)<input name=\"form.\(k)\" value=\"\(v)\" maxlength=\"2000\"></label>"
            }
            form = """
                <section class="panel" aria-labelledby="form-h"><h2 id="form-h">\(l.t("申报内容", "The application"))</h2>
                <form id="application-form" method="post" action="/cashout/applications/\(id)/save" data-autosave="/cashout/applications/\(id)/save" class="grid-form">\(chrome.csrfField)
                \(fields)\(declared)
                <label>\(l.t("收款账户", "Bank account"))<input name="bankAccount" inputmode="numeric" pattern="[0-9-]{8,32}" value="\(a.bankAccount)" required></label>
                <button class="secondary" type="submit">\(l.t("保存", "Save"))</button> <span class="muted" data-autosave-status aria-live="polite"></span></form>
                \(p.attachments.isEmpty ? HTML.empty : HTML("""
                <form method="post" action="/cashout/applications/\(id)/attach" enctype="multipart/form-data" class="grid-form">\(chrome.csrfField)
                <label>\(l.t("附件", "Attachment"))<select name="name">\(p.attachments.html { "<option>\($0)</option>" })</select></label>
                <label>\(l.t("文件（PDF、图片或 Office，≤ 10 MiB）", "File (PDF, image or Office, ≤ 10 MiB)"))<input type="file" name="file" required></label>
                <button class="secondary" type="submit">\(l.t("上传", "Upload"))</button></form>
                """))
                \(missing.isEmpty ? HTML.empty : HTML("<p class=\"warn\">\(l.t("尚缺附件：", "Attachments missing: "))\(missing.joined(separator: "、"))</p>"))
                </section>
                <script src="/assets/autosave.js" defer></script>
                """
        } else {
            form = a.form.isEmpty ? .empty : HTML("<h2>\(l.t("申报内容", "The application"))</h2><dl class=\"facts\">\(a.form.sorted { $0.key < $1.key }.html { "<dt>\($0.key)</dt><dd>\($0.value)</dd>" })<dt>\(l.t("收款账户", "Bank account"))</dt><dd>\(a.bankAccount)</dd></dl>")
        }
        let actions = m.steps.html { action in
            let needsComment = [ApplicationAction.returnForRevision, .reject, .object, .upholdObjection, .reverse].contains(action)
            let danger = [ApplicationAction.reject, .upholdObjection, .reverse, .withdraw].contains(action)
            return """
            <form method="post" action="/cashout/applications/\(id)/step" class="step">\(chrome.csrfField)<input type="hidden" name="action" value="\(action.rawValue)">
            \(action == .pay ? HTML("<input name=\"bankReference\" required maxlength=\"64\" placeholder=\"\(l.t("银行流水号", "bank reference"))\" aria-label=\"\(l.t("银行流水号", "bank reference"))\">") : .empty)
            <input name="comment" maxlength="2000" \(needsComment ? HTML("required ") : .empty)placeholder="\(needsComment ? l.t("理由（必填）", "reason (required)") : l.t("意见（可空）", "comment (optional)"))" aria-label="\(l.t("意见", "comment"))">
            <button type="submit"\(danger ? HTML(" class=\"danger\"") : .empty)>\(l.t(action.chineseName, action.rawValue))</button></form>
            """
        }
        // A returned application says why at the top, where the firm looks first.
        let returned: HTML = a.status == .returned
            ? m.events.last { $0.action == ApplicationAction.returnForRevision.rawValue }.map { e in
                HTML("<div class=\"panel warn\" role=\"status\"><strong>\(l.t("退回修改", "Returned for revision"))</strong>：\(e.comment)</div>") } ?? .empty
            : .empty
        let waiting: HTML = m.approvableAfter.map { HTML("<p class=\"muted\">\(l.t("公示期至 \($0) 结束后可批准。", "The publication runs until \($0); approval is possible after it."))</p>") } ?? .empty
        let stepsPanel: HTML = m.steps.isEmpty && m.approvableAfter == nil ? .empty
            : HTML("<section class=\"panel\" aria-labelledby=\"act-h\"><h2 id=\"act-h\">\(l.t("办理", "Steps"))</h2>\(waiting)\(actions)</section>")
        return Layout.page(chrome, title: "\(p.name) · \(id)", """
            <p><a href="\(chrome.user?.role == .enterprise ? "/cashout/mine" : "/cashout")">← \(l.t("政策兑现", "Policy cash-out"))</a></p>
            <h1>\(p.name) <span class="muted">#\(id)</span></h1>\(errors)\(returned)
            \(facts)\(form)
            \(stepsPanel)
            <h2>\(l.t("附件", "Attachments"))</h2>\(m.attachments.isEmpty ? HTML("<p class=\"muted\">\(l.t("无。", "None."))</p>") : HTML("<ul>\(files)</ul>"))
            <h2>\(l.t("办理记录", "History"))</h2><ol class="timeline">\(history)</ol>
            """)
    }

    /// The figure the firm declared behind the amount (设备购置额 …), kept in view after submission
    /// so a reviewer sees what the amount was computed from.
    static func declaredFact(_ a: CashoutApplication, _ p: Policy, _ l: Lang) -> HTML {
        guard case .declared(let name)? = p.amount.base else { return .empty }
        return HTML("<dt>\(l.t("申报", "Declared")) \(name)</dt><dd>\(a.declaredBase.map { Format.yuan($0) + l.t(" 元", " yuan") } ?? l.t("未填写", "not given"))</dd>")
    }
}
