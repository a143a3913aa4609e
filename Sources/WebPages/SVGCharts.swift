import Foundation
import Kernel

/// Small charts drawn by the server as SVG (no script, so they print and work everywhere):
/// a trend line, bars against targets and a gauge.
enum SVGCharts {
    /// A line over labelled points, on a y axis from zero with round ticks and grid lines, the
    /// unit above the axis and the title as a visible caption.
    /// `reference` draws a dashed level (a target's quarterly share, say) over the points from
    /// index `from` on, named in the legend below the line's own name, `legend`.
    static func line(_ points: [(label: String, value: Double)], title: String, unit: String, width: Int = 640, height: Int = 240,
                     legend: String? = nil, reference: (value: Double, from: Int, label: String)? = nil) -> HTML {
        guard !points.isEmpty else { return .empty }
        let left = 64, bottom = 28, top = 22
        let ticks = niceTicks(max: max(points.map(\.value).max() ?? 0, reference?.value ?? 0))
        let maxValue = ticks.last ?? 1
        let step = points.count > 1 ? Double(width - left - 40) / Double(points.count - 1) : 0   // room for the last label
        func x(_ i: Int) -> Int { left + Int(Double(i) * step) }
        func y(_ v: Double) -> Int { top + Int(Double(height - top - bottom) * (1 - v / maxValue)) }
        let path = points.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(x(i)),\(y(p.value))" }.joined(separator: " ")
        let grid = ticks.html { t in
            "<line class=\"grid\" x1=\"\(left)\" y1=\"\(y(t))\" x2=\"\(width)\" y2=\"\(y(t))\"/><text x=\"\(left - 6)\" y=\"\(y(t) + 4)\" text-anchor=\"end\">\(format(t))</text>"
        }
        let marks = points.enumerated().html { i, p in
            """
            <circle class="dot" cx="\(x(i))" cy="\(y(p.value))" r="3.5"><title>\(p.label)：\(format(p.value)) \(unit)</title></circle>
            <text x="\(x(i))" y="\(height - 8)" text-anchor="middle">\(p.label)</text>
            """
        }
        let level: HTML = reference.flatMap { r in
            guard r.from < points.count else { return nil }
            let x1 = r.from == 0 ? left : x(r.from) - Int(step / 2), x2 = r.from == points.count - 1 && points.count == 1 ? width : x(points.count - 1) + 12
            return HTML("<line class=\"level\" x1=\"\(x1)\" y1=\"\(y(r.value))\" x2=\"\(x2)\" y2=\"\(y(r.value))\"><title>\(r.label)：\(format(r.value)) \(unit)</title></line>")
        } ?? .empty
        let key: [(String, String)] = (legend.map { [("key-line", $0)] } ?? []) + (reference.map { [("key-level", $0.label)] } ?? [])
        return """
            <figure class="chart"><figcaption>\(title)</figcaption>
            <svg class="chart" role="img" aria-label="\(title)" viewBox="0 0 \(width) \(height)" width="100%">
            <text x="\(left - 6)" y="12" text-anchor="end" class="unit">\(unit)</text>\(grid)
            <line class="axis" x1="\(left)" y1="\(height - bottom)" x2="\(width)" y2="\(height - bottom)"/>
            \(level)<path class="line" d="\(path)"/>\(marks)</svg>
            \(key.isEmpty ? HTML.empty : HTML("<p class=\"legend\">\(key.html { cls, text in "<span><i class=\"\(cls)\"></i>\(text)</span>" })</p>"))</figure>
            """
    }

    /// Round tick values from zero past `max`: steps of 1, 2, 2.5 or 5 times a power of ten,
    /// four or five of them.
    static func niceTicks(max: Double) -> [Double] {
        guard max > 0 else { return [0, 1] }
        let raw = max / 4
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let count = Int((max / step).rounded(.up))
        return (0...Swift.max(1, count)).map { Double($0) * step }
    }

    /// Horizontal bars, each with an optional target tick; a bar behind its target is marked.
    /// `legend` names what each colour or mark means, as (CSS class, text) pairs.
    static func bars(_ items: [(label: String, value: Double, target: Double?, behind: Bool)], title: String, unit: String, width: Int = 640,
                     legend: [(String, String)] = []) -> HTML {
        guard !items.isEmpty else { return .empty }
        let row = 26, label = 110, height = items.count * row + 8
        let maxValue = max(items.map { max($0.value, $0.target ?? 0) }.max() ?? 1, 1e-9)
        func w(_ v: Double) -> Int { Int(Double(width - label - 70) * v / maxValue) }
        let rows = items.enumerated().html { i, item in
            let y = i * row + 4
            let tick: HTML = item.target.map { t in HTML("<line class=\"target\" x1=\"\(label + w(t))\" y1=\"\(y - 2)\" x2=\"\(label + w(t))\" y2=\"\(y + 20)\"><title>\(format(t)) \(unit)</title></line>") } ?? .empty
            return """
            <text x="\(label - 6)" y="\(y + 14)" text-anchor="end">\(item.label)</text>
            <rect class="bar\(item.behind ? " behind" : "")" x="\(label)" y="\(y)" width="\(max(1, w(item.value)))" height="18" rx="3"><title>\(item.label): \(format(item.value)) \(unit)</title></rect>
            \(tick)<text x="\(label + w(max(item.value, item.target ?? 0)) + 6)" y="\(y + 14)">\(format(item.value))</text>
            """
        }
        return """
            <figure class="chart"><figcaption>\(title)</figcaption>
            <svg class="chart" role="img" aria-label="\(title)" viewBox="0 0 \(width) \(height)" width="100%">\(rows)</svg>
            \(legend.isEmpty ? HTML.empty : HTML("<p class=\"legend\">\(legend.html { cls, text in "<span><i class=\"\(cls)\"></i>\(text)</span>" })</p>"))</figure>
            """
    }

    /// A half-circle gauge for a share in tenths of a percent, with an optional target tick.
    static func gauge(permille: Int?, target: Int?, title: String) -> HTML {
        let r = 80.0, cx = 100.0, cy = 96.0
        func point(_ share: Double) -> (Double, Double) { (cx - r * cos(Double.pi * share), cy - r * sin(Double.pi * share)) }
        let share = Double(min(max(permille ?? 0, 0), 1_000)) / 1_000
        let (ex, ey) = point(share)
        let tick: HTML = target.map { t in
            let (tx, ty) = point(Double(min(t, 1_000)) / 1_000)
            let (ix, iy) = (cx + (tx - cx) * 0.72, cy + (ty - cy) * 0.72)
            return HTML("<line class=\"target\" x1=\"\(f(ix))\" y1=\"\(f(iy))\" x2=\"\(f(tx + (tx - cx) * 0.15))\" y2=\"\(f(ty + (ty - cy) * 0.15))\"><title>target \(String(Double(t) / 10))%</title></line>")
        } ?? .empty
        return """
            <svg class="chart" role="img" aria-label="\(title)" viewBox="0 0 200 120" width="220">
            <path class="arc-bg" d="M\(f(cx - r)),\(f(cy)) A\(f(r)),\(f(r)) 0 0 1 \(f(cx + r)),\(f(cy))"/>
            \(share > 0 ? HTML("<path class=\"arc\" d=\"M\(f(cx - r)),\(f(cy)) A\(f(r)),\(f(r)) 0 0 1 \(f(ex)),\(f(ey))\"/>") : .empty)
            \(tick)<text class="big" x="\(f(cx))" y="\(f(cy - 8))" text-anchor="middle">\(permille.map { "\($0 / 10).\($0 % 10)%" } ?? "—")</text></svg>
            """
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }
    /// Grouped whole numbers from 100 up (`14,214`), two decimals below.
    static func format(_ v: Double) -> String {
        abs(v) >= 100 || v == v.rounded() ? MoneyText.count(Int(v.rounded())) : String(format: "%.2f", v)
    }
}
