import ArgumentParser
import Services

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit log's hash chain.", subcommands: [Verify.self], defaultSubcommand: Verify.self)
}

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify the audit log's hash chain.",
        discussion: "Exits 0 when every row matches its hash and the chain ends at the recorded head; 1 and the first broken row otherwise.")

    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let verdict = try await withDatabase(db) { try await AuditLog.verify($0) }
        switch verdict {
        case .intact(let n, let head): print("审计日志完整 / audit log intact: \(n) entries, head \(head.prefix(16))…")
        case .broken(let id, let reason):
            printError("审计日志在第 \(id) 行断开 / audit log broken at row \(id): \(reason)")
            throw ExitCode(1)
        }
    }
}
