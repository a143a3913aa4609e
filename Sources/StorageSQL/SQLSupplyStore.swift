import Foundation
import Kernel
import Matching
import SQLKit
import Storage

struct SQLSupplyStore: SupplyStore {
    let db: any SQLDatabase
    let bulk: BulkInserter

    func insertNeed(_ n: PurchaseNeed, at: String, by: String) async throws -> Int64 {
        try await db.raw("""
            INSERT INTO purchase_needs (leader_uscc, chain_code, title, capabilities, annual_fen, posted_at, posted_by)
            VALUES (\(bind: n.leader.code), \(bind: n.chain), \(bind: n.title), \(bind: SQLProgrammeStore.list(n.capabilities.sorted())), \(bind: n.annualFen),
                    \(bind: at), \(bind: by)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
    }

    func fetchNeeds() async throws -> [PurchaseNeed] {
        try await db.raw("SELECT * FROM purchase_needs ORDER BY id").all().map { row in
            PurchaseNeed(id: try row.decode(column: "id", as: Int64.self), leader: try row.decode(column: "leader_uscc", as: USCC.self),
                         chain: try row.decode(column: "chain_code", as: String.self), title: try row.decode(column: "title", as: String.self),
                         capabilities: Set(try SQLProgrammeStore.list(row, "capabilities")), annualFen: try row.decode(column: "annual_fen", as: Int64.self))
        }
    }

    func upsertProfile(_ p: SupplierProfile, at: String, by: String) async throws {
        try await bulk.insertMany(into: "supplier_profiles", columns: ["uscc", "capabilities", "summary", "updated_at", "updated_by"],
                                  rows: [[p.uscc.code, SQLProgrammeStore.list(p.capabilities.sorted()), p.summary, at, by]], upsertOn: ["uscc"])
    }

    func fetchProfiles() async throws -> [SupplierProfile] {
        let chains = Dictionary(grouping: try await db.raw("SELECT uscc, chain_code FROM enterprise_chains").all().map {
            (try $0.decode(column: "uscc", as: String.self), try $0.decode(column: "chain_code", as: String.self))
        }, by: \.0).mapValues { Set($0.map(\.1)) }
        return try await db.raw("SELECT * FROM supplier_profiles ORDER BY uscc").all().map { row in
            let code = try row.decode(column: "uscc", as: String.self)
            return SupplierProfile(uscc: try USCC(code), chains: chains[code] ?? [], capabilities: Set(try SQLProgrammeStore.list(row, "capabilities")),
                                   summary: try row.decode(column: "summary", as: String.self))
        }
    }

    func insertProposals(_ proposals: [SupplierProposal]) async throws -> Int {
        var added = 0
        for p in proposals {
            added += try await db.raw("""
                INSERT INTO supplier_proposals (need_id, supplier_uscc, affinity_milli, proposed_at, stage, stage_at)
                VALUES (\(bind: p.needID), \(bind: p.supplier.code), \(bind: Int((p.affinity * 1000).rounded())), \(bind: p.proposedAt), \(bind: p.stage.rawValue),
                        \(bind: p.stageAt))
                ON CONFLICT (need_id, supplier_uscc) DO NOTHING RETURNING need_id
                """).all().count
        }
        return added
    }

    func fetchProposals() async throws -> [SupplierProposal] {
        try await db.raw("SELECT * FROM supplier_proposals ORDER BY need_id, affinity_milli DESC, supplier_uscc").all().map { row in
            SupplierProposal(needID: try row.decode(column: "need_id", as: Int64.self), supplier: try row.decode(column: "supplier_uscc", as: USCC.self),
                             affinity: Double(try row.decode(column: "affinity_milli", as: Int.self)) / 1000,
                             proposedAt: try row.decode(column: "proposed_at", as: String.self), stage: try row.decodeEnum("stage"),
                             stageAt: try row.decode(column: "stage_at", as: String.self), orderFen: try row.decode(column: "order_fen", as: Int64?.self),
                             orderYear: try row.decode(column: "order_year", as: Int?.self))
        }
    }

    func moveProposal(needID: Int64, supplier: USCC, from: SupplyStage, to: SupplyStage, at: String, orderFen: Int64?, orderYear: Int?) async throws -> Bool {
        !(try await db.raw("""
            UPDATE supplier_proposals SET stage = \(bind: to.rawValue), stage_at = \(bind: at), order_fen = \(bind: orderFen), order_year = \(bind: orderYear)
            WHERE need_id = \(bind: needID) AND supplier_uscc = \(bind: supplier.code) AND stage = \(bind: from.rawValue) RETURNING need_id
            """).all()).isEmpty
    }

    func upsertPurchases(chain: String, year: Int, totalFen: Int64, at: String, by: String) async throws {
        try await bulk.insertMany(into: "chain_purchases", columns: ["chain_code", "year", "total_fen", "declared_at", "declared_by"],
                                  rows: [[chain, year, totalFen, at, by]], upsertOn: ["chain_code", "year"])
    }

    func fetchPurchases(year: Int) async throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        for row in try await db.raw("SELECT chain_code, total_fen FROM chain_purchases WHERE year = \(bind: year)").all() {
            out[try row.decode(column: "chain_code", as: String.self)] = try row.decode(column: "total_fen", as: Int64.self)
        }
        return out
    }
}
