import Accounts
import Foundation
import Kernel
import Matching
import Registry
import Storage

/// The demo's programmes and matching, run through the same service steps staff use on the
/// dates they would have happened: the eight programmes (F14); the 2024 key-project call — 40
/// applications, two withdrawn, two sent back, 36 through the unit → department → bureau
/// chain, five reviewers each, one planted outlier, the top 15 recommended to the city (F15);
/// the chief-expert round — 40 needs, 29 experts recommended by 10 institutions (F18); one
/// university matching event with 40 firms and 15 intentions (F17), six more registered who did not
/// come, and the next event open for registration; and the firms the three
/// chain leaders brought in (F25). The programme names past the letter's five are ours [I].
public enum DemoProgrammes {
    static let programmes = [
        Programme(code: "energy-storage", name: "新型储能", fields: ["储能"]),
        Programme(code: "advanced-manufacturing", name: "先进制造", fields: ["装备", "摩托车"]),
        Programme(code: "advanced-materials", name: "先进材料", fields: ["材料"]),
        Programme(code: "food-processing", name: "食品及农产品加工", fields: ["食品"]),
        Programme(code: "bayue-farm", name: "巴岳农庄", fields: ["农业"]),
        Programme(code: "smart-home", name: "智能家居", fields: ["家居"]),
        Programme(code: "digital-economy", name: "数字经济", fields: ["数字"]),
        Programme(code: "social-development", name: "社会发展", fields: ["医药", "社会"]),
    ]
    /// Fields by the demo's chains, for firms' projects and needs.
    static let chainField = ["energy-storage": "储能", "motorcycle": "摩托车", "smart-home": "家居", "equipment": "装备", "materials": "材料", "food": "食品"]
    static let institutions = ["重庆大学", "西南大学", "重庆理工大学", "重庆交通大学", "重庆邮电大学", "重庆工商大学", "重庆文理学院", "重庆科技学院",
                               "中国科学院重庆绿色智能技术研究院", "重庆市农业科学院"]
    static let fields = ["储能", "装备", "摩托车", "材料", "食品", "农业", "家居", "数字"]
    /// The fields firms' needs come in (the chains'), which chief experts cover two at a time.
    static let chainFields = ["储能", "摩托车", "家居", "装备", "材料", "食品"]
    public static let round = "2024"
    public static let callTitle = "2024年度重点科技项目申报"
    public static let storageCallTitle = "2024年度新型储能专项"
    /// The fund both demo calls are paid from.
    static let specialFund = "TL-ZX-2024"
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏")

    /// Reviewers (not chief experts): 30, from the same institutions, two fields each.
    static func reviewers() -> [PoolExpert] {
        (0..<30).map { i in
            PoolExpert(expert: Expert(id: "reviewer-\(zeroPadded3(i + 1))", name: "\(surnames[i % surnames.count])评审\(i + 1)", institution: institutions[i % institutions.count],
                                      fields: [fields[i % fields.count], fields[(i + 3) % fields.count]], capacity: 8),
                       recommendedBy: nil, chief: false)
        }
    }

    /// Chief experts: 29 recommended by the 10 institutions (three each, two from the last),
    /// serving one to three firms each, in two of the chains' fields.
    static func chiefExperts() -> [PoolExpert] {
        (0..<29).map { i in
            let institution = institutions[i / 3]
            return PoolExpert(expert: Expert(id: "chief-\(zeroPadded3(i + 1))", name: "\(surnames[(i + 7) % surnames.count])首席\(i + 1)", institution: institution,
                                             fields: [chainFields[i % chainFields.count], chainFields[(i + 2) % chainFields.count]], capacity: 1 + i % 3),
                              recommendedBy: institution, chief: true)
        }
    }

    static func field(_ d: DemoEnterprise) -> String? { d.enterprise.chainTags.compactMap { chainField[$0] }.first }

    /// Seeds the programmes unless any exists; returns the projects recommended.
    @discardableResult
    public static func seedIfEmpty(_ transactor: any Transactor, staff: DemoCashout.Staff, district: DemoDistrict) async throws -> Int {
        guard try await transactor.read({ try await $0.programmes.fetchProgrammes() }).isEmpty else { return 0 }
        func on(_ day: String) -> ProgrammeService {
            let instant = ISOTime.parse("\(day)T02:00:00Z")!
            return ProgrammeService(transactor: transactor, clock: { instant })
        }
        let firms = (0..<district.count).map(district.enterprise(at:)).filter { $0.enterprise.status == .active }
        let leaders = Set(district.chains.compactMap(\.leader))
        let candidates = firms.filter { field($0) != nil && !leaders.contains($0.enterprise.uscc) }

        try await transactor.write { stores in
            try await stores.programmes.upsertProgrammes(programmes)
            try await stores.programmes.upsertExperts(reviewers() + chiefExperts())
        }

        // The key-project call.
        let call = try await on("2024-03-01").openCall(ProgrammeCall(programme: "advanced-manufacturing", title: callTitle,
                                                                    opens: LocalDate(year: 2024, month: 3, day: 1)!, closes: LocalDate(year: 2024, month: 4, day: 15)!,
                                                                    budgetFen: 30_000_000_00, reviewers: 5, cityQuota: 15, createdAt: "", createdBy: "",
                                                                    budgetLine: specialFund), by: staff.admin)
        var ids: [Int64] = []
        for (n, d) in candidates.prefix(40).enumerated() {
            let f = field(d)!
            let firm = User(id: 0, username: "demo-firm-\(d.enterprise.uscc.code)", displayName: d.enterprise.name, role: .enterprise, enterprise: d.enterprise.uscc)
            ids.append(try await on("2024-03-\(10 + n % 18)").apply(ProjectRecord(
                callID: call, uscc: d.enterprise.uscc, title: "\(d.enterprise.name)\(f)关键技术研发与产业化",
                summary: "面向\(f)领域的关键技术攻关", fields: [f], keywords: [f, "关键技术"], partners: n % 4 == 0 ? [institutions[n % institutions.count]] : [],
                requestedFen: Int64(50 + n % 5 * 25) * 10_000_00, submittedAt: "", updatedAt: "",
                startsOn: LocalDate(year: 2024, month: 7, day: 1), endsOn: LocalDate(year: 2026, month: 6, day: 30)), by: firm))
        }
        let review = on("2024-04-20")
        for (n, id) in ids.enumerated() {
            switch n {
            case 3, 17:   // withdrawn by the firm
                let p = try await review.project(id)!.project
                _ = try await review.step(id, .withdraw, by: User(id: 0, username: "demo-firm-\(p.uscc.code)", displayName: "", role: .enterprise, enterprise: p.uscc))
            case 8, 29:   // sent back by the unit
                _ = try await review.step(id, .sendBack, note: "申报材料缺少合作协议", by: staff.admin)
            default:
                _ = try await review.step(id, .checkUnit, by: staff.admin)
                _ = try await review.step(id, .checkDepartment, by: staff.reviewer)
                _ = try await review.step(id, .accept, by: staff.reviewer)
            }
        }
        _ = try await on("2024-04-25").assignReviewers(callID: call, by: staff.reviewer)
        // Scores: each project's quality plus each reviewer's own lean; one reviewer of the
        // first panel scores far below the others (the planted outlier the chair sees).
        let scoring = on("2024-05-10")
        let assignments = try await transactor.read { try await $0.programmes.fetchAssignments(callID: call) }
        let first = assignments.first?.projectID
        for (k, a) in assignments.enumerated() {
            let quality = Double(60 + Int(a.projectID * 37 % 35)), lean = Double(k % 5) - 2
            let planted = a.projectID == first && k == 0
            try await scoring.score(a.projectID, expert: a.expertID, points: planted ? 30 : min(100, quality + lean), by: staff.reviewer)
        }
        let ranked = try await scoring.ranking(callID: call).rows.filter { $0.project.status == .underReview }
        let decision = on("2024-05-20")
        var recommended = 0
        for r in ranked {
            if r.row.rank >= 1, r.row.rank <= 15 {
                _ = try await decision.step(r.project.id, .recommend, by: staff.approver)
                recommended += 1
            } else {
                _ = try await decision.step(r.project.id, .decline, note: "综合评分未进入推荐名额", by: staff.approver)
            }
        }

        try await seedDelivery(transactor, staff: staff, recommended: ranked.filter { (1...15).contains($0.row.rank) }.map(\.project), candidates: candidates, on: on)

        // The chief-expert round: 40 needs from firms the call did not reach.
        let needFirms = candidates.dropFirst(40).prefix(40)
        let channels = ChiefNeed.Channel.allCases
        let needs = needFirms.enumerated().map { n, d in
            ChiefNeed(round: round, uscc: d.enterprise.uscc, field: field(d)!, problem: "\(field(d)!)工艺中的关键技术难题（需求 \(n + 1)）",
                      channel: channels[n % channels.count], createdAt: "2024-04-01T02:00:00Z")
        }
        try await transactor.write { try await $0.programmes.insertNeeds(needs) }
        _ = try await on("2024-05-06").proposeChiefExperts(round: round, by: staff.reviewer)
        let proposals = try await transactor.read { try await $0.programmes.fetchMatches() }
        for (n, m) in proposals.enumerated() where n % 5 != 4 {
            try await on("2024-05-13").acceptChiefMatch(needID: m.needID, firmSide: true, by: staff.reviewer)
            if n % 5 != 3 { try await on("2024-05-15").acceptChiefMatch(needID: m.needID, firmSide: false, by: staff.reviewer) }
        }

        // Results of the first twelve terms, each with its evidence: eight experts meet every
        // target (two achievements, a problem solved, a training), four have one achievement so far.
        let terms = try await transactor.read { try await $0.programmes.fetchMatches() }.filter { $0.termStarts != nil }
        for (n, m) in terms.prefix(12).enumerated() {
            let results: [(ChiefResult.Kind, String, String, String)] = n < 8
                ? [(.achievement, "工艺改进成果转化", "技术服务合同 TL-JS-2024-\(zeroPadded3(n + 1))", "2024-09-20"),
                   (.achievement, "实用新型专利申请", "专利申请号 CN2024\(20_000 + n)", "2024-11-15"),
                   (.problemSolved, "解决量产良率问题", "企业出具的问题解决确认函", "2024-12-10"),
                   (.training, "技术骨干培训", "培训签到表（\(20 + n) 人）", "2025-01-08")]
                : [(.achievement, "工艺改进成果转化", "技术服务合同 TL-JS-2024-\(zeroPadded3(n + 1))", "2024-10-18")]
            for (kind, title, evidence, day) in results {
                let date = LocalDate(day)!
                try await on(date.adding(days: 1).description).recordChiefResult(needID: m.needID, kind: kind, title: title, evidence: evidence, on: date, by: staff.reviewer)
            }
        }

        // The university matching event and the chain leaders' supporting firms.
        let eventFirms = candidates.dropFirst(80).prefix(40).enumerated().map { n, d in
            EventFirm(eventID: 0, uscc: d.enterprise.uscc, attended: true, intention: n % 8 < 3 ? "\(field(d)!)联合研发" : nil,
                      contractFen: n % 8 == 0 ? Int64(20 + n) * 10_000_00 : nil)
        }
        // Six more registered and did not come: the funnel starts at 46.
        let absent = candidates.dropFirst(120).prefix(6).map { EventFirm(eventID: 0, uscc: $0.enterprise.uscc, attended: false) }
        let suppliers = chainSuppliers(district, firms: firms)
        try await transactor.write { stores in
            _ = try await stores.programmes.insertEvent(MatchmakingEvent(title: "重庆大学—铜梁区产学研对接会", heldOn: LocalDate(year: 2024, month: 5, day: 16)!,
                                                                          partner: "重庆大学"), firms: eventFirms + absent)
            try await stores.programmes.insertChainSuppliers(suppliers)
        }
        // The next event, in July: opened in June, twelve firms registered so far.
        let next = try await on("2024-06-10").openEvent(MatchmakingEvent(title: "西南大学—铜梁区食品与农业技术对接会", heldOn: LocalDate(year: 2024, month: 7, day: 18)!,
                                                                         partner: "西南大学"), by: staff.reviewer)
        for d in candidates.dropFirst(126).prefix(12) {
            try await on("2024-06-20").register(eventID: next, uscc: d.enterprise.uscc,
                                                by: User(id: 0, username: "demo-firm-\(d.enterprise.uscc.code)", displayName: "", role: .enterprise, enterprise: d.enterprise.uscc))
        }
        return recommended
    }

    /// After the decision: the top three recommended projects contracted with their milestone
    /// plans, the first carried through its milestones to acceptance (验收); and the energy-storage call, paid from the same fund, where four new firms apply
    /// and the top-ranked firm applies again with its key project's text re-titled — the
    /// duplicate check flags it on both projects.
    static func seedDelivery(_ transactor: any Transactor, staff: DemoCashout.Staff, recommended: [ProjectRecord], candidates: [DemoEnterprise],
                             on: (String) -> ProgrammeService) async throws {
        for p in recommended.prefix(3) {
            _ = try await on("2024-06-20").step(p.id, .contract, by: staff.admin)
            try await on("2024-06-20").planMilestones(p.id, [("完成关键技术方案设计", LocalDate(year: 2024, month: 12, day: 31)!),
                                                              ("完成样机试制与中试", LocalDate(year: 2025, month: 12, day: 31)!),
                                                              ("实现产业化应用并申请验收", LocalDate(year: 2026, month: 6, day: 30)!)], by: staff.admin)
        }
        // The top project ran its course: each milestone reported by the firm, then accepted (验收).
        if let top = recommended.first {
            let firm = User(id: 0, username: "demo-firm-\(top.uscc.code)", displayName: "", role: .enterprise, enterprise: top.uscc)
            for (seq, (day, report)) in [("2024-12-20", "方案通过专家论证"), ("2025-12-15", "样机完成中试，良率 96%"), ("2026-06-20", "产线投产，新增产值 3200 万元")].enumerated() {
                try await on(day).reportMilestone(top.id, seq: seq + 1, report: report, by: firm)
            }
            _ = try await on("2026-06-28").step(top.id, .complete, by: staff.admin)
        }
        let storage = try await on("2024-06-01").openCall(ProgrammeCall(programme: "energy-storage", title: storageCallTitle,
                                                                       opens: LocalDate(year: 2024, month: 6, day: 1)!, closes: LocalDate(year: 2024, month: 6, day: 30)!,
                                                                       budgetFen: 8_000_000_00, reviewers: 3, cityQuota: 0, createdAt: "", createdBy: "",
                                                                       budgetLine: specialFund), by: staff.admin)
        func user(_ uscc: USCC) -> User { User(id: 0, username: "demo-firm-\(uscc.code)", displayName: "", role: .enterprise, enterprise: uscc) }
        let newFirms = candidates.dropFirst(40).filter { field($0) == "储能" }.prefix(4)
        for (n, d) in newFirms.enumerated() {
            _ = try await on("2024-06-\(10 + n)").apply(ProjectRecord(
                callID: storage, uscc: d.enterprise.uscc, title: "\(d.enterprise.name)储能系统集成示范", summary: "储能电站系统集成与安全运维示范应用",
                fields: ["储能"], keywords: ["储能", "系统集成"], partners: [], requestedFen: Int64(80 + n * 20) * 10_000_00, submittedAt: "", updatedAt: "",
                startsOn: LocalDate(year: 2024, month: 9, day: 1), endsOn: LocalDate(year: 2025, month: 8, day: 31)), by: user(d.enterprise.uscc))
        }
        if let top = recommended.first {
            _ = try await on("2024-06-18").apply(ProjectRecord(
                callID: storage, uscc: top.uscc, title: top.title + "（二期）", summary: top.summary, fields: ["储能"] + top.fields, keywords: top.keywords,
                partners: top.partners, requestedFen: top.requestedFen, submittedAt: "", updatedAt: "",
                startsOn: LocalDate(year: 2024, month: 9, day: 1), endsOn: LocalDate(year: 2025, month: 8, day: 31)), by: user(top.uscc))
        }
    }

    /// 海辰储能 brought in 9 firms, 爱玛车业 21, 鹿享家科技 11 of which 5 high-tech (F25): firms
    /// of the leader's chain, registered after 2019, the high-tech ones counted at the letter's date.
    static func chainSuppliers(_ district: DemoDistrict, firms: [DemoEnterprise]) -> [ChainSupplier] {
        let wanted = ["energy-storage": (9, 0), "motorcycle": (21, 0), "smart-home": (11, 5)]
        var out: [ChainSupplier] = []
        for chain in district.chains {
            guard let leader = chain.leader, let (count, highTech) = wanted[chain.code] else { continue }
            let members = firms.filter { $0.enterprise.chainTags.contains(chain.code) && $0.enterprise.uscc != leader }
            func isHighTech(_ d: DemoEnterprise) -> Bool { d.designations.contains { $0.kind == .highTech && $0.isValid(on: DemoDistrict.letterDate) } }
            let chosen = highTech > 0 ? Array(members.filter(isHighTech).prefix(highTech)) + members.filter { !isHighTech($0) }.prefix(count - highTech)
                                      : Array(members.prefix(count))
            out += chosen.enumerated().map { n, d in
                ChainSupplier(leader: leader, supplier: d.enterprise.uscc, chain: chain.code,
                              since: LocalDate(year: 2020 + n % 4, month: 1 + n % 12, day: 1)!)
            }
        }
        return out
    }
}
