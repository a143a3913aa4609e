import Kernel
import Registry

/// One enterprise's facts as `assessment-v1.md` defines them.
public struct AssessmentFacts: Sendable {
    public var uscc: USCC
    public var name: String?
    public var registeredOn: LocalDate?
    public var asOf: LocalDate
    public var evaluationYear: Int
    public var sme: Bool?
    public var fiscalYears: [FiscalYearFacts]
    public var ip: [IPItem] = []
    public var designations: [Designation] = []
    public var compliance = Compliance()
    public var awards: [Award] = []
    public var rdInstitutions: [RDInstitution] = []
    public var standardsLed: [StandardLed] = []
    public var equityFinancing: [EquityFinancing] = []
    public var yearsInNiche: Int?
    public var strategicEmergingIndustry: Bool?
}

extension AssessmentFacts {
    public init(uscc: USCC, name: String? = nil, registeredOn: LocalDate? = nil, asOf: LocalDate, evaluationYear: Int? = nil,
                sme: Bool? = nil, fiscalYears: [FiscalYearFacts], ip: [IPItem] = [], designations: [Designation] = [],
                compliance: Compliance = Compliance(), awards: [Award] = [], rdInstitutions: [RDInstitution] = [],
                standardsLed: [StandardLed] = [], equityFinancing: [EquityFinancing] = [], yearsInNiche: Int? = nil,
                strategicEmergingIndustry: Bool? = nil) {
        self.uscc = uscc; self.name = name; self.registeredOn = registeredOn; self.asOf = asOf
        self.evaluationYear = evaluationYear ?? asOf.year - 1; self.sme = sme; self.fiscalYears = fiscalYears; self.ip = ip
        self.designations = designations; self.compliance = compliance; self.awards = awards; self.rdInstitutions = rdInstitutions
        self.standardsLed = standardsLed; self.equityFinancing = equityFinancing; self.yearsInNiche = yearsInNiche
        self.strategicEmergingIndustry = strategicEmergingIndustry
    }
}
