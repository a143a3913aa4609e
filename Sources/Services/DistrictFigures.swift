import Kernel
import Lending
import Registry
import Storage

/// The registry figures the letter 铜科局函〔2024〕8号 quotes (letter-figures.md), computed from
/// the stored records for any period, so the bureau answers such a letter without a spreadsheet.
public struct RegistryFigures: Sendable, Codable, Equatable {
    public var asOf: LocalDate
    public var since: LocalDate
    /// F1 高企培育库 admissions in the period.
    public var poolAdmitted: Int
    /// F2 new 小巨人 in the period.
    public var newLittleGiants: Int
    /// F3 new municipal 专精特新 in the period.
    public var newSpecialised: Int
    /// F4 专精特新 valid at `asOf`.
    public var specialisedValid: Int
    /// F5 new 科技型企业 in the period.
    public var newTechEnterprises: Int
    /// F6 科技型企业 in the database at `asOf`.
    public var techEnterprises: Int
    /// F7 科技型企业 of the named batch.
    public var techEnterprisesInBatch: Int
    public var batch: String
    /// F8 高新技术企业 valid at `asOf`.
    public var highTechValid: Int
    /// F16 innovation platforms registered at `asOf`, and those of municipal level.
    public var platforms: Int
    public var municipalPlatforms: Int
    /// F19 talents introduced, high-skill talents in reserve, at `asOf`.
    public var talentsIntroduced: Int
    public var highSkillReserve: Int
    /// F20 创新积分贷, cumulative at `asOf`.
    public var innovationPointsLoans: LoanFigures
    /// F21 knowledge-value credit loans within `halfYearFrom...asOf`; F22 cumulative.
    public var knowledgeValueLoansHalfYear: LoanFigures
    public var knowledgeValueLoans: LoanFigures
    /// F23 firms on the latest re-lending white list published by `asOf` (nil: none published).
    public var whiteListed: Int?
}

public struct DistrictStatistics: Sendable {
    public let transactor: any Transactor
    public init(transactor: any Transactor) { self.transactor = transactor }

    /// Figures for the period `since...asOf`; `batch` names the 科技型企业 batch for F7.
    public func registryFigures(since: LocalDate, asOf: LocalDate, batch: String) async throws -> RegistryFigures {
        try await transactor.read { stores in
            let d = stores.district
            let loans = try await stores.loans.fetchLoans(LoanFilter(to: asOf))
            // "今年上半年": from 1 January or 1 July of the reporting date's year, whichever is the half.
            let halfYear = LocalDate(year: asOf.year, month: asOf.month <= 6 ? 1 : 7, day: 1)!
            return RegistryFigures(
                asOf: asOf, since: since,
                poolAdmitted: try await d.countDesignationsIssued(.highTechPool, from: since, to: asOf),
                newLittleGiants: try await d.countDesignationsIssued(.littleGiant, from: since, to: asOf),
                newSpecialised: try await d.countDesignationsIssued(.specializedSME, from: since, to: asOf),
                specialisedValid: try await d.countDesignationsValid(.specializedSME, on: asOf),
                newTechEnterprises: try await d.countDesignationsIssued(.cqTechEnterprise, from: since, to: asOf),
                techEnterprises: try await d.countDesignationsValid(.cqTechEnterprise, on: asOf),
                techEnterprisesInBatch: try await d.countDesignations(.cqTechEnterprise, batch: batch),
                batch: batch,
                highTechValid: try await d.countDesignationsValid(.highTech, on: asOf),
                platforms: try await d.countPlatforms(on: asOf, level: nil),
                municipalPlatforms: try await d.countPlatforms(on: asOf, level: .municipal),
                talentsIntroduced: try await d.countTalents(.introduced, on: asOf),
                highSkillReserve: try await d.countTalents(.highSkillReserve, on: asOf),
                innovationPointsLoans: LoanFigures.of(loans, product: .innovationPoints, to: asOf),
                knowledgeValueLoansHalfYear: LoanFigures.of(loans, product: .knowledgeValue, from: halfYear, to: asOf),
                knowledgeValueLoans: LoanFigures.of(loans, product: .knowledgeValue, to: asOf),
                whiteListed: try await stores.whiteLists.latestList(asOf: asOf)?.entries.count)
        }
    }
}
