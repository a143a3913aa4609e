import Kernel

extension PointsModel {
    /// The national trial guide's 18 core indicators (《"创新积分制"工作指引（全国试行版）》, 2024;
    /// names in rules.md §7.2 [C], A4 and A5 are the two auxiliary slots the sources do not name
    /// [I]) with the three stages. No weight table or formula was published (§7.2 [open], §7.3):
    /// the weights, references, stage bands, items and lists here are our proposal [I], shown as
    /// such, for a bureau to replace by publishing its own version.
    public static let national2024: PointsModel = {
        func ind(_ id: String, _ zh: String, _ en: String, _ group: Indicator.Group, _ unit: String, _ reference: Double, _ source: String) -> Indicator {
            Indicator(id: id, chineseName: zh, englishName: en, group: group, unit: unit, reference: reference, source: source)
        }
        let indicators = [
            ind("T1", "研发费用金额", "R&D expense", .technical, "yuan", 10_000_000, "年度数据 研发费用 / fiscal year: R&D expense"),
            ind("T2", "研发费用增速", "R&D expense growth", .technical, "ratio", 0.3, "年度数据（两年）/ fiscal years: R&D expense, two years"),
            ind("T3", "研发费用占营业收入比重", "R&D / operating revenue", .technical, "ratio", 0.1, "年度数据 / fiscal year"),
            ind("T4", "科技人员占职工总数比重", "S&T staff / employees", .technical, "ratio", 0.3, "年度数据 / fiscal year"),
            ind("T5", "主营业务相关发明专利申请量", "invention patent applications", .technical, "count", 10, "知识产权 / IP register"),
            ind("T6", "主营业务相关PCT专利申请量", "PCT applications", .technical, "count", 2, "知识产权 / IP register"),
            ind("T7", "技术合同成交额", "technology contract turnover", .technical, "yuan", 5_000_000, "技术合同登记 / contract register"),
            ind("G1", "高新技术产品收入", "high-tech product revenue", .growth, "yuan", 100_000_000, "年度数据 / fiscal year"),
            ind("G2", "营业收入", "operating revenue", .growth, "yuan", 200_000_000, "年度数据 / fiscal year"),
            ind("G3", "营业收入增速", "operating revenue growth", .growth, "ratio", 0.3, "年度数据（两年）/ fiscal years, two years"),
            ind("G4", "研究生以上人员占比", "staff with a master's degree or above", .growth, "ratio", 0.2, "企业填报 / declared"),
            ind("G5", "研发费用加计扣除所得税减免额", "CIT relief from the R&D super-deduction", .growth, "yuan", 2_000_000, "税务数据 / tax data"),
            ind("G6", "净资产利润率", "return on net assets", .growth, "ratio", 0.2, "年度数据 / fiscal year"),
            ind("A1", "吸纳应届毕业生人数", "fresh graduates hired", .auxiliary, "count", 20, "企业填报 / declared"),
            ind("A2", "近两年承担省级以上研发平台", "provincial-or-higher platforms, two years", .auxiliary, "count", 1, "创新平台 / platforms"),
            ind("A3", "近两年获省级以上科技奖励", "provincial-or-higher S&T awards, two years", .auxiliary, "count", 1, "获奖 / awards"),
            ind("A4", "获得股权投资额 [I]", "equity investment received [I]", .auxiliary, "yuan", 20_000_000, "股权融资 / equity financing"),
            ind("A5", "主导或参与制定标准 [I]", "standards led or joined [I]", .auxiliary, "count", 2, "标准 / standards"),
        ]
        // Basis points per stage (初创, 成长, 稳定); each column sums to 10,000. Start-ups weigh
        // technical effort most, mature firms revenue and its quality [I].
        let weights: [String: [Int]] = [
            "T1": [1000, 900, 1000], "T2": [800, 700, 500], "T3": [1000, 900, 700], "T4": [900, 700, 500],
            "T5": [800, 800, 800], "T6": [300, 300, 400], "T7": [400, 500, 600],
            "G1": [700, 900, 1100], "G2": [500, 700, 900], "G3": [800, 800, 500], "G4": [600, 400, 300],
            "G5": [300, 500, 700], "G6": [300, 400, 600],
            "A1": [400, 400, 400], "A2": [300, 400, 400], "A3": [300, 300, 300], "A4": [400, 200, 100], "A5": [200, 200, 200],
        ]
        return PointsModel(
            id: "cn-points-2024.1", effectiveFrom: LocalDate(year: 2024, month: 8, day: 1)!,
            basis: "指标取自《\u{201C}创新积分制\u{201D}工作指引（全国试行版）》2024；权重与计算方法为本平台设计，待区科技局核定 [I]",
            scale: 100,
            stages: [Stage(id: "startUp", chineseName: "初创期", englishName: "start-up"),
                     Stage(id: "growth", chineseName: "成长期", englishName: "growth"),
                     Stage(id: "mature", chineseName: "稳定期", englishName: "mature")],
            // Operating revenue below 5 million yuan, below 50 million, and above [I].
            stageRule: .revenue([StageRule.Band(below: 500_000_000, stage: "startUp"),
                                 StageRule.Band(below: 5_000_000_000, stage: "growth"),
                                 StageRule.Band(below: nil, stage: "mature")]),
            indicators: indicators, weights: weights, normaliser: .linear,
            bonus: [PointsItem(id: "nationalAward", chineseName: "国家级科技奖励", englishName: "national S&T award", points: 5),
                    PointsItem(id: "highTech", chineseName: "有效高新技术企业", englishName: "valid high-tech enterprise", points: 3)],
            negative: [PointsItem(id: "dishonest", chineseName: "列入严重失信名单", englishName: "on the dishonesty list", points: 20),
                       PointsItem(id: "seriousIncident", chineseName: "发生重大安全、质量、环境事故", englishName: "a serious incident", points: 10)],
            // 温州龙湾 (温龙政发〔2022〕12号): top 5 % 领跑, 5–10 % 竞跑, 10–20 % 进取 [C, as an example].
            lists: [ListTier(id: "lead", chineseName: "领跑榜", englishName: "leaders", topPermille: 50),
                    ListTier(id: "chase", chineseName: "竞跑榜", englishName: "chasers", topPermille: 100),
                    ListTier(id: "strive", chineseName: "进取榜", englishName: "strivers", topPermille: 200)])
    }()
}
