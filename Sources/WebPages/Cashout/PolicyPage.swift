import Cashout
import Kernel
import Services
import Storage

/// One policy: its rule as published and the firms it finds (政策找企业), eligible or missing
/// data, with reasons and amounts; administrators create the 免申即享 entitlements from here.
public enum PolicyPage {
    public struct Model: Sendable {
        public var policy: PublishedPolicy
        public var year: Int
        public var matches: [CashoutService.MatchRow]
        public var canEntitle: Bool
        public init(policy: PublishedPolicy, year: Int, matches: [CashoutService.MatchRow], canEntitle: Bool) {
            self.policy = policy; self.year = year; self.matches = matches; self.canEntitle = canEntitle
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, p = m.policy.policy
        let eligible = m.matches.filter { $0.match.verdict == .eligible }, missing = m.matches.filter { $0.match.verdict == .missingData }
        let declaredOnly = m.matches.filter { $0.match.verdict == .ineligible }
        let open = eligible.filter { !$0.claimed }
        func rows(_ list: [CashoutService.MatchRow]) -> HTML {
            list.prefix(500).html { r in
                """
                <tr><td><a href="/enterprises/\(r.match.uscc.code)">\(r.name)</a></td><td class="num">\(Format.yuan(r.match.amount))</td>
                <td>\(r.match.reasons.html { "<div>\(l.half($0))</div>" })\(r.match.missing.html { "<div class=\"warn\">\(l.half($0))</div>" })\(r.declaredYears.html { y in
                    "<div class=\"warn\">\(l.t("企业申报的 \(y) 年度数据待核实，未计入", "Figures declared for \(y) await verification and are not counted")) · <a href=\"/enterprises/\(r.match.uscc.code)#declarations\">\(l.t("查看", "View"))</a></div>"
                })</td>
                <td>\(r.claimed ? l.t("已申请或已拨付", "claimed or paid") : l.t("未申请", "not yet"))</td></tr>
                """
            }
        }
        let head: HTML = "<thead><tr><th>\(l.t("企业", "Enterprise"))</th><th class=\"num\">\(l.t("金额（元）", "Amount (yuan)"))</th><th>\(l.t("依据", "Reasons"))</th><th>\(l.t("状态", "State"))</th></tr></thead>"
        let entitle: HTML = m.canEntitle && p.mode == .proactive ? HTML("""
            <form method="post" action="/cashout/policies/\(p.id)/entitle" class="inline">\(chrome.csrfField)
            <button type="submit"\(m.year == p.subsidyYear && !open.isEmpty ? HTML.empty : HTML(" disabled"))>\(l.t("为 \(open.count) 家企业生成免申即享待确认名单", "Create entitlements for \(open.count) firms"))</button></form>
            """) : .empty
        return Layout.page(chrome, title: p.name, """
            <p><a href="/cashout">← \(l.t("政策兑现", "Policy cash-out"))</a></p>
            <h1>\(p.name)</h1>
            <dl class="facts"><dt>\(l.t("依据", "Basis"))</dt><dd>\(p.basis)</dd><dt>\(l.t("版本", "Version"))</dt><dd>v\(p.version) · \(Format.time(m.policy.publishedAt)) · \(Format.actor(m.policy.publishedBy, l))</dd>
            <dt>\(l.t("方式", "Mode"))</dt><dd>\(l.t(p.mode.chineseName, p.mode.rawValue))</dd><dt>\(l.t("金额", "Amount"))</dt><dd>\(p.amount.summary)</dd>
            <dt>\(l.t("兑现年度", "Subsidy year"))</dt><dd>\(p.subsidyYear)</dd><dt>\(l.t("频次", "Frequency"))</dt><dd>\(p.frequency.chineseName)</dd><dt>\(l.t("申报期", "Window"))</dt><dd>\(p.window.opens.description)–\(p.window.closes.description)</dd>
            <dt>\(l.t("预算科目", "Budget line"))</dt><dd>\(p.budgetLine)</dd><dt>\(l.t("附件", "Attachments"))</dt><dd>\(p.attachments.isEmpty ? "—" : p.attachments.joined(separator: "、"))</dd></dl>
            <form method="get" class="inline"><label>\(l.t("补助年度", "Subsidy year")) <input name="year" inputmode="numeric" value="\(m.year)" size="6"></label>
            <button class="secondary" type="submit">\(l.t("匹配", "Match"))</button></form> \(entitle)
            <h2>\(l.t("符合条件", "Eligible")) (\(eligible.count))</h2>
            \(eligible.isEmpty ? HTML("<p class=\"muted\">\(l.t("没有企业符合条件。", "No firm is eligible."))</p>") : HTML("<div class=\"table-wrap\"><table>\(head)<tbody>\(rows(eligible))</tbody></table></div>"))
            <h2>\(l.t("缺少数据", "Missing data")) (\(missing.count))</h2>
            \(missing.isEmpty ? HTML("<p class=\"muted\">\(l.t("无。", "None."))</p>") : HTML("<div class=\"table-wrap\"><table>\(head)<tbody>\(rows(missing))</tbody></table></div>"))
            \(declaredOnly.isEmpty ? HTML.empty : HTML("""
            <h2>\(l.t("按已核实数据不符合、企业申报待核实", "Not eligible on verified figures; declared figures await verification")) (\(declaredOnly.count))</h2>
            <p class="muted">\(l.t("这些企业申报的数据尚未核实；核实确认后再匹配。", "These firms declared figures nobody has verified yet; match again once they are confirmed."))</p>
            <div class="table-wrap"><table>\(head)<tbody>\(rows(declaredOnly))</tbody></table></div>
            """))
            """)
    }
}
