import Foundation
import Kernel
import Registry

/// Create or edit an enterprise's profile; messages stand next to the fields they concern.
public enum EnterpriseFormPage {
    public struct Model: Sendable {
        public var isNew: Bool
        public var values: [String: String]
        public var chainTags: Set<String>
        public var errors: [String: String]
        public var towns: [Town]
        public var chains: [IndustryChain]
        public var canChangeTown: Bool
        public init(isNew: Bool, values: [String: String], chainTags: Set<String>, errors: [String: String],
                    towns: [Town], chains: [IndustryChain], canChangeTown: Bool) {
            self.isNew = isNew; self.values = values; self.chainTags = chainTags; self.errors = errors
            self.towns = towns; self.chains = chains; self.canChangeTown = canChangeTown
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let uscc = m.values["uscc"] ?? ""
        let action = m.isNew ? "/enterprises" : "/enterprises/\(uscc)"
        func select(_ name: String, _ label: String, _ options: [(String, String)], disabled: Bool = false) -> HTML {
            let current = m.values[name] ?? ""
            let opts = options.html { v, t in "<option value=\"\(v)\"\(v == current ? HTML(" selected") : .empty)>\(t)</option>" }
            return """
            <div class="field\(m.errors[name] != nil ? " has-error" : "")"><label for="f-\(name)">\(label)</label>
            <select id="f-\(name)" name="\(name)"\(disabled ? HTML(" disabled") : .empty)><option value="">—</option>\(opts)</select>
            \(m.errors[name].map { HTML("<p class=\"error\">\($0)</p>") } ?? .empty)</div>
            """
        }
        let chainBoxes = m.chains.html { c in
            "<label><input type=\"checkbox\" name=\"chainTags\" value=\"\(c.code)\"\(m.chainTags.contains(c.code) ? HTML(" checked") : .empty)> \(c.name)</label> "
        }
        let statuses = EnterpriseStatus.allCases.map { ($0.rawValue, l.t($0.label.components(separatedBy: " / ")[0], $0.rawValue)) }
        return Layout.page(chrome, title: m.isNew ? l.t("新增企业", "Add enterprise") : l.t("编辑企业", "Edit enterprise"), """
            <h1>\(m.isNew ? l.t("新增企业", "Add enterprise") : l.t("编辑企业信息", "Edit enterprise"))</h1>
            \(m.errors.isEmpty ? HTML.empty : HTML("<p class=\"problems\" role=\"alert\">\(l.t("请更正标出的项目。", "Please correct the marked fields."))</p>"))
            <form method="post" action="\(action)" class="panel">\(chrome.csrfField)
            \(m.isNew ? Layout.field("uscc", label: l.t("统一社会信用代码", "USCC"), value: uscc, error: m.errors["uscc"], required: true, hint: l.t("18 位，GB 32100-2015", "18 characters, GB 32100-2015"))
                      : HTML("<p><strong>\(l.t("统一社会信用代码", "USCC"))</strong> <code>\(uscc)</code></p>"))
            \(Layout.field("name", label: l.t("企业名称", "Name"), value: m.values["name"], error: m.errors["name"], required: true))
            \(Layout.field("registeredOn", label: l.t("成立日期", "Registered on"), value: m.values["registeredOn"], error: m.errors["registeredOn"], type: "date"))
            \(select("townCode", l.t("镇街", "Town"), m.towns.map { ($0.code, $0.name) }, disabled: !m.canChangeTown))
            \(Layout.field("industryCode", label: l.t("行业代码（GB/T 4754）", "Industry code (GB/T 4754)"), value: m.values["industryCode"], error: m.errors["industryCode"], hint: "C3841"))
            <fieldset class="field"><legend>\(l.t("产业链", "Industry chains"))</legend>\(chainBoxes)</fieldset>
            \(select("status", l.t("经营状态", "Status"), statuses))
            \(select("sme", l.t("中小企业", "SME"), [("yes", l.t("是", "yes")), ("no", l.t("否", "no"))]))
            <button type="submit">\(l.t("保存", "Save"))</button>
            <a class="button secondary" href="\(m.isNew ? "/enterprises" : "/enterprises/\(uscc)")">\(l.t("取消", "Cancel"))</a>
            </form>
            """)
    }
}
