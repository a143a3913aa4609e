import Accounts
import Cashout
import Foundation
import Kernel
import Matching
import Registry
import Storage

/// One chain's local supply for a year: its leaders' declared purchases and the orders they
/// placed with district suppliers found through the platform.
public struct ChainSupplyShare: Sendable, Hashable {
    public var chain: IndustryChain
    public var purchasesFen: Int64
    public var localOrdersFen: Int64
    /// Nil while no leader of the chain declared its purchases.
    public var share: Double?
}

/// Chain leaders' purchases matched to local suppliers (issue: programmes and matching, item
/// 6): a leader (or the bureau for it) posts what it buys; district firms keep capability
/// profiles; the bureau runs the matching; the leader records each supplier's way through the
/// order meetings; the local supply share per chain follows. Refusals use the programme errors.
public struct SupplyService: Sendable {
    public let transactor: any Transactor
    public let clock: @Sendable () -> Date
    public let rules: ProgrammeRules

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date, rules: ProgrammeRules = .tongliang2024) {
        self.transactor = transactor; self.clock = clock; self.rules = rules
    }

    var now: String { ISOTime.format(clock()) }

    static func tags(_ xs: Set<String>, _ path: String) -> [Problem] {
        xs.isEmpty || xs.count > 20 || xs.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine($0, max: 50) })
            ? [Problem(path: path, message: "1–20 tags of 1–50 printable characters")] : []
    }

    /// The leader's own user, or bureau staff on its behalf.
    static func speaksFor(_ user: User, _ firm: USCC) -> Bool { (user.role == .enterprise && user.enterprise == firm) || ProjectDuty.isBureauStaff(user) }

    public func postNeed(_ need: PurchaseNeed, by user: User) async throws -> Int64 {
        var problems = Self.tags(need.capabilities, "capabilities")
        if need.title.trimmingCharacters(in: .whitespaces).isEmpty || !CleanText.isLine(need.title, max: 200) { problems.append(Problem(path: "title", message: "1–200 printable characters")) }
        if need.annualFen < 0 { problems.append(Problem(path: "annual", message: "must not be negative")) }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        guard Self.speaksFor(user, need.leader) else { throw ProgrammeError.notYourDuty("a leader posts its own needs") }
        let at = now
        return try await transactor.write { stores in
            guard let chain = try await stores.district.fetchChains().first(where: { $0.code == need.chain }) else { throw ProgrammeError.notFound("产业链 \(need.chain)") }
            guard chain.leader == need.leader else { throw ProgrammeError.illegalStep("\(need.leader) does not lead the \(chain.name) chain") }
            let id = try await stores.supply.insertNeed(need, at: at, by: user.actorName)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "supply.need.post", subject: "purchase-need:\(id)",
                                              detail: "\(need.chain) \(need.title)", role: user.role.rawValue))
            return id
        }
    }

    public func saveProfile(_ profile: SupplierProfile, by user: User) async throws {
        var problems = Self.tags(profile.capabilities, "capabilities")
        if !CleanText.isText(profile.summary, max: 1_000) { problems.append(Problem(path: "summary", message: "at most 1000 characters")) }
        guard problems.isEmpty else { throw ProgrammeError.invalid(problems) }
        guard Self.speaksFor(user, profile.uscc) else { throw ProgrammeError.notYourDuty("a firm keeps its own profile") }
        let at = now
        try await transactor.write { stores in
            guard let firm = try await stores.registry.fetchEnterprise(profile.uscc), firm.status == .active else { throw ProgrammeError.notFound("企业 \(profile.uscc)") }
            try await stores.supply.upsertProfile(profile, at: at, by: user.actorName)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "supply.profile.save", subject: "enterprise:\(profile.uscc)",
                                              detail: profile.capabilities.sorted().joined(separator: ","), role: user.role.rawValue))
        }
    }

    /// Proposes suppliers for one need from the district's profiles, leaving out the leader's
    /// present suppliers and those proposed before; returns how many were new.
    public func propose(needID: Int64, by user: User) async throws -> Int {
        guard ProjectDuty.isBureauStaff(user) else { throw ProgrammeError.notYourDuty("the bureau runs the matching") }
        let at = now
        return try await transactor.write { stores in
            guard let need = try await stores.supply.fetchNeeds().first(where: { $0.id == needID }) else { throw ProgrammeError.notFound("采购需求 \(needID)") }
            let present = Set(try await stores.programmes.fetchChainSuppliers().filter { $0.leader == need.leader }.map(\.supplier))
            let proposed = Set(try await stores.supply.fetchProposals().filter { $0.needID == needID }.map(\.supplier))
            let found = rules.supply.propose(need, among: try await stores.supply.fetchProfiles(), excluding: present.union(proposed))
            let added = try await stores.supply.insertProposals(found.map {
                SupplierProposal(needID: needID, supplier: $0.supplier, affinity: $0.affinity, proposedAt: at, stageAt: at)
            })
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "supply.propose", subject: "purchase-need:\(needID)",
                                              detail: "\(added) suppliers proposed", role: user.role.rawValue))
            return added
        }
    }

    /// Refuses a reader who does not speak for the need's leader before anything else is read
    /// from the request (nothing about the need is told to someone who may not record it).
    public func requireLeaderSide(needID: Int64, by user: User) async throws {
        let need = try await transactor.read { try await $0.supply.fetchNeeds().first(where: { $0.id == needID }) }
        guard let need else { throw ProgrammeError.notFound("采购需求 \(needID)") }
        guard Self.speaksFor(user, need.leader) else { throw ProgrammeError.notYourDuty("the leader records its meetings and orders") }
    }

    /// The leader (or staff) records a proposed supplier's next stage; an order carries its
    /// value and the year it counts in.
    public func recordStage(needID: Int64, supplier: USCC, to stage: SupplyStage, orderFen: Int64? = nil, orderYear: Int? = nil, by user: User) async throws {
        if stage == .ordered {
            guard (orderFen ?? 0) > 0 else { throw ProgrammeError.invalid([Problem(path: "order", message: "an order has a value above 0")]) }
            guard (2000...2200).contains(orderYear ?? 0) else { throw ProgrammeError.invalid([Problem(path: "year", message: "the year the order counts in")]) }
        } else if orderFen != nil || orderYear != nil {
            throw ProgrammeError.invalid([Problem(path: "order", message: "only an order has a value")])
        }
        let at = now
        try await transactor.write { stores in
            guard let need = try await stores.supply.fetchNeeds().first(where: { $0.id == needID }),
                  let p = try await stores.supply.fetchProposals().first(where: { $0.needID == needID && $0.supplier == supplier }) else {
                throw ProgrammeError.notFound("推荐 \(needID)/\(supplier)")
            }
            guard Self.speaksFor(user, need.leader) else { throw ProgrammeError.notYourDuty("the leader records its meetings and orders") }
            guard p.stage.canMove(to: stage) else { throw ProgrammeError.illegalStep("\(p.stage.rawValue) → \(stage.rawValue)") }
            guard try await stores.supply.moveProposal(needID: needID, supplier: supplier, from: p.stage, to: stage, at: at, orderFen: orderFen, orderYear: orderYear) else {
                throw ProgrammeError.illegalStep("the proposal moved meanwhile")
            }
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "supply.stage.\(stage.rawValue)", subject: "purchase-need:\(needID)",
                                              detail: "\(supplier) \(p.stage.rawValue) → \(stage.rawValue)\(orderFen.map { " \(Money(fen: $0).yuanText) yuan" } ?? "")",
                                              role: user.role.rawValue))
        }
    }

    /// The chain's leader declares what the chain's lead firm bought in a year (the base of the
    /// chain's local share); a firm leading two chains declares each chain's part.
    public func declarePurchases(chain code: String, year: Int, totalFen: Int64, by user: User) async throws {
        guard totalFen > 0, (2000...2200).contains(year) else { throw ProgrammeError.invalid([Problem(path: "total", message: "a total above 0 for a year 2000–2200")]) }
        let at = now
        try await transactor.write { stores in
            guard let chain = try await stores.district.fetchChains().first(where: { $0.code == code }) else { throw ProgrammeError.notFound("产业链 \(code)") }
            guard let leader = chain.leader else { throw ProgrammeError.illegalStep("the \(chain.name) chain has no leader") }
            guard Self.speaksFor(user, leader) else { throw ProgrammeError.notYourDuty("the chain's leader declares its purchases") }
            try await stores.supply.upsertPurchases(chain: code, year: year, totalFen: totalFen, at: at, by: user.actorName)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "supply.purchases.declare", subject: "chain:\(code)",
                                              detail: "\(year) \(Money(fen: totalFen).yuanText) yuan", role: user.role.rawValue))
        }
    }

    /// Everything the chains page shows, read in one snapshot.
    public struct Overview: Sendable {
        public var needs: [PurchaseNeed]
        public var proposals: [Int64: [SupplierProposal]]
        public var shares: [ChainSupplyShare]
        public var names: [USCC: String]
        public var profiles: Int
    }

    public func overview(year: Int) async throws -> Overview {
        try await transactor.read { stores in
            let needs = try await stores.supply.fetchNeeds()
            let proposals = try await stores.supply.fetchProposals()
            let purchases = try await stores.supply.fetchPurchases(year: year)
            let chains = try await stores.district.fetchChains().filter { $0.leader != nil }
            let chainOf = Dictionary(needs.map { ($0.id, $0.chain) }, uniquingKeysWith: { a, _ in a })
            let shares = chains.map { c -> ChainSupplyShare in
                let ordered = proposals.filter { $0.stage == .ordered && $0.orderYear == year && chainOf[$0.needID] == c.code }.compactMap(\.orderFen).reduce(0, +)
                let total = purchases[c.code] ?? 0
                return ChainSupplyShare(chain: c, purchasesFen: total, localOrdersFen: ordered, share: SupplyRule.localShare(orderedFen: ordered, totalFen: total))
            }
            let firms = Set(needs.map(\.leader) + proposals.map(\.supplier))
            return Overview(needs: needs, proposals: Dictionary(grouping: proposals, by: \.needID), shares: shares,
                            names: try await stores.registry.fetchEnterprises(Array(firms)).mapValues(\.name), profiles: try await stores.supply.fetchProfiles().count)
        }
    }
}
