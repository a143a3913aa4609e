import ArgumentParser
import Foundation
import Services

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit log's hash chain.", subcommands: [Verify.self, Checkpoint.self], defaultSubcommand: Verify.self)
}

/// The audit key of this process: a malformed one stops the command rather than passing as none.
func auditKey() throws -> AuditKey? {
    do { return try AuditKey.load(ProcessInfo.processInfo.environment) } catch {
        throw ValidationError(error.description)
    }
}

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify the audit log's hash chain, and the signed checkpoints given.",
        discussion: """
        Exits 0 when every row matches its hash (keyed rows under KECHUANG_AUDIT_KEY_FILE or KECHUANG_AUDIT_KEY), the chain ends at \
        the recorded head, and each checkpoint's row is still there with its hash and the rows before it; 1 and the first problem otherwise.
        """)

    @OptionGroup var db: DatabaseOption
    @Option(name: .long, help: "A checkpoint file written by `audit checkpoint` (repeatable).") var checkpoint: [String] = []

    func run() async throws {
        let key = try auditKey()
        let checkpoints = try checkpoint.map { path -> AuditCheckpoint in
            guard let data = FileManager.default.contents(atPath: path), let c = AuditCheckpoint.parse(String(decoding: data, as: UTF8.self)) else {
                throw ValidationError("无法读取检查点 \(path) / \(path) is not a readable checkpoint")
            }
            return c
        }
        if !checkpoints.isEmpty, key == nil { throw ValidationError("检查点须用审计密钥验证 / checkpoints need the audit key (KECHUANG_AUDIT_KEY_FILE)") }
        let (verdict, problems) = try await withDatabase(db) { database in
            let verdict = try await AuditLog.verify(database, key: key)
            var problems: [String] = []
            if let key { for c in checkpoints { if let p = try await c.problem(database, key: key) { problems.append(p) } } }
            return (verdict, problems)
        }
        switch verdict {
        case .intact(let n, let head):
            print("审计日志完整 / audit log intact: \(n) entries, head \(head.prefix(19))…\(key == nil ? " (unkeyed: set KECHUANG_AUDIT_KEY_FILE)" : "")")
            if key != nil, n > 0, !head.hasPrefix("k1:") {
                printError("注意：最新一行未用密钥签名，只有检查点能证明此前未被改写 / note: the newest row is unkeyed; only checkpoints show it was not rewritten")
            }
        case .broken(let id, let reason):
            printError("审计日志在第 \(id) 行断开 / audit log broken at row \(id): \(reason)")
            throw ExitCode(1)
        }
        for p in problems { printError("检查点不符 / checkpoint mismatch: \(p)") }
        guard problems.isEmpty else { throw ExitCode(1) }
        if !checkpoints.isEmpty { print("检查点 \(checkpoints.count) 个均符合 / \(checkpoints.count) checkpoints hold") }
    }
}

struct Checkpoint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint", abstract: "Write a signed checkpoint of the audit chain's head.",
        discussion: "Keep the file away from the database (another host, write-once storage); `audit verify --checkpoint` checks it later.")

    @OptionGroup var db: DatabaseOption
    @Option(name: .long, help: "Where to write it (mode 600); standard output when absent.") var out: String?

    func run() async throws {
        guard let key = try auditKey() else { throw ValidationError("须配置审计密钥 / set KECHUANG_AUDIT_KEY_FILE or KECHUANG_AUDIT_KEY") }
        let at = ISO8601DateFormatter().string(from: Date())
        guard let c = try await withDatabase(db, { try await AuditCheckpoint.make($0, key: key, at: at) }) else {
            throw ValidationError("审计日志为空 / the audit log is empty")
        }
        guard let out else { print(c.text, terminator: ""); return }
        guard FileManager.default.createFile(atPath: out, contents: Data(c.text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("无法写入 \(out) / cannot write \(out)")
        }
        print("已写入检查点 / checkpoint written: row \(c.id), \(c.count) rows → \(out)")
    }
}
