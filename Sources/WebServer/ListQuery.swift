import Foundation
import HummingbirdCore
import Hummingbird
import Kernel

/// Reading a list page's query (issue 22, item 2): trimmed texts, a page number, and a span of
/// Beijing days as the UTC instants the records keep.
struct ListQuery {
    let parameters: FlatDictionary<Substring, Substring>
    var problems: [String] = []

    init(_ request: Request) { parameters = request.uri.queryParameters }

    func text(_ name: String) -> String { (parameters.get(name) ?? "").trimmingCharacters(in: .whitespaces) }
    func optional(_ name: String) -> String? { text(name).isEmpty ? nil : text(name) }

    /// 1 and up; nonsense reads as the first page.
    var page: Int { max(1, min(Int(text("page")) ?? 1, 100_000)) }

    /// `from` 00:00 to `to` 24:00 Beijing time (UTC+8, no daylight saving) as ISO instants, the
    /// first inclusive and the second exclusive; a malformed or reversed span is a problem.
    mutating func beijingDays(from: String = "from", to: String = "to") -> (from: String?, until: String?) {
        var bounds: (String?, String?) = (nil, nil)
        for (name, zh) in [(from, "起始日期"), (to, "截止日期")] where !text(name).isEmpty {
            guard let d = LocalDate(text(name)), (1949...2200).contains(d.year) else {
                problems.append("\(zh)须为 YYYY-MM-DD / \(name) must be YYYY-MM-DD"); continue
            }
            if name == from { bounds.0 = "\(d.adding(days: -1))T16:00:00Z" } else { bounds.1 = "\(d)T16:00:00Z" }
        }
        if let f = bounds.0, let u = bounds.1, f >= u { problems.append("起始日期晚于截止日期 / the start is after the end") }
        return bounds
    }
}
