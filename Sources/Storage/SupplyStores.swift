import Kernel
import Matching

/// A supplier proposed for a purchase need and how far it got.
public struct SupplierProposal: Sendable, Hashable {
    public var needID: Int64
    public var supplier: USCC
    public var affinity: Double
    public var proposedAt: String
    public var stage: SupplyStage
    public var stageAt: String
    public var orderFen: Int64?
    /// The year the order counts in, for the local supply share.
    public var orderYear: Int?
    public init(needID: Int64, supplier: USCC, affinity: Double, proposedAt: String, stage: SupplyStage = .proposed, stageAt: String,
                orderFen: Int64? = nil, orderYear: Int? = nil) {
        self.needID = needID; self.supplier = supplier; self.affinity = affinity; self.proposedAt = proposedAt; self.stage = stage
        self.stageAt = stageAt; self.orderFen = orderFen; self.orderYear = orderYear
    }
}

/// Chain leaders' purchases and local suppliers (issue: programmes and matching, item 6).
public protocol SupplyStore: Sendable {
    func insertNeed(_ need: PurchaseNeed, at: String, by: String) async throws -> Int64
    func fetchNeeds() async throws -> [PurchaseNeed]
    func upsertProfile(_ profile: SupplierProfile, at: String, by: String) async throws
    /// Profiles of district firms; each carries the chains its firm is tagged with.
    func fetchProfiles() async throws -> [SupplierProfile]
    /// Inserts the proposals not already made for their need; returns how many were new.
    func insertProposals(_ proposals: [SupplierProposal]) async throws -> Int
    func fetchProposals() async throws -> [SupplierProposal]
    /// Moves a proposal from `from` to `to`; false when it was not at `from` (a concurrent step won).
    func moveProposal(needID: Int64, supplier: USCC, from: SupplyStage, to: SupplyStage, at: String, orderFen: Int64?, orderYear: Int?) async throws -> Bool
    func upsertPurchases(chain: String, year: Int, totalFen: Int64, at: String, by: String) async throws
    /// Declared purchase totals by chain code for `year`.
    func fetchPurchases(year: Int) async throws -> [String: Int64]
}
