import Accounts
import Foundation
import Hummingbird
import Kernel
import Matching
import Registry
import Services
import Storage
import WebPages

/// Chain supply (issue: programmes and matching, item 6): the page and overview for bureau staff
/// and auditors; posting needs, profiles, stages and purchases for the firm they belong to or
/// bureau staff; the matching for bureau staff — each decided per record by the service.
enum SupplyRoutes {
    struct NeedIn: Decodable, KnownKeys {
        var leader: String; var chain: String; var title: String; var capabilities: [String]; var annual: API.Yuan
        static let keys: Set<String> = ["leader", "chain", "title", "capabilities", "annual"]
    }
    struct ProfileIn: Decodable, KnownKeys {
        var uscc: String; var capabilities: [String]; var summary: String?
        static let keys: Set<String> = ["uscc", "capabilities", "summary"]
    }
    struct StageIn: Decodable, KnownKeys {
        var stage: String; var order: API.Yuan?; var year: Int?
        static let keys: Set<String> = ["stage", "order", "year"]
    }
    struct PurchasesIn: Decodable, KnownKeys {
        var chain: String; var year: Int; var total: API.Yuan
        static let keys: Set<String> = ["chain", "year", "total"]
    }
    struct ShareOut: Encodable { let chain: String, leader: String?, purchases: API.Yuan, localOrders: API.Yuan, share: Double? }
    struct ProposalOut: Encodable { let supplier: String, name: String, affinity: Double, stage: String, order: API.Yuan? }
    struct NeedOut: Encodable { let id: Int64, leader: String, chain: String, title: String, capabilities: [String], annual: API.Yuan, proposals: [ProposalOut] }
    struct OverviewOut: Encodable { let year: Int, shares: [ShareOut], needs: [NeedOut] }
    struct IDOut: Encodable { let id: Int64 }
    struct CountOut: Encodable { let proposed: Int }

    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/chains", .permission(.viewProgrammes)) { request, context in
            let year = deps.defaultAsOf.year
            return .html(ChainsPage.render(try await deps.supply.overview(year: year), year: year, context.chrome(request)))
        }

        routes.add(.get, "/api/v1/chains/supply", .permission(.viewProgrammes), doc: APIDoc(
            "Each chain's local supply share for the reading year, and the leaders' purchase needs with the suppliers proposed", id: "getChainSupply",
            response: "ChainSupply")) { _, _ in
            let year = deps.defaultAsOf.year
            let o = try await deps.supply.overview(year: year)
            return try .json(OverviewOut(year: year, shares: o.shares.map {
                ShareOut(chain: $0.chain.code, leader: $0.chain.leader?.code, purchases: API.Yuan(Money(fen: $0.purchasesFen)),
                         localOrders: API.Yuan(Money(fen: $0.localOrdersFen)), share: $0.share.map { ($0 * 10_000).rounded() / 10_000 })
            }, needs: o.needs.map { n in
                NeedOut(id: n.id, leader: n.leader.code, chain: n.chain, title: n.title, capabilities: n.capabilities.sorted(), annual: API.Yuan(Money(fen: n.annualFen)),
                        proposals: (o.proposals[n.id] ?? []).map { ProposalOut(supplier: $0.supplier.code, name: o.names[$0.supplier] ?? "", affinity: $0.affinity,
                                                                               stage: $0.stage.rawValue, order: $0.orderFen.map { API.Yuan(Money(fen: $0)) }) })
            }))
        }

        routes.add(.post, "/api/v1/purchase-needs", .signedIn, doc: APIDoc(
            "Post a chain leader's purchase need: the leader for itself, or bureau staff", id: "postPurchaseNeed", request: "PurchaseNeedIn",
            response: "CreatedID", status: 201)) { request, context in
            let body = try await APIRoutes.decode(NeedIn.self, request)
            let id = try await deps.supply.postNeed(PurchaseNeed(leader: try APIRoutes.uscc(body.leader, path: "leader"), chain: body.chain, title: body.title,
                                                                 capabilities: Set(body.capabilities), annualFen: body.annual.money.fen), by: try context.requireUser())
            return try .json(IDOut(id: id), status: .created)
        }

        routes.add(.post, "/api/v1/supplier-profiles", .signedIn, doc: APIDoc(
            "Save a firm's capability profile: the firm itself, or bureau staff", id: "saveSupplierProfile", request: "SupplierProfileIn", status: 204)) { request, context in
            let body = try await APIRoutes.decode(ProfileIn.self, request)
            try await deps.supply.saveProfile(SupplierProfile(uscc: try APIRoutes.uscc(body.uscc), chains: [], capabilities: Set(body.capabilities),
                                                              summary: body.summary ?? ""), by: try context.requireUser())
            return Response(status: .noContent)
        }

        routes.add(.post, "/api/v1/purchase-needs/:id/proposals", .signedIn, doc: APIDoc(
            "Propose local suppliers for a need from the capability profiles (bureau staff)", id: "proposeSuppliers", response: "ProposedCount")) { _, context in
            try .json(CountOut(proposed: try await deps.supply.propose(needID: try APIRoutes.recordID(context), by: try context.requireUser())))
        }

        routes.add(.post, "/api/v1/purchase-needs/:id/suppliers/:uscc/stages", .signedIn, doc: APIDoc(
            "Record a proposed supplier's next stage — met, ordered (with the order's value and year) or declined — as the leader or bureau staff",
            id: "recordSupplyStage", request: "SupplyStageIn", status: 204)) { request, context in
            try await deps.supply.requireLeaderSide(needID: try APIRoutes.recordID(context), by: try context.requireUser())
            let body = try await APIRoutes.decode(StageIn.self, request)
            guard let stage = SupplyStage(rawValue: body.stage), stage != .proposed else {
                throw AppError.invalid([Problem(path: "stage", message: "met, ordered or declined")])
            }
            guard let code = context.parameters.get("uscc"), let supplier = try? USCC(code) else { throw AppError.notFound("配套企业 / supplier") }
            try await deps.supply.recordStage(needID: try APIRoutes.recordID(context), supplier: supplier, to: stage, orderFen: body.order?.money.fen,
                                              orderYear: body.year, by: try context.requireUser())
            return Response(status: .noContent)
        }

        routes.add(.post, "/api/v1/chain-purchases", .signedIn, doc: APIDoc(
            "Declare a chain's purchases for a year, the base of its local supply share: the chain's leader, or bureau staff", id: "declareChainPurchases",
            request: "ChainPurchasesIn", status: 204)) { request, context in
            let body = try await APIRoutes.decode(PurchasesIn.self, request)
            try await deps.supply.declarePurchases(chain: body.chain, year: body.year, totalFen: body.total.money.fen, by: try context.requireUser())
            return Response(status: .noContent)
        }
    }
}
