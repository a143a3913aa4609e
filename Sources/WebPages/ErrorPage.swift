/// A friendly error page: what happened, in plain words, and a way back.
public enum ErrorPage {
    /// `message` and each of `problems` (field, reason) carry both languages as "中文 / English";
    /// the page shows the reader's half.
    public static func render(status: Int, message: String, problems: [(field: String, reason: String)] = [], _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let title: String
        switch status {
        case 403: title = l.t("无权访问", "Not allowed")
        case 404: title = l.t("页面不存在", "Page not found")
        case 400, 413, 422: title = l.t("请求有误", "Something in the request is wrong")
        case 429: title = l.t("请稍后再试", "Please try again shortly")
        default: title = l.t("出错了", "Something went wrong")
        }
        return Layout.page(chrome, title: title, """
            <div class="panel"><h1>\(title)</h1><p>\(l.half(message))</p>
            \(problems.isEmpty ? HTML.empty : HTML("<ul class=\"problems\">\(problems.html { "<li>\($0.field)：\(l.half($0.reason))</li>" })</ul>"))
            <p><a href="/">\(l.t("返回首页", "Back to the start page"))</a></p></div>
            """)
    }
}
