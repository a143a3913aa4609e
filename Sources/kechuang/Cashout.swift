import Accounts
import ArgumentParser
import Cashout
import Foundation
import Kernel
import Services
import Spreadsheet
import Storage
import StorageSQL

struct CashoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cashout",
        abstract: "Policy cash-out (政策兑现): policies, budget lines, payment batches and their files.",
        subcommands: [Policies.self, Publish.self, Budget.self, CreateBatch.self, BatchFile.self, PayBatch.self])

    /// Staff commands act as a named account, so the steps, the separation of duties and the
    /// audit chain are the same as on the web.
    struct Actor: ParsableArguments {
        @Option(name: .customLong("as"), help: "The account to act as (its role must allow the step).") var username: String

        func user(_ db: KechuangDatabase) async throws -> User {
            guard let stored = try await db.read({ try await $0.accounts.fetchUser(username: username) }), !stored.disabled else {
                throw ValidationError("没有账户 \(username) / no such account: \(username)")
            }
            return stored.user
        }
    }

    struct Policies: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the published policies (--json: their definitions, as POST /api/v1/policies takes them).")
        @Flag(help: "Print each policy's full definition as JSON.") var json = false
        @OptionGroup var db: DatabaseOption
        func run() async throws {
            let list = try await withDatabase(db) { try await CashoutService(transactor: $0, clock: { Date() }).policies() }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(list.map(\.policy)), as: UTF8.self))
                return
            }
            if list.isEmpty { say("尚未发布政策 / no policy published yet"); return }
            for p in list {
                print("\(p.policy.id)\tv\(p.policy.version)\t\(p.policy.round)\t\(p.policy.mode.chineseName)\t\(p.policy.name)\t\(p.policy.amount.summary)")
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a policy from its JSON definition (the same id again makes a new version).",
            discussion: "The file holds one policy, or a list of them, as `cashout policies --json` prints them.")
        @Argument(help: "The JSON file.") var file: String
        @OptionGroup var actor: Actor
        @OptionGroup var db: DatabaseOption
        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw ValidationError("\(file): \(error.localizedDescription)") }
            let list: [Policy]
            if let one = try? JSONDecoder().decode(Policy.self, from: data) { list = [one] } else {
                do { list = try JSONDecoder().decode([Policy].self, from: data) } catch { throw ValidationError("\(file): not a policy definition: \(error)") }
            }
            try await withDatabase(db) { db in
                let user = try await actor.user(db)
                let service = CashoutService(transactor: db, clock: { Date() })
                for p in list {
                    do {
                        let published = try await service.publish(p, by: user)
                        say("已发布 / published \(published.id) v\(published.version): \(published.name)")
                    } catch let e as CashoutError {
                        printError("\(p.id): \(e.description)")
                        throw ExitCode(1)
                    }
                }
            }
        }
    }

    struct Budget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Budget lines with appropriated, reserved, spent and available amounts (yuan).")
        @OptionGroup var db: DatabaseOption
        func run() async throws {
            let lines = try await withDatabase(db) { try await CashoutService(transactor: $0, clock: { Date() }).budgetLines() }
            if lines.isEmpty { say("尚无预算科目 / no budget line yet"); return }
            print("科目 / line\t年度 / year\t预算 / appropriated\t已批未付 / reserved\t已拨付 / spent\t可用 / available")
            for l in lines { print("\(l.code)\t\(l.year)\t\(l.appropriated.yuanText)\t\(l.reserved.yuanText)\t\(l.spent.yuanText)\t\(l.available.yuanText)") }
        }
    }

    struct CreateBatch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "batch", abstract: "Gather every approved, unbatched application into a new payment batch.")
        @OptionGroup var actor: Actor
        @OptionGroup var db: DatabaseOption
        func run() async throws {
            let record = try await withDatabase(db) { db in
                try await CashoutService(transactor: db, clock: { Date() }).createBatch(by: try await actor.user(db))
            }
            print("批次 / batch \(record.id): \(record.count) 笔 / payments, \(record.total.yuanText) 元 / yuan, SHA-256 \(record.digest)")
        }
    }

    struct BatchFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "file", abstract: "Write a batch's treasury file (CSV or XLSX) with its total and digest.")
        @Argument(help: "The batch number.") var batch: Int64
        @Option(help: "Output file; its extension (.csv or .xlsx) picks the format.") var out: String
        @OptionGroup var actor: Actor
        @OptionGroup var db: DatabaseOption
        func run() async throws {
            guard let format = SpreadsheetFormat(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased()) else {
                throw ValidationError("--out must end in .csv or .xlsx")
            }
            let (record, file) = try await withDatabase(db) { db in
                try await CashoutService(transactor: db, clock: { Date() }).batchFile(batch, by: try await actor.user(db))
            }
            try RegistryExporter.encode(file.table(digest: record.digest), as: format, sheetName: "拨付批次").write(to: URL(fileURLWithPath: out))
            say("已写出 / wrote \(out): \(record.count) 笔 / payments, \(record.total.yuanText) 元 / yuan")
        }
    }

    struct PayBatch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pay", abstract: "Mark a batch's approved applications paid with the treasury's reference.",
            discussion: "Each payment is its own transaction: a run stopped half-way (even killed) is resumed by running it again; paid lines are skipped, none is paid twice.")
        @Argument(help: "The batch number.") var batch: Int64
        @Option(help: "The treasury's reference of the transfer; each payment gets REFERENCE/APPLICATION.") var reference: String
        @Option(help: "Pause this many milliseconds between payments (to spread the load on a shared database).") var pauseMs: Int = 0
        @OptionGroup var actor: Actor
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            guard (0...60_000).contains(pauseMs) else { throw ValidationError("--pause-ms must be 0–60000") }
            let bar = ProgressBar("拨付 / paying batch \(batch)")
            let pause = UInt64(pauseMs) * 1_000_000
            let result = try await withDatabase(db) { db in
                let user = try await actor.user(db)
                return try await CashoutService(transactor: db, clock: { Date() }).payBatch(batch, reference: reference, by: user) { done, total in
                    bar.update(Double(done) / Double(max(total, 1)))
                    if pause > 0 { Thread.sleep(forTimeInterval: Double(pause) / 1e9) }
                }
            }
            bar.finish()
            say("已拨付 / paid \(result.paid)，此前已拨付 / already paid \(result.alreadyPaid)，失败 / failed \(result.failed.count)")
            for f in result.failed { printError(f) }
            if !result.failed.isEmpty { throw ExitCode(1) }
        }
    }
}
