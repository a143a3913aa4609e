import Accounts
import Kernel
import Matching
import Services
import Storage

/// One project application: its facts, the steps taken, and the steps the reader may take now.
public enum ProjectPage {
    public struct Model: Sendable {
        public var project: ProjectRecord
        public var firmName: String
        public var steps: [ProjectStep]
        /// The actions the reader carries from here (the service checks again on submit).
        public var actions: [ProjectAction]
        public var errors: [String]
        public init(project: ProjectRecord, firmName: String, steps: [ProjectStep], actions: [ProjectAction], errors: [String] = []) {
            self.project = project; self.firmName = firmName; self.steps = steps; self.actions = actions; self.errors = errors
        }
    }

    static func label(_ a: ProjectAction, _ l: Lang) -> String {
        switch a {
        case .withdraw: return l.t("撤回", "Withdraw")
        case .resubmit: return l.t("重新提交", "Resubmit")
        case .checkUnit: return l.t("属地审核通过", "Unit check passed")
        case .checkDepartment: return l.t("主管部门审核通过", "Department check passed")
        case .accept: return l.t("受理", "Accept")
        case .sendBack: return l.t("退回修改", "Send back")
        case .assignReviewers: return l.t("分配评审专家", "Assign reviewers")
        case .recommend: return l.t("立项 / 推荐", "Recommend")
        case .decline: return l.t("不予立项", "Decline")
        case .contract: return l.t("登记合同", "Record the contract")
        case .complete: return l.t("验收通过", "Accepted on completion")
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, p = m.project
        let errors = m.errors.isEmpty ? HTML.empty : HTML("<div class=\"panel error\" role=\"alert\">\(m.errors.html { "<p>\($0)</p>" })</div>")
        let history = m.steps.html { s in
            "<tr><td>\(s.at)</td><td>\(s.actor)</td><td>\(label(s.action, l))</td><td>\(s.from.chineseName) → \(s.to.chineseName)</td><td>\(s.note ?? "")</td></tr>"
        }
        let forms = m.actions.html { a in
            HTML("""
                <form method="post" action="/programmes/projects/\(String(p.id))/step" class="inline">\(chrome.csrfField)
                <input type="hidden" name="action" value="\(a.rawValue)">
                \(a.needsReason ? HTML("<label>\(l.t("理由", "Reason"))<input name=\"note\" required maxlength=\"2000\"></label>") : .empty)
                <button type="submit"\(a.needsReason || a == .withdraw ? HTML(" class=\"secondary\"") : .empty)>\(label(a, l))</button></form>
                """)
        }
        return Layout.page(chrome, title: p.title, """
            <h1>\(p.title)</h1>\(errors)
            <dl class="facts"><dt>\(l.t("状态", "Status"))</dt><dd>\(p.status.chineseName)</dd>
            <dt>\(l.t("申报企业", "Firm"))</dt><dd><a href="/enterprises/\(p.uscc.code)">\(m.firmName)</a></dd>
            <dt>\(l.t("领域", "Fields"))</dt><dd>\(p.fields.joined(separator: "、"))</dd>
            <dt>\(l.t("合作单位", "Partners"))</dt><dd>\(p.partners.isEmpty ? "—" : p.partners.joined(separator: "、"))</dd>
            <dt>\(l.t("申请资助（元）", "Requested (yuan)"))</dt><dd>\(Money(fen: p.requestedFen).yuanText)</dd>
            <dt>\(l.t("申报时间", "Submitted"))</dt><dd>\(p.submittedAt)</dd></dl>
            <p><a href="/programmes/calls/\(String(p.callID))">\(l.t("返回评审名单", "Back to the call"))</a></p>
            \(m.actions.isEmpty ? HTML.empty : HTML("<section class=\"panel\" aria-labelledby=\"act-h\"><h2 id=\"act-h\">\(l.t("办理", "Take a step"))</h2>\(forms)</section>"))
            <section class="panel" aria-labelledby="hist-h"><h2 id="hist-h">\(l.t("办理记录", "Steps taken"))</h2>
            \(m.steps.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无办理记录。", "No step yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("时间", "When"))</th><th>\(l.t("经办人", "By"))</th><th>\(l.t("事项", "Step"))</th>
            <th>\(l.t("状态", "Status"))</th><th>\(l.t("说明", "Note"))</th></tr></thead><tbody>\(history)</tbody></table></div>
            """))</section>
            """)
    }
}
