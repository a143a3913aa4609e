import Foundation
import Kernel
import Qualification
import Registry
import Services
import Storage

/// The district ladder (科技型企业 → 高企培育库 → 高新技术企业 → 专精特新 → 小巨人): a funnel of
/// holders, and for each rung the new, the newly meeting and the expiring, each a list.
public enum LadderPage {
    public struct Model: Sendable {
        public var ladder: Ladder
        public var selected: (kind: DesignationKind, list: QualificationReader.ListKind)?
        /// This page of the selected list, and where the list stands.
        public var entries: [LadderEntry]
        public var state: ListState?
        public var lastChanges: [RecordedChange]
        public var canRun: Bool
        public init(ladder: Ladder, selected: (kind: DesignationKind, list: QualificationReader.ListKind)?, entries: [LadderEntry], state: ListState? = nil,
                    lastChanges: [RecordedChange], canRun: Bool) {
            self.ladder = ladder; self.selected = selected; self.entries = entries; self.state = state; self.lastChanges = lastChanges; self.canRun = canRun
        }
    }

    public static func detailHeader(_ which: QualificationReader.ListKind, _ l: Lang) -> String {
        switch which {
        case .holders: return l.t("认定日期", "Issued")
        case .expiring: return l.t("到期日", "Expires")
        case .nearMiss: return l.t("估计投入（元）", "Estimated cost (yuan)")
        case .newlyMeeting: return ""
        }
    }

    static func triggerName(_ trigger: String, _ l: Lang) -> String {
        switch trigger {
        case "web": return l.t("页面发起", "from the web")
        case "nightly": return l.t("夜间自动", "nightly")
        case "cli": return l.t("命令行", "command line")
        default: return trigger
        }
    }

    public static func listName(_ list: QualificationReader.ListKind, _ l: Lang) -> String {
        switch list {
        case .holders: return l.t("有效", "holders")
        case .newlyMeeting: return l.t("新达标", "newly meeting")
        case .expiring: return l.t("即将到期", "expiring")
        case .nearMiss: return l.t("准高企（差距最小）", "near-misses, cheapest first")
        }
    }

    /// The funnel: one centred bar per rung, width by the square root of its holders so the
    /// small top rungs stay visible next to a thousand 科技型企业.
    static func funnel(_ ladder: Ladder, _ l: Lang) -> HTML {
        let width = 640, rowHeight = 46, label = 150
        let top = Double(max(ladder.steps.map(\.holders).max() ?? 1, 1)).squareRoot()
        let bars = ladder.steps.enumerated().html { i, step in
            let w = max(60, Int(Double(width - label - 20) * Double(step.holders).squareRoot() / top))
            let x = label + (width - label - w) / 2, y = i * rowHeight
            return """
            <a href="/ladder?kind=\(step.kind.rawValue)&amp;list=holders&amp;asOf=\(ladder.asOf.description)">
            <text x="0" y="\(y + 26)">\(l.designation(step.kind))</text>
            <rect class="step\(step.kind == .highTechPool ? " pool" : "")" x="\(x)" y="\(y + 6)" width="\(w)" height="32" rx="4"><title>\(l.designation(step.kind)) \(step.holders)</title></rect>
            <text class="n" x="\(x + w / 2)" y="\(y + 27)" text-anchor="middle">\(step.holders)</text></a>
            """
        }
        return """
            <svg class="funnel" role="img" aria-label="\(l.t("梯次培育漏斗图", "Ladder funnel"))" viewBox="0 0 \(width) \(ladder.steps.count * rowHeight)" width="100%">\(bars)</svg>
            """
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let d = m.ladder
        func link(_ kind: DesignationKind, _ list: QualificationReader.ListKind, _ n: Int) -> HTML {
            n == 0 ? "0" : "<a href=\"/ladder?kind=\(kind.rawValue)&amp;list=\(list.rawValue)&amp;asOf=\(d.asOf.description)\">\(n)</a>"
        }
        let rows = d.steps.html { s in
            """
            <tr><th scope="row">\(l.designation(s.kind))</th><td class="num">\(link(s.kind, .holders, s.holders))</td>
            <td class="num">\(s.new)</td><td class="num">\(link(s.kind, .newlyMeeting, s.newlyMeeting))</td>
            <td class="num">\(link(s.kind, .expiring, s.expiring))</td>
            <td class="num">\(s.latestBatch.map { "\($0.batch)：\($0.enterprises)" } ?? "—")</td></tr>
            """
        }
        let run: HTML = d.lastRun.map { r in
            HTML("<p class=\"muted\">\(l.t("最近一次评估：第 \(r.id) 次，\(r.asOf)，\(r.assessed) 家企业，\(r.changed) 家有变化（\(triggerName(r.trigger, l))，\(String(r.startedAt.prefix(16)).replacingOccurrences(of: "T", with: " "))）。", "Last batch run: #\(r.id) at \(r.asOf), \(r.assessed) enterprises, \(r.changed) changed (\(triggerName(r.trigger, l)), \(String(r.startedAt.prefix(16)).replacingOccurrences(of: "T", with: " "))).")) · \(l.t("每晚 02:00 自动评估", "re-evaluated nightly at 02:00"))</p>")
        } ?? HTML("<p class=\"muted\">\(l.t("尚未运行批量评估，“新达标”一栏为空。", "No batch run yet, so “newly meeting” is empty."))</p>")
        let runForm: HTML = m.canRun ? HTML("""
            <form method="post" action="/ladder/run" class="inline">\(chrome.csrfField)<input type="hidden" name="asOf" value="\(d.asOf.description)">
            <button type="submit" class="secondary">\(l.t("立即重新评估全区", "Re-evaluate the district now"))</button></form>
            """) : .empty
        var list: HTML = .empty
        if let (kind, which) = m.selected {
            let entryRows = m.entries.html { e in
                "<tr><td><a href=\"/enterprises/\(e.uscc.code)?asOf=\(d.asOf.description)\">\(e.name)</a></td><td><code>\(e.uscc.code)</code></td><td class=\"num\">\(e.detail ?? "")</td></tr>"
            }
            let total = m.state?.total ?? m.entries.count
            let controls: HTML = m.state.map { HTML("<p>\(ListControls.export($0, path: "/ladder/export", l))</p>\(ListControls.pager($0, l, unit: ("家", "enterprises")))") } ?? .empty
            list = """
                <section class="panel" aria-labelledby="list-h"><h2 id="list-h">\(which == .nearMiss ? "" : l.designation(kind) + " · ")\(listName(which, l))（\(Format.count(total))）</h2>
                \(m.entries.isEmpty ? HTML("<p class=\"muted\">\(l.t("没有企业。", "No enterprises."))</p>") : HTML("""
                \(controls)
                <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("统一社会信用代码", "Unified social credit code"))</th><th class="num">\(detailHeader(which, l))</th></tr></thead>
                <tbody>\(entryRows)</tbody></table></div>
                """))</section>
                """
        }
        let changeRows = m.lastChanges.html { c in
            "<tr><td><a href=\"/enterprises/\(c.uscc.code)\">\(c.name)</a></td><td>\(l.designation(c.change.qualification.designation))</td><td>\(CheckLabels.standing(c.change.before, l))</td><td>\(CheckLabels.standing(c.change.after, l))</td></tr>"
        }
        return Layout.page(chrome, title: l.t("梯次培育", "Ladder"), """
            <h1>\(l.t("梯次培育", "The district ladder"))</h1>
            <form class="filters" method="get" action="/ladder"><label>\(l.t("统计日期", "As of"))<input type="date" name="asOf" value="\(d.asOf.description)"></label>
            <label>\(l.t("新增起始日", "New since"))<input type="date" name="since" value="\(d.since.description)"></label>
            <button type="submit" class="secondary">\(l.t("查看", "Show"))</button></form>
            \(run)\(runForm)
            <div class="grid2">
            <div class="panel">\(funnel(d, l))</div>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("梯次", "Rung"))</th><th class="num">\(l.t("有效", "Holders"))</th><th class="num">\(l.t("新增", "New")) \(d.since.description)–</th>
            <th class="num">\(l.t("新达标未认定", "Meet, not yet held"))</th><th class="num">\(l.t("90 天内到期", "Expire ≤ 90 days"))</th><th class="num">\(l.t("最新批次", "Latest batch"))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <p><a href="/ladder?kind=highTech&amp;list=nearMiss&amp;asOf=\(d.asOf.description)">\(l.t("准高企：离高企硬性条件最近的企业", "Near-misses: closest to the 高企 hard conditions"))</a></p></div>
            </div>
            \(list)
            \(m.lastChanges.isEmpty ? HTML.empty : HTML("""
            <section><h2>\(l.t("最近一次评估的变化", "Changes in the last run"))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("资质", "Qualification"))</th><th>\(l.t("原", "Before"))</th><th>\(l.t("现", "After"))</th></tr></thead>
            <tbody>\(changeRows)</tbody></table></div></section>
            """))
            """)
    }
}
