import Cashout
import Kernel
import Services
import Storage

/// Small pieces the cash-out pages share.
enum CashoutViews {
    static func status(_ s: ApplicationStatus, _ l: Lang) -> HTML {
        let tone: String
        switch s {
        case .paid: tone = "ok"
        case .rejected, .withdrawn, .reversed: tone = "muted"
        case .returned, .objected: tone = "warn"
        default: tone = "info"
        }
        return "<span class=\"tag \(tone)\">\(l.t(s.chineseName, s.englishName))</span>"
    }

    /// A table of applications with firm, policy, amount, status and the step's deadline.
    static func table(_ apps: [CashoutApplication], names: [USCC: String], policies: [String: String], due: (CashoutApplication) -> LocalDate?,
                      today: LocalDate, _ l: Lang) -> HTML {
        guard !apps.isEmpty else { return HTML("<p class=\"muted\">\(l.t("暂无。", "None."))</p>") }
        return """
        <div class="table-wrap"><table><thead><tr><th class="num">\(l.t("编号", "No."))</th><th>\(l.t("企业", "Enterprise"))</th><th>\(l.t("政策", "Policy"))</th>
        <th class="num">\(l.t("金额（元）", "Amount (yuan)"))</th><th>\(l.t("状态", "Status"))</th><th>\(l.t("本环节时限", "Step due"))</th></tr></thead>
        <tbody>\(rows(apps, names: names, policies: policies, due: due, today: today, l))</tbody></table></div>
        """
    }

    static func rows(_ apps: [CashoutApplication], names: [USCC: String], policies: [String: String], due: (CashoutApplication) -> LocalDate?,
                     today: LocalDate, _ l: Lang) -> HTML {
        apps.html { a in
            let d = due(a)
            let late = d.map { $0 < today } ?? false
            return """
            <tr><td class="num"><a href="/cashout/applications/\(Int(a.id))">\(Int(a.id))</a></td>
            <td>\(names[a.uscc] ?? a.uscc.code)</td><td>\(policies[a.policyID] ?? a.policyID)</td>
            <td class="num">\(Format.yuan(a.amount))</td><td>\(status(a.status, l))\(a.proactive ? HTML(" <span class=\"tag\">\(l.t("免申即享", "proactive"))</span>") : .empty)</td>
            <td\(late ? HTML(" class=\"warn\"") : .empty)>\(d.map { $0.description } ?? "—")\(late ? HTML(" ⚠ \(l.t("逾期", "overdue"))") : .empty)</td></tr>
            """
        }
    }
}
