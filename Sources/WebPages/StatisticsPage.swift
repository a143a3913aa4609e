import Accounts
import Kernel
import Services

/// The statistics report: every letter figure the records hold for a period, with its
/// definition and a link to the records behind it; prints on one page.
public enum StatisticsPage {
    static func table(_ r: StatisticsReport, links: Bool, _ l: Lang) -> HTML {
        let rows = r.figures.html { f in
            let (label, text, period, definition) = l.isChinese ? (f.label, f.value, f.period, f.definition) : (f.en.label, f.en.value, f.en.period, f.en.definition)
            let value: HTML = links ? f.drillDown.map { HTML("<a href=\"\($0)\">\(text)</a>") } ?? "\(text)" : "\(text)"
            return "<tr><td>\(f.id)</td><td>\(label)</td><td class=\"num\">\(value)</td><td>\(period)</td><td class=\"basis\">\(definition)</td></tr>"
        }
        return """
            <div class="table-wrap"><table><thead><tr><th>#</th><th>\(l.t("指标", "Figure"))</th><th class="num">\(l.t("数值", "Value"))</th><th>\(l.t("期间", "Period"))</th><th>\(l.t("口径", "Definition"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    public static func render(_ r: StatisticsReport, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let q = "from=\(r.from)&amp;to=\(r.to)"
        return Layout.page(chrome, title: l.t("统计报表", "Statistics"), """
            <h1>\(l.t("科技创新统计报表", "Science and innovation statistics")) · \(r.from.description)–\(r.to.description)</h1>
            <form class="filters" method="get" action="/statistics">
            <label>\(l.t("起", "From"))<input type="date" name="from" value="\(r.from.description)"></label>
            <label>\(l.t("止", "To"))<input type="date" name="to" value="\(r.to.description)"></label>
            <button type="submit" class="secondary">\(l.t("生成", "Show"))</button>
            <a class="button secondary" href="/statistics/export?\(HTML(unsafe: q))">\(l.t("导出 Excel", "Export to Excel"))</a></form>
            \(table(r, links: true, l))
            <p class="basis">\(l.t("研发指标（F11–F13）取截止日前最近一个完整年度；点击数值查看对应记录。", "R&D figures (F11–F13) are for the last whole year ending by the end date; a value links to its records."))</p>
            """)
    }

    /// A standalone printable document (the command line's --format html).
    public static func document(_ r: StatisticsReport) -> String {
        """
        <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>统计报表 \(r.from)–\(r.to)</title>
        <style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:24px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}.num{text-align:right}.basis{color:#555;font-size:.85em}</style>
        </head><body><h1>科技创新统计报表 · \(r.from)–\(r.to)</h1>\(table(r, links: false, Lang(.zh)).text)</body></html>
        """
    }
}
