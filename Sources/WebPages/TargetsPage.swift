import Kernel
import RDMonitoring
import Registry

/// The year's R&D targets handed down (目标任务细化分解): the district's three, the total split
/// to the towns (it must add up), and the GDP the intensity is measured against. Departments
/// and key firms are set through the API.
public enum TargetsPage {
    public struct Model: Sendable {
        public var year: Int
        public var plan: TargetPlan
        public var towns: [Town]
        public var gdp: Money?
        public var canEdit: Bool
        /// Messages by field name ("" for the plan as a whole), "中文 / English".
        public var errors: [String: String]
        /// What was typed, when the form comes back with errors: shown instead of the saved plan,
        /// so nothing typed is lost.
        public var form: [String: String]?
        public init(year: Int, plan: TargetPlan, towns: [Town], gdp: Money?, canEdit: Bool, errors: [String: String] = [:], form: [String: String]? = nil) {
            self.year = year; self.plan = plan; self.towns = towns; self.gdp = gdp; self.canEdit = canEdit; self.errors = errors; self.form = form
        }
    }

    /// A target in 万元 as the form shows it: grouped, exact to the fen, no trailing zeros, so
    /// that saving the page unchanged writes the same value back.
    static func wan(_ fen: Int64?) -> String { fen.map { Format.scaled($0, unit: 1_000_000, places: 6, trimZeros: true) } ?? "" }
    static func percent(_ v: Int64?, scale: Int64) -> String {
        guard let v else { return "" }
        let places = scale == 10 ? 1 : 2
        return RDIndicators.percentText(Int(v), places: places).dropLast().description
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, p = m.plan
        let attributes = "inputmode=\"decimal\"" + (m.canEdit ? "" : " disabled")
        // The saved value, or what was typed when the form came back.
        func value(_ name: String, _ saved: String) -> String { m.form.map { $0[name] ?? "" } ?? saved }
        func field(_ name: String, _ label: String, _ saved: String) -> HTML {
            Layout.field(name, label: label, value: value(name, saved), error: m.errors[name].map { l.half($0) }, attributes: attributes)
        }
        let towns = m.towns.html { t in
            let name = "town.\(t.code)", error = m.errors[name].map { l.half($0) }
            return """
            <tr><td>\(t.name)</td><td><label class="sr-only" for="f-\(name)">\(t.name)</label>\
            <input id="f-\(name)" name="\(name)" value="\(value(name, wan(p.target(.totalRD, .town(t.code)))))" \(HTML(unsafe: attributes))\
            \(error != nil ? HTML(" aria-invalid=\"true\" aria-describedby=\"f-\(name)-error\"") : .empty)>\
            \(error.map { HTML("<p class=\"error\" id=\"f-\(name)-error\">\($0)</p>") } ?? .empty)</td></tr>
            """
        }
        let others = p.targets.filter { t in if case .department = t.unit { return true }; if case .firm = t.unit { return true }; return false }.html { t in
            "<li>\(t.unit.kind == "department" ? l.t("部门", "Department") : l.t("重点企业", "Key firm")) \(t.unit.code)：\(MonitoringPage.indicatorName(t.indicator, l)) \(MonitoringPage.value(t.indicator, t.value))</li>"
        }
        let errors = Layout.fieldErrors(m.errors, l)
        return Layout.page(chrome, title: l.t("研发目标", "R&D targets"), """
            <h1>\(l.t("研发投入目标分解", "R&D targets handed down")) · \(String(m.year))</h1>\(errors)
            <form method="post" action="/monitoring/targets">\(chrome.csrfField)<input type="hidden" name="year" value="\(String(m.year))">
            <div class="grid-form">
            \(field("totalRD", l.t("全区研发经费目标（万元）", "District R&D target (10,000 yuan)"), wan(p.target(.totalRD, .district))))
            \(field("shareWithRD", l.t("规上工业企业有研发活动占比目标（%）", "Share with R&D target (%)"), percent(p.target(.shareWithRD, .district), scale: 10)))
            \(field("intensity", l.t("研发投入强度目标（%）", "Intensity target (%)"), percent(p.target(.intensity, .district), scale: 100)))
            \(field("gdp", l.t("地区生产总值（万元）", "District GDP (10,000 yuan)"), wan(m.gdp?.fen)))</div>
            <p class="muted">\(l.t("金额以万元为单位，也可写“1.2亿”“3,500万”。", "Amounts in 10,000 yuan; “1.2亿” and “3,500万” are accepted too."))</p>
            <h2>\(l.t("分解到镇街（合计须等于全区目标）", "Split to towns (must add up to the district's)"))</h2>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("镇街", "Town"))</th><th>\(l.t("研发经费目标（万元）", "R&D target (10,000 yuan)"))</th></tr></thead><tbody>\(towns)</tbody></table></div>
            \(m.canEdit ? HTML("<p><button type=\"submit\">\(l.t("保存", "Save"))</button></p>") : HTML.empty)</form>
            \(others.text.isEmpty ? HTML.empty : HTML("<h2>\(l.t("部门与重点企业目标", "Departments and key firms"))</h2><ul>\(others)</ul>"))
            """)
    }
}
