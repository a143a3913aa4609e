import Foundation
import KechuangTestSupport
import Kernel
import Registry
import Storage
import StorageSQL
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

    /// `kechuang import` shows a status change before it makes it (issue 17, item 1): without
    /// `--confirm-status-changes` nothing is written and it exits 2; `--dry-run` lists the change;
    /// with the flag it loads.
    @Test func theCommandLineConfirmsStatusChanges() async throws {
        let cli = try #require(BuiltExecutable.kechuang, "the kechuang executable is built beside the tests")
        let file = Self.fixtures.appendingPathComponent("status-revive.csv").path
        try await TestDatabases.withLocation(.sqlite) { db, location in
            let a = try USCC("91500151MA6012340R")
            try await db.write { try await $0.registry.insertEnterprises([Enterprise(uscc: a, name: "重庆示例储能科技有限公司", status: .deregistered)],
                                                                         updatedAt: "2024-01-01T00:00:00Z") }
            func run(_ flags: [String]) throws -> (Int32, String, String) {
                let p = Process()
                p.executableURL = cli
                p.arguments = ["import", file, "--kind", "enterprises", "--database", location] + flags
                let out = Pipe(), err = Pipe()
                p.standardOutput = out; p.standardError = err
                try p.run()
                let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                return (p.terminationStatus, o, e)
            }
            let status = { try await db.read { try await $0.registry.fetchEnterprise(a) }?.status }
            let (refusedCode, _, refusedErr) = try run([])
            #expect(refusedCode == 2 && refusedErr.contains("--confirm-status-changes"), "\(refusedErr)")
            #expect(try await status() == .deregistered)
            let (dryCode, dryOut, _) = try run(["--dry-run", "--confirm-status-changes"])
            #expect(dryCode == 0 && dryOut.contains("经营状态变更") && dryOut.contains("注销 → 存续"), "\(dryOut)")
            #expect(try await status() == .deregistered, "a dry run writes nothing")
            let (code, _, _) = try run(["--confirm-status-changes"])
            #expect(code == 0)
            #expect(try await status() == .active)
        }
    }
}
