import Accounts
import Foundation
import Hummingbird
import Services
import Storage
import StorageSQL
import WebPages

/// Small helpers every page handler uses.
extension AppRequestContext {
    func chrome(_ request: Request, notice: String? = nil) -> PageChrome {
        PageChrome(lang: Lang(language), user: user, csrfToken: identity?.csrfToken, path: request.uri.path, notice: notice ?? flash)
    }

    var lang: Lang { Lang(language) }

    func requireUser() throws -> User {
        guard let user else { throw AppError.unauthenticated }
        return user
    }
}

enum Forms {
    static let formLimit = 1024 * 1024

    /// Reads an urlencoded form body.
    static func read(_ request: Request, _ context: AppRequestContext) async throws -> FormData {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw AppError(.unsupportedMediaType, "unsupported_media_type", "表单格式不正确 / expected a form submission")
        }
        let buffer = try await request.body.collect(upTo: formLimit)
        let form = FormData(urlEncoded: String(buffer: buffer))
        try ControlCharacterCheck.checkFields(form.values)
        return form
    }

    /// Form posts of a signed-in user must carry the session's CSRF token.
    static func checkCSRF(_ token: String?, _ context: AppRequestContext) throws {
        guard let expected = context.identity?.csrfToken, let token, constantTimeEqual(token, expected) else {
            throw AppError(.forbidden, "csrf", "表单已过期，请刷新页面后重试 / the form has expired; reload the page and try again")
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// A redirect target from a form: a local path only, never another site.
    static func localPath(_ raw: String?) -> String {
        // No scheme-relative "//", no backslash, and no control or space characters: browsers
        // drop a tab, which would turn "/\t/evil.example" into "//evil.example".
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"), raw.count < 500,
              !raw.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0.properties.isWhitespace }) else { return "/" }
        return raw
    }
}

extension AppDependencies {
    /// Display names for the actors a page shows (`user:admin` → 王科长), in one query.
    func actorNames(_ actors: some Sequence<String>) async throws -> [String: String] {
        let usernames = Set(actors.compactMap { $0.hasPrefix("user:") ? String($0.dropFirst(5)) : nil })
        guard !usernames.isEmpty else { return [:] }
        let names = try await database.read { try await $0.accounts.fetchDisplayNames(usernames: Array(usernames)) }
        return Dictionary(uniqueKeysWithValues: names.map { ("user:" + $0.key, $0.value) })
    }
}
