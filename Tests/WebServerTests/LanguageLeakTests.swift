import Accounts
import Cashout
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Lending
import Matching
import Qualification
import RDMonitoring
import Registry
import Storage
import StorageSQL
import Testing
@testable import WebServer

/// Every page in both languages, read as a person reads it (issue 22, item 3): in Chinese no
/// raw code (an enum's rawValue, the `USCC` label, `user:`, `[I]`) shows; in English no Chinese
/// name of a status, role or kind. The tokens come from the enums themselves, so a new case is
/// checked without anyone adding it here.
@Suite struct LanguageLeakTests {
    /// Raw values a Chinese page must never show, as whole words.
    static let codes: Set<String> = {
        var raw: [String] = []
        raw += Role.allCases.map(\.rawValue) + DesignationKind.allCases.map(\.rawValue) + DesignationState.allCases.map(\.rawValue)
        raw += EnterpriseStatus.allCases.map(\.rawValue) + FactSource.allCases.map(\.rawValue)
        raw += ApplicationStatus.allCases.map(\.rawValue) + ApplicationAction.allCases.map(\.rawValue) + Policy.Mode.allCases.map(\.rawValue)
        raw += Loan.Product.allCases.map(\.rawValue) + Loan.Status.allCases.map(\.rawValue)
        raw += ProjectStatus.allCases.map(\.rawValue) + ProjectAction.allCases.map(\.rawValue) + SupplyStage.allCases.map(\.rawValue)
        raw += RDIndicator.allCases.map(\.rawValue) + RDBasis.allCases.map(\.rawValue) + QualificationKind.allCases.map(\.rawValue)
        raw += Consent.Scope.allCases.map(\.rawValue)
        raw += TechSMEResult.Route.allCases.map(\.rawValue) + InnovativeSMEResult.Route.allCases.map(\.rawValue) + SpecializedSMEResult.Route.allCases.map(\.rawValue)
        // Short or ordinary English words say nothing on their own; codes are camelCase or long.
        return Set(raw.filter { $0.count >= 5 || $0.contains(where: \.isUppercase) }).union(["USCC", "user:", "[I]", "[R]", "[C]"])
    }()

    /// Chinese names an English page must never show (names of firms, towns and policies are data and may).
    static let names: Set<String> = {
        var zh: [String] = []
        zh += Role.allCases.map(\.chineseName) + DesignationState.allCases.map(\.chineseName)
        zh += ApplicationStatus.allCases.map(\.chineseName) + Loan.Status.allCases.map(\.chineseName) + ProjectStatus.allCases.map(\.chineseName)
        zh += RDIndicator.allCases.map(\.chineseName)
        return Set(zh.filter { $0.count >= 2 }).union(["（元）", "（万元）", "统一社会信用代码"])
    }()

    /// The text a reader sees: no head, scripts, styles, tags or attribute values; the
    /// signed-in user's own name (data) removed with the header's account box.
    static func visible(_ html: String) -> String {
        var s = html
        for pattern in ["<head>[\\s\\S]*?</head>", "<script[\\s\\S]*?</script>", "<style[\\s\\S]*?</style>", "<div class=\"account\">[\\s\\S]*?</div>",
                        "<code[^>]*>[\\s\\S]*?</code>", "<[^>]+>"] {
            s = s.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return s.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
    }

    static func leaks(_ text: String, _ tokens: Set<String>, words: Bool) -> [String] {
        tokens.filter { token in
            guard words, token.first?.isLetter == true else { return text.contains(token) }
            return text.range(of: "(?<![A-Za-z0-9._-])\(NSRegularExpression.escapedPattern(for: token))(?![A-Za-z0-9_-])", options: .regularExpression) != nil
        }.sorted()
    }

    @Test(arguments: TestDatabases.engines)
    func noPageLeaksTheOtherLanguage(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            try await fixture.publishPoints()
            let specs = buildRoutes(AppDependencies(database: fixture.db)).specs
            let pages = specs.filter { $0.method == .get && !$0.isAPI && !$0.path.contains("export") && !$0.path.contains("/file")
                                        && !$0.path.hasPrefix("/assets") && !$0.path.contains("template") && $0.path != "/logout" }
                .map { RouteMatrixTests.concrete($0.path, uscc: Fixture.a.code) }
            var problems: [String] = []
            var checked = 0
            for (role, lang) in [Role.bureauAdmin, .enterprise, .bank, .townOfficer].flatMap({ r in [(r, "zh"), (r, "en")] }) {
                let browser = try await Browser.signIn(client, Fixture.username(role))
                _ = try await client.execute(uri: "/language", method: .post, headers: browser.headers(form: true),
                                             body: ByteBuffer(string: "_csrf=\(browser.csrf)&language=\(lang)&back=/"))
                for path in Set(pages).sorted() {
                    let response = try await client.execute(uri: path, method: .get, headers: browser.headers())
                    guard response.status == .ok, response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                    checked += 1
                    if String(buffer: response.body).contains("href=\"/api/") { problems.append("\(role.rawValue) \(lang) \(path): links into the API (pages offer files from page routes)") }
                    // Display names are data ("测试银行客户经理"), not labels: the user's own in the header,
                    // and everyone's on the administrator's account list.
                    var text = Self.visible(String(buffer: response.body))
                    for r in Role.allCases { text = text.replacingOccurrences(of: "测试\(r.chineseName)", with: " ") }
                    let found = lang == "zh" ? Self.leaks(text, Self.codes, words: true) : Self.leaks(text, Self.names, words: false)
                    if !found.isEmpty {
                        problems.append("\(role.rawValue) \(lang) \(path): \(found.joined(separator: ", "))")
                        if ProcessInfo.processInfo.environment["KECHUANG_LEAK_DUMP"] != nil {
                            try? text.write(toFile: "/tmp/leak-\(role.rawValue)-\(lang)-\(path.replacingOccurrences(of: "/", with: "_")).txt", atomically: true, encoding: .utf8)
                        }
                    }
                }
            }
            #expect(checked > 60, "pages checked: \(checked)")
            #expect(problems.isEmpty, "\(problems.count) pages leak:\n\(problems.joined(separator: "\n"))")
        }
    }
}
