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

    public static func open(_ location: DatabaseLocation, logger: Logger = Logger(label: "kechuang.db"),
                            readerCount: Int = 4) async throws -> KechuangDatabase {
        switch location {
        case .sqlite(let path):
            let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            // WAL lets the reader see the last committed state while the writer works.
            for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=10000",
                           "PRAGMA optimize=0x10002"] + Self.cachePragmas {
                try await writer.sql().raw("\(unsafeRaw: pragma)").run()
            }
            // Several readers: WAL lets each read a committed snapshot while the writer works, so
            // concurrent page views do not queue behind one another.
            var readers: [(SQLiteConnection, AsyncMutex)] = []
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                for pragma in ["PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=10000", "PRAGMA query_only=ON"] + Self.cachePragmas {
                    try await reader.sql().raw("\(unsafeRaw: pragma)").run()
                }
                readers.append((reader, AsyncMutex()))
            }
            return KechuangDatabase(engine: .sqlite, location: location, logger: logger,
                                    backend: .sqlite(writer: writer, writeLock: AsyncMutex(), readers: readers, next: ReaderCursor()))
        case .postgres(let s):
            var config = PostgresClient.Configuration(
                host: s.host, port: s.port, username: s.username, password: s.password, database: s.database,
                tls: s.requireTLS ? .require(.makeClientConfiguration()) : .disable)
            config.options.maximumConnections = 8
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

    private func withContext<T: Sendable>(transaction: Bool, _ body: @Sendable (Context) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let writer, let writeLock, let readers, let next):
            let (conn, lock) = transaction ? (writer, writeLock) : readers[next.advance() % readers.count]
            // IMMEDIATE takes the write lock up front, so two writers never deadlock on upgrade.
            return try await lock.withLock {
                try await Self.inTransaction(Context(db: conn.sql(), sqlite: conn), begin: transaction ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", body)
            }
        case .postgres(let client, _):
            return try await client.withConnection { conn in
                try await Self.inTransaction(Context(db: conn.sql(), sqlite: nil), begin: transaction ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
            }
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
