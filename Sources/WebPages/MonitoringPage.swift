import Kernel
import RDMonitoring
import Registry
import Services
import Storage

/// The R&D monitoring dashboard (研发投入动态监测): the district's year so far against its
/// targets, the trend, the towns against theirs, the share-with-R&D gauge, and the firms that
/// need a visit.
public enum MonitoringPage {
    /// 万元 (ten thousand yuan), the unit the bureau's reports use for R&D money.
    static func wan(_ fen: Int64) -> Double { Double(fen) / 1_000_000 }

    static func value(_ indicator: RDIndicator, _ v: Int64?) -> String {
        guard let v else { return "—" }
        switch indicator {
        case .totalRD: return Format.wan(v) + " 万元"
        case .shareWithRD: return RDIndicators.percentText(Int(v), places: 1)
        case .intensity: return RDIndicators.percentText(Int(v), places: 2)
        }
    }

    static func indicatorName(_ i: RDIndicator, _ l: Lang) -> String {
        switch i {
        case .totalRD: return l.t("研发经费（统计口径）", "R&D expenditure (statistical)")
        case .shareWithRD: return l.t("规上工业企业有研发活动占比", "Above-scale industrial firms with R&D")
        case .intensity: return l.t("研发投入强度", "R&D intensity")
        }
    }

    /// The standings as table rows: actual, target, where it should be by now, forecast, pace.
    static func standingRows(_ standings: [RDStanding], _ l: Lang) -> HTML {
        standings.html { s in
            let p = s.progress
            let pace: HTML = p.map { $0.isBehindPace(s.indicator) ? HTML("<span class=\"tag revoked\">\(l.t("进度滞后", "behind pace"))</span>")
                                                                    : HTML("<span class=\"tag ok\">\(l.t("进度正常", "on pace"))</span>") }
                ?? (s.target == nil ? HTML("<span class=\"muted\">\(l.t("未设目标", "no target"))</span>")
                                    : HTML("<span class=\"muted\">\(s.indicator == .intensity ? l.t("未录入地区生产总值", "no GDP entered") : l.t("尚无数据", "no data yet"))</span>"))
            return """
            <tr><th scope="row">\(indicatorName(s.indicator, l))</th><td class="num">\(value(s.indicator, s.actual))</td>
            <td class="num">\(value(s.indicator, s.target))</td><td class="num">\(value(s.indicator, p.map { $0.expected(s.indicator) }))</td>
            <td class="num">\(value(s.indicator, p.map { $0.forecast(s.indicator) }))</td><td>\(pace)</td></tr>
            """
        }
    }

    static func standingTable(_ standings: [RDStanding], _ l: Lang) -> HTML {
        """
        <div class="table-wrap"><table><thead><tr><th>\(l.t("指标", "Indicator"))</th><th class="num">\(l.t("至今", "So far"))</th><th class="num">\(l.t("年度目标", "Year target"))</th>
        <th class="num">\(l.t("应达进度", "Due by now"))</th><th class="num">\(l.t("全年预测", "Year forecast"))</th><th>\(l.t("预警", "Warning"))</th></tr></thead>
        <tbody>\(standingRows(standings, l))</tbody></table></div>
        """
    }

    /// The quarters' R&D with, over the monitored year's quarters, the year's target spread
    /// evenly (a quarter's quarter of it): the level each quarter should reach [I].
    static func trend(_ series: [(Quarter, Money)], year: Int, standings: [RDStanding], _ l: Lang) -> HTML {
        let target = standings.first { $0.indicator == .totalRD }?.target
        let from = series.firstIndex { $0.0.year == year }
        return SVGCharts.line(series.map { (label: l.t("\($0.0.year)年\(Format.quarterNames[($0.0.quarter - 1) & 3])季", $0.0.description), value: wan($0.1.fen)) },
                              title: l.t("各季度研发经费趋势（万元）", "R&D per quarter (10,000 yuan)"), unit: l.t("万元", "10,000 yuan"),
                              legend: l.t("当季研发经费", "R&D in the quarter"),
                              reference: target.flatMap { t in from.map { (value: wan(t / 4), from: $0, label: l.t("\(year) 年目标的季度均值（年度目标 ÷ 4）", "\(year) target per quarter (year's target ÷ 4)")) } })
    }

    public static func render(_ o: RDOverview, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let share = o.standings.first { $0.indicator == .shareWithRD }
        let total = o.standings.first { $0.indicator == .totalRD }
        let towns = o.towns.html { t in
            let s = t.standings.first { $0.indicator == .totalRD }
            return """
            <tr><td><a href="/monitoring/towns/\(t.town.code)?year=\(o.year)">\(t.town.name)</a></td><td class="num">\(t.totals.firms)</td>
            <td class="num">\(value(.totalRD, t.totals.statisticalRD.fen))</td><td class="num">\(value(.totalRD, s?.progress?.target))</td>
            <td class="num">\(value(.totalRD, s?.progress.map { $0.forecast(.totalRD) }))</td>
            <td class="num">\(t.totals.shareWithRD.map { RDIndicators.percentText($0, places: 1) } ?? "—")</td>
            <td>\(s?.progress.map { $0.isBehindPace(.totalRD) ? HTML("<span class=\"tag revoked\">\(l.t("滞后", "behind"))</span>") : HTML("<span class=\"tag ok\">\(l.t("正常", "on pace"))</span>") } ?? HTML.empty)</td></tr>
            """
        }
        let bars = SVGCharts.bars(o.towns.map { t in
            let p = t.standings.first { $0.indicator == .totalRD }?.progress
            return (label: t.town.name, value: wan(t.totals.statisticalRD.fen), target: p.map { wan($0.expected(.totalRD)) }, behind: p?.isBehindPace(.totalRD) ?? false)
        }, title: l.t("各镇街研发经费与应达进度（万元）", "R&D by town against the pace due (10,000 yuan)"), unit: l.t("万元", "10,000 yuan"),
           legend: [("key-bar", l.t("研发经费", "R&D expenditure")), ("key-behind", l.t("进度滞后", "behind pace")), ("key-target", l.t("应达进度", "pace due"))])
        let empty = o.through == nil
        return Layout.page(chrome, title: l.t("研发投入监测", "R&D monitoring"), """
            <h1>\(l.t("研发投入动态监测", "R&D input monitoring")) · \(String(o.year))</h1>
            <form class="filters" method="get" action="/monitoring"><label>\(l.t("年度", "Year"))<input name="year" inputmode="numeric" size="5" value="\(String(o.year))"></label>
            <button type="submit" class="secondary">\(l.t("查看", "Show"))</button>
            <a class="button secondary" href="/statistics">\(l.t("统计报表", "Statistics report"))</a></form>
            \(empty ? HTML("<p class=\"muted\">\(l.t("该年度尚无到期的季报（季报在季度结束后次月 \(RDRules.current.reportDueDay) 日到期，到期后计入）。企业在本企业页面填报，或由科技局导入。", "No quarter of this year has fallen due yet (a quarter's reports are due on day \(RDRules.current.reportDueDay) of the month after it, and count from then). Firms file them on their page, or the bureau imports them."))</p>") : HTML("""
            <p>\(l.t("数据截至\(o.through.map { Format.quarter($0, l) } ?? "—")，\(o.district.firms) 家企业填报。", "Reports through \(o.through.map { Format.quarter($0, l) } ?? "—"), from \(o.district.firms) firms."))
            \(o.lateFirms > 0 ? HTML("\(l.t(" \(Format.quarter(o.dueQuarter, l))季报逾期未报 \(o.lateFirms) 家。", " \(o.lateFirms) firms are late with \(Format.quarter(o.dueQuarter, l))."))") : HTML.empty)
            \(o.idleFirms > 0 ? HTML("\(l.t(" 连续两季无研发活动的规上工业企业 \(o.idleFirms) 家。", " \(o.idleFirms) above-scale industrial firms without R&D for two quarters."))") : HTML.empty)</p>
            <div class="kpis">
            <section class="panel"><h2>\(indicatorName(.shareWithRD, l))</h2>\(SVGCharts.gauge(permille: share?.actual.map(Int.init), target: share?.progress.map { Int($0.target) }, title: indicatorName(.shareWithRD, l)))
            <p class="muted">\(l.t("\(o.district.aboveScaleWithRD) / \(o.district.aboveScaleIndustrial) 家", "\(o.district.aboveScaleWithRD) of \(o.district.aboveScaleIndustrial) firms"))</p></section>
            <section class="panel"><h2>\(indicatorName(.totalRD, l))</h2><p class="big">\(total?.actual.map { Format.amount(Money(fen: $0), l) } ?? "—")</p>
            <p class="muted">\(total?.progress.map { l.t("目标 \(value(.totalRD, $0.target))，全年预测 \(value(.totalRD, $0.forecast(.totalRD)))", "target \(value(.totalRD, $0.target)), forecast \(value(.totalRD, $0.forecast(.totalRD)))") } ?? l.t("未设目标", "no target"))</p></section>
            </div>
            <section aria-labelledby="st-h"><h2 id="st-h">\(l.t("目标与进度", "Targets and pace"))</h2>\(standingTable(o.standings, l))</section>
            <section aria-labelledby="tr-h"><h2 id="tr-h">\(l.t("趋势", "Trend"))</h2>\(trend(o.series, year: o.year, standings: o.standings, l))</section>
            <section aria-labelledby="tw-h"><h2 id="tw-h">\(l.t("各镇街", "Towns"))</h2>\(bars)
            <div class="table-wrap"><table><thead><tr><th>\(l.t("镇街", "Town"))</th><th class="num">\(l.t("填报企业", "Firms"))</th><th class="num">\(l.t("研发经费", "R&D"))</th>
            <th class="num">\(l.t("年度目标", "Target"))</th><th class="num">\(l.t("全年预测", "Forecast"))</th><th class="num">\(l.t("有研发占比", "With R&D"))</th><th>\(l.t("预警", "Warning"))</th></tr></thead>
            <tbody>\(towns)</tbody></table></div></section>
            """))
            """)
    }
}
