import Foundation
import InnovationPoints
import Kernel
import SQLKit
import Storage

struct SQLPointsStore: PointsStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func startRun(_ run: PointsRun) async throws -> Int64 {
        let model = String(decoding: try JSONEncoder().encode(run.model), as: UTF8.self)
        let row = try await db.raw("""
            INSERT INTO points_runs (model_id, model_json, period, computed_at, actor)
            VALUES (\(bind: run.model.id), \(bind: model), \(bind: run.period), \(bind: run.computedAt), \(bind: run.actor)) RETURNING id
            """).first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { throw RowMappingError.badValue("id", "none returned") }
        return id
    }

    func finishRun(_ id: Int64, firms: Int, published: Bool) async throws {
        try await db.raw("UPDATE points_runs SET firms = \(bind: firms), published = \(bind: published) WHERE id = \(bind: id)").run()
    }

    func insertScores(_ runID: Int64, _ scores: [StoredScore]) async throws {
        try await bulk.insertMany(into: "points_scores",
                                  columns: ["run_id", "uscc", "stage", "points_centi", "rank", "stage_size", "list", "inputs_json", "parts_json"],
                                  rows: scores.map { s in
                                      [runID, s.uscc.code, s.stage, Int64((s.points * 100).rounded()), s.rank, s.stageSize, s.list,
                                       Self.json(s.inputs), Self.json(s.parts.map { Optional($0) })]
                                  })
    }

    /// Numbers as a JSON array, missing as null; two decimals are all the points need, inputs keep theirs.
    static func json(_ values: [Double?]) -> String {
        "[" + values.map { v in v.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0) } ?? "null" }.joined(separator: ",") + "]"
    }

    static func numbers(_ text: String) throws -> [Double?] {
        guard let array = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else { throw RowMappingError.badValue("json", text) }
        return array.map { ($0 as? NSNumber)?.doubleValue }
    }

    func latestRun(period: Int?) async throws -> PointsRun? {
        let filter: SQLQueryString = period.map { "AND period = \(bind: $0)" } ?? ""
        guard let row = try await db.raw("SELECT * FROM points_runs WHERE published \(filter) ORDER BY id DESC LIMIT 1").first() else { return nil }
        let model = try Self.model(json: try row.decode(column: "model_json", as: String.self))
        return PointsRun(id: try row.decode(column: "id", as: Int64.self), model: model, period: try row.decode(column: "period", as: Int.self),
                         computedAt: try row.decode(column: "computed_at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                         firms: try row.decode(column: "firms", as: Int.self), published: try row.decode(column: "published", as: Bool.self))
    }

    private func scores(_ condition: SQLQueryString, order: SQLQueryString, offset: Int, limit: Int) async throws -> [StoredScore] {
        try await db.raw("""
            SELECT s.*, e.name FROM points_scores s JOIN enterprises e ON e.uscc = s.uscc WHERE \(condition)
            ORDER BY \(order) LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all().map { row in
            StoredScore(uscc: try row.decode(column: "uscc", as: USCC.self), name: try row.decode(column: "name", as: String.self),
                        stage: try row.decode(column: "stage", as: Int.self),
                        points: Double(try row.decode(column: "points_centi", as: Int64.self)) / 100,
                        rank: try row.decode(column: "rank", as: Int.self), stageSize: try row.decode(column: "stage_size", as: Int.self),
                        list: try row.decode(column: "list", as: Int?.self),
                        inputs: try Self.numbers(try row.decode(column: "inputs_json", as: String.self)),
                        parts: try Self.numbers(try row.decode(column: "parts_json", as: String.self)).map { $0 ?? 0 })
        }
    }

    func fetchScores(_ usccs: [USCC], runID: Int64) async throws -> [USCC: StoredScore] {
        var out: [USCC: StoredScore] = [:]
        for chunk in Array(Set(usccs.map(\.code))).sorted().chunked(into: 500) {
            for score in try await scores("s.run_id = \(bind: runID) AND s.uscc IN (\(binds: Array(chunk)))", order: "s.uscc", offset: 0, limit: chunk.count) {
                out[score.uscc] = score
            }
        }
        return out
    }

    /// Ranks share a number within a tie (1 + the firms with more points), so the firm at
    /// position `offset` + 1 belongs to the tie that starts at the largest rank ≤ `offset` + 1.
    /// Seeking to that rank on the (run, stage, rank, uscc) index and skipping only within the
    /// tie keeps the last page as fast as the first; OFFSET from the top would walk the stage.
    func fetchRanking(runID: Int64, stage: Int, offset: Int, limit: Int) async throws -> [RankingRow] {
        guard let start = try await db.raw("""
            SELECT rank FROM points_scores WHERE run_id = \(bind: runID) AND stage = \(bind: stage) AND rank <= \(bind: offset + 1)
            ORDER BY rank DESC LIMIT 1
            """).first()?.decode(column: "rank", as: Int.self) else { return [] }
        return try await db.raw("""
            SELECT s.uscc, e.name, s.points_centi, s.rank, s.stage_size, s.list FROM (
              SELECT uscc, points_centi, rank, stage_size, list FROM points_scores
              WHERE run_id = \(bind: runID) AND stage = \(bind: stage) AND rank >= \(bind: start)
              ORDER BY rank, uscc LIMIT \(literal: limit) OFFSET \(literal: offset + 1 - start)) s
            JOIN enterprises e ON e.uscc = s.uscc ORDER BY s.rank, s.uscc
            """).all().map { row in
            RankingRow(uscc: try row.decode(column: "uscc", as: USCC.self), name: try row.decode(column: "name", as: String.self),
                       points: Double(try row.decode(column: "points_centi", as: Int64.self)) / 100,
                       rank: try row.decode(column: "rank", as: Int.self), stageSize: try row.decode(column: "stage_size", as: Int.self),
                       list: try row.decode(column: "list", as: Int?.self))
        }
    }

    func points(atRank rank: Int, runID: Int64, stage: Int) async throws -> Double? {
        guard rank >= 1 else { return nil }
        // The firm at position `rank` stands in the tie whose rank is the largest ≤ `rank`, and a
        // tie shares its points: one seek on the rank index, not a sort of the stage (profiled:
        // the ORDER BY … OFFSET form sorted every stage on every bank points read).
        let row = try await db.raw("""
            SELECT points_centi FROM points_scores WHERE run_id = \(bind: runID) AND stage = \(bind: stage) AND rank <= \(bind: rank)
            ORDER BY rank DESC LIMIT 1
            """).first()
        return try row.map { Double(try $0.decode(column: "points_centi", as: Int64.self)) / 100 }
    }

    func fetchLists(runID: Int64) async throws -> [USCC: Int] {
        var out: [USCC: Int] = [:]
        for row in try await db.raw("SELECT uscc, list FROM points_scores WHERE run_id = \(bind: runID) AND list IS NOT NULL").all() {
            out[try row.decode(column: "uscc", as: USCC.self)] = try row.decode(column: "list", as: Int.self)
        }
        return out
    }

    func fetchModelIDs() async throws -> Set<String> {
        Set(try await db.raw("SELECT DISTINCT model_id FROM points_runs").all().map { try $0.decode(column: "model_id", as: String.self) })
    }

    func fetchRunModel(_ id: String) async throws -> PointsModel? {
        guard let row = try await db.raw("SELECT model_json FROM points_runs WHERE model_id = \(bind: id) ORDER BY id DESC LIMIT 1").first() else { return nil }
        return try JSONDecoder().decode(PointsModel.self, from: Data(try row.decode(column: "model_json", as: String.self).utf8))
    }

    func insertDraft(_ d: PointsDraft) async throws -> Int64 {
        let model = String(decoding: try JSONEncoder().encode(d.model), as: UTF8.self)
        return try await db.raw("""
            INSERT INTO points_drafts (version, model_json, based_on, author, created_at)
            VALUES (\(bind: d.model.id), \(bind: model), \(bind: d.basedOn), \(bind: d.author), \(bind: d.createdAt)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
    }

    private func drafts(_ condition: SQLQueryString) async throws -> [PointsDraft] {
        try await db.raw("SELECT * FROM points_drafts WHERE \(condition) ORDER BY id DESC").all().map { row in
            PointsDraft(id: try row.decode(column: "id", as: Int64.self),
                        model: try JSONDecoder().decode(PointsModel.self, from: Data(try row.decode(column: "model_json", as: String.self).utf8)),
                        basedOn: try row.decode(column: "based_on", as: String.self), author: try row.decode(column: "author", as: String.self),
                        createdAt: try row.decode(column: "created_at", as: String.self),
                        publishedRunID: try row.decode(column: "published_run_id", as: Int64?.self))
        }
    }

    func fetchDrafts() async throws -> [PointsDraft] { try await drafts("1 = 1") }
    func fetchDraft(_ id: Int64) async throws -> PointsDraft? { try await drafts("id = \(bind: id)").first }

    func markDraftPublished(_ id: Int64, runID: Int64) async throws {
        try await db.raw("UPDATE points_drafts SET published_run_id = \(bind: runID) WHERE id = \(bind: id) AND published_run_id IS NULL").run()
    }
}

extension SQLPointsStore {
    /// Decoded models by their stored JSON: a run's model never changes, and decoding it on every
    /// points read was 6 % of the bank points API's time (profiled); a few models at most are live.
    static let models = ImmutableCache<String, PointsModel>(capacity: 8)

    static func model(json: String) throws -> PointsModel {
        try models.value(json) { try JSONDecoder().decode(PointsModel.self, from: Data(json.utf8)) }
    }
}
