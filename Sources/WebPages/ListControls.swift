import Foundation

/// Where a list page stands (issue 22, item 2): its filters as the query carried them, the sort,
/// the page, and how many rows match. Every link the page draws — another page, another sort,
/// the export — keeps the filters, so "导出 Excel" exports exactly the rows on screen and beyond.
public struct ListState: Sendable {
    public var path: String
    /// The filters in effect, as query pairs (empty values left out).
    public var filters: [(String, String)]
    public var sort: String
    public var defaultSort: String
    public var page: Int
    public var pageSize: Int
    public var total: Int

    public static let pageSizeDefault = 50

    public init(path: String, filters: [(String, String)], sort: String, defaultSort: String, page: Int, pageSize: Int = ListState.pageSizeDefault, total: Int) {
        self.path = path; self.filters = filters.filter { !$0.1.isEmpty }; self.sort = sort; self.defaultSort = defaultSort
        self.page = page; self.pageSize = pageSize; self.total = total
    }

    public var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
    public var offset: Int { (page - 1) * pageSize }

    /// The query string for the same list with another page or sort.
    func query(page: Int? = nil, sort: String? = nil, extra: [(String, String)] = []) -> String {
        var pairs = filters
        let s = sort ?? self.sort
        if s != defaultSort { pairs.append(("sort", s)) }
        if let page, page > 1 { pairs.append(("page", String(page))) }
        pairs += extra
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    static func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? "" }

    /// The value of a filter, "" when not set.
    public func value(_ name: String) -> String { filters.first { $0.0 == name }?.1 ?? "" }
}

public enum ListControls {
    /// "共 1,234 条 · 第 3 / 25 页" with previous and next, and the pages around this one.
    public static func pager(_ state: ListState, _ l: Lang, unit: (String, String) = ("条", "rows")) -> HTML {
        // A page past the end (a stale link, a typed URL) is drawn as the last page: the ranges
        // below need page ≤ pageCount.
        var s = state
        s.page = min(max(1, s.page), s.pageCount)
        let summary = l.t("共 \(Format.count(s.total)) \(unit.0)", "\(Format.count(s.total)) \(unit.1)")
            + (s.pageCount > 1 ? l.t(" · 第 \(s.page) / \(s.pageCount) 页", " · page \(s.page) of \(s.pageCount)") : "")
        guard s.pageCount > 1 else { return HTML("<p class=\"muted list-total\">\(summary)</p>") }
        var numbers: [Int] = [1]
        numbers += (max(2, s.page - 2)...min(s.pageCount, max(2, s.page + 2))).filter { $0 > 1 }
        if !numbers.contains(s.pageCount) { numbers.append(s.pageCount) }
        var links: [HTML] = []
        if s.page > 1 { links.append(HTML("<a rel=\"prev\" href=\"\(s.path)\(HTML(unsafe: HTML.escape(s.query(page: s.page - 1))))\">← \(l.t("上一页", "Previous"))</a>")) }
        var last = 0
        for n in numbers {
            if n > last + 1 { links.append("<span aria-hidden=\"true\">…</span>") }
            links.append(n == s.page ? HTML("<strong aria-current=\"page\">\(n)</strong>")
                                     : HTML("<a href=\"\(s.path)\(HTML(unsafe: HTML.escape(s.query(page: n))))\">\(n)</a>"))
            last = n
        }
        if s.page < s.pageCount { links.append(HTML("<a rel=\"next\" href=\"\(s.path)\(HTML(unsafe: HTML.escape(s.query(page: s.page + 1))))\">\(l.t("下一页", "Next")) →</a>")) }
        return HTML("""
            <nav class="pager" aria-label="\(l.t("分页", "Pages"))"><span class="muted">\(summary)</span>\(links.html { $0 })</nav>
            """)
    }

    /// A column heading that sorts the list by `key` (and by `reverse`, when given, on a second
    /// click). `key` sorts descending when `reverse` is given (newest first) or `descending` says so
    /// (the largest amount first); the arrow and `aria-sort` say which way.
    public static func header(_ s: ListState, _ label: String, key: String, reverse: String? = nil, descending: Bool = false, numeric: Bool = false) -> HTML {
        let active = s.sort == key || s.sort == reverse
        let next = s.sort == key ? (reverse ?? key) : key
        let keyDown = reverse != nil || descending
        let arrow = s.sort == key ? (keyDown ? " ▼" : " ▲") : s.sort == reverse ? " ▲" : ""
        let aria = s.sort == key ? (keyDown ? "descending" : "ascending") : s.sort == reverse ? "ascending" : "none"
        return HTML("""
            <th\(numeric ? HTML(" class=\"num\"") : .empty) aria-sort="\(aria)"><a class="sort\(active ? HTML(" active") : .empty)" href="\(s.path)\(HTML(unsafe: HTML.escape(s.query(sort: next))))">\(label)\(arrow)</a></th>
            """)
    }

    /// "导出 Excel" of the filtered rows, all pages.
    public static func export(_ s: ListState, path: String, _ l: Lang) -> HTML {
        let disabled = s.total == 0
        return disabled
            ? HTML("<span class=\"button secondary disabled\" aria-disabled=\"true\">\(l.t("导出 Excel", "Export to Excel"))</span>")
            : HTML("<a class=\"button secondary\" href=\"\(path)\(HTML(unsafe: HTML.escape(s.query(sort: s.defaultSort))))\">\(l.t("导出 Excel", "Export to Excel"))（\(Format.count(s.total))）</a>")
    }

    /// A select of options with "全部" first.
    public static func select(_ name: String, label: String, selected: String, options: [(String, String)], any: String) -> HTML {
        let opts = options.html { v, t in "<option value=\"\(v)\"\(v == selected ? HTML(" selected") : .empty)>\(t)</option>" }
        return "<label>\(label)<select name=\"\(name)\"><option value=\"\">\(any)</option>\(opts)</select></label>"
    }

    /// The two date fields of a span of days (`from`, `to`).
    public static func dateRange(_ s: ListState, from: String, to: String) -> HTML {
        """
        <label>\(from)<input type="date" name="from" value="\(s.value("from"))"></label>
        <label>\(to)<input type="date" name="to" value="\(s.value("to"))"></label>
        """
    }

    /// The end of a filter form: apply, clear, and export what the filters select.
    public static func formActions(_ s: ListState, export: String, _ l: Lang) -> HTML {
        """
        <button type="submit">\(l.t("筛选", "Filter"))</button>
        <a class="button secondary" href="\(s.path)">\(l.t("清除", "Clear"))</a>
        \(ListControls.export(s, path: export, l))
        """
    }
}
