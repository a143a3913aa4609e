import Accounts
import Cashout
import Foundation
import KechuangTestSupport
import Kernel
import Services
import Storage
import StorageSQL
import Testing

/// A payment batch run by the real `kechuang` binary, killed with SIGKILL half-way and run
/// again (issue: policy cash-out, item 10): nothing is lost, nothing is paid twice, the ledger
/// and the audit chain stay whole.
@Suite struct CashoutCrashTests {
    @Test(arguments: TestDatabases.engines)
    func aBatchKilledHalfWayAndRunAgainPaysEachOnce(_ engine: SQLEngine) async throws {
        let cli = try #require(BuiltExecutable.kechuang, "swift build --build-tests builds the kechuang executable beside the tests")
        try await TestDatabases.withLocation(engine) { db, location in
            let w = try await CashoutLedgerTests.World.make(db, firms: 40, clock: { Date() })
            _ = try await w.service.appropriate(line: "L2023", amount: Money(yuan: 10_000_000), note: "", by: w.admin)
            for id in try await w.publishedApplications() { try await w.service.act(id, .approve, by: w.approver) }
            let batch = try await w.service.createBatch(by: w.finance)
            #expect(batch.count == 40)

            func run(pauseMs: Int) throws -> Process {
                let p = Process()
                p.executableURL = cli
                p.arguments = ["cashout", "pay", String(batch.id), "--reference", "TR1", "--as", w.finance.username, "--pause-ms", String(pauseMs), "--database", location]
                p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
                try p.run()
                return p
            }
            func paid() async throws -> Int { try await db.read { try await $0.cashout.fetchApplications(ApplicationFilter(statuses: [.paid])) }.count }

            // Slowly, so the kill lands between payments or inside one.
            let first = try run(pauseMs: 150)   // 6 s for all 40: a loaded machine still polls in time to kill it half-way
            let deadline = Date().addingTimeInterval(60)
            while try await paid() < 8, Date() < deadline, first.isRunning { try await Task.sleep(nanoseconds: 20_000_000) }
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            #expect(first.terminationReason == .uncaughtSignal, "the run was killed, not finished")
            let halfway = try await paid()
            #expect(halfway >= 8 && halfway < 40, "killed half-way: \(halfway) of 40 paid")
            var line = try await w.line()
            #expect(line.spent == Money(yuan: 100_000) * halfway && line.reserved == Money(yuan: 100_000) * (40 - halfway))

            let second = try run(pauseMs: 0)
            second.waitUntilExit()
            #expect(second.terminationStatus == 0)
            #expect(try await paid() == 40)
            line = try await w.line()
            #expect(line.spent == Money(yuan: 4_000_000) && line.reserved == .zero && line.available == Money(yuan: 6_000_000))
            let entries = try await w.service.ledger(line: "L2023")
            #expect(entries.filter { $0.kind == .post }.count == 40)
            #expect(Set(entries.compactMap { $0.kind == .post ? $0.applicationID : nil }).count == 40, "no application posted twice")
            guard case .intact = try await AuditLog.verify(db) else { Issue.record("audit chain broken"); return }
            print("crash test \(engine): killed after \(halfway) of 40 payments; after the rerun paid 40, spent \(line.spent.yuanText), reserved 0, posts 40, duplicates 0")
        }
    }
}

extension Money {
    static func * (m: Money, n: Int) -> Money { Money(fen: m.fen * Int64(n)) }
}
