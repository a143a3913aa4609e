import Foundation
import InnovationPoints
import Kernel
import Services
import Storage

/// The innovation-points panel of an enterprise page: points, stage, rank and list, each
/// indicator's raw value (or "missing", which lowered the score), weight and points, and the
/// points short of the next list.
public enum PointsPanel {
    static func raw(_ v: Double?, unit: String, _ l: Lang) -> HTML {
        guard let v else { return HTML(unsafe: "<span class=\"tag expired\">\(l.t("缺失", "missing"))</span>") }
        switch unit {
        case "yuan": return HTML(unsafe: HTML.escape(Format.yuan(.init(fen: Int64((v * 100).rounded())))) + " " + l.t("元", "yuan"))
        case "ratio": return HTML(unsafe: String(format: "%.2f%%", v * 100))
        default: return HTML(unsafe: String(format: "%g", v))
        }
    }

    public static func render(_ e: ScoreExplanation, _ l: Lang) -> HTML {
        let m = e.run.model, s = e.score
        let stage = m.stages[s.stage]
        let rows = m.indicators.enumerated().html { i, indicator in
            """
            <tr><td>\(Format.basis(l.t(indicator.chineseName, indicator.englishName), l))</td><td class="num">\(raw(s.inputs[i], unit: indicator.unit, l))</td>
            <td class="num">\(String(format: "%.1f%%", m.weight(i, stage: s.stage) * 100))</td><td class="num">\(String(format: "%.2f", s.parts[i]))</td>
            <td class="basis">\(l.half(indicator.source))</td></tr>
            """
        }
        let list: HTML = s.list.map { HTML(unsafe: "<span class=\"tag ok\">\(l.t(m.lists[$0].chineseName, m.lists[$0].englishName))</span>") } ?? .empty
        let ways = e.options.html { o in
            "<li>\(l.t(o.indicator.chineseName, o.indicator.englishName)) +\(raw(o.increase, unit: o.indicator.unit, l))</li>"
        }
        let next: HTML = e.nextList.map { n in
            HTML("""
            <p>\(l.t("距\(m.lists[n.list].chineseName)还差 \(String(format: "%.2f", n.pointsShort)) 分。", "\(String(format: "%.2f", n.pointsShort)) points short of the \(m.lists[n.list].englishName) list."))</p>
            \(e.options.isEmpty ? HTML.empty : HTML("<p>\(l.t("任一项单独提高即可达到：", "Any one of these alone would reach it:"))</p><ul>\(ways)</ul>"))
            """)
        } ?? HTML("<p>\(l.t("已在最高榜单。", "On the top list."))</p>")
        let missing = s.inputs.filter { $0 == nil }.count
        return """
            <section class="panel" aria-labelledby="points-h"><h2 id="points-h">\(l.t("创新积分", "Innovation points"))</h2>
            <p><strong class="big">\(String(format: "%.2f", s.points))</strong> \(l.t("分", "points")) · \(l.t(stage.chineseName, stage.englishName)) ·
            \(l.t("排名", "rank")) \(s.rank) / \(s.stageSize) \(list)</p>
            \(next)
            \(missing > 0 ? HTML("<p class=\"muted\">\(l.t("\(missing) 项指标缺少数据，未得分；补充数据可提高积分。", "\(missing) indicators have no data and earned nothing; supplying them can raise the score."))</p>") : HTML.empty)
            <details><summary>\(l.t("各项指标", "By indicator")) · \(l.t("\(e.run.period) 年度", "year \(e.run.period)")) · \(l.t("评价模型自 \(m.effectiveFrom) 起施行", "model in force from \(m.effectiveFrom)"))</summary>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("指标", "Indicator"))</th><th class="num">\(l.t("数值", "Value"))</th><th class="num">\(l.t("权重", "Weight"))</th><th class="num">\(l.t("得分", "Points"))</th><th>\(l.t("数据来源", "Source"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div><p class="basis">\(Format.basis(m.basis, l))</p></details>
            </section>
            """
    }
}
