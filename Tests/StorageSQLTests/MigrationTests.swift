import KechuangTestSupport
import SQLKit
import StorageSQL
import Testing

@Suite struct MigrationTests {
    @Test(arguments: TestDatabases.engines)
    func migrateRevertMigrate(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine, migrate: false) { db in
            let migrator = Migrator(db)
            let all = Array(1...22)
            let first = try await migrator.migrate()
            #expect(first.map(\.id) == all)
            #expect(try await migrator.migrate().isEmpty, "a second migrate applies nothing")
            let full = try await tableCount(db)
            #expect(full > 15)

            // Newest first, one at a time: each revert removes exactly its own tables.
            #expect(try await migrator.revert(count: 1).map(\.id) == [22])
            #expect(try await tableCount(db) == full, "022 adds triggers only")
            #expect(try await migrator.revert(count: 1).map(\.id) == [21])
            #expect(try await tableCount(db) == full - 1, "021 adds one table and a column")
            #expect(try await migrator.revert(count: 1).map(\.id) == [20])
            #expect(try await migrator.pending == [20, 21, 22])
            #expect(try await tableCount(db) == full - 2, "020 adds one table")
            let base = full - 2
            #expect(try await migrator.revert(count: 1).map(\.id) == [19])
            #expect(try await migrator.pending == [19, 20, 21, 22])
            #expect(try await tableCount(db) == base, "019 adds a column and an index only")
            #expect(try await migrator.revert(count: 1).map(\.id) == [18])
            #expect(try await migrator.pending == [18, 19, 20, 21, 22])
            #expect(try await tableCount(db) == base, "018 adds indexes only")
            #expect(try await migrator.revert(count: 1).map(\.id) == [17])
            #expect(try await tableCount(db) == base, "017 adds columns only")
            #expect(try await migrator.revert(count: 1).map(\.id) == [16])
            #expect(try await tableCount(db) == base - 4, "016 adds four tables")
            #expect(try await migrator.revert(count: 1).map(\.id) == [15])
            #expect(try await tableCount(db) == base - 7, "015 adds three tables")
            #expect(try await migrator.revert(count: 1).map(\.id) == [14])
            #expect(try await tableCount(db) == base - 8, "014 adds one table and columns")
            #expect(try await migrator.revert(count: 20).map(\.id) == Array((1...13).reversed()))
            #expect(try await tableCount(db) == 1, "only schema_migrations is left")

            #expect(try await migrator.migrate().map(\.id) == all)
            #expect(try await tableCount(db) == full)
            #expect(try await migrator.pending.isEmpty)
        }
    }

    /// 020 moves figures a firm typed before declarations existed out of the verified years: they
    /// were never checked, so they wait as pending declarations; staff figures stay.
    @Test(arguments: TestDatabases.engines)
    func unverifiedDeclaredYearsMoveToTheQueue(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine, migrate: false) { db in
            let migrator = Migrator(db)
            _ = try await migrator.migrate()
            _ = try await migrator.revert(count: 3)
            try await db.withSQL(transaction: true) { sql in
                try await sql.raw("INSERT INTO enterprises (uscc, name, status, updated_at) VALUES ('91500151MA6012340R', '示例', 'active', '2024-01-01T00:00:00Z')").run()
                try await sql.raw("""
                    INSERT INTO fiscal_years (uscc, year, employees, sales_revenue, source, recorded_at) VALUES
                    ('91500151MA6012340R', 2022, 80, 5000000000, 'staff', '2023-05-01T00:00:00Z'),
                    ('91500151MA6012340R', 2023, 120, 9000000000, 'declared', '2024-05-01T00:00:00Z')
                    """).run()
            }
            #expect(try await migrator.migrate().map(\.id) == [20, 21, 22])
            try await db.withSQL(transaction: false) { sql in
                let years = try await sql.raw("SELECT year, source FROM fiscal_years ORDER BY year").all()
                #expect(try years.map { try $0.decode(column: "year", as: Int.self) } == [2022])
                let queued = try await sql.raw("SELECT year, employees, sales_revenue, status, recorded_at FROM fiscal_year_declarations").all()
                #expect(queued.count == 1)
                #expect(try queued.first?.decode(column: "year", as: Int.self) == 2023)
                #expect(try queued.first?.decode(column: "employees", as: Int.self) == 120)
                #expect(try queued.first?.decode(column: "sales_revenue", as: Int64.self) == 9_000_000_000)
                #expect(try queued.first?.decode(column: "status", as: String.self) == "pending")
                #expect(try queued.first?.decode(column: "recorded_at", as: String.self) == "2024-05-01T00:00:00Z")
            }
            // Reverting puts the unverified year back where it was.
            _ = try await migrator.revert(count: 3)
            try await db.withSQL(transaction: false) { sql in
                let years = try await sql.raw("SELECT year, source FROM fiscal_years ORDER BY year").all()
                #expect(try years.map { try $0.decode(column: "source", as: String.self) } == ["staff", "declared"])
            }
        }
    }

    private func tableCount(_ db: KechuangDatabase) async throws -> Int {
        let engine = db.engine
        return try await db.withSQL(transaction: false) { sql in
            let query: SQLQueryString = engine == .sqlite
                ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"
            return try await sql.raw(query).first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test func parsesDatabaseLocations() throws {
        #expect(try DatabaseLocation(parsing: "kechuang.sqlite") == .sqlite(path: "kechuang.sqlite"))
        #expect(try DatabaseLocation(parsing: "sqlite:///tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        guard case .postgres(let s) = try DatabaseLocation(parsing: "postgres://kc:s%40cret@127.0.0.1:5433/kechuang?sslmode=disable") else {
            Issue.record("expected PostgreSQL"); return
        }
        #expect(s.host == "127.0.0.1" && s.port == 5433 && s.username == "kc" && s.password == "s@cret" && s.database == "kechuang")
        #expect(throws: DatabaseLocationError.self) { try DatabaseLocation(parsing: "mysql://x@y/z") }
        #expect(throws: DatabaseLocationError.self) { try DatabaseLocation(parsing: "postgres://127.0.0.1/kechuang") }
        #expect(throws: DatabaseLocationError.self) { try DatabaseLocation(parsing: "postgres://u@h/d?search_path=a;drop") }
    }

    @Test(arguments: TestDatabases.engines)
    func schemaConstraintsRejectWhatTheDomainForbids(_ engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { db in
            // A negative revenue, a bad status, a short USCC: refused by the database itself.
            try await db.withSQL(transaction: true) { sql in
                try await sql.raw("INSERT INTO enterprises (uscc, name, status, updated_at) VALUES ('91500151MA6012340R', 'x', 'active', 'now')").run()
            }
            await #expect(throws: (any Error).self) {
                try await db.withSQL(transaction: true) { sql in
                    try await sql.raw("INSERT INTO fiscal_years (uscc, year, sales_revenue, source, recorded_at) VALUES ('91500151MA6012340R', 2023, -1, 'staff', 'now')").run()
                }
            }
            await #expect(throws: (any Error).self) {
                try await db.withSQL(transaction: true) { sql in
                    try await sql.raw("INSERT INTO enterprises (uscc, name, status, updated_at) VALUES ('91500151MA6012341R', 'y', 'closed', 'now')").run()
                }
            }
            await #expect(throws: (any Error).self) {
                try await db.withSQL(transaction: true) { sql in
                    try await sql.raw("INSERT INTO enterprises (uscc, name, status, updated_at) VALUES ('123', 'z', 'active', 'now')").run()
                }
            }
        }
    }
}
