import Accounts
import Foundation
import Kernel
import Matching
import Registry
import Storage

/// The demo's chain supply [I: the letter names leaders and the firms they brought in, not their
/// purchase lists]: each of the three leaders posts two purchase needs; district firms of the
/// chains keep capability profiles; the bureau runs the matching; at the May order meeting the
/// leaders meet the top three proposed for each need, order from the first and pass on the third;
/// each leader declares its 2024 purchases, from which the local supply share follows.
public enum DemoSupply {
    static let needs: [String: [(title: String, capabilities: Set<String>, annualYuan: Int64)]] = [
        "energy-storage": [("电芯结构件", ["冲压", "铝壳", "精密加工"], 180_000_000), ("储能柜集成", ["钣金", "喷涂", "线束装配"], 120_000_000)],
        "motorcycle": [("车架焊接件", ["焊接", "冲压", "喷涂"], 90_000_000), ("电机电控", ["电机", "电控", "线束装配"], 150_000_000)],
        "smart-home": [("智能门锁组件", ["压铸", "精密加工", "电子装配"], 40_000_000), ("家居五金", ["冲压", "表面处理", "五金"], 25_000_000)],
    ]
    static let capabilities = ["冲压", "铝壳", "精密加工", "钣金", "喷涂", "线束装配", "焊接", "电机", "电控", "压铸", "电子装配", "表面处理", "五金", "注塑"]
    static let purchasesYuan: [String: Int64] = ["energy-storage": 1_200_000_000, "motorcycle": 800_000_000, "smart-home": 300_000_000]

    /// Seeds unless a need exists; returns the orders placed.
    @discardableResult
    public static func seedIfEmpty(_ transactor: any Transactor, staff: DemoCashout.Staff, district: DemoDistrict) async throws -> Int {
        guard try await transactor.read({ try await $0.supply.fetchNeeds() }).isEmpty else { return 0 }
        func on(_ day: String) -> SupplyService {
            let instant = ISOTime.parse("\(day)T02:00:00Z")!
            return SupplyService(transactor: transactor, clock: { instant })
        }
        let chains = Set(needs.keys)
        let firms = (0..<district.count).map(district.enterprise(at:)).map(\.enterprise)
            .filter { $0.status == .active && !$0.chainTags.filter(chains.contains).isEmpty }
        let leaders = Set(district.chains.compactMap(\.leader))
        // Profiles: three capabilities each, taken in turn from the list.
        for (n, e) in firms.filter({ !leaders.contains($0.uscc) }).prefix(90).enumerated() {
            let caps = Set((0..<3).map { capabilities[(n * 5 + $0 * 3) % capabilities.count] })
            try await on("2024-04-01").saveProfile(SupplierProfile(uscc: e.uscc, chains: [], capabilities: caps, summary: "\(caps.sorted().joined(separator: "、"))配套加工"),
                                                   by: staff.reviewer)
        }
        var orders = 0
        for chain in district.chains.sorted(by: { $0.code < $1.code }) {
            guard let leader = chain.leader, let list = needs[chain.code] else { continue }
            for need in list {
                let id = try await on("2024-04-10").postNeed(PurchaseNeed(leader: leader, chain: chain.code, title: need.title, capabilities: need.capabilities,
                                                                           annualFen: need.annualYuan * 100), by: staff.reviewer)
                _ = try await on("2024-04-20").propose(needID: id, by: staff.reviewer)
                let proposed = try await transactor.read { try await $0.supply.fetchProposals() }.filter { $0.needID == id }
                for (k, p) in proposed.prefix(3).enumerated() {
                    try await on("2024-05-28").recordStage(needID: id, supplier: p.supplier, to: .met, by: staff.reviewer)
                    if k == 0 {
                        try await on("2024-06-15").recordStage(needID: id, supplier: p.supplier, to: .ordered, orderFen: need.annualYuan * 100 / 20, orderYear: 2024, by: staff.reviewer)
                        orders += 1
                    } else if k == 2 {
                        try await on("2024-06-15").recordStage(needID: id, supplier: p.supplier, to: .declined, by: staff.reviewer)
                    }
                }
            }
            if let total = purchasesYuan[chain.code] { try await on("2024-06-20").declarePurchases(chain: chain.code, year: 2024, totalFen: total * 100, by: staff.reviewer) }
        }
        return orders
    }
}
