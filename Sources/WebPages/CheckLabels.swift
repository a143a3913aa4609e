import Foundation
import Kernel
import Qualification

/// What each check of the qualification engine means, for people (Chinese first, English beside).
enum CheckLabels {
    /// MIIT's general conditions (rules.md §6.0), the same check on 创新型, 专精特新 and 小巨人.
    static let generalConditions = ("符合一般条件（未列入经营异常名录、严重失信名单，无重大事故、无淘汰限制类产品）",
                                    "meets the general conditions (no abnormal-operation or dishonesty listing, no major incident, no restricted products)")

    static let labels: [String: (String, String)] = [
        // Judged on evidence by experts or the materials, not scored by the platform (工信部企业〔2022〕63号).
        "specializedSME.digitalisation": ("数字化水平", "digitalisation level"),
        "specializedSME.qualityManagement": ("质量管理体系认证", "quality management certification"),
        "specializedSME.productField": ("主导产品所属重点领域", "main product in a priority field"),
        "specializedSME.localIndicators": ("地方特色指标", "local indicators"),
        "littleGiant.marketShare": ("主导产品细分市场占有率", "market share of the main product"),
        "littleGiant.brand": ("自主品牌", "own brand"),
        "littleGiant.certification": ("管理体系与产品认证", "management and product certification"),
        "littleGiant.informationSystems": ("数字化、信息化系统应用", "digital and information systems"),
        "littleGiant.chainPosition": ("产业链关键环节配套", "key position in the industry chain"),
        "littleGiant.productField": ("主导产品所属重点领域", "main product in a priority field"),
        "techSME.employees": ("职工总数 ≤ 500 人", "employees ≤ 500"),
        "techSME.salesRevenue": ("年销售收入 ≤ 2 亿元", "sales ≤ 200 million yuan"),
        "techSME.totalAssets": ("资产总额 ≤ 2 亿元", "total assets ≤ 200 million yuan"),
        "techSME.resident": ("居民企业", "resident enterprise"),
        "techSME.taxOnBooks": ("查账征收", "taxed on its books"),
        "techSME.notRestricted": ("非限制类、淘汰类产业", "not a restricted industry"),
        "techSME.noSeriousIncident": ("上年度无重大安全、质量、环境事故", "no serious incident last year"),
        "techSME.notDishonest": ("未列入严重失信名单", "not on the dishonesty list"),
        "techSME.notAbnormal": ("未列入经营异常名录", "not on the abnormal-operation list"),
        "techSME.score": ("综合评价得分 ≥ 60 分", "score ≥ 60"),
        "techSME.stStaffNonZero": ("科技人员指标得分不为 0", "S&T staff score above 0"),
        "techSME.notRevokedThisYear": ("本年度未被撤销入库登记编号", "no registration revoked this year"),
        "techSME.noFalsificationBar": ("无弄虚作假禁入期（三年）", "not barred for falsification (three years)"),
        "highTech.registeredOneYear": ("注册成立一年以上", "registered at least one year"),
        "highTech.coreIP": ("拥有主要产品核心知识产权", "IP supporting the main products"),
        "highTech.stStaffShare": ("科技人员占职工总数比例", "S&T staff share"),
        "highTech.rdIntensity": ("近三年研发费用占销售收入比例", "R&D intensity, last three years"),
        "highTech.domesticRdShare": ("境内研发费用占比 ≥ 60%", "R&D spent in China ≥ 60%"),
        "highTech.highTechRevenueShare": ("高新技术产品（服务）收入占比", "high-tech income share"),
        "highTech.noIncident": ("申请前一年内无重大事故、违法行为", "no incident in the year before applying"),
        "pool.registeredOneYear": ("注册成立一年以上", "registered at least one year"),
        "pool.coreIP": ("拥有与主要产品相关的知识产权", "IP related to the main products"),
        "pool.stStaffShare": ("科技人员占比（放宽）", "S&T staff share (relaxed)"),
        "pool.rdIntensity": ("研发费用占比（放宽）", "R&D intensity (relaxed)"),
        "pool.highTechRevenueShare": ("高新技术收入占比（放宽）", "high-tech income share (relaxed)"),
        "pool.domesticRdShare": ("境内研发费用占比", "R&D spent in China"),
        "pool.noIncident": ("无重大事故、违法行为", "no incident"),
        "innovativeSME.sme": ("属于中小企业", "is an SME"),
        "innovativeSME.generalConditions": generalConditions,
        "innovativeSME.total": ("评价总分 ≥ 60 分", "total score ≥ 60"),
        "innovativeSME.innovationBlock": ("创新能力得分 ≥ 20 分", "innovation block ≥ 20"),
        "innovativeSME.growthBlock": ("成长性得分 ≥ 15 分", "growth block ≥ 15"),
        "innovativeSME.specialisationBlock": ("专业化得分 ≥ 15 分", "specialisation block ≥ 15"),
        "innovativeSME.mainBusinessGrowth": ("主营业务收入增长率", "main-business revenue growth"),
        "innovativeSME.productField": ("主导产品所属领域", "field of the main product"),
        "specializedSME.sme": ("属于中小企业", "is an SME"),
        "specializedSME.generalConditions": generalConditions,
        "specializedSME.nicheYears": ("从事特定细分市场 ≥ 2 年", "two years or more in its niche"),
        "specializedSME.rdExpense": ("上年度研发费用 ≥ 100 万元", "R&D last year ≥ 1 million yuan"),
        "specializedSME.rdShare": ("研发费用占营业收入比重 ≥ 3%", "R&D ≥ 3% of operating revenue"),
        "specializedSME.revenue": ("营业收入 ≥ 1000 万元或近两年股权融资 ≥ 2000 万元", "revenue ≥ 10 million or equity ≥ 20 million"),
        "specializedSME.score": ("评价得分 ≥ 60 分或直通条件", "score ≥ 60 or a direct route"),
        "littleGiant.specializedSME": ("已是专精特新中小企业", "already a specialised SME"),
        "littleGiant.generalConditions": generalConditions,
        "littleGiant.nicheYears": ("从事特定细分市场 ≥ 3 年", "three years or more in its niche"),
        "littleGiant.mainBusinessShare": ("主营业务收入占比 ≥ 70%", "main business ≥ 70% of revenue"),
        "littleGiant.averageGrowth": ("近两年主营业务收入平均增长率 ≥ 5%", "average main-business growth ≥ 5%"),
        "littleGiant.debtRatio": ("资产负债率 ≤ 70%", "debt ratio ≤ 70%"),
        "littleGiant.rdInput": ("研发投入（按营收档次）", "R&D input by revenue band"),
        "littleGiant.classIIP": ("Ⅰ类知识产权 ≥ 2 项", "two or more class-I IP items"),
        "littleGiant.rdInstitution": ("设立研发机构", "an R&D institution"),
        "littleGiant.directInnovation": ("创新直通条件", "direct innovation route"),
        "cqTechEnterprise.registeredInChongqing": ("在重庆注册", "registered in Chongqing"),
        "cqTechEnterprise.registeredOneYear": ("注册成立一年以上", "registered at least one year"),
        "cqTechEnterprise.rdStaffShare": ("研发人员占比（按企业规模）", "R&D staff share by size"),
        "cqTechEnterprise.rdIntensity": ("研发费用占主营业务收入比例（按企业规模）", "R&D intensity by size"),
        "cqTechEnterprise.coreIP": ("拥有核心知识产权的科技成果", "an achievement with core IP"),
    ]

    static func onSite(_ r: TechSMEResult.OnSiteReason, _ l: Lang) -> String {
        switch r {
        case .fewEmployees: return l.t("职工人数很少", "very few employees")
        case .highStStaffShare: return l.t("科技人员占比异常高", "unusually high S&T staff share")
        case .firstApplication: return l.t("首次申请", "first application")
        case .recentSanction: return l.t("近三年曾被撤销", "revoked within three years")
        }
    }

    /// A qualification's route by name (the evaluators' `Route` raw values).
    static func routeName(_ raw: String, _ l: Lang) -> String {
        switch raw {
        case "score": return l.t("评分达标", "by score")
        case "highTech": return l.t("有效高新技术企业", "valid high-tech enterprise")
        case "award": return l.t("科技奖励", "S&T award")
        case "honour": return l.t("荣誉资质", "honour")
        case "rdInstitution": return l.t("研发机构", "R&D institution")
        case "standard": return l.t("主导制定标准", "led a standard")
        case "equityFinancing": return l.t("股权融资", "equity financing")
        case "rdAverage": return l.t("近两年研发费用", "two years' R&D")
        default: return raw
        }
    }

    /// A stored standing value ("qualifies", "no", or a 高企 verdict) in words.
    static func standing(_ raw: String?, _ l: Lang) -> String {
        switch raw {
        case nil: return "—"
        case "qualifies": return l.t("符合", "qualifies")
        case "no": return l.t("不符合", "does not qualify")
        case "ineligible": return l.t("硬性条件未满足", "hard conditions unmet")
        case "unlikely": return l.t("评分难以达标", "score unlikely to pass")
        case "possible": return l.t("可申报，由专家评审", "may apply; experts decide")
        case "likely": return l.t("可申报，评分预计达标", "may apply, score likely to pass")
        case let other?: return other
        }
    }

    /// What is missing for one unmet 高企 condition, as a sentence people act on: where the firm
    /// stands, what is required, and the smallest change (money in 元/万元, people or patents as counts).
    static func gap(_ g: HighTechGaps.Gap, _ check: Check?, _ l: Lang) -> String {
        let money = Format.amount(Money(yuan: g.quantity), l), n = Format.count(Int(g.quantity))
        let have = value(check?.value), need = value(check?.required)
        switch g.id {
        case "highTech.rdIntensity":
            return l.t("近三年研发费用占销售收入 \(have)，按销售收入规模需 \(need)；研发费用再增加约 \(money)可达要求",
                       "R&D over the last three years is \(have) of sales; \(need) is required at your sales; about \(money) more R&D spending would meet it")
        case "highTech.stStaffShare":
            return l.t("科技人员占 \(have)，需 \(need)；再聘用约 \(n) 名科技人员可达要求",
                       "S&T staff are \(have) of employees; \(need) is required; about \(n) more S&T staff would meet it")
        case "highTech.highTechRevenueShare":
            return l.t("高新技术产品（服务）收入占 \(have)，需 \(need)；再增加约 \(money)此类收入可达要求",
                       "High-tech income is \(have) of total income; \(need) is required; about \(money) more of it would meet it")
        default:
            return message(g.message, l)
        }
    }

    /// A bilingual domain message ("中文 / English") in the reader's language.
    static func message(_ text: String, _ l: Lang) -> String {
        let parts = text.components(separatedBy: " / ")
        return parts.count == 2 ? l.t(parts[0], parts[1]) : text
    }

    static func label(_ id: String, _ l: Lang) -> String {
        guard let (zh, en) = labels[id] else { return id }
        return l.t(zh, en)
    }

    static func status(_ s: Check.Status, _ l: Lang) -> HTML {
        switch s {
        case .met: return HTML(unsafe: "<span class=\"tag ok\">\(l.t("符合", "met"))</span>")
        case .unmet: return HTML(unsafe: "<span class=\"tag revoked\">\(l.t("不符合", "unmet"))</span>")
        case .unknown: return HTML(unsafe: "<span class=\"tag expired\">\(l.t("待核实", "unknown"))</span>")
        }
    }

    /// A value as people read it: counts plain, money in grouped yuan, ratios in percent.
    static func value(_ v: Check.Value?) -> String {
        switch v {
        case nil: return "—"
        case .count(let n): return "\(n)"
        case .money(let m): return Format.yuan(m) + " 元"
        case .ratio(let f):
            let percent = Decimal(f.numerator) * 100 / Decimal(f.denominator)
            var v = percent, r = Decimal()
            NSDecimalRound(&r, &v, 2, .plain)
            return "\(r)%"
        }
    }
}
