import Foundation
import Testing

/// No input crashes the platform (issue 17, item 5): a repository-wide check that fails on a new
/// force-unwrap. The storage layer, which turns database rows into values, has none at all; no
/// file anywhere has `try!`, `as!` or `fatalError`; and no other file may gain a postfix `!`
/// beyond the count recorded in `Tests/Fixtures/force-unwraps.json` (those left unwrap values
/// built from constants: calendar dates, header names, the demo district's own data). Lowering a
/// count is welcome: edit the file to match.
@Suite struct SourceDisciplineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Code with string literals and comments blanked out, so "!" inside text is not counted.
    static func code(_ line: String) -> String {
        var out = "", inString = false, escaped = false
        var previous: Character = " "
        for ch in line {
            if inString {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false; out.append("\"") }
                continue
            }
            if ch == "/" && previous == "/" { out.removeLast(); break }
            if ch == "\"" { inString = true }
            out.append(ch)
            previous = ch
        }
        return out
    }

    /// Postfix `!` after a name, `)` or `]`, not part of `!=`.
    static func forceUnwraps(_ code: String) -> Int {
        let chars = Array(code)
        var count = 0
        for i in chars.indices.dropFirst() where chars[i] == "!" {
            let before = chars[i - 1]
            let after: Character = i + 1 < chars.count ? chars[i + 1] : " "
            if (before.isLetter || before.isNumber || before == "_" || before == ")" || before == "]") && after != "=" { count += 1 }
        }
        return count
    }

    static func sources() throws -> [(path: String, lines: [String])] {
        let base = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try files.sorted().map { ("Sources/" + $0, try String(contentsOf: base.appendingPathComponent($0), encoding: .utf8).components(separatedBy: "\n")) }
    }

    @Test func theCounterSeesWhatItShould() {
        #expect(Self.forceUnwraps(Self.code(#"let x = rows.first()!.decode(column: "a!")  // b!"#)) == 1)
        #expect(Self.forceUnwraps(Self.code(#"if a != b, !c, d[e]! > 0 { }"#)) == 1)
        #expect(Self.forceUnwraps(Self.code(#"let s = "\"!\"" + t!"#)) == 1)
    }

    @Test func noNewForceUnwraps() throws {
        let baseline = try JSONDecoder().decode([String: Int].self,
            from: Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/force-unwraps.json")))
        var found: [String: Int] = [:]
        for (path, lines) in try Self.sources() {
            for (n, line) in lines.enumerated() {
                let code = Self.code(line)
                for banned in ["try!", "as!", "fatalError(", "unsafelyUnwrapped"] where code.contains(banned) {
                    Issue.record("\(path):\(n + 1): \(banned) — return an error a caller can report instead")
                }
                let count = Self.forceUnwraps(code)
                if count > 0 {
                    if path.hasPrefix("Sources/StorageSQL/") { Issue.record("\(path):\(n + 1): a force-unwrap in the storage layer — a missing row must be an error, not a crash") }
                    found[path, default: 0] += count
                }
            }
        }
        for (path, count) in found.sorted(by: { $0.key < $1.key }) where count > baseline[path, default: 0] {
            Issue.record("\(path): \(count) force-unwraps where \(baseline[path, default: 0]) are recorded — unwrap with guard or if let and report the problem")
        }
    }
}
