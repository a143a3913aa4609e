import Kernel
import RDMonitoring
import Registry
import Services
import Storage

/// A town officer's R&D page: the town's firms, its gap to target and forecast, the
/// above-scale firms without R&D with a suggested next step, and the firms late with a report.
public enum TownMonitoringPage {
    public static func render(_ v: RDTownView, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let wan = { (m: Money) in SVGCharts.format(MonitoringPage.wan(m.fen)) }
        let firms = v.firms.html { f in
            """
            <tr><td><a href="/enterprises/\(f.uscc.code)">\(f.name)</a></td><td class="num">\(f.quarters)</td><td class="num">\(wan(f.revenue))</td>
            <td class="num">\(wan(f.statisticalRD))</td><td>\(f.aboveScaleIndustrial ? HTML("<span class=\"tag\">\(l.t("规上工业", "above-scale"))</span>") : HTML.empty)</td>
            <td>\(f.hasRDActivity ? HTML("<span class=\"tag ok\">\(l.t("有", "yes"))</span>") : HTML("<span class=\"tag revoked\">\(l.t("无", "none"))</span>"))</td></tr>
            """
        }
        let idle = v.idle.html { f, step in
            "<tr><td><a href=\"/enterprises/\(f.uscc.code)\">\(f.name)</a></td><td class=\"num\">\(wan(f.revenue))</td><td>\(l.t(step.chinese, step.english))</td></tr>"
        }
        let late = v.late.html { u, name in "<li><a href=\"/enterprises/\(u.code)\">\(name)</a> <code>\(u.code)</code></li>" }
        let total = v.standings.first { $0.indicator == .totalRD }?.progress
        return Layout.page(chrome, title: v.town.name, """
            <h1>\(v.town.name) · \(l.t("研发投入", "R&D input")) \(String(v.year))</h1>
            <form class="filters" method="get" action="/monitoring/towns/\(v.town.code)"><label>\(l.t("年度", "Year"))<input name="year" inputmode="numeric" size="5" value="\(String(v.year))"></label>
            <button type="submit" class="secondary">\(l.t("查看", "Show"))</button></form>
            \(total.map { p in HTML("<p class=\"big\">\(l.t("距年度目标还差 \(wan(Money(fen: p.gap))) 万元", "\(wan(Money(fen: p.gap))) (10,000 yuan) short of the year's target"))</p>") } ?? HTML.empty)
            <section aria-labelledby="st-h"><h2 id="st-h">\(l.t("目标与进度", "Targets and pace"))</h2>\(MonitoringPage.standingTable(v.standings, l))</section>
            <section aria-labelledby="tr-h"><h2 id="tr-h">\(l.t("趋势", "Trend"))</h2>\(MonitoringPage.trend(v.series, year: v.year, standings: v.standings, l))</section>
            <section aria-labelledby="idle-h"><h2 id="idle-h">\(l.t("连续两季无研发活动的规上工业企业", "Above-scale industrial firms without R&D for two quarters"))</h2>
            \(v.idle.isEmpty ? HTML("<p class=\"muted\">\(l.t("没有。", "None."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th class="num">\(l.t("营收（万元）", "Revenue (10k yuan)"))</th><th>\(l.t("建议", "Suggested next step"))</th></tr></thead>
            <tbody>\(idle)</tbody></table></div>
            """))</section>
            <section aria-labelledby="late-h"><h2 id="late-h">\(l.t("\(Format.quarter(v.dueQuarter, l))季报逾期未报", "Late with \(Format.quarter(v.dueQuarter, l))"))</h2>
            \(v.late.isEmpty ? HTML("<p class=\"muted\">\(l.t("全部按时填报。", "Everyone has filed."))</p>") : HTML("<ul>\(late)</ul>"))</section>
            <section aria-labelledby="f-h"><h2 id="f-h">\(l.t("填报企业", "Reporting firms"))</h2>
            \(v.firms.isEmpty ? HTML("<p class=\"muted\">\(l.t("该年度尚无填报。", "No reports this year yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th class="num">\(l.t("季度数", "Quarters"))</th><th class="num">\(l.t("营收（万元）", "Revenue (10k yuan)"))</th>
            <th class="num">\(l.t("研发经费（万元）", "R&D (10k yuan)"))</th><th>\(l.t("规模", "Scale"))</th><th>\(l.t("研发活动", "R&D activity"))</th></tr></thead>
            <tbody>\(firms)</tbody></table></div>
            """))</section>
            """)
    }
}
