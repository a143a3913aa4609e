import Kernel

/// Intellectual property item. Classes per the HTE work guide (国科发火〔2016〕195号), which the
/// 科技型中小企业 rules reuse: class I counts once it exists, class II counts by number.
public struct IPItem: Hashable, Sendable, Codable {
    public var kind: IPKind
    public var number: String?
    public var title: String?
    public var grantedOn: LocalDate?
    public var valid: Bool
    public var relatedToMainProduct: Bool
    public var selfDeveloped: Bool
    public var highValue: Bool
    /// Class-II IP may support one high-tech application only (国科发火〔2016〕195号).
    public var usedInHighTechApplication: Bool

    /// The attributes nobody stated (assessment-v1.md, revised 2026-12: "missing means not known"):
    /// each counts as false for what the item earns, and as true only for the most it could earn.
    public var unknown: Set<IPAttribute>?

    public init(kind: IPKind, number: String? = nil, title: String? = nil, grantedOn: LocalDate? = nil,
                valid: Bool = true, relatedToMainProduct: Bool = true, selfDeveloped: Bool = true,
                highValue: Bool = false, usedInHighTechApplication: Bool = false, unknown: Set<IPAttribute>? = nil) {
        self.kind = kind; self.number = number; self.title = title; self.grantedOn = grantedOn
        self.valid = valid; self.relatedToMainProduct = relatedToMainProduct; self.selfDeveloped = selfDeveloped
        self.highValue = highValue; self.usedInHighTechApplication = usedInHighTechApplication
        self.unknown = unknown.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An attribute's value, or — when `optimistic` and nobody stated it — the favourable one.
    public func has(_ a: IPAttribute, optimistic: Bool = false) -> Bool {
        if optimistic, unknown?.contains(a) == true { return true }
        switch a {
        case .valid: return valid
        case .relatedToMainProduct: return relatedToMainProduct
        case .selfDeveloped: return selfDeveloped
        }
    }
}

/// The IP attributes the rules score that a firm may leave unstated.
public enum IPAttribute: String, Hashable, Sendable, Codable, CaseIterable {
    case valid, relatedToMainProduct, selfDeveloped
}

public enum IPKind: String, Hashable, Sendable, Codable, CaseIterable {
    case invention, defensePatent, plantVariety, cropVariety, newDrug, tcmProtectedVariety, icLayout
    case utilityModel, design, software

    public var isClassI: Bool {
        switch self {
        case .utilityModel, .design, .software: return false
        default: return true
        }
    }
}

public struct Award: Hashable, Sendable, Codable {
    public var level: AwardLevel
    public var year: Int
    /// Rank of the enterprise among the award-winning units (1 = first).
    public var rank: Int?
    public var name: String?

    public init(level: AwardLevel, year: Int, rank: Int? = nil, name: String? = nil) {
        self.level = level; self.year = year; self.rank = rank; self.name = name
    }
}

public enum AwardLevel: String, Hashable, Sendable, Codable, CaseIterable { case national, provincial }

public struct RDInstitution: Hashable, Sendable, Codable {
    public var level: InstitutionLevel
    public var name: String?
    public var recognisedOn: LocalDate?

    public init(level: InstitutionLevel, name: String? = nil, recognisedOn: LocalDate? = nil) {
        self.level = level; self.name = name; self.recognisedOn = recognisedOn
    }
}

public enum InstitutionLevel: String, Hashable, Sendable, Codable, CaseIterable { case national, provincial, municipal, district }

public struct StandardLed: Hashable, Sendable, Codable {
    public var level: StandardLevel
    public var year: Int
    public var code: String?

    public init(level: StandardLevel, year: Int, code: String? = nil) {
        self.level = level; self.year = year; self.code = code
    }
}

public enum StandardLevel: String, Hashable, Sendable, Codable, CaseIterable { case international, national, industry }

public struct EquityFinancing: Hashable, Sendable, Codable {
    public var date: LocalDate
    public var amount: Money
    public var qualifiedInvestor: Bool

    public init(date: LocalDate, amount: Money, qualifiedInvestor: Bool) {
        self.date = date; self.amount = amount; self.qualifiedInvestor = qualifiedInvestor
    }
}
