import Foundation
import Hummingbird

/// The one-line message a page shows after a form post ("已提交。"), carried across the
/// redirect in a short-lived cookie: the post answers 303 so a reload never posts twice, and the
/// page it lands on still says what happened. The cookie holds only the message, which the page
/// escapes like any text; a forged one can only change what its own sender sees.
enum Flash {
    static let name = "kc_flash"
    static let maxLength = 300

    static func cookie(_ message: String) -> Cookie {
        let text = String(message.prefix(maxLength))
        // RFC 6265 cookie values are ASCII: everything else, Chinese included, is percent-encoded.
        let value = text.addingPercentEncoding(withAllowedCharacters: asciiSafe) ?? ""
        return Cookie(name: name, value: value, maxAge: 60, path: "/", httpOnly: true, sameSite: .lax)
    }

    static let asciiSafe = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")

    static let clearing = Cookie(name: name, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax)

    /// The message of a page request, if the previous post left one.
    static func read(_ request: Request) -> String? {
        guard request.method == .get, !request.uri.path.hasPrefix("/api/"),
              let raw = request.cookies[name]?.value, !raw.isEmpty,
              let text = raw.removingPercentEncoding, !text.isEmpty else { return nil }
        let clean = String(text.prefix(maxLength).unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.isEmpty ? nil : clean
    }
}
