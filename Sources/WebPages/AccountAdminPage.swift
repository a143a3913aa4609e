import Accounts
import Kernel
import Services

/// The administrator's accounts (issue 19, item 2): who has which role, who is disabled, how many
/// sessions each holds, and the steps on each — disable or enable, end sessions, unlock sign-in,
/// reset the password. One's own account is changed on the account page instead.
public enum AccountAdminPage {
    public struct Model: Sendable {
        public var accounts: [AccountSummary]
        public var me: String
        /// Names of the towns, firms and banks accounts belong to, by code.
        public var names: [String: String]
        /// A failed step's message, by the user name it was for.
        public var errors: [String: String]
        public init(accounts: [AccountSummary], me: String, names: [String: String], errors: [String: String]) {
            self.accounts = accounts; self.me = me; self.names = names; self.errors = errors
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        func step(_ a: AccountSummary, _ action: AuthService.AdminAction, _ label: String, secondary: Bool = true) -> HTML {
            HTML("""
                <form method="post" action="/accounts/\(a.user.username)/\(action.rawValue)" class="inline">\(chrome.csrfField)<button type="submit"\(secondary ? HTML(" class=\"secondary\"") : .empty)>\(label)</button></form>
                """)
        }
        let rows = m.accounts.html { a in
            let u = a.user
            let code = u.townCode ?? u.enterprise?.code ?? u.bank
            let scope = code.map { m.names[$0] ?? $0 } ?? "—"
            let steps: HTML = u.username == m.me ? HTML("<a href=\"/account\">\(l.t("本人：在“我的账户”中修改", "You: use My account"))</a>") : HTML("""
                \(a.disabled ? step(a, .enable, l.t("启用", "Enable")) : step(a, .disable, l.t("停用", "Disable")))
                \(step(a, .endSessions, l.t("结束会话", "End sessions")))
                \(step(a, .unlock, l.t("解除登录限制", "Unlock sign-in")))
                <details><summary>\(l.t("重置密码", "Reset password"))</summary>
                <form method="post" action="/accounts/\(u.username)/reset-password">\(chrome.csrfField)
                <label>\(l.t("新密码（至少 12 个字符）", "New password (12+ characters)"))<input type="password" name="password" minlength="12" autocomplete="new-password" required></label>
                <button type="submit">\(l.t("重置", "Reset"))</button></form></details>
                """)
            return """
            <tr id="u-\(u.username)"><td><code>\(u.username)</code></td><td>\(u.displayName)</td><td>\(l.role(u.role))</td><td>\(scope)</td>
            <td>\(a.disabled ? HTML("<span class=\"tag warn\">\(l.t("已停用", "disabled"))</span>") : HTML("<span class=\"tag ok\">\(l.t("正常", "active"))</span>"))</td>
            <td class="num">\(a.sessions)</td><td>\(steps)\(m.errors[u.username].map { HTML("<p class=\"problems\" role=\"alert\">\($0)</p>") } ?? .empty)</td></tr>
            """
        }
        let title = l.t("账户管理", "Accounts")
        return Layout.page(chrome, title: title, """
            <h1>\(title)</h1>
            <p class="muted">\(l.t("停用账户会结束其全部会话；重置密码后请当面或电话告知本人，并请其登录后立即修改。每一步都记入审计日志。",
                                   "Disabling ends every session of the account; after a reset, tell the person the password in person or by phone and have them change it. Every step is audited."))</p>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("用户名", "Username"))</th><th>\(l.t("姓名", "Name"))</th><th>\(l.t("角色", "Role"))</th>
            <th>\(l.t("所属", "Belongs to"))</th><th>\(l.t("状态", "Status"))</th><th class="num">\(l.t("会话", "Sessions"))</th><th>\(l.t("操作", "Steps"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """)
    }
}
