import Accounts
import Kernel
import Services

/// The signed-in user's own account (issue 19, item 2): who they are, a password change that
/// needs the current password and ends every other session, and their sessions to end.
public enum AccountPage {
    public struct Model: Sendable {
        public var user: User
        public var sessions: [AuthService.SessionInfo]
        /// The password form's messages by field ("current", "new", "confirm"; "" for the form).
        public var errors: [String: String]
        public init(user: User, sessions: [AuthService.SessionInfo], errors: [String: String] = [:]) {
            self.user = user; self.sessions = sessions; self.errors = errors
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        func e(_ k: String) -> String? { m.errors[k].map { l.half($0) } }
        let rows = m.sessions.html { s in
            """
            <tr><td>\(s.kind == "api" ? l.t("接口令牌", "API token") : l.t("浏览器", "Browser"))\(s.current ? HTML(" <span class=\"tag ok\">\(l.t("当前", "this one"))</span>") : .empty)</td>
            <td>\(Format.time(s.createdAt))</td><td>\(Format.time(s.lastSeenAt))</td><td>\(Format.time(s.expiresAt))</td>
            <td>\(s.current ? HTML.empty : HTML("""
            <form method="post" action="/account/sessions/\(s.id)/end" class="inline">\(chrome.csrfField)<button type="submit" class="secondary">\(l.t("结束", "End"))</button></form>
            """))</td></tr>
            """
        }
        return Layout.page(chrome, title: l.t("我的账户", "My account"), """
            <h1>\(l.t("我的账户", "My account"))</h1>
            <p>\(m.user.displayName) · \(l.role(m.user.role)) · \(l.t("用户名", "username")) <code>\(m.user.username)</code></p>
            <section class="panel" aria-labelledby="pw-h"><h2 id="pw-h">\(l.t("修改密码", "Change the password"))</h2>
            \(Layout.fieldErrors(m.errors, l))
            <p class="muted">\(l.t("至少 12 个字符，不超过 72 字节，不能是用户名、常用密码或简单重复。修改后，您在其他设备上的登录和接口令牌都会失效。", "At least 12 characters, at most 72 bytes, not your username, a common password or a simple pattern. Afterwards your other sign-ins and API tokens end."))</p>
            <form method="post" action="/account/password" class="grid-form">\(chrome.csrfField)
            \(Layout.field("current", label: l.t("当前密码", "Current password"), value: nil, error: e("current"), type: "password", required: true, attributes: "autocomplete=\"current-password\""))
            \(Layout.field("new", label: l.t("新密码", "New password"), value: nil, error: e("new"), type: "password", required: true, attributes: "autocomplete=\"new-password\" minlength=\"12\""))
            \(Layout.field("confirm", label: l.t("再次输入新密码", "New password again"), value: nil, error: e("confirm"), type: "password", required: true, attributes: "autocomplete=\"new-password\""))
            <button type="submit">\(l.t("修改密码", "Change the password"))</button></form></section>
            <section aria-labelledby="s-h"><h2 id="s-h">\(l.t("登录会话", "Sessions"))</h2>
            <p class="muted">\(l.t("您的账户当前有效的登录；不认识的可以结束。", "Where your account is signed in now; end any you do not recognise."))</p>
            <div class="table-wrap"><table><thead><tr><th>\(l.t("方式", "Kind"))</th><th>\(l.t("登录时间", "Signed in"))</th><th>\(l.t("最近使用", "Last used"))</th><th>\(l.t("到期", "Expires"))</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table></div></section>
            """)
    }
}
