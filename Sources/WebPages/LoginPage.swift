/// The sign-in page; in demo mode it lists the demo accounts.
public enum LoginPage {
    public struct Model: Sendable {
        public var username: String
        public var error: String?
        public var formToken: String
        public var next: String
        public var demoAccounts: [(username: String, password: String, role: String)]
        public init(username: String = "", error: String? = nil, formToken: String, next: String = "/",
                    demoAccounts: [(username: String, password: String, role: String)] = []) {
            self.username = username; self.error = error; self.formToken = formToken; self.next = next; self.demoAccounts = demoAccounts
        }
    }

    public static func render(_ m: Model, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let demo: HTML = m.demoAccounts.isEmpty ? .empty : """
            <details class="panel"><summary>\(l.t("演示账号", "Demo accounts"))</summary>
            <table><thead><tr><th>\(l.t("角色", "Role"))</th><th>\(l.t("用户名", "Username"))</th><th>\(l.t("密码", "Password"))</th></tr></thead><tbody>
            \(m.demoAccounts.html { "<tr><td>\($0.role)</td><td><code>\($0.username)</code></td><td><code>\($0.password)</code></td></tr>" })
            </tbody></table></details>
            """
        return Layout.page(chrome, title: l.t("登录", "Sign in"), """
            <div class="login">
            <h1>\(l.t("登录科创服务平台", "Sign in to Kechuang"))</h1>
            \(m.error.map { HTML("<p class=\"problems\" role=\"alert\">\($0)</p>") } ?? .empty)
            <form method="post" action="/login">
            <input type="hidden" name="_csrf" value="\(m.formToken)">
            <input type="hidden" name="next" value="\(m.next)">
            \(Layout.field("username", label: l.t("用户名", "Username"), value: m.username, error: nil, required: true, attributes: "autocomplete=\"username\" autofocus"))
            \(Layout.field("password", label: l.t("密码", "Password"), value: nil, error: nil, type: "password", required: true, attributes: "autocomplete=\"current-password\""))
            <button type="submit">\(l.t("登录", "Sign in"))</button>
            </form>
            </div>
            \(demo)
            """)
    }
}
