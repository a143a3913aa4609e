import Foundation
import KechuangTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hostile workbooks through the command line (issue 17, item 4): each is refused with exit 2 and
/// a message naming the limit, quickly and under a memory ceiling. The ceiling is measured as the
/// largest resident size of any child this test process has waited for, so it bounds these
/// imports from above (the other children tests start are small).
@Suite struct ImportLimitTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/import")
    /// 500 MiB: the 160 MiB part limit, the copies inflating makes of it, and the runtime.
    static let ceilingKiB = 500 * 1024

    @Test(arguments: ["bomb-400mib.xlsx", "bomb-lying-size.xlsx", "stray-cell-wide.xlsx"])
    func hostileWorkbooksExitTwoUnderTheCeiling(_ file: String) throws {
        let cli = try #require(BuiltExecutable.kechuang, "the kechuang executable is built beside the tests")
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("kechuang-limits-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } }
        let p = Process()
        p.executableURL = cli
        p.arguments = ["import", Self.fixtures.appendingPathComponent(file).path, "--kind", "enterprises", "--database", database]
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice; p.standardError = err
        let start = Date()
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        #expect(p.terminationStatus == 2, "\(file): \(text)")
        #expect(text.contains("超出处理上限"), "\(file): \(text)")
        #expect(seconds < 20, "\(file) took \(seconds) s (debug build; release figures in the closing note)")
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #expect(usage.ru_maxrss < Self.ceilingKiB, "\(file): a child reached \(usage.ru_maxrss / 1024) MiB")
    }
}
