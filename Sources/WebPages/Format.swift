import Foundation
import Services

/// How pages write values people read, in one place (issue 22, item 3; begun with instants).
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
}
