import Kernel

/// 镇街: a town or street of the district, by its 9-digit township code (GB/T 10114 style).
public struct Town: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public init(code: String, name: String) { self.code = code; self.name = name }
}

/// 产业链: an industry chain of the district's "2+4" industries, with its leader (链主) if any.
public struct IndustryChain: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var leader: USCC?
    public init(code: String, name: String, leader: USCC? = nil) { self.code = code; self.name = name; self.leader = leader }
}

/// An enterprise innovation platform (研发平台: 企业技术中心, 工程技术研究中心, 重点实验室 …).
public struct InnovationPlatform: Hashable, Sendable, Codable {
    public var enterprise: USCC
    public var name: String
    public var kind: String
    public var level: InstitutionLevel
    public var recognisedOn: LocalDate
    public init(enterprise: USCC, name: String, kind: String, level: InstitutionLevel, recognisedOn: LocalDate) {
        self.enterprise = enterprise; self.name = name; self.kind = kind; self.level = level; self.recognisedOn = recognisedOn
    }
}

/// A talent the district introduced or keeps in reserve (引进人才 / 高技能人才储备).
public struct Talent: Hashable, Sendable, Codable {
    public var name: String
    public var category: TalentCategory
    public var enterprise: USCC?
    public var since: LocalDate
    /// The field they work in, and the level of the programme that introduced or recognised
    /// them; unknown for records kept before these were asked.
    public var field: String?
    public var level: InstitutionLevel?
    public init(name: String, category: TalentCategory, enterprise: USCC?, since: LocalDate, field: String? = nil, level: InstitutionLevel? = nil) {
        self.name = name; self.category = category; self.enterprise = enterprise; self.since = since; self.field = field; self.level = level
    }
}

public enum TalentCategory: String, Hashable, Sendable, Codable, CaseIterable {
    case introduced     // 引进人才
    case highSkillReserve  // 储备高技能人才
}
