import Foundation
import InnovationPoints
import Kernel
import Storage

/// The innovation-points models: the published one, the drafts, a form to draft a new version
/// (weights per stage in percent, normaliser, list cut-offs, or the whole model as JSON), and a
/// draft beside the published model with who would move, and its publish button.
public enum PointsModelsPage {
    public struct Comparison: Sendable {
        public var comparison: PointsComparison
        public var names: [Int: (uscc: USCC, name: String)]
        public var period: Int
        public init(comparison: PointsComparison, names: [Int: (uscc: USCC, name: String)], period: Int) {
            self.comparison = comparison; self.names = names; self.period = period
        }
    }
    public struct Model: Sendable {
        public var published: PointsModel
        public var drafts: [PointsDraft]
        public var canEdit: Bool
        /// The draft being shown, with its comparison.
        public var draft: PointsDraft?
        public var comparison: Comparison?
        /// The form's starting model and what was wrong with the last submission.
        public var form: PointsModel
        public var errors: [String]
        public var period: Int
        public init(published: PointsModel, drafts: [PointsDraft], canEdit: Bool, draft: PointsDraft? = nil, comparison: Comparison? = nil,
                    form: PointsModel, errors: [String] = [], period: Int) {
            self.published = published; self.drafts = drafts; self.canEdit = canEdit; self.draft = draft; self.comparison = comparison
            self.form = form; self.errors = errors; self.period = period
        }
    }

    static func percent(_ bp: Int) -> String { String(format: "%.2f", Double(bp) / 100) }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let errors = Layout.errors(m.errors, l)
        let draftRows = m.drafts.html { d in
            """
            <tr><td><a href="/points/models/\(String(d.id))">\(d.model.id)</a></td><td>\(d.basedOn)</td><td>\(d.author)</td><td>\(Format.time(d.createdAt))</td>
            <td>\(d.publishedRunID.map { HTML("<span class=\"tag ok\">\(l.t("已发布", "published")) #\(String($0))</span>") } ?? HTML("<span class=\"tag\">\(l.t("草稿", "draft"))</span>"))</td></tr>
            """
        }
        var body: HTML = """
            <h1>\(l.t("创新积分模型", "Innovation-points models"))</h1>\(errors)
            <p>\(l.t("当前发布模型", "Published model")) <strong>\(m.published.id)</strong> · \(Format.basis(m.published.basis, l))</p>
            """
        if let d = m.draft { body = body + draftView(d, m, chrome) }
        body = body + HTML("""
            <section aria-labelledby="dr-h"><h2 id="dr-h">\(l.t("模型草稿", "Drafts"))</h2>
            \(m.drafts.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无草稿。", "No drafts yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("版本", "Version"))</th><th>\(l.t("基于", "Based on"))</th><th>\(l.t("起草人", "Author"))</th><th>\(l.t("时间", "Saved"))</th><th>\(l.t("状态", "State"))</th></tr></thead>
            <tbody>\(draftRows)</tbody></table></div>
            """))</section>
            """)
        if m.canEdit { body = body + draftForm(m, chrome) }
        return Layout.page(chrome, title: l.t("积分模型", "Points models"), body)
    }

    static func draftForm(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, f = m.form
        let stageHeads = f.stages.html { "<th class=\"num\">\(l.t($0.chineseName, $0.englishName)) %</th>" }
        let rows = f.indicators.html { ind in
            let cells = f.stages.indices.html { s in
                let name = "w.\(ind.id).\(s)"
                return "<td class=\"num\"><label class=\"sr-only\" for=\"\(name)\">\(Format.basis(l.t(ind.chineseName, ind.englishName), l)) \(l.t(f.stages[s].chineseName, f.stages[s].englishName))</label><input id=\"\(name)\" name=\"\(name)\" size=\"6\" inputmode=\"decimal\" value=\"\(percent(f.weights[ind.id]?[s] ?? 0))\"></td>"
            }
            return "<tr><td>\(ind.id)</td><td>\(Format.basis(l.t(ind.chineseName, ind.englishName), l))</td>\(cells)</tr>"
        }
        let lists = f.lists.enumerated().html { i, t in
            "<label>\(l.t(t.chineseName, t.englishName))（\(l.t("前", "top")) %）<input name=\"list.\(i)\" inputmode=\"decimal\" size=\"5\" value=\"\(t.topPermille / 10)\(t.topPermille % 10 == 0 ? "" : ".\(t.topPermille % 10)")\"></label>"
        }
        let normaliser = [PointsModel.Normaliser.linear, .percentile].html { n in
            "<option value=\"\(n.rawValue)\"\(n == f.normaliser ? HTML(" selected") : .empty)>\(n == .linear ? l.t("参考值线性", "reference-capped linear") : l.t("阶段内百分位", "within-stage percentile"))</option>"
        }
        return """
            <section class="panel" aria-labelledby="new-h"><h2 id="new-h">\(l.t("起草新版本", "Draft a new version"))</h2>
            <p class="muted">\(l.t("每个阶段的权重合计须为 100%。保存后可与当前模型对比，再发布。", "Each stage's weights must add up to 100%. Save, compare with the published model, then publish."))</p>
            <form method="post" action="/points/models">\(chrome.csrfField)
            <div class="grid-form"><label>\(l.t("版本号", "Version id"))<input name="version" required maxlength="64" value="\(f.id == m.published.id ? "" : f.id)" placeholder="\(m.published.id)-draft"></label>
            <label>\(l.t("标准化方法", "Normaliser"))<select name="normaliser">\(normaliser)</select></label>\(lists)</div>
            <div class="table-wrap"><table><thead><tr><th>ID</th><th>\(l.t("指标", "Indicator"))</th>\(stageHeads)</tr></thead><tbody>\(rows)</tbody></table></div>
            <details><summary>\(l.t("或粘贴完整模型 JSON（含加分与扣分项）", "Or paste a whole model as JSON (with bonus and negative items)"))</summary>
            <label class="sr-only" for="json">JSON</label><textarea id="json" name="json" rows="8" cols="80"></textarea></details>
            <button type="submit">\(l.t("保存草稿", "Save draft"))</button></form></section>
            """
    }

    static func draftView(_ d: PointsDraft, _ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        guard let c = m.comparison else { return .empty }
        let lists = m.published.lists
        func list(_ i: Int?) -> String { i.map { l.t(lists[$0].chineseName, lists[$0].englishName) } ?? "—" }
        let sizes = c.comparison.listSizes.enumerated().html { i, s in
            "<tr><td>\(list(i))</td><td class=\"num\">\(s.before)</td><td class=\"num\">\(s.after)</td></tr>"
        }
        let movers = c.comparison.movers.html { mv in
            let who = c.names[mv.firm]
            return """
            <tr><td>\(who.map { HTML("<a href=\"/enterprises/\($0.uscc.code)\">\(HTML.escape($0.name))</a>") } ?? HTML("—"))</td>
            <td class="num">\(String(format: "%.2f", mv.pointsBefore))</td><td class="num">\(String(format: "%.2f", mv.pointsAfter))</td>
            <td class="num">\(mv.rankBefore)</td><td class="num">\(mv.rankAfter)</td><td>\(list(mv.listBefore))</td><td>\(list(mv.listAfter))</td></tr>
            """
        }
        let publish: HTML = m.canEdit && d.publishedRunID == nil ? HTML("""
            <form method="post" action="/points/models/\(String(d.id))/publish" class="inline">\(chrome.csrfField)
            <label>\(l.t("计分年度", "Fiscal year"))<input name="period" inputmode="numeric" size="5" value="\(c.period)"></label>
            <button type="submit">\(l.t("发布为新版本并重新计分", "Publish as the new version and rescore"))</button></form>
            """) : .empty
        return """
            <section class="panel" aria-labelledby="cmp-h"><h2 id="cmp-h">\(l.t("草稿 \(d.model.id) 与 \(m.published.id) 对比（\(c.period) 年度）", "Draft \(d.model.id) beside \(m.published.id) (\(c.period))"))</h2>
            <p>\(l.t("\(c.comparison.changedList) 家企业榜单变化。", "\(c.comparison.changedList) firms would change list."))</p>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("榜单", "List"))</th><th class="num">\(l.t("现行", "Now"))</th><th class="num">\(l.t("草稿", "Draft"))</th></tr></thead><tbody>\(sizes)</tbody></table></div>
            \(c.comparison.movers.isEmpty ? HTML("<p class=\"muted\">\(l.t("没有企业变动。", "Nobody moves."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th class="num">\(l.t("现行积分", "Points now"))</th><th class="num">\(l.t("草稿积分", "Draft points"))</th>
            <th class="num">\(l.t("现行排名", "Rank now"))</th><th class="num">\(l.t("草稿排名", "Draft rank"))</th><th>\(l.t("现行榜单", "List now"))</th><th>\(l.t("草稿榜单", "Draft list"))</th></tr></thead>
            <tbody>\(movers)</tbody></table></div>
            """))
            \(publish)</section>
            """
    }
}
