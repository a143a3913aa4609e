import ArgumentParser
import StorageSQL

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending schema migrations, or revert the last N.",
        discussion: "Each migration runs in its own transaction and is recorded in schema_migrations.")

    @Option(name: .long, help: "Revert the last N applied migrations instead of applying.") var revert: Int?
    @Flag(help: "List applied and pending migrations and change nothing.") var status = false
    @OptionGroup var db: DatabaseOption

    func validate() throws {
        if let revert, revert < 1 { throw ValidationError("--revert takes a number of migrations >= 1") }
    }

    func run() async throws {
        try await withDatabase(db, migrate: false) { database in
            let migrator = Migrator(database)
            if status {
                for a in try await migrator.applied() { print("applied  \(a.id) \(a.name)") }
                for p in try await migrator.pending { print("pending  \(p)") }
            } else if let revert {
                let done = try await migrator.revert(count: revert)
                print(done.isEmpty ? "没有可回退的迁移 / nothing to revert" : done.map { "reverted \($0.id) \($0.name)" }.joined(separator: "\n"))
            } else {
                let done = try await migrator.migrate()
                print(done.isEmpty ? "数据库已是最新 / the database is up to date" : done.map { "applied  \($0.id) \($0.name)" }.joined(separator: "\n"))
            }
        }
    }
}
