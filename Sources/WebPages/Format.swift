import Foundation
import Kernel
import RDMonitoring
import Services

/// How pages write values people read, in one place (issue 22, item 3): instants in Beijing
/// time, money as Chinese official documents write it, quarters as 2024年第一季度.
public enum Format {
    /// UTC+8 all year: China keeps no daylight saving.
    static let beijing = TimeZone(secondsFromGMT: 8 * 3600) ?? .current

    /// An instant as Beijing time to the minute, `2023-11-24 10:00`; text that is not an ISO
    /// instant (a date alone, say) is shown as it is.
    public static func time(_ iso: String) -> String {
        guard iso.count > 10, let date = ISOTime.parse(iso) else { return iso }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = beijing
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let y = c.year, let mo = c.month, let d = c.day, let h = c.hour, let mi = c.minute else { return iso }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(mo))-\(two(d)) \(two(h)):\(two(mi))"
    }

    // MARK: Money (the arithmetic is Kernel's MoneyText, shared with reports and exports)

    /// Money in a table column headed （元）: separators and two decimals, `1,234,567.89`.
    public static func yuan(_ m: Money) -> String { MoneyText.yuan(m) }

    /// As `yuan`, with a dash for a value nobody has given.
    public static func yuan(_ m: Money?) -> String { m.map(yuan) ?? "—" }

    /// Money in a sentence or a summary, in the unit an official document would choose:
    /// 元 below ten thousand, 万元 below one hundred million, 亿元 above, at most two decimals
    /// (`2,838 万元`, `1.25 亿元`); in English, millions and billions.
    public static func amount(_ m: Money, _ l: Lang) -> String { l.isChinese ? MoneyText.amountZh(m) : MoneyText.amountEn(m) }

    /// Money in a column headed （万元）, as the bureau's R&D reports write it: `2,838.50`.
    public static func wan(_ fen: Int64) -> String { scaled(fen, unit: 1_000_000, places: 2, trimZeros: false) }

    static func scaled(_ fen: Int64, unit: UInt64, places: Int, trimZeros: Bool) -> String {
        MoneyText.scaled(fen, unit: unit, places: places, trimZeros: trimZeros)
    }

    /// A count with separators: `12,345`.
    public static func count(_ n: Int) -> String { MoneyText.count(n) }

    // MARK: Quarters

    static let quarterNames = ["一", "二", "三", "四"]

    /// `2024年第一季度`, or `2024 Q1` in English.
    public static func quarter(_ q: Quarter, _ l: Lang) -> String {
        l.isChinese ? "\(q.year)年第\(quarterNames[(q.quarter - 1) & 3])季度" : "\(q.year) Q\(q.quarter)"
    }

    // MARK: People

    /// Who did something, as a person reads it: the user's display name where the page knows
    /// it, else the user name without the `user:` prefix; the platform's own actors by name.
    public static func actor(_ actor: String, _ l: Lang, names: [String: String] = [:]) -> String {
        if let name = names[actor] { return name }
        if actor.hasPrefix("user:") { return String(actor.dropFirst(5)) }
        switch actor.split(separator: ":").first.map(String.init) ?? actor {
        case "system", "demo": return l.t("系统", "system")
        case "cli": return l.t("命令行", "command line")
        case "anonymous": return l.t("未登录用户", "anonymous")
        default: return actor
        }
    }

    // MARK: Rule texts

    /// A rule's basis as a reader should see it: without the [C]/[R]/[I] marks our rule data keeps
    /// for its authors, and with a bilingual note "（中文 / English）" in the page's language only.
    public static func basis(_ text: String, _ l: Lang) -> String {
        var s = text
        for mark in [" [C]", " [R]", " [I]", "[C]", "[R]", "[I]"] { s = s.replacingOccurrences(of: mark, with: "") }
        guard let regex = try? NSRegularExpression(pattern: "（([^（）]*?) / ([^（）]*?)）") else { return s }
        let range = NSRange(s.startIndex..., in: s)
        return regex.stringByReplacingMatches(in: s, range: range, withTemplate: l.isChinese ? "（$1）" : " ($2)")
    }
}
