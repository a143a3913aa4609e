import Kernel

/// One condition of a qualification, with the value found, the value required, and the rule.
public struct Check: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable { case met, unmet, unknown }
    public enum Value: Sendable, Hashable {
        case count(Int)
        case money(Money)
        case ratio(Fraction)
    }

    public var id: String
    public var status: Status
    public var value: Value?
    public var required: Value?
    public var basis: String

    public init(id: String, status: Status, value: Value? = nil, required: Value? = nil, basis: String) {
        self.id = id; self.status = status; self.value = value; self.required = required; self.basis = basis
    }

    /// `met` when the condition holds, `unmet` when it fails, `unknown` when a fact is missing.
    static func holds(_ condition: Bool?) -> Status { condition.map { $0 ? .met : .unmet } ?? .unknown }
}

extension Array where Element == Check {
    /// All met → met; any unmet → unmet; otherwise unknown (a missing fact is never a silent yes or no).
    public var combined: Check.Status {
        if contains(where: { $0.status == .unmet }) { return .unmet }
        if contains(where: { $0.status == .unknown }) { return .unknown }
        return .met
    }
}

/// Compliance facts the rules ask about; nil means "not known".
public struct Compliance: Sendable, Hashable, Codable {
    public var residentEnterprise: Bool?
    public var taxOnBooks: Bool?
    public var restrictedIndustry: Bool?
    public var seriousIncidentLastYear: Bool?
    public var dishonestList: Bool?
    public var abnormalOperationList: Bool?
    public init(residentEnterprise: Bool? = nil, taxOnBooks: Bool? = nil, restrictedIndustry: Bool? = nil,
                seriousIncidentLastYear: Bool? = nil, dishonestList: Bool? = nil, abnormalOperationList: Bool? = nil) {
        self.residentEnterprise = residentEnterprise; self.taxOnBooks = taxOnBooks; self.restrictedIndustry = restrictedIndustry
        self.seriousIncidentLastYear = seriousIncidentLastYear; self.dishonestList = dishonestList; self.abnormalOperationList = abnormalOperationList
    }
}
