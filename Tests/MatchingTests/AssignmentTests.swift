import Foundation
import Kernel
import Testing
@testable import Matching

/// Reviewer assignment never places a conflicted expert, respects capacity, is stable, fails
/// safe on missing affiliations; moderation flags a planted outlier.
@Suite struct AssignmentTests {
    static let fields = ["储能", "先进制造", "先进材料", "食品加工", "农业", "电子信息", "生物医药"]
    static let institutions = ["重庆大学", "西南大学", "重庆邮电大学", "重庆理工大学", "重庆交通大学"]
    static let firms = (0..<40).map { USCC.withCheckDigit(body: "91500151MA" + String(format: "%07d", 1_000 + $0))! }

    /// A random but reproducible pool and set of applications.
    static func world(seed: UInt64) -> ([Expert], [MatchSubject]) {
        var rng = SeededRandom(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let experts = (0..<29).map { i -> Expert in
            let known = rng.next() % 10 != 0   // one in ten has no recorded institution
            return Expert(id: String(format: "E%02d", i), name: "专家\(i)", institution: known ? pick(institutions) : nil,
                          fields: Set((0..<2).map { _ in pick(fields) }), keywords: Set((0..<3).map { _ in "k\(rng.next() % 12)" }),
                          collaborations: rng.next() % 3 == 0 ? [.init(party: pick(firms).code, year: 2021 + Int(rng.next() % 4))] : [],
                          declaredInterests: rng.next() % 5 == 0 ? [pick(firms).code] : [], capacity: 1 + Int(rng.next() % 3))
        }
        let subjects = (0..<40).map { i in
            MatchSubject(id: String(format: "A%02d", i), firm: firms[i], institutions: rng.next() % 2 == 0 ? [pick(institutions)] : [],
                         fields: [pick(fields)], keywords: Set((0..<2).map { _ in "k\(rng.next() % 12)" }), needed: 2)
        }
        return (experts, subjects)
    }

    @Test(arguments: 1...40)
    func neverConflictedNeverOverCapacity(_ seed: Int) {
        let (experts, subjects) = Self.world(seed: UInt64(seed))
        let rule = ConflictRule()
        let proposals = Assigner(rule: rule).assign(subjects, experts, year: 2024)
        let byID = Dictionary(uniqueKeysWithValues: experts.map { ($0.id, $0) })
        let subjectsByID = Dictionary(uniqueKeysWithValues: subjects.map { ($0.id, $0) })
        var load: [String: Int] = [:]
        for p in proposals {
            let s = subjectsByID[p.subject]!
            #expect(Set(p.experts).count == p.experts.count, "no expert twice on one panel")
            #expect(p.experts.count + p.short == s.needed)
            for id in p.experts {
                let e = byID[id]!
                #expect(rule.conflicts(e, s, year: 2024).isEmpty, "seed \(seed): \(id) is conflicted on \(s.id)")
                #expect(e.institution != nil, "an unknown affiliation is never assigned automatically")
                #expect(!e.fields.isDisjoint(with: s.fields))
                load[id, default: 0] += 1
            }
        }
        for (id, n) in load { #expect(n <= byID[id]!.capacity, "seed \(seed): \(id) over capacity") }
    }

    @Test(arguments: 1...10)
    func theSameInputInAnyOrderGivesTheSameProposal(_ seed: Int) {
        let (experts, subjects) = Self.world(seed: UInt64(seed))
        var rng = SeededRandom(seed: UInt64(seed) &+ 99)
        let a = Assigner().assign(subjects, experts, year: 2024)
        let b = Assigner().assign(subjects.shuffled(using: &rng), experts.shuffled(using: &rng), year: 2024)
        #expect(a == b)
    }

    @Test func conflictsAreNamedAndMissingDataFailsSafe() {
        let firm = Self.firms[0]
        let s = MatchSubject(id: "A", firm: firm, institutions: ["重庆大学"], fields: ["储能"], needed: 3)
        let colleague = Expert(id: "E1", name: "同校", institution: "重庆大学", fields: ["储能"], capacity: 3)
        let partner = Expert(id: "E2", name: "合作", institution: "西南大学", fields: ["储能"], collaborations: [.init(party: firm.code, year: 2022)], capacity: 3)
        let oldPartner = Expert(id: "E3", name: "旧合作", institution: "西南大学", fields: ["储能"], collaborations: [.init(party: firm.code, year: 2020)], capacity: 3)
        let interested = Expert(id: "E4", name: "持股", institution: "重庆邮电大学", fields: ["储能"], declaredInterests: [firm.code], capacity: 3)
        let unknown = Expert(id: "E5", name: "未知", institution: nil, fields: ["储能"], capacity: 3)
        let p = Assigner().assign([s], [colleague, partner, oldPartner, interested, unknown], year: 2024)[0]
        #expect(p.experts == ["E3"], "only the collaboration of 2020 is out of the three-year window (2024 − 2020 = 4)")
        #expect(p.short == 2)
        #expect(p.excluded["E1"] == [.sameInstitution("重庆大学")])
        #expect(p.excluded["E2"] == [.recentCollaboration(party: firm.code, year: 2022)])
        #expect(p.excluded["E4"] == [.declaredInterest(firm.code)])
        #expect(p.excluded["E5"] == [.affiliationUnknown])
        // The window's edge: three years before is still a conflict, four is not.
        #expect(!ConflictRule().conflicts(Expert(id: "x", name: "", institution: "i", fields: [], collaborations: [.init(party: firm.code, year: 2021)], capacity: 1), s, year: 2024).isEmpty)
    }

    @Test func loadIsSharedAmongEquallyGoodExperts() {
        let experts = (1...4).map { Expert(id: "E\($0)", name: "", institution: "机构\($0)", fields: ["储能"], capacity: 3) }
        let subjects = (1...4).map { MatchSubject(id: "A\($0)", firm: Self.firms[$0], fields: ["储能"], needed: 1) }
        let p = Assigner().assign(subjects, experts, year: 2024)
        #expect(Set(p.flatMap(\.experts)) == ["E1", "E2", "E3", "E4"], "each takes one before anyone takes two")
    }

    @Test func moderationFlagsAPlantedOutlier() {
        let rule = ModerationRule()
        let f = rule.flags(["r1": 82, "r2": 85, "r3": 80, "r4": 84, "r5": 41])
        #expect(Array(f.outliers.keys) == ["r5"] && f.outliers["r5"]! < -20)
        #expect(f.disagreement && f.median == 82)
        let calm = rule.flags(["r1": 82, "r2": 85, "r3": 80])
        #expect(calm.outliers.isEmpty && !calm.disagreement)
        // Edges: 20 points from the others' median is an outlier, 19.9 is not.
        #expect(Array(rule.flags(["a": 80, "b": 80, "d": 80, "c": 60]).outliers.keys) == ["c"])
        #expect(rule.flags(["a": 80, "b": 80, "d": 80, "c": 60.1]).outliers.isEmpty)
        #expect(rule.flags(["a": 80, "b": 80, "c": 40]).outliers.isEmpty, "three scores: a disagreement, not an outlier")
        #expect(rule.flags(["a": 80, "b": 80, "c": 40]).disagreement)
    }
}
