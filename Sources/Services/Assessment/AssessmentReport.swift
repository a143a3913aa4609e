import Foundation
import Kernel
import Qualification
import Registry

/// Builds the `assessment/v1` report: every qualification evaluated from one enterprise's facts
/// with the rule set in force. The CLI and the API both print `render(_:)`, so they agree byte
/// for byte.
public enum AssessmentReport {
    public static func build(_ f: AssessmentFacts, rules: RuleSet = .cn2024_1) -> JSONValue {
        let Y = f.evaluationYear
        let all = Assessment.evaluate(f, rules: rules)
        let (tech, hte, innovative, specialised, giant, cq) =
            (all.techSME, all.highTech, all.innovativeSME, all.specializedSME, all.littleGiant, all.cqTechEnterprise)

        // Built apart: the report's one expression is at the type checker's limit.
        var innovativePairs: [(String, JSONValue)] = [("score", .int(Int64(innovative.score)))]
        if let range = innovative.scoreRange { innovativePairs.append(("scoreRange", .object([("min", .int(Int64(range.min))), ("max", .int(Int64(range.max)))]))) }
        innovativePairs += [
            ("blocks", .object([("innovation", .int(Int64(innovative.innovation))), ("growth", .int(Int64(innovative.growth))),
                                ("specialisation", .int(Int64(innovative.specialisation)))])),
            ("qualifies", .bool(innovative.qualifies)),
            ("route", innovative.route.map { .string($0.rawValue) } ?? .null),
            ("checks", .array(innovative.checks.map(json))),
        ]
        let innovativeJSON = JSONValue.object(innovativePairs)
        var specialisedPairs: [(String, JSONValue)] = [("eligible", .bool(specialised.eligible)), ("score", .int(Int64(specialised.score)))]
        if let range = specialised.scoreRange { specialisedPairs.append(("scoreRange", .object([("min", .int(Int64(range.min))), ("max", .int(Int64(range.max)))]))) }
        specialisedPairs += [
            ("qualifies", .bool(specialised.qualifies)),
            ("route", specialised.route.map { .string($0.rawValue) } ?? .null),
            ("checks", .array(specialised.checks.map(json))),
        ]
        let specialisedJSON = JSONValue.object(specialisedPairs)
        return .object([
            ("contract", .string("assessment/v1")),
            ("uscc", .string(f.uscc.code)),
            ("asOf", .string(f.asOf.description)),
            ("evaluationYear", .int(Int64(Y))),
            ("ruleSet", .string(rules.id)),
            ("techSME", .object([
                ("eligible", .bool(tech.eligible)),
                ("score", .int(Int64(tech.score))),
                ("breakdown", .object([("stStaff", .int(Int64(tech.stStaffPoints))), ("rdInput", .int(Int64(tech.rdInputPoints))),
                                       ("achievements", .int(Int64(tech.achievementPoints)))])),
                ("qualifies", .bool(tech.qualifies)),
                ("route", tech.route.map { .string($0.rawValue) } ?? .null),
                ("checks", .array(tech.checks.map(json))),
            ])),
            ("highTech", .object([
                ("conditions", .array(hte.conditions.map(json))),
                ("scoreRange", .object([("min", .int(Int64(hte.scoreRange.min))), ("max", .int(Int64(hte.scoreRange.max)))])),
                ("verdict", .string(hte.verdict.rawValue)),
                ("gaps", .array(all.highTechGaps.map(json))),
            ])),
            ("innovativeSME", innovativeJSON),
            ("specializedSME", specialisedJSON),
            ("littleGiant", .object([("qualifies", .bool(giant.qualifies)), ("checks", .array(giant.checks.map(json)))])),
            ("cqTechEnterprise", .object([("qualifies", .bool(cq.qualifies)), ("checks", .array(cq.checks.map(json)))])),
        ])
    }

    public static func render(_ f: AssessmentFacts) -> String { build(f).serialized() + "\n" }

    static func json(_ c: Check) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("id", .string(c.id)), ("status", .string(c.status.rawValue))]
        if let v = c.value { pairs.append(("value", json(v))) }
        if let r = c.required { pairs.append(("required", json(r))) }
        pairs.append(("basis", .string(c.basis)))
        return .object(pairs)
    }

    static func json(_ v: Check.Value) -> JSONValue {
        switch v {
        case .count(let n): return .int(Int64(n))
        case .money(let m): return .number(m.yuanText)
        case .ratio(let f): return .number(ratioText(f))
        }
    }

    /// A ratio rounded half-up to 4 decimals, written without binary floating point.
    static func ratioText(_ f: Fraction) -> String {
        let scaled = (Decimal(f.numerator) * 10_000) / Decimal(f.denominator)
        var value = scaled, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        var text = NSDecimalNumber(decimal: rounded / 10_000).stringValue
        if !text.contains(".") { text += ".0" }
        return text
    }

    static func json(_ g: HighTechGaps.Gap) -> JSONValue {
        .object([("id", .string(g.id)), ("amount", .number(g.amount)), ("unit", .string(g.unit)), ("message", .string(g.message))])
    }
}
