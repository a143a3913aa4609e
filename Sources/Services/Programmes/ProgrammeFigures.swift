import Foundation
import Kernel
import Matching
import Registry
import Storage

/// The letter's programme and matching figures, counted from the records.
public struct ProgrammeFigures: Sendable, Equatable {
    /// F14: programmes in the current set.
    public var programmes: Int
    /// F15: projects of the latest call with a city quota recommended to the city (or further along).
    public var recommended: Int
    public var latestCall: String?
    /// F17: firms that attended the latest event by `asOf`, and those that signed an intention.
    public var eventFirms: Int, intentions: Int
    public var latestEvent: String?
    /// F18: needs of the latest round, institutions that recommended chief experts, experts recommended.
    public var needs: Int, institutions: Int, chiefExperts: Int
    /// F25: per leader, the supporting firms brought in by `asOf` and how many hold 高企 then.
    public var leaders: [Leader]
    public struct Leader: Sendable, Equatable { public var name: String; public var firms: Int; public var highTech: Int }

    public static func read(_ stores: any Stores, asOf: LocalDate) async throws -> ProgrammeFigures {
        let p = stores.programmes
        // F15 counts the latest call that sends projects to the city (one with a city quota).
        let calls = try await p.fetchCalls().filter { $0.cityQuota > 0 }
        let advanced: Set = ["recommended", "contracted", "completed"]
        var recommended = 0
        if let call = calls.last { recommended = try await p.fetchProjects(callID: call.id).filter { advanced.contains($0.status.rawValue) }.count }
        let event = try await p.fetchEvents().last { $0.heldOn <= asOf }
        let firms = try await p.fetchEventFirms().filter { $0.eventID == event?.id && $0.attended }
        let needs = try await p.fetchNeeds(round: nil)
        let latestRound = ChiefRound.latest(needs.map(\.round))
        let chiefs = try await p.fetchExperts().filter(\.chief)
        var leaders: [Leader] = []
        let suppliers = try await p.fetchChainSuppliers().filter { $0.since <= asOf }
        let names = try await stores.registry.fetchEnterprises(suppliers.map(\.leader))
        for (leader, group) in Dictionary(grouping: suppliers, by: \.leader).sorted(by: { $0.key.code < $1.key.code }) {
            var highTech = 0
            for s in group where try await stores.registry.fetchDesignations(s.supplier).contains(where: { $0.kind == .highTech && $0.isValid(on: asOf) }) {
                highTech += 1
            }
            leaders.append(Leader(name: names[leader]?.name ?? leader.code, firms: group.count, highTech: highTech))
        }
        return ProgrammeFigures(programmes: try await p.fetchProgrammes().count, recommended: recommended, latestCall: calls.last?.title,
                                eventFirms: firms.count, intentions: firms.filter { $0.intention != nil }.count, latestEvent: event?.title,
                                needs: needs.filter { $0.round == latestRound }.count,
                                institutions: Set(chiefs.compactMap(\.recommendedBy)).count, chiefExperts: chiefs.count,
                                leaders: leaders.sorted { $0.firms < $1.firms })
    }

    /// As the statistics report's figures.
    public func letterFigures(asOf: LocalDate) -> [LetterFigure] {
        var out = [
            LetterFigure(id: "F14", label: ("科技专项", "Special science programmes"), value: String(programmes), period: ("现行", "current set"),
                         definition: ("登记在册的科技专项", "programmes on record"), drillDown: "/programmes"),
            LetterFigure(id: "F15", label: ("推荐市级重点项目", "Key projects recommended to the city"), value: String(recommended), period: latestCall ?? "—",
                         definition: ("最近一期有市级名额的指南中已推荐（含已签约、已结题）的项目", "projects of the latest call with a city quota recommended (or contracted, completed)"),
                         drillDown: "/programmes"),
            LetterFigure(id: "F18", label: ("首席专家需求 / 征集单位 / 推荐专家", "Chief-expert needs / institutions / experts"), value: "\(needs) / \(institutions) / \(chiefExperts)",
                         period: ("本轮", "current round"), definition: ("本轮需求数；推荐首席专家的单位数；推荐的首席专家数", "needs of the latest round; institutions that recommended chief experts; chief experts recommended"),
                         drillDown: "/programmes/chief-experts"),
        ]
        if let latestEvent {
            out.append(LetterFigure(id: "F17", label: ("产学研对接企业 / 意向", "Firms at a matching event / intentions"), value: "\(eventFirms) / \(intentions)",
                                    period: latestEvent, definition: ("截至 \(asOf) 参加最近一次对接活动的企业及其签订的合作意向", "firms that attended the latest event by \(asOf); intentions they signed"),
                                    drillDown: "/programmes"))
        }
        if !leaders.isEmpty {
            out.append(LetterFigure(id: "F25", label: ("链主企业引进配套企业", "Chain leaders' supporting firms"),
                                    value: (leaders.map { "\($0.name)：\($0.firms)（高企 \($0.highTech)）" }.joined(separator: "；"),
                                            leaders.map { "\($0.name): \($0.firms) (high-tech \($0.highTech))" }.joined(separator: "; ")),
                                    period: ("截至 \(asOf)", "to \(asOf)"),
                                    definition: ("各链主截止日前引进的配套企业；其中截止日有效的高企", "supporting firms each leader brought in by the date; of them, high-tech firms valid on the date"),
                                    drillDown: "/programmes"))
        }
        return out
    }
}
