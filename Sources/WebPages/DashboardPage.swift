import Kernel
import Registry
import Storage

/// The district at a glance: enterprises by designation and by town.
public enum DashboardPage {
    public static func render(_ o: DistrictOverview, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let cards = [HTML("<div class=\"card\"><div class=\"n\">\(o.enterprises)</div><div class=\"l\">\(l.t("在册企业", "Enterprises"))</div></div>")]
            + DesignationKind.allCases.map { k in
                "<a class=\"card\" href=\"/enterprises?designation=\(k.rawValue)\"><div class=\"n\">\(o.byDesignation[k] ?? 0)</div><div class=\"l\">\(l.designation(k))</div></a>"
            }
        let maxCount = max(o.byTown.map(\.enterprises).max() ?? 1, 1)
        let rowHeight = 22, labelWidth = 90, chartWidth = 640
        let bars = o.byTown.enumerated().html { i, t in
            let w = max(1, t.enterprises * (chartWidth - labelWidth - 60) / maxCount)
            let y = i * rowHeight
            return """
            <text class="bar-label" x="0" y="\(y + 15)">\(t.name)</text>
            <rect class="bar" x="\(labelWidth)" y="\(y + 4)" width="\(w)" height="14" rx="3"><title>\(t.name) \(t.enterprises)</title></rect>
            <text class="bar-label" x="\(labelWidth + w + 6)" y="\(y + 15)">\(t.enterprises)</text>
            """
        }
        let townRows = o.byTown.html { t in
            "<tr><td><a href=\"/enterprises?town=\(t.code)\">\(t.name)</a></td><td class=\"num\">\(t.enterprises)</td><td class=\"num\">\(t.designated)</td></tr>"
        }
        return Layout.page(chrome, title: l.t("概览", "Overview"), """
            <h1>\(l.t("全区概览", "District overview"))</h1>
            <form class="filters" method="get" action="/"><label>\(l.t("统计日期", "As of"))<input type="date" name="asOf" value="\(o.asOf.description)"></label>
            <button type="submit" class="secondary">\(l.t("查看", "Show"))</button></form>
            <section aria-label="\(l.t("按资质统计", "By designation"))"><div class="cards">\(cards)</div></section>
            <h2>\(l.t("各镇街企业", "Enterprises by town"))</h2>
            <div class="grid2">
            <div class="panel"><svg role="img" aria-label="\(l.t("各镇街企业数柱状图", "Bar chart of enterprises by town"))" viewBox="0 0 \(chartWidth) \(max(o.byTown.count * rowHeight, rowHeight))" width="100%">\(bars)</svg></div>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("镇街", "Town"))</th><th class="num">\(l.t("企业", "Enterprises"))</th><th class="num">\(l.t("有资质", "Designated"))</th></tr></thead>
            <tbody>\(townRows)</tbody></table></div>
            </div>
            """)
    }
}
