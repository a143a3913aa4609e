import Foundation
import Kernel
import Matching
import Services
import Storage

/// The programmes overview (issue: programmes and matching): the programmes with their calls
/// and where each call's projects stand, the matching events' funnel, and the chain leaders'
/// supporting firms; the call's panel list and the chief-expert round have pages of their own.
public enum ProgrammesPage {
    public struct Model: Sendable {
        public var programmes: [Programme]
        public var calls: [ProgrammeCall]
        public var projects: [Int64: [ProjectRecord]]
        public var figures: ProgrammeFigures
        public var events: [EventReport]
        /// The reader may open a call (bureau staff); `errors` are a refused call's reasons.
        public var canOpenCall: Bool
        public var errors: [String]
        public init(programmes: [Programme], calls: [ProgrammeCall], projects: [Int64: [ProjectRecord]], figures: ProgrammeFigures, events: [EventReport] = [],
                    canOpenCall: Bool = false, errors: [String] = []) {
            self.programmes = programmes; self.calls = calls; self.projects = projects; self.figures = figures; self.events = events
            self.canOpenCall = canOpenCall; self.errors = errors
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        guard !m.programmes.isEmpty else {
            return Layout.page(chrome, title: l.t("科技专项", "Programmes"), """
                <h1>\(l.t("科技专项", "Science programmes"))</h1>
                <p class="muted">\(l.t("尚未登记科技专项。", "No programme has been recorded yet."))</p>
                """)
        }
        let names = Dictionary(uniqueKeysWithValues: m.programmes.map { ($0.code, $0.name) })
        let programmeRows = m.programmes.html { p in
            let calls = m.calls.filter { $0.programme == p.code }.count
            return "<tr><td>\(p.name)</td><td><code>\(p.code)</code></td><td>\(p.fields.joined(separator: "、"))</td><td class=\"num\">\(calls)</td></tr>"
        }
        let callRows = m.calls.html { c in
            let ps = m.projects[c.id] ?? []
            let counts = ProjectStatus.allCases.compactMap { s -> String? in
                let n = ps.filter { $0.status == s }.count
                return n == 0 ? nil : "\(s.chineseName) \(n)"
            }.joined(separator: "，")
            return """
                <tr><td><a href="/programmes/calls/\(String(c.id))">\(c.title)</a></td><td>\(names[c.programme] ?? c.programme)</td><td>\(c.opens.description)–\(c.closes.description)</td>
                <td class="num">\(Format.yuan(Money(fen: c.budgetFen)))</td><td class="num">\(ps.count)</td><td>\(counts.isEmpty ? "—" : counts)</td></tr>
                """
        }
        let f = m.figures
        let leaders = f.leaders.html { "<tr><td>\($0.name)</td><td class=\"num\">\($0.firms)</td><td class=\"num\">\($0.highTech)</td></tr>" }
        return Layout.page(chrome, title: l.t("科技专项", "Programmes"), """
            <h1>\(l.t("科技专项与产学研对接", "Science programmes and matching"))</h1>
            \(Layout.errors(m.errors, l))
            <p><a class="button secondary" href="/programmes/chief-experts">\(l.t("首席专家", "Chief experts"))</a></p>
            <section class="panel" aria-labelledby="prog-h"><h2 id="prog-h">\(l.t("科技专项（\(m.programmes.count) 个）", "Programmes (\(m.programmes.count))"))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("专项", "Programme"))</th><th>\(l.t("代码", "Code"))</th><th>\(l.t("评审领域", "Fields"))</th><th class="num">\(l.t("申报通知", "Calls"))</th></tr></thead>
            <tbody>\(programmeRows)</tbody></table></div></section>
            <section class="panel" aria-labelledby="calls-h"><h2 id="calls-h">\(l.t("申报通知", "Calls"))</h2>
            \(m.calls.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无申报通知。", "No call yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("通知", "Call"))</th><th>\(l.t("专项", "Programme"))</th><th>\(l.t("申报期", "Window"))</th>
            <th class="num">\(l.t("预算（元）", "Budget (yuan)"))</th><th class="num">\(l.t("申报项目", "Projects"))</th><th>\(l.t("状态", "Where they stand"))</th></tr></thead>
            <tbody>\(callRows)</tbody></table></div>
            """))\(m.canOpenCall ? openCallForm(m.programmes, chrome) : .empty)</section>
            <section class="panel" aria-labelledby="event-h"><h2 id="event-h">\(l.t("产学研对接", "Industry–university matching"))</h2>
            \(f.latestEvent.map { e in HTML("<p>\(e)：\(l.t("参会企业 \(f.eventFirms) 家，签订合作意向 \(f.intentions) 项。", "\(f.eventFirms) firms attended, \(f.intentions) cooperation intentions signed."))</p>") }
              ?? HTML("<p class=\"muted\">\(l.t("尚无对接活动。", "No matching event yet."))</p>"))
            \(eventFunnels(m.events, l))</section>
            <section class="panel" aria-labelledby="chain-h"><h2 id="chain-h">\(l.t("链主企业引进配套企业", "Chain leaders' supporting firms"))</h2>
            \(f.leaders.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无记录。", "None recorded yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("链主企业", "Leader"))</th><th class="num">\(l.t("引进配套企业", "Firms brought in"))</th>
            <th class="num">\(l.t("其中高企", "Of them high-tech"))</th></tr></thead><tbody>\(leaders)</tbody></table></div>
            """))</section>
            """)
    }

    /// Open a call under a programme: window, budget, panel size, city quota, budget line.
    static func openCallForm(_ programmes: [Programme], _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let options = programmes.html { p in "<option value=\"\(p.code)\">\(p.name)</option>" }
        return HTML("""
            <details><summary>\(l.t("发布申报通知", "Open a call"))</summary>
            <form method="post" action="/programmes/calls">\(chrome.csrfField)
            <div class="field"><label>\(l.t("专项", "Programme"))<select name="programme" required>\(options)</select></label></div>
            <div class="field"><label>\(l.t("通知名称", "Title"))<input name="title" required maxlength="200"></label></div>
            <div class="field"><label>\(l.t("申报开始", "Opens"))<input name="opens" type="date" required></label><label>\(l.t("申报截止", "Closes"))<input name="closes" type="date" required></label></div>
            <div class="field"><label>\(l.t("预算（元）", "Budget (yuan)"))<input name="budget" required inputmode="decimal"></label></div>
            <div class="field"><label>\(l.t("每个项目评审专家数", "Reviewers per project"))<input name="reviewers" type="number" min="1" max="9" value="5" required></label>
            <label>\(l.t("推荐市级名额", "Places for the city"))<input name="cityQuota" type="number" min="0" value="0" required></label></div>
            <div class="field"><label>\(l.t("预算科目（可选）", "Budget line (optional)"))<input name="budgetLine" maxlength="64"></label></div>
            <button type="submit">\(l.t("发布", "Open the call"))</button></form></details>
            """)
    }

    /// Each event's funnel: registered → attended → intentions → contracts.
    static func eventFunnels(_ events: [EventReport], _ l: Lang) -> HTML {
        guard !events.isEmpty else { return .empty }
        func rate(_ r: Double?) -> String { r.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }
        let rows = events.html { r in
            let f = r.funnel, c = f.conversions
            return """
                <tr><td>\(r.event.title)<div class="muted">\(r.event.partner)</div></td><td>\(r.event.heldOn.description)</td><td class="num">\(f.registered)</td>
                <td class="num">\(f.attended)（\(rate(c.attendance))）</td><td class="num">\(f.intentions)（\(rate(c.intention))）</td>
                <td class="num">\(f.contracts)（\(rate(c.contract))）</td><td class="num">\(Format.yuan(Money(fen: f.contractFen)))</td></tr>
                """
        }
        return HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("活动", "Event"))</th><th>\(l.t("日期", "Date"))</th><th class="num">\(l.t("报名", "Registered"))</th>
            <th class="num">\(l.t("参会（到会率）", "Attended (rate)"))</th><th class="num">\(l.t("合作意向（转化率）", "Intentions (rate)"))</th>
            <th class="num">\(l.t("签约（转化率）", "Contracts (rate)"))</th><th class="num">\(l.t("合同金额（元）", "Contract value (yuan)"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """)
    }

    /// A call's panel list: rank, score, each reviewer's score, and the moderation flags.
    /// `waiting`: the call's projects not yet under review (with links, for the chain's steps);
    /// `canAssign`: the reader may propose the panels.
    /// `overlaps`: per project, how many of the firm's other claims the duplicate check flags.
    public static func renderCall(_ r: CallRanking, waiting: [ProjectRecord], names: [USCC: String], canAssign: Bool, unfilled: Int?,
                                  overlaps: [Int64: Int] = [:], _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let accepted = waiting.filter { $0.status == .accepted }.count
        func duplicate(_ id: Int64) -> String? { overlaps[id].map { l.t("疑似重复申报 \($0) 项", "\($0) possible double funding") } }
        let pending = waiting.html { p in
            "<tr><td><a href=\"/programmes/projects/\(String(p.id))\">\(p.title)</a></td><td>\(names[p.uscc] ?? p.uscc.code)</td><td>\(p.status.chineseName)</td><td>\(duplicate(p.id) ?? "—")</td></tr>"
        }
        let assign: HTML = canAssign && accepted > 0 ? HTML("""
            <form method="post" action="/programmes/calls/\(String(r.call.id))/assign" class="inline">\(chrome.csrfField)
            <button type="submit">\(l.t("为 \(accepted) 个已受理项目分配评审专家", "Assign reviewers to \(accepted) accepted projects"))</button></form>
            """) : .empty
        let shortage: HTML = unfilled.map { n in HTML("<div class=\"panel error\" role=\"alert\"><p>\(l.t("\(n) 个项目的评审组未配满（回避后同领域专家不足），仍为已受理。", "\(n) panels could not be filled (too few experts in the field free of conflict); those projects stay accepted."))</p></div>") } ?? .empty
        let before: HTML = waiting.isEmpty ? .empty : HTML("""
            <section class="panel" aria-labelledby="wait-h"><h2 id="wait-h">\(l.t("评审前的项目", "Projects before review"))</h2>\(assign)
            <div class="table-wrap"><table><thead><tr><th>\(l.t("项目", "Project"))</th><th>\(l.t("企业", "Firm"))</th><th>\(l.t("状态", "Status"))</th><th>\(l.t("提示", "Flags"))</th></tr></thead>
            <tbody>\(pending)</tbody></table></div></section>
            """)
        let rows = r.rows.html { row, p, scores in
            let flags = [row.flags.outliers.isEmpty ? nil : l.t("离群评分：", "Outlier: ") + row.flags.outliers.keys.sorted().joined(separator: ", "),
                         row.flags.disagreement ? l.t("专家意见分歧", "Panel disagrees") : nil, duplicate(p.id)].compactMap { $0 }
            let sheet = scores.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.2f", $0.value))" }.joined(separator: "；")
            return """
                <tr><td class="num">\(row.rank == 0 ? "—" : String(row.rank))</td><td><a href="/programmes/projects/\(String(p.id))">\(p.title)</a><div class="muted">\(names[p.uscc] ?? p.uscc.code)</div></td>
                <td>\(p.status.chineseName)</td><td class="num">\(row.score.map { String(format: "%.2f", $0) } ?? "—")</td>
                <td class="num">\(row.scored) / \(row.reviewers)</td><td>\(sheet.isEmpty ? "—" : sheet)</td><td>\(flags.isEmpty ? HTML("—") : HTML(unsafe: flags.map(HTML.escape).joined(separator: "<br>")))</td></tr>
                """
        }
        return Layout.page(chrome, title: r.call.title, """
            <h1>\(r.call.title)</h1>
            <p>\(l.t("申报期 \(r.call.opens)–\(r.call.closes)，每个项目 \(r.call.reviewers) 位评审专家，推荐市级名额 \(r.call.cityQuota) 个。",
                     "Open \(r.call.opens)–\(r.call.closes); \(r.call.reviewers) reviewers per project; \(r.call.cityQuota) places for the city."))</p>
            \(shortage)\(before)
            <p class="muted">\(l.t("评分为剔除离群评分后的平均分；离群评分仍保留在评分表中，由评审组长复核。",
                                   "The score is the mean after outliers are set aside; the outlier stays on the sheet for the chair to moderate."))</p>
            \(r.rows.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无进入评审的项目。", "No project has reached review yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("排名", "Rank"))</th><th>\(l.t("项目", "Project"))</th><th>\(l.t("状态", "Status"))</th>
            <th class="num">\(l.t("评分", "Score"))</th><th class="num">\(l.t("已评", "Scored"))</th><th>\(l.t("评分表", "Score sheet"))</th><th>\(l.t("提示", "Flags"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """))
            """)
    }

    /// The chief-expert round: each need, its proposed expert, both acceptances and the term.
    public static func renderChief(_ rows: [ChiefRoundRow], figures: ProgrammeFigures, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let body = rows.html { r in
            let m = r.match
            let state = m == nil ? l.t("待匹配", "Unmatched")
                : m?.termStarts != nil ? l.t("服务期 \(m?.termStarts?.description ?? "")–\(m?.termEnds?.description ?? "—")", "Term \(m?.termStarts?.description ?? "")–\(m?.termEnds?.description ?? "—")")
                : l.t("企业\(m?.firmAcceptedAt == nil ? "未" : "已")确认，专家\(m?.expertAcceptedAt == nil ? "未" : "已")确认",
                      "firm \(m?.firmAcceptedAt == nil ? "pending" : "accepted"), expert \(m?.expertAcceptedAt == nil ? "pending" : "accepted")")
            return """
                <tr><td>\(r.firmName)</td><td>\(r.need.field)</td><td>\(r.need.problem)</td>
                <td>\(r.expert.map { e in HTML("\(e.expert.name)<div class=\"muted\">\(e.expert.institution ?? "")</div>") } ?? HTML("—"))</td><td>\(state)</td>
                <td>\(m.map { "\($0.achievements) / \($0.problemsSolved) / \($0.trainings)" + (r.targetsMet ? l.t("（已达标）", " (met)") : "") } ?? "—")</td></tr>
                """
        }
        return Layout.page(chrome, title: l.t("首席专家", "Chief experts"), """
            <h1>\(l.t("首席专家制度", "Chief-expert scheme"))</h1>
            <p>\(l.t("本轮收集企业需求 \(figures.needs) 个，向 \(figures.institutions) 家单位征集，推荐专家 \(figures.chiefExperts) 名；每位专家服务 1–3 家企业，服务期一年，双方确认后开始。",
                     "This round: \(figures.needs) needs, \(figures.institutions) institutions asked, \(figures.chiefExperts) experts recommended; each serves 1–3 firms for one year once both sides accept."))</p>
            \(rows.isEmpty ? HTML("<p class=\"muted\">\(l.t("本轮尚无需求。", "No needs in this round yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Firm"))</th><th>\(l.t("领域", "Field"))</th><th>\(l.t("需求", "Need"))</th>
            <th>\(l.t("首席专家", "Chief expert"))</th><th>\(l.t("状态", "Status"))</th><th>\(l.t("成果转化 / 解决难题 / 培训", "Achievements / problems / trainings"))</th></tr></thead><tbody>\(body)</tbody></table></div>
            """))
            """)
    }
}
