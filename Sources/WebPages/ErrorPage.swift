import Accounts
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
        let items = problems.html { p in
            "<li>\(fieldName(p.field, l).map { HTML("\($0)：") } ?? .empty)\(l.half(p.reason))</li>"
        }
        return Layout.page(chrome, title: title, """
            <div class="panel"><h1>\(title)</h1><p>\(l.half(message))</p>
            \(problems.isEmpty ? HTML.empty : HTML("<ul class=\"problems\">\(items)</ul>"))
            <p><a href="/">\(l.t("返回首页", "Back to the start page"))</a></p></div>
            """)
    }

    /// The field a problem names, as a person reads it: the Chinese name of the fields forms
    /// share, the path itself in English; in Chinese a field without a name is left unnamed
    /// rather than shown as a code.
    static func fieldName(_ path: String, _ l: Lang) -> String? {
        guard l.language == .zh else { return path.isEmpty ? nil : path }
        let names = ["uscc": "统一社会信用代码", "name": "名称", "registeredOn": "成立日期", "townCode": "镇街", "industryCode": "行业代码",
                     "chainTags": "产业链", "status": "经营状态", "sme": "中小企业", "title": "标题", "comment": "意见", "note": "备注",
                     "purpose": "用途", "reference": "凭证号", "quarter": "季度", "kind": "文件内容", "file": "文件"]
        return names[path]
    }
}
