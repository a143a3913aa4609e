import Kernel
import Qualification
import Registry
import Storage

/// The qualification panel of an enterprise page: for each qualification whether the firm
/// meets it, its score and parts, every check with its value, threshold and rule, and for 高企
/// what exactly is missing. Assessed from the record on the page's date.
public enum QualificationPanel {
    public struct Model: Sendable {
        public var evaluation: EnterpriseEvaluation
        public var asOf: LocalDate
        public var evaluationYear: Int
        public var changes: [RecordedChange]
        public init(evaluation: EnterpriseEvaluation, asOf: LocalDate, evaluationYear: Int, changes: [RecordedChange]) {
            self.evaluation = evaluation; self.asOf = asOf; self.evaluationYear = evaluationYear; self.changes = changes
        }
    }

    public static func render(_ m: Model, _ l: Lang) -> HTML {
        let a = m.evaluation.assessment
        // Not qualifying for want of facts is not the same as failing: say which.
        let outcome = { (qualifies: Bool, checks: [Check]) -> HTML in
            if qualifies { return HTML(unsafe: "<span class=\"tag ok\">\(l.t("符合", "qualifies"))</span>") }
            if checks.combined == .unknown {
                return HTML(unsafe: "<span class=\"tag expired\">\(l.t("待核实：缺少数据", "unknown: facts missing"))</span>")
            }
            return HTML(unsafe: "<span class=\"tag revoked\">\(l.t("暂不符合", "does not qualify"))</span>")
        }
        let verdictStyle: String
        switch a.highTech.verdict {
        case .ineligible: verdictStyle = "revoked"
        case .unlikely: verdictStyle = "expired"
        case .possible: verdictStyle = "expiring"
        case .likely: verdictStyle = "ok"
        }
        let verdict = HTML(unsafe: "<span class=\"tag \(verdictStyle)\">\(HTML.escape(CheckLabels.standing(a.highTech.verdict.rawValue, l)))</span>")
        let hteScore = "\(a.highTech.scoreRange.min)–\(a.highTech.scoreRange.max)"
        let gaps = a.highTechGaps.html { g in "<li>\(CheckLabels.gap(g, a.highTech.conditions.first { $0.id == g.id }, l))</li>" }
        let nearMiss: HTML = m.evaluation.nearMiss.map { n in
            let cost = Format.yuan(n.estimatedCost)
            return n.estimatedCost.fen > 0
                ? HTML("<p>\(l.t("准高企：差 \(n.unmet) 项条件，估计需投入约 \(cost) 元", "Near-miss: \(n.unmet) condition(s) short, about \(cost) yuan of estimated spending"))</p>")
                : HTML("<p>\(l.t("准高企：差 \(n.unmet) 项条件，无需额外投入（收入结构调整）", "Near-miss: \(n.unmet) condition(s) short, no spending needed (a change in income mix)"))</p>")
        } ?? .empty
        let rows: [(String, HTML, String, String?, [Check], HTML)] = [
            (l.designation(.cqTechEnterprise), outcome(a.cqTechEnterprise.qualifies, a.cqTechEnterprise.checks), "—", nil, a.cqTechEnterprise.checks, .empty),
            (l.designation(.techSME), outcome(a.techSME.qualifies, a.techSME.checks), "\(a.techSME.score)", a.techSME.route?.rawValue, a.techSME.checks,
             HTML("""
             <p class="muted">\(l.t("科技人员 \(a.techSME.stStaffPoints) + 研发投入 \(a.techSME.rdInputPoints) + 科技成果 \(a.techSME.achievementPoints) 分", "S&T staff \(a.techSME.stStaffPoints) + R&D \(a.techSME.rdInputPoints) + achievements \(a.techSME.achievementPoints)"))</p>
             \(a.techSME.onSiteCheck.isEmpty ? HTML.empty : HTML("<p>\(l.t("可能现场核查", "May be checked on site")): \(a.techSME.onSiteCheck.map { CheckLabels.onSite($0, l) }.joined(separator: l.t("；", "; ")))</p>"))
             """)),
            (l.designation(.highTech), verdict, hteScore, nil, a.highTech.conditions,
             HTML("""
             <p class="muted">\(l.t("创新能力评分为区间：专家评分部分不作预判；71 分以上方可通过。", "The innovation score is a range: the experts score their parts; 71 or more passes."))</p>
             \(a.highTechGaps.isEmpty ? HTML.empty : HTML("<h4>\(l.t("差距", "What is missing"))</h4><ul>\(gaps)</ul>"))\(nearMiss)
             """)),
            (l.designation(.innovativeSME), outcome(a.innovativeSME.qualifies, a.innovativeSME.checks), "\(a.innovativeSME.score)", a.innovativeSME.route?.rawValue, a.innovativeSME.checks,
             HTML("<p class=\"muted\">\(l.t("创新能力 \(a.innovativeSME.innovation) + 成长性 \(a.innovativeSME.growth) + 专业化 \(a.innovativeSME.specialisation) 分", "innovation \(a.innovativeSME.innovation) + growth \(a.innovativeSME.growth) + specialisation \(a.innovativeSME.specialisation)"))</p>")),
            (l.designation(.specializedSME), outcome(a.specializedSME.qualifies, a.specializedSME.checks), "\(a.specializedSME.score)", a.specializedSME.route?.rawValue, a.specializedSME.checks, .empty),
            (l.designation(.littleGiant), outcome(a.littleGiant.qualifies, a.littleGiant.checks), "—", nil, a.littleGiant.checks, .empty),
        ]
        let blocks = rows.enumerated().html { i, row in
            let (name, outcome, score, route, checks, extra) = row
            let checkRows = checks.html { c in
                "<tr><td>\(CheckLabels.label(c.id, l))</td><td>\(CheckLabels.status(c.status, l))</td><td class=\"num\">\(CheckLabels.value(c.value))</td><td class=\"num\">\(CheckLabels.value(c.required))</td><td class=\"basis\">\(Format.basis(c.basis, l))</td></tr>"
            }
            return """
            <details class="qual"\(i == 2 ? " open" : "")><summary><strong>\(name)</strong> \(outcome)
            <span class="muted">\(l.t("得分", "score")) \(score)\(route.map { " · \(l.t("路径", "route")) \(CheckLabels.routeName($0, l))" } ?? "")</span></summary>
            \(extra)
            <div class="table-wrap"><table><thead><tr><th>\(l.t("条件", "Condition"))</th><th>\(l.t("结果", "Result"))</th><th class="num">\(l.t("本企业", "Value"))</th><th class="num">\(l.t("要求", "Required"))</th><th>\(l.t("依据", "Basis"))</th></tr></thead>
            <tbody>\(checkRows)</tbody></table></div></details>
            """
        }
        let poolRows = m.evaluation.poolChecks.html { c in
            "<tr><td>\(CheckLabels.label(c.id, l))</td><td>\(CheckLabels.status(c.status, l))</td><td class=\"num\">\(CheckLabels.value(c.value))</td><td class=\"num\">\(CheckLabels.value(c.required))</td></tr>"
        }
        let changeRows = m.changes.html { c in
            "<li>\(l.t("第 \(c.runID) 次评估", "run \(c.runID)"))：\(l.designation(c.change.qualification.designation)) \(CheckLabels.standing(c.change.before, l)) → \(CheckLabels.standing(c.change.after, l))</li>"
        }
        return """
            <section class="panel" aria-labelledby="qual-h"><h2 id="qual-h">\(l.t("资质评估", "Qualifications"))</h2>
            <p class="muted">\(l.t("按登记数据于 \(m.asOf) 评估（评价年度 \(m.evaluationYear)）。合规情况等未登记的事项显示为“待核实”，不作符合或不符合的判断。",
                                   "Assessed from the record on \(m.asOf) (evaluation year \(m.evaluationYear)). Facts the registry does not hold, such as compliance, show as unknown, never as met or unmet."))</p>
            \(blocks)
            <details class="qual"><summary><strong>\(l.designation(.highTechPool))</strong> \(m.evaluation.poolCandidate ? HTML(unsafe: "<span class=\"tag ok\">\(l.t("入库候选", "pool candidate"))</span>") : HTML.empty)
            <span class="muted">\(l.t("入库条件（放宽的高企条件）", "entry checklist (relaxed 高企 conditions)"))</span></summary>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("条件", "Condition"))</th><th>\(l.t("结果", "Result"))</th><th class="num">\(l.t("本企业", "Value"))</th><th class="num">\(l.t("要求", "Required"))</th></tr></thead>
            <tbody>\(poolRows)</tbody></table></div><p class="basis">\(Format.basis(PoolRules.basis.description, l))</p></details>
            \(m.changes.isEmpty ? HTML.empty : HTML("<h3>\(l.t("历次评估变化", "Changes found by batch runs"))</h3><ul>\(changeRows)</ul>"))
            </section>
            """
    }
}
