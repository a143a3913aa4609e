import Foundation
import InnovationPoints
import Kernel
import Services
import Storage

/// One stage's innovation-points ranking, best first, fifty to a page, with each firm's list.
public enum PointsRankingPage {
    public struct Model: Sendable {
        public var run: PointsRun?
        public var stage: Int
        public var state: ListState
        public var scores: [RankingRow]
        public init(run: PointsRun?, stage: Int, state: ListState, scores: [RankingRow]) {
            self.run = run; self.stage = stage; self.state = state; self.scores = scores
        }
    }

    public static func header(_ l: Lang) -> [String] {
        [l.t("排名", "Rank"), l.t("企业名称", "Enterprise"), l.t("统一社会信用代码", "Unified social credit code"), l.t("积分", "Points"), l.t("榜单", "List")]
    }

    public static func cells(_ s: RankingRow, model: PointsModel, _ l: Lang) -> [String] {
        [String(s.rank), s.name, s.uscc.code, String(format: "%.2f", s.points), s.list.map { l.t(model.lists[$0].chineseName, model.lists[$0].englishName) } ?? ""]
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        guard let run = m.run else {
            return Layout.page(chrome, title: l.t("创新积分", "Innovation points"), """
                <h1>\(l.t("创新积分", "Innovation points"))</h1>
                <p class="muted">\(l.t("尚未发布积分。运行 kechuang points compute 计算某一年度。", "No points published yet. Run kechuang points compute for a year."))</p>
                """)
        }
        let model = run.model
        let tabs = model.stages.enumerated().html { i, s in
            "<a class=\"button\(i == m.stage ? "" : " secondary")\" href=\"/points?stage=\(i)\"\(i == m.stage ? " aria-current=\"page\"" : "")>\(l.t(s.chineseName, s.englishName))</a> "
        }
        let rows = m.scores.html { s in
            """
            <tr><td class="num">\(s.rank)</td><td><a href="/enterprises/\(s.uscc.code)">\(s.name)</a></td><td class="num">\(String(format: "%.2f", s.points))</td>
            <td>\(s.list.map { HTML(unsafe: "<span class=\"tag ok\">\(l.t(model.lists[$0].chineseName, model.lists[$0].englishName))</span>") } ?? HTML.empty)</td></tr>
            """
        }
        return Layout.page(chrome, title: l.t("创新积分", "Innovation points"), """
            <h1>\(l.t("创新积分排名", "Innovation points ranking"))</h1>
            <p class="muted">\(l.t("\(run.period) 年度 · 模型 \(model.id) · \(run.firms) 家企业 · 计算于 \(Format.time(run.computedAt))", "Year \(run.period) · model \(model.id) · \(run.firms) enterprises · computed \(Format.time(run.computedAt))"))</p>
            <p>\(tabs) <a href="/points/models">\(l.t("模型与草稿", "Models and drafts"))</a></p>
            \(m.scores.isEmpty ? HTML("<p class=\"muted\">\(l.t("该阶段没有企业。", "No enterprises in this stage."))</p>") : HTML("""
            <p>\(ListControls.export(m.state, path: "/points/export", l))</p>
            \(ListControls.pager(m.state, l, unit: ("家", "enterprises")))
            <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("排名", "Rank"))</th><th>\(l.t("企业", "Enterprise"))</th><th class="num">\(l.t("积分", "Points"))</th><th>\(l.t("榜单", "List"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(ListControls.pager(m.state, l, unit: ("家", "enterprises")))
            """))
            """)
    }
}
