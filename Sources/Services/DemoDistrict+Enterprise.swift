import Kernel
import Registry

extension DemoDistrict {
    /// Enterprise number `index` (0-based) with its books, designations and evidence.
    public func enterprise(at index: Int) -> DemoEnterprise {
        var rng = SeededRandom(seed: seed, index: UInt64(index))
        let r = Int(rank[index])
        let profile = self.profile(rank: r)
        let chainIndex: Int? = profile == .leader ? r : (rng.chance(0.7) ? rng.int(0..<DemoDistrict.chainSpecs.count) : nil)
        let spec = DemoDistrict.chainSpecs[chainIndex ?? rng.int(0..<DemoDistrict.chainSpecs.count)]

        let name: String
        if profile == .leader, let leader = spec.leader {
            name = "重庆\(leader)有限公司"
        } else {
            name = "重庆\(rng.pick(DemoDistrict.nameWords))\(rng.pick(DemoDistrict.nameWords))\(rng.pick(spec.words))有限公司"
        }
        let registeredYear: Int
        switch profile {
        case .leader, .highTech: registeredYear = rng.int(2000...2016)
        case .pool, .techFirm: registeredYear = rng.int(2005...2019)
        case .ordinary: registeredYear = rng.int(1998...2023)
        }
        let registered = LocalDate(year: registeredYear, month: rng.int(1...12), day: rng.int(1...28))!
        let towns = DemoDistrict.towns
        let enterprise = Enterprise(
            uscc: uscc(index), name: name, registeredOn: registered,
            townCode: towns[rng.int(0..<towns.count)].code, industryCode: rng.pick(spec.industries),
            chainTags: chainIndex.map { [DemoDistrict.chainSpecs[$0].code] } ?? [],
            status: profile == .ordinary && rng.chance(0.03) ? .deregistered : .active,
            sme: profile != Profile.leader)

        let facts = fiscalYears(profile: profile, from: max(registeredYear, DemoDistrict.fiscalYears.lowerBound), rng: &rng)
        let designations = self.designations(rank: r, rng: &rng)
        return DemoEnterprise(enterprise: enterprise, fiscalYears: facts, designations: designations,
                              evidence: evidence(profile: profile, rng: &rng))
    }

    /// Books that hang together: staff from revenue, R&D from the profile's intensity, assets and
    /// liabilities from revenue; whole hundreds of yuan, as statements are usually rounded.
    func fiscalYears(profile: Profile, from firstYear: Int, rng: inout SeededRandom) -> [FiscalYearFacts] {
        var revenue: Double
        let rdShare: ClosedRange<Double>, stShare: ClosedRange<Double>, hiTechShare: ClosedRange<Double>
        switch profile {
        case .leader: revenue = Double(rng.int(600...2_500)) * 1e6; rdShare = 0.035...0.06; stShare = 0.15...0.25; hiTechShare = 0.7...0.9
        case .highTech: revenue = Double(rng.int(15...300)) * 1e6; rdShare = 0.042...0.09; stShare = 0.12...0.40; hiTechShare = 0.62...0.92
        case .pool: revenue = Double(rng.int(8...80)) * 1e6; rdShare = 0.025...0.055; stShare = 0.08...0.25; hiTechShare = 0.4...0.75
        case .techFirm: revenue = Double(rng.int(3...120)) * 1e6; rdShare = 0.01...0.045; stShare = 0.05...0.30; hiTechShare = 0.1...0.6
        case .ordinary: revenue = Double(rng.int(1...60)) * 1e6; rdShare = 0.0...0.015; stShare = 0.0...0.10; hiTechShare = 0.0...0.2
        }
        func money(_ v: Double) -> Money { Money(yuan: Int64((v / 100).rounded()) * 100) }
        var out: [FiscalYearFacts] = []
        var assets = revenue * Double.random(in: 0.8...1.6, using: &rng)
        guard firstYear <= DemoDistrict.fiscalYears.upperBound else { return [] }
        for year in firstYear...DemoDistrict.fiscalYears.upperBound {
            revenue *= Double.random(in: 0.95...1.25, using: &rng)
            assets *= Double.random(in: 0.98...1.2, using: &rng)
            let employees = max(3, Int(revenue / Double.random(in: 0.5e6...1.5e6, using: &rng)))
            let stStaff = Int((Double(employees) * Double.random(in: stShare, using: &rng)).rounded())
            let rd = revenue * Double.random(in: rdShare, using: &rng)
            let cost = revenue * Double.random(in: 0.8...0.97, using: &rng)
            let totalIncome = revenue * Double.random(in: 1.0...1.05, using: &rng)
            out.append(FiscalYearFacts(
                year: year, employees: employees, stStaff: stStaff, rdStaff: Int(Double(stStaff) * Double.random(in: 0.6...0.9, using: &rng)),
                salesRevenue: money(revenue), operatingRevenue: money(revenue),
                mainBusinessRevenue: money(revenue * Double.random(in: 0.85...1.0, using: &rng)),
                totalIncome: money(totalIncome), highTechRevenue: money(totalIncome * Double.random(in: hiTechShare, using: &rng)),
                totalCostAndExpense: money(cost), rdExpense: money(rd), rdExpenseDomestic: money(rd * Double.random(in: 0.9...1.0, using: &rng)),
                totalAssets: money(assets), totalLiabilities: money(assets * Double.random(in: 0.3...0.7, using: &rng)),
                netProfit: money((revenue - cost) * 0.85),
                conversions: profile == .ordinary ? rng.int(0...1) : rng.int(0...6)))
        }
        return out
    }

    func evidence(profile: Profile, rng: inout SeededRandom) -> InnovationEvidenceParts {
        var e = InnovationEvidenceParts()
        let (inventions, utility): (ClosedRange<Int>, ClosedRange<Int>) = switch profile {
        case .leader: (5...20, 20...60)
        case .highTech: (1...4, 3...12)
        case .pool: (0...2, 2...8)
        case .techFirm: (0...1, 0...5)
        case .ordinary: (0...0, 0...2)
        }
        for _ in 0..<rng.int(inventions) {
            e.ip.append(IPItem(kind: .invention, grantedOn: LocalDate(year: rng.int(2015...2023), month: rng.int(1...12), day: rng.int(1...28)),
                               highValue: rng.chance(0.2)))
        }
        for _ in 0..<rng.int(utility) {
            e.ip.append(IPItem(kind: rng.chance(0.7) ? .utilityModel : .software,
                               grantedOn: LocalDate(year: rng.int(2016...2023), month: rng.int(1...12), day: rng.int(1...28))))
        }
        if profile == .leader || (profile == .highTech && rng.chance(0.1)) {
            e.awards.append(Award(level: rng.chance(0.2) ? .national : .provincial, year: rng.int(2019...2023), rank: rng.int(1...5)))
        }
        if profile == .leader || (profile == .highTech && rng.chance(0.3)) {
            e.rdInstitutions.append(RDInstitution(level: rng.chance(0.3) ? .provincial : .municipal, name: "企业技术中心"))
        }
        return e
    }

    /// Enterprise innovation platforms (F16: 194 at 2024-06-30, 102 of them municipal), one per
    /// enterprise of the top ranks, plus ten recognised after the letter's date.
    public func platforms() -> [InnovationPlatform] {
        var rng = SeededRandom(seed: seed ^ 0xF16)
        let kinds = ["企业技术中心", "工程技术研究中心", "重点实验室", "企业研发中心"]
        return (0..<s(204)).map { r in
            let level: InstitutionLevel = r < s(4) ? .national : r < s(106) ? .municipal : .district
            let date = r < s(194) ? LocalDate(year: rng.int(2012...2023), month: rng.int(1...12), day: rng.int(1...28))!
                                  : LocalDate(year: 2024, month: rng.int(8...11), day: rng.int(1...28))!
            let kind = rng.pick(kinds)
            return InnovationPlatform(enterprise: uscc(Int(indexAtRank[r])), name: "\(levelName(level))\(kind)", kind: kind, level: level, recognisedOn: date)
        }
    }

    private func levelName(_ level: InstitutionLevel) -> String {
        switch level {
        case .national: return "国家级"
        case .provincial: return "省级"
        case .municipal: return "市级"
        case .district: return "区级"
        }
    }

    /// Talents (F19: 1,357 introduced and 563 high-skill in reserve at 2024-06-30), plus some after.
    public func talents() -> [Talent] {
        var rng = SeededRandom(seed: seed ^ 0xF19)
        let surnames = Array("王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高")
        let given = Array("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华")
        func talent(_ category: TalentCategory, after: Bool) -> Talent {
            let date = after ? LocalDate(year: 2024, month: rng.int(7...12), day: rng.int(1...28))!
                             : LocalDate(year: rng.int(2016...2024), month: rng.int(1...6), day: rng.int(1...28))!
            return Talent(name: String([rng.pick(surnames), rng.pick(given), rng.pick(given)]), category: category,
                          enterprise: uscc(Int(indexAtRank[rng.int(0..<min(count, s(1480) + 1))])), since: date)
        }
        let all = (0..<s(1357)).map { _ in talent(.introduced, after: false) }
            + (0..<s(40)).map { _ in talent(.introduced, after: true) }
            + (0..<s(563)).map { _ in talent(.highSkillReserve, after: false) }
        // Field and level by position, not by the generator, so names and firms stay as they were:
        // one in forty national, three provincial, twelve municipal, the rest district.
        let fields = ["储能", "摩托车", "家居", "装备", "材料", "食品", "数字"]
        return all.enumerated().map { i, t in
            var t = t
            t.field = fields[i % fields.count]
            let k = i % 40
            t.level = k == 0 ? .national : k < 4 ? .provincial : k < 16 ? .municipal : .district
            return t
        }
    }
}
