import Foundation
import Kernel
import Registry
import Services
import Storage

/// The district's innovation resources (issue: programmes and matching, item 7): platforms by
/// level and kind (F16), talents by category (F19), and the shared instruments with how much
/// each was used over the last 90 days.
public enum ResourcesPage {
    public struct Model: Sendable {
        public var asOf: LocalDate
        public var platforms: [InnovationPlatform]
        public var firmNames: [USCC: String]
        public var talents: [TalentTally]
        public var instruments: [InstrumentUse]
        public var usePeriod: ClosedRange<LocalDate>
        public init(asOf: LocalDate, platforms: [InnovationPlatform], firmNames: [USCC: String], talents: [TalentTally],
                    instruments: [InstrumentUse], usePeriod: ClosedRange<LocalDate>) {
            self.asOf = asOf; self.platforms = platforms; self.firmNames = firmNames; self.talents = talents
            self.instruments = instruments; self.usePeriod = usePeriod
        }
    }

    static func level(_ l: InstitutionLevel, _ lang: Lang) -> String {
        switch l {
        case .national: return lang.t("国家级", "National")
        case .provincial: return lang.t("省级", "Provincial")
        case .municipal: return lang.t("市级", "Municipal")
        case .district: return lang.t("区级", "District")
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let byLevel = InstitutionLevel.allCases.html { lv in
            "<tr><td>\(level(lv, l))</td><td class=\"num\">\(m.platforms.filter { $0.level == lv }.count)</td></tr>"
        }
        let kinds = Dictionary(grouping: m.platforms, by: \.kind).sorted { $0.key < $1.key }
        let byKind = kinds.html { k, ps in "<tr><td>\(k)</td><td class=\"num\">\(ps.count)</td></tr>" }
        let list = m.platforms.html { p in
            "<tr><td>\(p.name)</td><td>\(level(p.level, l))</td><td><a href=\"/enterprises/\(p.enterprise.code)\">\(m.firmNames[p.enterprise] ?? p.enterprise.code)</a></td><td>\(p.recognisedOn.description)</td></tr>"
        }
        func count(_ keep: (TalentTally) -> Bool) -> Int { m.talents.filter(keep).reduce(0) { $0 + $1.count } }
        let talents = TalentCategory.allCases.html { c in
            "<tr><td>\(c == .introduced ? l.t("引进人才", "Talents introduced") : l.t("储备高技能人才", "High-skill talents in reserve"))</td><td class=\"num\">\(count { $0.category == c })</td></tr>"
        }
        let talentLevels = InstitutionLevel.allCases.html { lv in "<tr><td>\(level(lv, l))</td><td class=\"num\">\(count { $0.level == lv })</td></tr>" }
        let unknownLevel = count { $0.level == nil }
        let talentFields = Set(m.talents.compactMap(\.field)).sorted().html { f in "<tr><td>\(f)</td><td class=\"num\">\(count { $0.field == f })</td></tr>" }
        let instruments = m.instruments.html { u in
            let i = u.instrument
            let pending = u.bookings[.requested] ?? 0
            return """
                <tr><td><code>\(i.code)</code></td><td>\(i.name)<div class="muted">\(i.category)</div></td><td>\(i.host)</td>
                <td class="num">\(Format.yuan(i.hourlyFee))</td><td class="num">\(i.hoursPerWeek)</td>
                <td class="num">\((u.bookings[.used] ?? 0) + (u.bookings[.confirmed] ?? 0))\(pending > 0 ? l.t("（待确认 \(pending)）", " (\(pending) waiting)") : "")</td>
                <td class="num">\(String(format: "%.1f", u.usedHours))</td><td class="num">\(u.utilisation.map { String(format: "%.0f%%", $0 * 100) } ?? "—")</td></tr>
                """
        }
        return Layout.page(chrome, title: l.t("创新资源", "Innovation resources"), """
            <h1>\(l.t("创新资源", "Innovation resources"))</h1>
            <p class="muted">\(l.t("截至 \(m.asOf.description)。", "As of \(m.asOf.description)."))</p>
            <div class="grid2">
            <section class="panel" aria-labelledby="lv-h"><h2 id="lv-h">\(l.t("创新平台（按级别）", "Platforms by level"))</h2>
            <table><tbody>\(byLevel)<tr><th>\(l.t("合计", "Total"))</th><th class="num">\(m.platforms.count)</th></tr></tbody></table></section>
            <section class="panel" aria-labelledby="kind-h"><h2 id="kind-h">\(l.t("创新平台（按类型）", "Platforms by kind"))</h2>
            <table><tbody>\(byKind)</tbody></table></section>
            <section class="panel" aria-labelledby="tal-h"><h2 id="tal-h">\(l.t("人才", "Talents"))</h2><table><tbody>\(talents)</tbody></table>
            <h3>\(l.t("按级别", "By level"))</h3><table><tbody>\(talentLevels)\(unknownLevel > 0 ? HTML("<tr><td>\(l.t("未登记", "Not recorded"))</td><td class=\"num\">\(unknownLevel)</td></tr>") : .empty)</tbody></table>
            <h3>\(l.t("按领域", "By field"))</h3><table><tbody>\(talentFields)</tbody></table></section>
            </div>
            <section class="panel" aria-labelledby="ins-h"><h2 id="ins-h">\(l.t("共享科研仪器", "Shared research instruments"))</h2>
            <p class="muted">\(l.t("使用率 = \(m.usePeriod.lowerBound.description) 至 \(m.usePeriod.upperBound.description) 实际使用机时 ÷ 同期开放机时（每周开放机时 × 天数 ÷ 7）。",
                                   "Utilisation = hours used \(m.usePeriod.lowerBound.description) to \(m.usePeriod.upperBound.description) ÷ hours offered (weekly hours × days ÷ 7)."))</p>
            \(m.instruments.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无共享仪器。", "No instrument is shared yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("编号", "Code"))</th><th>\(l.t("仪器", "Instrument"))</th><th>\(l.t("所属单位", "Host"))</th>
            <th class="num">\(l.t("收费（元/小时）", "Fee (yuan/h)"))</th><th class="num">\(l.t("每周开放机时", "Hours offered / week"))</th>
            <th class="num">\(l.t("预约", "Bookings"))</th><th class="num">\(l.t("使用机时", "Hours used"))</th><th class="num">\(l.t("使用率", "Utilisation"))</th></tr></thead>
            <tbody>\(instruments)</tbody></table></div>
            """))</section>
            <section class="panel" aria-labelledby="pl-h"><h2 id="pl-h">\(l.t("创新平台名录", "Platform register"))</h2>
            \(m.platforms.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无创新平台。", "No platform recorded yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("平台", "Platform"))</th><th>\(l.t("级别", "Level"))</th><th>\(l.t("依托企业", "Host firm"))</th>
            <th>\(l.t("认定日期", "Recognised"))</th></tr></thead><tbody>\(list)</tbody></table></div>
            """))</section>
            """)
    }
}
