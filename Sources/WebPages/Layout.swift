import Foundation
import Kernel
import Accounts

/// What every page's frame needs: who is signed in, the language, the CSRF token for its forms.
public struct PageChrome: Sendable {
    public var lang: Lang
    public var user: User?
    public var csrfToken: String?
    public var path: String
    public var notice: String?

    public init(lang: Lang, user: User?, csrfToken: String?, path: String, notice: String? = nil) {
        self.lang = lang; self.user = user; self.csrfToken = csrfToken; self.path = path; self.notice = notice
    }

    /// The hidden field every state-changing form carries.
    public var csrfField: HTML {
        guard let csrfToken else { return .empty }
        return "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrfToken)\">"
    }
}

public enum Layout {
    public static func page(_ chrome: PageChrome, title: String, _ body: HTML) -> HTML {
        let l = chrome.lang
        return """
        <!doctype html>
        <html lang="\(l.code)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · \(l.t("科创服务平台", "Kechuang"))</title>
        <link rel="stylesheet" href="/assets/app.css">
        </head>
        <body>
        <a class="skip" href="#main">\(l.t("跳到正文", "Skip to content"))</a>
        \(header(chrome))
        <main id="main">
        \(chrome.notice.map { HTML("<p class=\"notice\" role=\"status\">\($0)</p>") } ?? .empty)
        \(body)
        </main>
        <footer><span>\(l.t("科创服务平台 · 区科学技术局", "Kechuang · District Science and Technology Bureau"))</span></footer>
        </body>
        </html>
        """
    }

    /// A form's errors above it, each in the page's language: services write "中文 / English".
    public static func errors(_ messages: [String], _ l: Lang) -> HTML {
        messages.isEmpty ? .empty : HTML("<div class=\"panel error\" role=\"alert\">\(messages.html { "<p>\(l.half($0))</p>" })</div>")
    }

    /// The head of a form that came back with field errors (issue 22, item 4): how many fields
    /// are marked, and the messages about the form as a whole (key ""), which sit beside no field.
    /// `shown` names the fields the page draws, when not all the keys are: a message for a field
    /// not on the page goes into the panel rather than nowhere.
    public static func fieldErrors(_ errors: [String: String], _ l: Lang, shown: Set<String>? = nil) -> HTML {
        guard !errors.isEmpty else { return .empty }
        let marked = errors.keys.filter { !$0.isEmpty && shown?.contains($0) != false }
        var lines = marked.isEmpty ? [] : [l.t("请修改标出的 \(marked.count) 处。", "Correct the \(marked.count) marked fields.")]
        let loose = errors.filter { $0.key.isEmpty || shown?.contains($0.key) == false }.sorted { $0.key < $1.key }
        lines += loose.flatMap { $0.value.split(separator: "\n") }.map { l.half(String($0)) }
        return HTML("<div class=\"panel error\" role=\"alert\">\(lines.html { "<p>\($0)</p>" })</div>")
    }

    static func header(_ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        var nav: [(String, String, Permission)] = [
            ("/", l.t("概览", "Overview"), .viewDashboard),
            ("/enterprises", l.t("企业", "Enterprises"), .listEnterprises),
            ("/ladder", l.t("梯次培育", "Ladder"), .viewLadder),
            ("/pool", l.t("高企培育库", "Pool"), .viewLadder),
            ("/points", l.t("创新积分", "Points"), .viewPoints),
            ("/monitoring", l.t("研发监测", "R&D"), .viewMonitoring),
            ("/programmes", l.t("科技专项", "Programmes"), .viewProgrammes),
            ("/resources", l.t("创新资源", "Resources"), .viewProgrammes),
            ("/chains", l.t("产业链配套", "Chain supply"), .viewProgrammes),
            ("/my/services", l.t("我的科技服务", "My services"), .useServices),
            ("/statistics", l.t("统计", "Statistics"), .viewStatistics),
            ("/cashout", l.t("政策兑现", "Cash-out"), .viewCashout),
            ("/cashout/mine", l.t("政策兑现", "Subsidies"), .applyCashout),
            ("/loans", l.t("贷款台账", "Loans"), .viewLoans),
            ("/whitelist", l.t("白名单", "White list"), .viewLoans),
            ("/bank", l.t("银行工作台", "Bank"), .reportLoans),
            ("/verifications", l.t("申报核实", "Verify"), .verifyFacts),
            ("/import", l.t("导入", "Import"), .importData),
            ("/audit", l.t("审计日志", "Audit log"), .readAuditLog),
            ("/accounts", l.t("账户管理", "Accounts"), .manageAccounts),
        ]
        if let user = chrome.user { nav = nav.filter { AccessPolicy.allows(user.role, $0.2) } } else { nav = [] }
        if let user = chrome.user, user.role == .enterprise, let uscc = user.enterprise {
            nav.insert(("/enterprises/\(uscc.code)", l.t("本企业", "My enterprise"), .readEnterprise), at: 0)
        }
        let isCurrent = { (href: String) in href == chrome.path || (href != "/" && chrome.path.hasPrefix(href)) }
        let links = nav.html { href, label, _ in
            "<a href=\"\(href)\"\(isCurrent(href) ? HTML(" aria-current=\"page\"") : .empty)>\(label)</a>"
        }
        // On a phone the links fold behind one button (a checkbox and its label: no script).
        let here = nav.last { isCurrent($0.0) }?.1
        let menu: HTML = nav.isEmpty ? .empty : """
            <input type="checkbox" id="menu-toggle" class="menu-toggle"><label for="menu-toggle" class="menu-button">\(l.t("菜单", "Menu"))\(here.map { HTML(" · \($0)") } ?? .empty)</label>
            """
        let other: Language = l.language == .zh ? .en : .zh
        let switcher: HTML = chrome.user == nil
            ? "<a class=\"lang\" href=\"?lang=\(other.rawValue)\" hreflang=\"\(other.rawValue)\">\(other == .en ? "English" : "中文")</a>"
            : """
              <form method="post" action="/language" class="inline">\(chrome.csrfField)<input type="hidden" name="language" value="\(other.rawValue)">\
              <input type="hidden" name="back" value="\(chrome.path)"><button class="link lang" type="submit">\(other == .en ? "English" : "中文")</button></form>
              """
        let account: HTML = chrome.user.map { u in
            """
            <a class="who" href="/account" title="\(l.t("我的账户", "My account"))">\(u.displayName) · \(l.role(u.role))</a>
            <form method="post" action="/logout" class="inline">\(chrome.csrfField)<button class="link" type="submit">\(l.t("退出", "Sign out"))</button></form>
            """
        } ?? .empty
        return """
        <header class="top">
        <a class="brand" href="/"><span class="mark" aria-hidden="true">科</span>\(l.t("科创服务平台", "Kechuang"))</a>
        \(menu)<nav aria-label="\(l.t("主导航", "Main"))">\(links)</nav>
        <div class="account">\(account)\(switcher)</div>
        </header>
        """
    }

    /// A drop-down with its label and, when the last submission was wrong, the message beside it.
    public static func selectField(_ name: String, label: String, selected: String?, options: [(String, String)], error: String? = nil) -> HTML {
        let id = "f-" + name
        let describedBy = error != nil ? " aria-describedby=\"\(id)-error\" aria-invalid=\"true\"" : ""
        let opts = options.html { v, t in "<option value=\"\(v)\"\(v == selected ? HTML(" selected") : .empty)>\(t)</option>" }
        return """
        <div class="field\(error != nil ? " has-error" : "")"><label for="\(id)">\(label)</label>
        <select id="\(id)" name="\(name)"\(HTML(unsafe: describedBy))>\(opts)</select>
        \(error.map { HTML("<p class=\"error\" id=\"\(id)-error\">\($0)</p>") } ?? .empty)</div>
        """
    }

    /// A form field with its label and, when the last submission was wrong, the message beside it.
    public static func field(_ name: String, label: String, value: String?, error: String?, type: String = "text",
                             required: Bool = false, hint: String? = nil, attributes: String = "") -> HTML {
        let id = "f-" + name
        let describedBy = error != nil ? " aria-describedby=\"\(id)-error\" aria-invalid=\"true\"" : ""
        return """
        <div class="field\(error != nil ? " has-error" : "")">
        <label for="\(id)">\(label)\(required ? HTML(" <span class=\"req\" aria-hidden=\"true\">*</span>") : .empty)</label>
        <input id="\(id)" name="\(name)" type="\(type)" value="\(value ?? "")"\(HTML(unsafe: describedBy))\(required ? HTML(" required") : .empty) \(HTML(unsafe: attributes))>
        \(hint.map { HTML("<small>\($0)</small>") } ?? .empty)
        \(error.map { HTML("<p class=\"error\" id=\"\(id)-error\">\($0)</p>") } ?? .empty)
        </div>
        """
    }
}
