import Accounts
import Foundation
import Kernel
import Storage

/// The enterprise's own consents panel: who may read what until when, a form to grant, a button
/// to revoke, and every bank read of its data (allowed or denied).
public enum ConsentPanel {
    public struct Model: Sendable {
        public var uscc: USCC
        public var consents: [Consent]
        /// The latest bank reads, and how many there are in all (the rest on their own page).
        public var log: [BankAccess]
        public var reads: Int
        public var banks: [Bank]
        public var today: LocalDate
        public var canManage: Bool
        public var actorNames: [String: String]
        public init(uscc: USCC, consents: [Consent], log: [BankAccess], reads: Int, banks: [Bank], today: LocalDate, canManage: Bool, actorNames: [String: String] = [:]) {
            self.uscc = uscc; self.consents = consents; self.log = log; self.reads = reads; self.banks = banks; self.today = today; self.canManage = canManage
            self.actorNames = actorNames
        }
    }

    static func scopeName(_ s: Consent.Scope, _ l: Lang) -> String {
        switch s {
        case .points: return l.t("创新积分", "points")
        case .breakdown: return l.t("积分明细", "breakdown")
        case .qualifications: return l.t("资质", "qualifications")
        case .fiscal: return l.t("财务摘要", "fiscal summary")
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let bankName = { (code: String?) in code.flatMap { c in m.banks.first { $0.code == c }?.name } ?? code ?? "—" }
        let rows = m.consents.html { c in
            let live = c.isLive(on: m.today)
            return """
            <tr><td>\(bankName(c.bank))</td><td>\(c.scopes.sorted().map { scopeName($0, l) }.joined(separator: "、"))</td><td>\(c.purpose)</td>
            <td>\(c.validFrom.description) – \(c.validTo.description)</td>
            <td>\(live ? HTML(unsafe: "<span class=\"tag ok\">\(l.t("有效", "live"))</span>") : HTML(unsafe: "<span class=\"tag expired\">\(c.revokedAt == nil ? l.t("不在有效期", "not in force") : l.t("已撤回", "revoked"))</span>"))</td>
            <td>\(m.canManage && c.revokedAt == nil ? HTML("""
            <form method="post" action="/enterprises/\(m.uscc.code)/consents/\(String(c.id))/revoke" class="inline">\(chrome.csrfField)<button type="submit" class="secondary">\(l.t("撤回", "Revoke"))</button></form>
            """) : HTML.empty)</td></tr>
            """
        }
        let logRows = m.log.html { readRow($0, bankName: bankName, actorNames: m.actorNames, l) }
        let form: HTML = m.canManage ? HTML("""
            <form method="post" action="/enterprises/\(m.uscc.code)/consents" class="grid-form">\(chrome.csrfField)
            <label>\(l.t("银行", "Bank"))<select name="bank">\(m.banks.html { "<option value=\"\($0.code)\">\($0.name)</option>" })</select></label>
            <fieldset><legend>\(l.t("授权数据", "Data"))</legend>\(Consent.Scope.allCases.html { s in "<label><input type=\"checkbox\" name=\"scopes\" value=\"\(s.rawValue)\"\(s == .points ? " checked" : "")> \(scopeName(s, l))</label> " })</fieldset>
            <label>\(l.t("用途", "Purpose"))<input name="purpose" required maxlength="200" placeholder="\(l.t("如：创新积分贷授信评估", "e.g. credit assessment"))"></label>
            <label>\(l.t("有效期至", "Valid to"))<input type="date" name="validTo" required value="\(m.today.adding(years: 1).description)"></label>
            <button type="submit">\(l.t("授权", "Grant"))</button></form>
            """) : .empty
        return """
            <section class="panel" aria-labelledby="consent-h"><h2 id="consent-h">\(l.t("银行授权", "Bank consents"))</h2>
            <p class="muted">\(l.t("银行只能查看您授权的数据；每次查看都会记录在下方。", "Banks see only what you grant; every look is recorded below."))</p>
            \(m.consents.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚未授权任何银行。", "No bank has been granted access."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("银行", "Bank"))</th><th>\(l.t("数据", "Data"))</th><th>\(l.t("用途", "Purpose"))</th><th>\(l.t("期限", "Period"))</th><th>\(l.t("状态", "Status"))</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """))
            \(form)
            <h3>\(l.t("查询记录", "Who looked"))</h3>
            \(m.log.isEmpty ? HTML("<p class=\"muted\">\(l.t("暂无银行查询。", "No bank has looked yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead>\(readHeader(l))</thead><tbody>\(logRows)</tbody></table></div>
            <p><a href="/enterprises/\(m.uscc.code)/bank-reads">\(m.reads > m.log.count ? l.t("全部 \(Format.count(m.reads)) 条查询记录（可筛选、导出）", "All \(Format.count(m.reads)) reads (filter, export)")
                                                                       : l.t("筛选、导出查询记录", "Filter and export the reads"))</a></p>
            """))
            </section>
            """
    }

    /// One bank read as the panel and the full list show it: when, which bank, who by name,
    /// what data, and whether it was given.
    static func readRow(_ a: BankAccess, bankName: (String?) -> String, actorNames: [String: String], _ l: Lang) -> HTML {
        """
        <tr><td>\(Format.time(a.at))</td><td>\(bankName(a.bank))</td><td>\(Format.actor(a.officer, l, names: actorNames))</td>\
        <td>\(a.fields.map { scopeName($0, l) }.joined(separator: "、"))</td><td>\(a.allowed ? HTML("<span class=\"tag ok\">\(l.t("已提供", "provided"))</span>")
                                                                              : HTML("<span class=\"tag revoked\">\(l.t("已拒绝", "denied"))</span>"))</td></tr>
        """
    }

    static func readHeader(_ l: Lang) -> HTML {
        "<tr><th>\(l.t("时间", "When"))</th><th>\(l.t("银行", "Bank"))</th><th>\(l.t("经办人", "Officer"))</th><th>\(l.t("数据", "Data"))</th><th>\(l.t("结果", "Result"))</th></tr>"
    }

    /// The export's columns and cells, in the page's language.
    public static func exportHeader(_ l: Lang) -> [String] {
        [l.t("时间（北京时间）", "When (Beijing time)"), l.t("银行", "Bank"), l.t("经办人", "Officer"), l.t("数据", "Data"), l.t("结果", "Result")]
    }

    public static func exportCells(_ a: BankAccess, bankName: String, actorNames: [String: String], _ l: Lang) -> [String] {
        [Format.time(a.at), bankName, Format.actor(a.officer, l, names: actorNames), a.fields.map { scopeName($0, l) }.joined(separator: "、"),
         a.allowed ? l.t("已提供", "provided") : l.t("已拒绝", "denied")]
    }
}
