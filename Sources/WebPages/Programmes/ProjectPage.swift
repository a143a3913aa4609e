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
        public var milestones: [ProjectMilestone]
        /// The firm's other claims flagged as possible double funding.
        public var overlaps: [Overlap]
        /// Whether the reader may plan the milestones, and report them.
        public var canPlan: Bool
        public var canReport: Bool
        public init(project: ProjectRecord, firmName: String, steps: [ProjectStep], actions: [ProjectAction], errors: [String] = [],
                    milestones: [ProjectMilestone] = [], overlaps: [Overlap] = [], canPlan: Bool = false, canReport: Bool = false) {
            self.project = project; self.firmName = firmName; self.steps = steps; self.actions = actions; self.errors = errors
            self.milestones = milestones; self.overlaps = overlaps; self.canPlan = canPlan; self.canReport = canReport
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
        let errors = Layout.errors(m.errors, l)
        let history = m.steps.html { s in
            "<tr><td>\(Format.time(s.at))</td><td>\(Format.actor(s.actor, l))</td><td>\(label(s.action, l))</td><td>\(s.from.chineseName) → \(s.to.chineseName)</td><td>\(s.note ?? "")</td></tr>"
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
            <dt>\(l.t("申请资助（元）", "Requested (yuan)"))</dt><dd>\(Format.yuan(Money(fen: p.requestedFen)))</dd>
            <dt>\(l.t("实施期", "Period"))</dt><dd>\(p.period.map { "\($0.lowerBound) – \($0.upperBound)" } ?? "—")</dd>
            <dt>\(l.t("申报时间", "Submitted"))</dt><dd>\(Format.time(p.submittedAt))</dd></dl>
            <p><a href="/programmes/calls/\(String(p.callID))">\(l.t("返回评审名单", "Back to the call"))</a></p>
            \(overlapPanel(m, l))
            \(m.actions.isEmpty ? HTML.empty : HTML("<section class=\"panel\" aria-labelledby=\"act-h\"><h2 id=\"act-h\">\(l.t("办理", "Take a step"))</h2>\(forms)</section>"))
            \(milestonePanel(m, chrome))
            <section class="panel" aria-labelledby="hist-h"><h2 id="hist-h">\(l.t("办理记录", "Steps taken"))</h2>
            \(m.steps.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无办理记录。", "No step yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("时间", "When"))</th><th>\(l.t("经办人", "By"))</th><th>\(l.t("事项", "Step"))</th>
            <th>\(l.t("状态", "Status"))</th><th>\(l.t("说明", "Note"))</th></tr></thead><tbody>\(history)</tbody></table></div>
            """))</section>
            """)
    }

    /// The duplicate check's flags, for the reviewers: what else of the firm's may pay for this work.
    static func overlapPanel(_ m: Model, _ l: Lang) -> HTML {
        guard !m.overlaps.isEmpty else { return .empty }
        let rows = m.overlaps.html { o in
            let link = o.other.kind == .project ? "/programmes/projects/\(o.other.id)" : "/cashout/applications/\(o.other.id)"
            let kind = o.other.kind == .project ? l.t("科技项目", "Project") : l.t("政策兑现", "Subsidy")
            return "<tr><td>\(kind)</td><td><a href=\"\(link)\">\(o.other.title)</a></td><td class=\"num\">\(Int((o.textSimilarity * 100).rounded()))%</td><td>\(o.sameBudgetLine ? l.t("同一预算科目", "same budget line") : "—")</td><td>\(o.periodsOverlap ? l.t("期间重叠", "periods overlap") : "—")</td></tr>"
        }
        return HTML("""
            <section class="panel warn" role="note" aria-labelledby="dup-h"><h2 id="dup-h">\(l.t("疑似重复申报", "Possible double funding"))</h2>
            <p>\(l.t("该企业的以下申报与本项目内容相近，或由同一预算科目在重叠期间资助，请评审时核对。", "The firm's claims below read alike, or draw on the same budget line for overlapping periods; check them in review."))</p>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("类别", "Kind"))</th><th>\(l.t("名称", "Title"))</th><th>\(l.t("文本相似度", "Text similarity"))</th>
            <th>\(l.t("预算科目", "Budget line"))</th><th>\(l.t("期间", "Period"))</th></tr></thead><tbody>\(rows)</tbody></table></div></section>
            """)
    }

    /// The milestones, a report form for each open one, and the plan form while it may change.
    static func milestonePanel(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, id = String(m.project.id)
        guard !m.milestones.isEmpty || m.canPlan else { return .empty }
        let rows = m.milestones.html { s in
            let report: HTML = s.reportedOn.map { HTML("\($0.description)：\(s.report ?? "")（\(s.reportedBy ?? "")）") }
                ?? (m.canReport ? HTML("""
                    <form method="post" action="/programmes/projects/\(id)/milestones/\(s.seq)/report" class="inline">\(chrome.csrfField)
                    <label>\(l.t("完成情况", "What was done"))<input name="report" required maxlength="2000"></label><button type="submit">\(l.t("报告", "Report"))</button></form>
                    """) : HTML("<span class=\"muted\">\(l.t("未报告", "not reported"))</span>"))
            return "<tr><td class=\"num\">\(s.seq)</td><td>\(s.title)</td><td>\(s.dueOn.description)</td><td>\(report)</td></tr>"
        }
        let table = m.milestones.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚未制定里程碑；验收前须全部报告。", "No milestones yet; all must be reported before acceptance."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>#</th><th>\(l.t("里程碑", "Milestone"))</th><th>\(l.t("计划完成", "Due"))</th><th>\(l.t("报告", "Report"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """)
        let plan = m.canPlan && m.milestones.allSatisfy({ $0.reportedOn == nil }) ? HTML("""
            <form method="post" action="/programmes/projects/\(id)/milestones">\(chrome.csrfField)
            <label>\(l.t("里程碑计划（每行一项：日期 名称）", "Milestone plan (one per line: date title)"))
            <textarea name="plan" rows="4" required placeholder="2025-06-30 样机完成">\(m.milestones.map { "\($0.dueOn) \($0.title)" }.joined(separator: "\n"))</textarea></label>
            <button type="submit">\(l.t("保存计划", "Save the plan"))</button></form>
            """) : HTML.empty
        return HTML("<section class=\"panel\" aria-labelledby=\"ms-h\"><h2 id=\"ms-h\">\(l.t("里程碑与验收", "Milestones and acceptance"))</h2>\(table)\(plan)</section>")
    }
}
