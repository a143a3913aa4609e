/// Money as Chinese official documents write it (issue 22, item 3), for pages, reports and
/// exports alike: separators in threes, two decimals in a （元） column, and in a sentence the
/// unit a document would choose (元, 万元, 亿元). Integer arithmetic only.
public enum MoneyText {
    /// `1,234,567.89`
    public static func yuan(_ m: Money) -> String { scaled(m.fen, unit: 100, places: 2, trimZeros: false) }

    /// 元 below ten thousand, 万元 below one hundred million, 亿元 above, at most two decimals.
    public static func amountZh(_ m: Money) -> String {
        let a = m.fen.magnitude
        if a < 1_000_000 { return yuan(m) + " 元" }
        if a < 10_000_000_000 { return scaled(m.fen, unit: 1_000_000, places: 2, trimZeros: true) + " 万元" }
        return scaled(m.fen, unit: 10_000_000_000, places: 2, trimZeros: true) + " 亿元"
    }

    /// Yuan below a million, then millions and billions.
    public static func amountEn(_ m: Money) -> String {
        let a = m.fen.magnitude
        if a < 100_000_000 { return yuan(m) + " yuan" }
        if a < 100_000_000_000 { return scaled(m.fen, unit: 100_000_000, places: 2, trimZeros: true) + " million yuan" }
        return scaled(m.fen, unit: 100_000_000_000, places: 2, trimZeros: true) + " billion yuan"
    }

    /// `fen` in units of `unit` fen, rounded half away from zero to `places` decimals, the whole
    /// part grouped in threes.
    public static func scaled(_ fen: Int64, unit: UInt64, places: Int, trimZeros: Bool) -> String {
        var power: UInt64 = 1
        for _ in 0..<places { power *= 10 }
        let step = max(1, unit / power)
        let count = (fen.magnitude + step / 2) / step
        var text = grouped(count / power)
        if places > 0 {
            var fraction = String(count % power)
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
            if !fraction.isEmpty { text += "." + fraction }
        }
        return (fen < 0 && count > 0 ? "-" : "") + text
    }

    /// Digits grouped in threes with commas: `28,380,000`.
    public static func grouped(_ n: UInt64) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// A count with separators: `12,345`.
    public static func count(_ n: Int) -> String { (n < 0 ? "-" : "") + grouped(UInt64(n.magnitude)) }
}
