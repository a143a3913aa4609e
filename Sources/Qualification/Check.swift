import Foundation
import Kernel

/// One condition of a qualification, with the value found, the value required, and the rule.
public struct Check: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable { case met, unmet, unknown }
    public enum Value: Sendable, Hashable {
        case count(Int)
        case money(Money)
        case ratio(Fraction)
    }

    /// Identity and rule are static text: a check holds no reference-counted storage, so the
    /// dozens made per enterprise (millions in a batch) are copied and freed as plain bytes, and
    /// parallel evaluations share nothing (profiled in AssessBenchmark).
    let idText: StaticString
    public var status: Status
    public var value: Value?
    public var required: Value?
    let document: StaticString
    let article: StaticString

    /// A stable identifier such as `highTech.rdIntensity`.
    public var id: String { idText.description }

    /// Whether this is the check `id` given as data (a configured checklist item), compared as
    /// bytes (reading `id` builds a string).
    public func hasID(text other: String) -> Bool {
        var other = other
        return other.withUTF8 { b in idText.withUTF8Buffer { a in a.elementsEqual(b) } }
    }

    func hasID(_ other: StaticString) -> Bool { idText.sameText(as: other) }

    /// The rule this check encodes: document number and article.
    public var basis: String { document.description + article.description }

    public init(id: StaticString, status: Status, value: Value? = nil, required: Value? = nil, basis: StaticString, article: StaticString = "") {
        self.idText = id; self.status = status; self.value = value; self.required = required; self.document = basis; self.article = article
    }

    /// The same check under another identity and rule (the pool's checklist reuses the 高企 conditions).
    func restated(id: StaticString, basis: StaticString) -> Check {
        Check(id: id, status: status, value: value, required: required, basis: basis)
    }

    public static func == (a: Check, b: Check) -> Bool {
        a.id == b.id && a.status == b.status && a.value == b.value && a.required == b.required && a.basis == b.basis
    }

    public func hash(into h: inout Hasher) {
        h.combine(id); h.combine(status); h.combine(value); h.combine(required); h.combine(basis)
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

extension StaticString {
    /// Byte equality, without building strings (identical literals usually share storage).
    func sameText(as other: StaticString) -> Bool {
        guard utf8CodeUnitCount == other.utf8CodeUnitCount else { return false }
        guard hasPointerRepresentation && other.hasPointerRepresentation else { return description == other.description }
        return utf8Start == other.utf8Start || memcmp(utf8Start, other.utf8Start, utf8CodeUnitCount) == 0
    }
}
