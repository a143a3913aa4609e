import Foundation
import Kernel
import Registry
import Storage

/// Declared figures beside verified ones (issue 19, item 1): the panel on an enterprise's page,
/// the reviewers' queue, and one declaration with its comparison and the decision.
public enum DeclarationPanel {
    /// The open declarations of a firm, and to the firm its latest decisions, under its fiscal years.
    public static func render(_ declarations: [FiscalYearDeclaration], verified: [StampedFiscalYear], canVerify: Bool, declares: Bool, _ l: Lang) -> HTML {
        let open = declarations.filter { $0.status == .pending }
        // The firm sees why its last declarations were refused; staff see that on the declaration.
        let decided = declares ? Array(declarations.filter { $0.status == .rejected || $0.status == .confirmed }.prefix(3)) : []
        guard !open.isEmpty || !decided.isEmpty else { return .empty }
        let byYear = Dictionary(verified.map { ($0.facts.year, $0.facts) }, uniquingKeysWith: { a, _ in a })
        let rows = (open + decided).html { d in
            let changed = d.changes(from: byYear[d.facts.year]).map { DeclarationPage.label($0, l) }
            let action: HTML = d.status == .pending
                ? (canVerify ? HTML("<a class=\"button secondary\" href=\"/verifications/\(String(d.id))\">\(l.t("核实", "Verify"))</a>") : HTML("\(l.t("待科技局核实", "Awaiting the bureau"))"))
                : HTML("\(l.t(d.status.chineseName, d.status.englishName))\(d.decisionNote.map { "：\($0)" } ?? "")")
            return """
            <tr><th scope="row">\(d.facts.year)</th><td>\(Format.time(d.declaredAt))</td><td>\(d.evidence.isEmpty ? "—" : d.evidence)</td>
            <td>\(changed.isEmpty ? "—" : changed.joined(separator: "、"))</td><td>\(action)</td></tr>
            """
        }
        return """
        <div class="panel" id="declarations"><h3>\(l.t("企业申报的年度数据", "Figures the enterprise declared"))</h3>
        <p class="muted">\(l.t("企业申报的数据经科技局核实后才用于政策兑现、创新积分和白名单；核实前以上表已核实的数据为准。",
                               "Declared figures count for subsidies, points and the white list only once the bureau has verified them; until then the verified figures above stand."))</p>
        <div class="table-wrap"><table><thead><tr><th>\(l.t("年度", "Year"))</th><th>\(l.t("申报时间（北京时间）", "Declared (Beijing time)"))</th>
        <th>\(l.t("依据", "Evidence"))</th><th>\(l.t("与已核实数据不同的项目", "Fields that differ from the verified figures"))</th><th>\(l.t("状态", "Status"))</th></tr></thead>
        <tbody>\(rows)</tbody></table></div></div>
        """
    }
}

public enum VerificationQueuePage {
    public struct Model: Sendable {
        public var rows: [DeclarationRow]
        public var towns: [String: String]
        public var state: ListState
        public init(rows: [DeclarationRow], towns: [String: String], state: ListState) { self.rows = rows; self.towns = towns; self.state = state }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, s = m.state
        let status = FiscalYearDeclaration.Status(rawValue: s.value("status"))
        let options = ([("all", l.t("全部", "All"))] + FiscalYearDeclaration.Status.allCases.map { ($0.rawValue, l.t($0.chineseName, $0.englishName)) }).html { o in
            HTML("<option value=\"\(o.0)\"\((status?.rawValue ?? "all") == o.0 ? HTML(" selected") : .empty)>\(o.1)</option>")
        }
        let rows = m.rows.html { r in
            let d = r.declaration
            let town: String = r.townCode.flatMap { m.towns[$0] } ?? "—"
            return """
            <tr><td><a href="/verifications/\(String(d.id))">\(r.name)</a></td><td>\(town)</td><td>\(d.facts.year)</td>
            <td>\(Format.time(d.declaredAt))</td><td>\(d.evidence.isEmpty ? "—" : d.evidence)</td><td>\(l.t(d.status.chineseName, d.status.englishName))</td></tr>
            """
        }
        let title = l.t("企业申报核实", "Verifying declared figures")
        return Layout.page(chrome, title: title, """
            <h1>\(title)</h1>
            <p class="muted">\(l.t("企业自行申报的年度数据不直接替换已核实的数据。请对照依据逐项核实：确认后才用于政策兑现金额、免申即享名单、创新积分和白名单。",
                                   "Figures a firm declares never replace verified ones. Check each against its evidence: only confirmed figures feed subsidy amounts, entitlements, points and the white list."))</p>
            <form method="get" action="/verifications" class="filters">
            <label>\(l.t("状态", "Status"))<select name="status">\(options)</select></label>
            <button type="submit">\(l.t("筛选", "Filter"))</button></form>
            \(m.rows.isEmpty ? HTML("<p class=\"muted\">\(status == .pending ? l.t("没有待核实的企业申报。", "Nothing waits for verification.") : l.t("没有符合条件的申报。", "No declaration matches."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("镇街", "Town"))</th><th>\(l.t("年度", "Year"))</th>
            <th>\(l.t("申报时间（北京时间）", "Declared (Beijing time)"))</th><th>\(l.t("依据", "Evidence"))</th><th>\(l.t("状态", "Status"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """))\(ListControls.pager(s, l, unit: ("条", "declarations")))
            """)
    }
}

public enum DeclarationPage {
    public struct Model: Sendable {
        public var declaration: FiscalYearDeclaration
        public var name: String
        public var verified: StampedFiscalYear?
        public var canDecide: Bool
        public var errors: [String: String]
        public var form: [String: String]
        /// Display names of the declarer and the reviewer.
        public var actorNames: [String: String]
        public init(declaration: FiscalYearDeclaration, name: String, verified: StampedFiscalYear?, canDecide: Bool,
                    errors: [String: String] = [:], form: [String: String] = [:], actorNames: [String: String] = [:]) {
            self.declaration = declaration; self.name = name; self.verified = verified; self.canDecide = canDecide
            self.errors = errors; self.form = form; self.actorNames = actorNames
        }
    }

    /// The field's label as the fiscal-year form writes it.
    static func label(_ field: FiscalYearField, _ l: Lang) -> String {
        FiscalYearForm.fields.first { $0.key == field.rawValue }.map { l.t($0.zh, $0.en) } ?? field.rawValue
    }

    static func text(_ v: FiscalYearField.Value?) -> String {
        switch v {
        case .count(let n)?: return Format.count(n)
        case .money(let m)?: return Format.yuan(m)
        case nil: return "—"
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang, d = m.declaration
        let changed = Set(d.changes(from: m.verified?.facts))
        let rows = FiscalYearField.allCases.html { f in
            let mark = changed.contains(f)
            return """
            <tr\(mark ? HTML(" class=\"changed\"") : .empty)><th scope="row">\(label(f, l))</th><td class="num">\(text(m.verified.flatMap { f.value(in: $0.facts) }))</td>
            <td class="num">\(mark ? HTML("<strong>\(text(f.value(in: d.facts)))</strong>") : HTML("\(text(f.value(in: d.facts)))"))</td></tr>
            """
        }
        let decision: HTML
        if d.status != .pending {
            decision = HTML("""
                <p role="status"><strong>\(l.t(d.status.chineseName, d.status.englishName))</strong>\(d.decidedAt.map { " · \(Format.time($0))" } ?? "")\(d.decidedBy.map { " · \(Format.actor($0, l, names: m.actorNames))" } ?? "")\(d.decisionNote.map { "：\($0)" } ?? "")</p>
                """)
        } else if m.canDecide {
            decision = """
                \(Layout.fieldErrors(m.errors, l, shown: ["note", "reason"]))
                <div class="grid2">
                <form method="post" action="/verifications/\(String(d.id))/confirm">\(chrome.csrfField)
                \(Layout.field("note", label: l.t("核实说明（核对了哪些材料）", "What was checked"), value: m.form["note"], error: m.errors["note"], required: true))
                <button type="submit">\(l.t("确认采信", "Confirm"))</button></form>
                <form method="post" action="/verifications/\(String(d.id))/reject">\(chrome.csrfField)
                \(Layout.field("reason", label: l.t("不予采信的原因", "Why not"), value: m.form["reason"], error: m.errors["reason"], required: true))
                <button type="submit" class="secondary">\(l.t("不予采信", "Reject"))</button></form>
                </div>
                """
        } else {
            decision = HTML("<p class=\"muted\">\(l.t("待科技局审核员核实。", "Awaiting a bureau reviewer."))</p>")
        }
        let title = l.t("\(d.facts.year) 年度数据申报", "Figures declared for \(d.facts.year)")
        return Layout.page(chrome, title: "\(m.name) · \(title)", """
            <p><a href="/verifications">← \(l.t("企业申报核实", "Verifying declared figures"))</a></p>
            <h1>\(m.name) · \(title)</h1>
            <dl class="facts">
            <dt>\(l.t("企业", "Enterprise"))</dt><dd><a href="/enterprises/\(d.uscc.code)">\(m.name)</a></dd>
            <dt>\(l.t("申报时间", "Declared"))</dt><dd>\(Format.time(d.declaredAt))\(d.declaredBy.isEmpty ? "" : " · " + Format.actor(d.declaredBy, l, names: m.actorNames))</dd>
            <dt>\(l.t("依据", "Evidence"))</dt><dd>\(d.evidence.isEmpty ? "—" : d.evidence)</dd>
            <dt>\(l.t("状态", "Status"))</dt><dd>\(l.t(d.status.chineseName, d.status.englishName))</dd>
            </dl>
            <section aria-labelledby="cmp-h"><h2 id="cmp-h">\(l.t("对照", "Comparison"))</h2>
            <p class="muted">\(m.verified == nil ? l.t("该年度尚无已核实的数据。", "No verified figures for this year yet.")
                                                : l.t("已核实数据来源：\(m.verified.map { l.half($0.source.label) } ?? "")。加粗为与已核实数据不同的项目；“—”为企业未申报的项目，确认后保持原值。",
                                                      "Verified figures from: \(m.verified.map { l.half($0.source.label) } ?? ""). Values in bold differ from them; “—” was not declared and stays as it is."))</p>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("项目", "Field"))</th><th class="num">\(l.t("已核实", "Verified"))</th><th class="num">\(l.t("企业申报", "Declared"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div></section>
            <section aria-labelledby="dec-h"><h2 id="dec-h">\(l.t("核实", "Decision"))</h2>\(decision)</section>
            """)
    }
}
