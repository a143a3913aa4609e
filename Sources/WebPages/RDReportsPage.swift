import Kernel
import RDMonitoring
import Storage

/// One firm's quarterly R&D reports (研发投入季报) and the form to file the next one. The three
/// bases have their own fields, so none is taken for another.
public enum RDReportsPage {
    public struct Model: Sendable {
        public var uscc: USCC
        public var name: String
        public var reports: [StoredRDReport]
        public var canFile: Bool
        public var next: Quarter
        /// Messages by field ("中文 / English"); "" for one that concerns the report as a whole.
        public var errors: [String: String]
        public var form: [String: String]
        public init(uscc: USCC, name: String, reports: [StoredRDReport], canFile: Bool, next: Quarter, errors: [String: String] = [:], form: [String: String] = [:]) {
            self.uscc = uscc; self.name = name; self.reports = reports; self.canFile = canFile; self.next = next; self.errors = errors; self.form = form
        }
    }

    /// Filed after the quarter's due date (the day the platform received it, China time is
    /// close enough for a flag).
    static func isLate(_ s: StoredRDReport) -> Bool {
        LocalDate(String(s.submittedAt.prefix(10))).map { $0 > s.report.quarter.dueDate() } ?? false
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let yuan = { (v: Money?) in Format.yuan(v) }
        let rows = m.reports.reversed().html { s in
            let r = s.report
            return """
            <tr><td>\(Format.quarter(r.quarter, l))</td><td class="num">\(yuan(r.operatingRevenue))</td><td class="num">\(yuan(r.statisticalRD))</td>
            <td class="num">\(yuan(r.taxDeductionRD))</td><td class="num">\(yuan(r.highTechRD))</td><td class="num">\(r.rdProjects)</td>
            <td class="num">\(r.rdStaff.map(String.init) ?? "—") / \(r.employees.map(String.init) ?? "—")</td>
            <td>\(isLate(s) ? HTML("<span class=\"tag expiring\">\(l.t("逾期提交", "filed late"))</span>") : HTML.empty)</td></tr>
            """
        }
        func field(_ name: String, _ label: String, required: Bool = false) -> HTML {
            Layout.field(name, label: label, value: m.form[name], error: m.errors[name].map { l.half($0) }, required: required, attributes: "inputmode=\"decimal\"")
        }
        let errors = Layout.fieldErrors(m.errors, l)
        // The quarter to file and the seven before it, by name: nobody has to guess "2024Q1".
        let chosen = m.form["quarter"].flatMap(Quarter.init) ?? m.next
        let quarterOptions = (0..<8).map { m.next.adding(quarters: -$0) }.html { q in
            "<option value=\"\(q.description)\"\(q == chosen ? HTML(" selected") : .empty)>\(Format.quarter(q, l))</option>"
        }
        let form: HTML = m.canFile ? HTML("""
            <section class="panel" aria-labelledby="file-h"><h2 id="file-h">\(l.t("填报季报", "File a quarterly report"))</h2>
            <p class="muted">\(l.t("金额以元为单位，为本季度发生额；统计口径、加计扣除口径、高企口径分别填写，不互相替代。", "Amounts in yuan, for the quarter alone; the statistical, super-deduction and high-tech bases are separate and never stand in for each other."))</p>
            <form method="post" action="/enterprises/\(m.uscc.code)/rd-reports" class="grid-form">\(chrome.csrfField)
            <div class="field\(m.errors["quarter"] != nil ? HTML(" has-error") : .empty)"><label for="f-quarter">\(l.t("季度", "Quarter"))</label>
            <select id="f-quarter" name="quarter" required\(m.errors["quarter"] != nil ? HTML(" aria-invalid=\"true\" aria-describedby=\"f-quarter-error\"") : .empty)>\(quarterOptions)</select>
            \(m.errors["quarter"].map { HTML("<p class=\"error\" id=\"f-quarter-error\">\(l.half($0))</p>") } ?? .empty)</div>
            \(field("operatingRevenue", l.t("营业收入（元）", "Operating revenue (yuan)"), required: true))
            \(field("statisticalRD", l.t("研发经费内部支出（统计口径，元）", "R&D expenditure, statistical (yuan)"), required: true))
            \(field("taxDeductionRD", l.t("加计扣除研发费用（元，可空）", "Super-deduction R&D expense (yuan, optional)")))
            \(field("highTechRD", l.t("高企口径研发费用（元，可空）", "High-tech basis R&D expense (yuan, optional)")))
            \(field("rdProjects", l.t("在研项目数", "R&D projects")))
            \(field("rdStaff", l.t("研发人员", "R&D staff")))
            \(field("employees", l.t("从业人员", "Employees")))
            <button type="submit">\(l.t("提交", "Submit"))</button></form></section>
            """) : .empty
        return Layout.page(chrome, title: l.t("研发投入季报", "Quarterly R&D reports"), """
            <h1>\(m.name) · \(l.t("研发投入季报", "Quarterly R&D reports"))</h1>\(errors)
            \(form)
            <section aria-labelledby="h-h"><h2 id="h-h">\(l.t("已填报", "Filed"))</h2>
            \(m.reports.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚未填报。", "Nothing filed yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("季度", "Quarter"))</th><th class="num">\(l.t("营业收入", "Revenue"))</th><th class="num">\(l.t("统计口径", "Statistical"))</th>
            <th class="num">\(l.t("加计扣除口径", "Super-deduction"))</th><th class="num">\(l.t("高企口径", "High-tech basis"))</th><th class="num">\(l.t("项目", "Projects"))</th>
            <th class="num">\(l.t("研发/从业人员", "R&D staff / employees"))</th><th></th></tr></thead><tbody>\(rows)</tbody></table></div>
            """))</section>
            """)
    }
}
