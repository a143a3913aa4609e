import Kernel
import Registry

/// One enterprise evaluated against all six qualifications with one rule set: the value the
/// report, the panel, the batch run and the ladder all read, so they never disagree.
public struct Assessment: Sendable, Hashable {
    public var techSME: TechSMEResult
    public var highTech: HighTechResult
    public var highTechGaps: [HighTechGaps.Gap]
    public var innovativeSME: InnovativeSMEResult
    public var specializedSME: SpecializedSMEResult
    public var littleGiant: LittleGiantResult
    public var cqTechEnterprise: CQTechEnterpriseResult

    public static func evaluate(_ f: AssessmentFacts, rules: RuleSet) -> Assessment {
        let Y = f.evaluationYear
        let latest = f.fiscalYears.first { $0.year == Y }
        let previous = f.fiscalYears.first { $0.year == Y - 1 }
        let hte = HighTechEvaluator.evaluate(HighTechInput(
            evaluationYear: Y, asOf: f.asOf, registeredOn: f.registeredOn, years: f.fiscalYears, ip: f.ip,
            standardsLed: f.standardsLed, compliance: f.compliance), rules: rules.highTech)
        return Assessment(
            techSME: TechSMEEvaluator.evaluate(TechSMEInput(
                evaluationYear: Y, asOf: f.asOf, year: latest, ip: f.ip, awards: f.awards, rdInstitutions: f.rdInstitutions,
                standardsLed: f.standardsLed, designations: f.designations, compliance: f.compliance), rules: rules.techSME),
            highTech: hte,
            highTechGaps: HighTechGaps.gaps(hte, latest: latest, years: f.fiscalYears, evaluationYear: Y),
            innovativeSME: InnovativeSMEEvaluator.evaluate(InnovativeSMEInput(
                evaluationYear: Y, asOf: f.asOf, sme: f.sme, latest: latest, previous: previous, ip: f.ip, awards: f.awards,
                rdInstitutions: f.rdInstitutions, equityFinancing: f.equityFinancing, designations: f.designations,
                strategicEmergingIndustry: f.strategicEmergingIndustry, compliance: f.compliance), rules: rules.innovativeSME, general: rules.generalConditions),
            specializedSME: SpecializedSMEEvaluator.evaluate(SpecializedSMEInput(
                evaluationYear: Y, asOf: f.asOf, sme: f.sme, years: f.fiscalYears, yearsInNiche: f.yearsInNiche, ip: f.ip,
                awards: f.awards, rdInstitutions: f.rdInstitutions, equityFinancing: f.equityFinancing, compliance: f.compliance), rules: rules.specializedSME, general: rules.generalConditions),
            littleGiant: LittleGiantEvaluator.evaluate(
                evaluationYear: Y, asOf: f.asOf, years: f.fiscalYears, yearsInNiche: f.yearsInNiche, ip: f.ip, awards: f.awards,
                rdInstitutions: f.rdInstitutions, equityFinancing: f.equityFinancing, designations: f.designations, compliance: f.compliance,
                rules: rules.littleGiant, general: rules.generalConditions),
            cqTechEnterprise: CQTechEnterpriseEvaluator.evaluate(
                uscc: f.uscc, registeredOn: f.registeredOn, asOf: f.asOf, year: latest, ip: f.ip, rules: rules.cqTechEnterprise))
    }

    /// The one-line summary a batch run stores and compares.
    public var standing: Standing {
        Standing(techSME: techSME.qualifies, cqTechEnterprise: cqTechEnterprise.qualifies, highTech: highTech.verdict,
                 highTechScore: highTech.scoreRange, innovativeSME: innovativeSME.qualifies,
                 specializedSME: specializedSME.qualifies, littleGiant: littleGiant.qualifies)
    }
}
