import Kernel
import Registry
import SQLKit
import Storage

struct SQLDistrictStore: DistrictStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func upsertTowns(_ towns: [Town]) async throws {
        try await bulk.insertMany(into: "towns", columns: ["code", "name"], rows: towns.map { [$0.code, $0.name] }, upsertOn: ["code"])
    }

    func fetchTowns() async throws -> [Town] {
        try await db.raw("SELECT code, name FROM towns ORDER BY code").all().map {
            Town(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self))
        }
    }

    func upsertChains(_ chains: [IndustryChain]) async throws {
        try await bulk.insertMany(into: "industry_chains", columns: ["code", "name", "leader_uscc"],
                                rows: chains.map { [$0.code, $0.name, $0.leader?.code] }, upsertOn: ["code"])
    }

    func fetchChains() async throws -> [IndustryChain] {
        try await db.raw("SELECT code, name, leader_uscc FROM industry_chains ORDER BY code").all().map {
            IndustryChain(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self),
                          leader: try $0.decode(column: "leader_uscc", as: USCC?.self))
        }
    }

    func insertPlatforms(_ platforms: [InnovationPlatform]) async throws {
        try await bulk.insertMany(into: "innovation_platforms", columns: ["uscc", "name", "kind", "level", "recognised_on"],
                                rows: platforms.map { [$0.enterprise.code, $0.name, $0.kind, $0.level.rawValue, $0.recognisedOn.description] })
    }

    func insertTalents(_ talents: [Talent]) async throws {
        try await bulk.insertMany(into: "talents", columns: ["uscc", "name", "category", "since", "field", "level"],
                                rows: talents.map { [$0.enterprise?.code, $0.name, $0.category.rawValue, $0.since.description, $0.field, $0.level?.rawValue] })
    }

    private func count(_ query: SQLQueryString) async throws -> Int {
        try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Firms (not designations) meeting `condition`: grouped by firm on the (kind, uscc, dates)
    /// index, which reads the index alone in order; COUNT(DISTINCT) sorted them all first.
    private func countFirms(_ kind: DesignationKind, _ condition: SQLQueryString) async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM (SELECT uscc FROM designations WHERE kind = \(bind: kind.rawValue) AND \(condition) GROUP BY uscc) f")
    }

    func countDesignationsIssued(_ kind: DesignationKind, from: LocalDate, to: LocalDate) async throws -> Int {
        try await countFirms(kind, "issued_on >= \(bind: from.description) AND issued_on <= \(bind: to.description)")
    }

    func countDesignationsValid(_ kind: DesignationKind, on date: LocalDate) async throws -> Int {
        let d = date.description
        return try await countFirms(kind, """
            issued_on <= \(bind: d) AND (expires_on IS NULL OR expires_on >= \(bind: d)) AND (revoked_on IS NULL OR revoked_on > \(bind: d))
            """)
    }

    func countDesignations(_ kind: DesignationKind, batch: String) async throws -> Int {
        try await countFirms(kind, "batch = \(bind: batch)")
    }

    func countPlatforms(on date: LocalDate, level: InstitutionLevel?) async throws -> Int {
        if let level {
            return try await count("SELECT COUNT(*) AS n FROM innovation_platforms WHERE recognised_on <= \(bind: date.description) AND level = \(bind: level.rawValue)")
        }
        return try await count("SELECT COUNT(*) AS n FROM innovation_platforms WHERE recognised_on <= \(bind: date.description)")
    }

    func fetchPlatforms(on date: LocalDate) async throws -> [InnovationPlatform] {
        let order = InstitutionLevel.allCases.enumerated().map { "WHEN '\($0.element.rawValue)' THEN \($0.offset)" }.joined(separator: " ")
        return try await db.raw("""
            SELECT * FROM innovation_platforms WHERE recognised_on <= \(bind: date.description)
            ORDER BY CASE level \(unsafeRaw: order) END, recognised_on, id
            """).all().map { row in
            guard let day = try row.decodeDate("recognised_on") else { throw RowMappingError.badValue("recognised_on", "NULL") }
            return InnovationPlatform(enterprise: try row.decode(column: "uscc", as: USCC.self), name: try row.decode(column: "name", as: String.self),
                                      kind: try row.decode(column: "kind", as: String.self), level: try row.decodeEnum("level"), recognisedOn: day)
        }
    }

    func talentTally(on date: LocalDate) async throws -> [TalentTally] {
        try await db.raw("""
            SELECT category, field, level, COUNT(*) AS n FROM talents WHERE since <= \(bind: date.description) GROUP BY category, field, level
            """).all().map { row in
            TalentTally(category: try row.decodeEnum("category"), field: try row.decode(column: "field", as: String?.self),
                        level: try row.decode(column: "level", as: String?.self).flatMap(InstitutionLevel.init(rawValue:)), count: try row.decode(column: "n", as: Int.self))
        }
    }

    func countTalents(_ category: TalentCategory, on date: LocalDate) async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM talents WHERE category = \(bind: category.rawValue) AND since <= \(bind: date.description)")
    }

    func meta(_ key: String) async throws -> String? {
        try await db.raw("SELECT value FROM meta WHERE key = \(bind: key)").first()?.decode(column: "value", as: String.self)
    }

    func setMeta(_ key: String, _ value: String) async throws {
        try await bulk.insertMany(into: "meta", columns: ["key", "value"], rows: [[key, value]], upsertOn: ["key"])
    }
}
