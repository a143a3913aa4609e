import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit
import SQLKit
import Storage

/// The open database: SQLite through one writer and one reader connection, or PostgreSQL
/// through a connection pool. Every unit of work goes through `write` or `read`.
public final class KechuangDatabase: Transactor, @unchecked Sendable {
    // @unchecked: the mutable parts are the connections, each guarded by its AsyncMutex, and
    // `closed`, which only `close()` sets.
    public let engine: SQLEngine
    public let location: DatabaseLocation
    private let logger: Logger
    private let backend: Backend
    private var closed = false

    private enum Backend {
        case sqlite(writer: SQLiteConnection, writeLock: AsyncMutex, readers: [(SQLiteConnection, AsyncMutex)], next: ReaderCursor)
        case postgres(PostgresClient, Task<Void, Never>)
    }

    private init(engine: SQLEngine, location: DatabaseLocation, logger: Logger, backend: Backend) {
        self.engine = engine; self.location = location; self.logger = logger; self.backend = backend
    }

    /// `poolSize`: PostgreSQL connections at most (tests, many databases at once, use fewer).
    public static func open(_ location: DatabaseLocation, logger: Logger = Logger(label: "kechuang.db"),
                            readerCount: Int = 4, poolSize: Int = 8) async throws -> KechuangDatabase {
        switch location {
        case .sqlite(let path):
            // A file that is not a database fails at its first pragma: every connection opened so
            // far is closed before the error goes up (sqlite-nio traps on a dropped connection).
            var opened: [SQLiteConnection] = []
            func connect(_ pragmas: [String]) async throws -> SQLiteConnection {
                let c = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                opened.append(c)
                for pragma in pragmas { try await c.sql().raw("\(unsafeRaw: pragma)").run() }
                return c
            }
            let writer: SQLiteConnection
            var readers: [(SQLiteConnection, AsyncMutex)] = []
            do {
                // WAL lets the reader see the last committed state while the writer works.
                writer = try await connect(["PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=10000",
                                            "PRAGMA optimize=0x10002"] + Self.cachePragmas)
                // Several readers: WAL lets each read a committed snapshot while the writer works, so
                // concurrent page views do not queue behind one another.
                for _ in 0..<readerCount {
                    readers.append((try await connect(["PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=10000", "PRAGMA query_only=ON"] + Self.cachePragmas),
                                    AsyncMutex()))
                }
            } catch {
                for c in opened { try? await c.close() }
                throw error
            }
            return KechuangDatabase(engine: .sqlite, location: location, logger: logger,
                                    backend: .sqlite(writer: writer, writeLock: AsyncMutex(), readers: readers, next: ReaderCursor()))
        case .postgres(let s):
            var config = PostgresClient.Configuration(
                host: s.host, port: s.port, username: s.username, password: s.password, database: s.database,
                tls: s.requireTLS ? .require(.makeClientConfiguration()) : .disable)
            config.options.maximumConnections = poolSize
            if let schema = s.searchPath { config.options.additionalStartupParameters = [("search_path", schema)] }
            // The pool warns when leased before run() starts; the first lease below races it harmlessly.
            var background = logger
            background.logLevel = max(logger.logLevel, .error)
            let client = PostgresClient(configuration: config, backgroundLogger: background)
            let runner = Task { await client.run() }
            // Fail now, with a clear message, rather than on the first request.
            do {
                try await client.withConnection { conn in _ = try await conn.sql().raw("SELECT 1").all() }
            } catch {
                runner.cancel()
                throw DatabaseOpenError.cannotConnect(location.description, String(reflecting: error))
            }
            return KechuangDatabase(engine: .postgres, location: location, logger: logger, backend: .postgres(client, runner))
        }
    }

    /// A 64 MiB page cache and memory-mapped reads per connection: with SQLite's 2 MiB default a
    /// 100,000-enterprise list page spent most of its time copying pages through pread.
    static let cachePragmas = ["PRAGMA cache_size=-65536", "PRAGMA mmap_size=268435456", "PRAGMA temp_store=MEMORY"]

    /// Runs `body` inside one transaction; commits when it returns, rolls back when it throws.
    public func write<T: Sendable>(_ body: @Sendable (any Stores) async throws -> T) async throws -> T {
        try await withContext(transaction: true) { c in try await body(SQLStores(db: c.db, engine: self.engine, sqlite: c.sqlite)) }
    }

    /// Runs `body` against a consistent snapshot (one read transaction).
    public func read<T: Sendable>(_ body: @Sendable (any Stores) async throws -> T) async throws -> T {
        try await withContext(transaction: false) { c in try await body(SQLStores(db: c.db, engine: self.engine, sqlite: c.sqlite)) }
    }

    public func readEach<T: Sendable>(_ body: @Sendable (any Stores) async throws -> T) async throws -> T {
        try await withContext(transaction: false, wrapped: false) { c in try await body(SQLStores(db: c.db, engine: self.engine, sqlite: c.sqlite)) }
    }

    /// Raw SQL access for the migrator and for tests; `transaction` picks the writer.
    public func withSQL<T: Sendable>(transaction: Bool, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withContext(transaction: transaction) { try await body($0.db) }
    }

    /// One transaction's connection: the SQLKit view, and for SQLite the raw connection too,
    /// which bulk inserts use directly (see `BulkInserter`).
    struct Context: Sendable {
        let db: any SQLDatabase
        let sqlite: SQLiteConnection?
    }

    /// `wrapped: false` runs a read without BEGIN and COMMIT (see `readEach`).
    private func withContext<T: Sendable>(transaction: Bool, wrapped: Bool = true, _ body: @Sendable (Context) async throws -> T) async throws -> T {
        precondition(wrapped || !transaction, "writes always run in a transaction")
        switch backend {
        case .sqlite(let writer, let writeLock, let readers, let next):
            let (conn, lock, held) = transaction ? (writer, writeLock, false) : Self.reader(readers, from: next.advance())
            let context = Context(db: conn.sql(), sqlite: conn)
            // IMMEDIATE takes the write lock up front, so two writers never deadlock on upgrade.
            return try await lock.withLock(held: held) {
                wrapped ? try await Self.inTransaction(context, begin: transaction ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", body) : try await body(context)
            }
        case .postgres(let client, _):
            return try await client.withConnection { conn in
                let context = Context(db: conn.sql(), sqlite: nil)
                return wrapped ? try await Self.inTransaction(context, begin: transaction ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
                    : try await body(context)
            }
        }
    }

    /// The first free reader from `start` on (taken), else the one at `start` to wait for: a
    /// read does not queue behind a long report while another connection is idle.
    private static func reader(_ readers: [(SQLiteConnection, AsyncMutex)], from start: Int) -> (SQLiteConnection, AsyncMutex, Bool) {
        for k in 0..<readers.count {
            let (conn, lock) = readers[(start + k) % readers.count]
            if lock.tryLock() { return (conn, lock, true) }
        }
        let (conn, lock) = readers[start % readers.count]
        return (conn, lock, false)
    }

    /// An online, consistent copy of an SQLite database into a new file: `VACUUM INTO` reads one
    /// snapshot on a reader connection, so writers carry on meanwhile (issue: production
    /// readiness, backups). Throws for PostgreSQL, whose backups are pg_dump's.
    public func backupSQLite(to path: String) async throws {
        guard case .sqlite(_, _, let readers, let next) = backend else { throw BackupError.notSQLite }
        let (conn, lock) = readers[next.advance() % readers.count]
        // Readers are query-only; VACUUM INTO writes only the new file, so lift it for the copy.
        try await lock.withLock {
            let sql = conn.sql()
            try await sql.raw("PRAGMA query_only=OFF").run()
            do { try await sql.raw("VACUUM INTO \(bind: path)").run() } catch {
                try? await sql.raw("PRAGMA query_only=ON").run()
                throw error
            }
            try await sql.raw("PRAGMA query_only=ON").run()
        }
        // A backup holds every firm's figures and the password hashes: its owner alone reads it
        // (issue 19, item 7). The CLI also sets umask 077, so the file is never readable in between.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// `PRAGMA integrity_check` of an SQLite database: "ok" or the problems it found.
    public func integrityCheck() async throws -> String {
        try await withSQL(transaction: false) { db in
            try await db.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) }.joined(separator: "; ")
        }
    }

    /// Commits when `body` returns, rolls back when it throws.
    private static func inTransaction<T>(_ context: Context, begin: String,
                                         _ body: @Sendable (Context) async throws -> T) async throws -> T {
        let db = context.db
        try await db.raw("\(unsafeRaw: begin)").run()
        do {
            let value = try await body(context)
            try await db.raw("COMMIT").run()
            return value
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Closes every connection. sqlite-nio traps in debug builds when a connection is dropped
    /// unclosed, so the server calls this on graceful shutdown and tests call it at the end.
    public func close() async throws {
        guard !closed else { return }
        closed = true
        switch backend {
        case .sqlite(let writer, let writeLock, let readers, _):
            // Refresh the planner's statistics (SQLite's advice for connections that close), so
            // list filters pick their indexes after bulk loads.
            try await writeLock.withLock {
                try? await writer.sql().raw("PRAGMA optimize").run()
                try await writer.close()
            }
            for (reader, lock) in readers { try await lock.withLock { try await reader.close() } }
        case .postgres(_, let runner):
            runner.cancel()
            await runner.value
        }
    }
}

public enum DatabaseOpenError: Error, CustomStringConvertible {
    case cannotConnect(String, String)
    public var description: String {
        switch self {
        case .cannotConnect(let where_, let why): return "无法连接数据库 / cannot connect to \(where_): \(why)"
        }
    }
}

/// Round-robin over the SQLite readers.
final class ReaderCursor: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = 0
    func advance() -> Int { lock.withLock { value &+= 1; return value & Int.max } }
}

public enum BackupError: Error, CustomStringConvertible {
    case notSQLite
    case damaged(String)
    case notKechuang
    case targetExists(String)
    public var description: String {
        switch self {
        case .notSQLite: return "SQLite 备份仅适用于 SQLite 数据库 / an SQLite backup needs an SQLite database"
        case .damaged(let why): return "备份已损坏 / the backup is damaged: \(why)"
        case .notKechuang: return "这不是科创数据库的备份 / not a Kechuang backup (no migrations recorded)"
        case .targetExists(let t): return "\(t) 已存在 / already exists; restore into a new path or add --force"
        }
    }
}

extension KechuangDatabase {
    /// Puts an SQLite backup in place at `target`: the backup is opened and checked first
    /// (integrity, migrations recorded), copied beside the target, then moved over it, so a
    /// failed restore leaves the target as it was. Returns the migrations the backup has.
    @discardableResult
    public static func restoreSQLite(from file: String, to target: String, force: Bool) async throws -> Int {
        let backup = try await KechuangDatabase.open(.sqlite(path: file))
        let check: String, applied: Int
        do {
            check = try await backup.integrityCheck()
            applied = try await Migrator(backup).applied().count
            try await backup.close()
        } catch {
            try? await backup.close()
            throw error
        }
        guard check == "ok" else { throw BackupError.damaged(check) }
        guard applied > 0 else { throw BackupError.notKechuang }
        let files = FileManager.default
        if files.fileExists(atPath: target) && !force { throw BackupError.targetExists(target) }
        let staging = target + ".restoring"
        try? files.removeItem(atPath: staging)
        try files.copyItem(atPath: file, toPath: staging)
        for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: target + suffix) }
        if files.fileExists(atPath: target) { try files.removeItem(atPath: target) }
        try files.moveItem(atPath: staging, toPath: target)
        return applied
    }
}
