import ArgumentParser
import Foundation
import Kernel
import Lending
import Services

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the district's registry figures for a period (as the letter 铜科局函〔2024〕8号 quotes them).")

    @Option(help: "Start of the period (YYYY-MM-DD).") var since = "2023-01-01"
    @Option(help: "Reporting date (YYYY-MM-DD).") var asOf = "2024-06-30"
    @Option(help: "科技型企业 batch to count (F7).") var batch = "2024-1"
    @Flag(help: "Print JSON instead of a table.") var json = false
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        guard let since = LocalDate(self.since) else { throw ValidationError("--since must be YYYY-MM-DD") }
        guard let asOf = LocalDate(self.asOf) else { throw ValidationError("--as-of must be YYYY-MM-DD") }
        guard since <= asOf else { throw ValidationError("--since must not be after --as-of") }
        let f = try await withDatabase(db) {
            try await DistrictStatistics(transactor: $0).registryFigures(since: since, asOf: asOf, batch: batch)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(f), as: UTF8.self))
            return
        }
        let rows: [(String, String, Int)] = [
            ("F1", "高企培育库入库 / pool admissions since \(since)", f.poolAdmitted),
            ("F2", "新增“小巨人” / new little giants", f.newLittleGiants),
            ("F3", "新增市级专精特新 / new specialised SMEs", f.newSpecialised),
            ("F4", "专精特新累计（有效）/ specialised SMEs valid at \(asOf)", f.specialisedValid),
            ("F5", "新增科技型企业 / new S&T enterprises", f.newTechEnterprises),
            ("F6", "科技型企业累计 / S&T enterprises at \(asOf)", f.techEnterprises),
            ("F7", "科技型企业批次 \(batch) / in batch \(batch)", f.techEnterprisesInBatch),
            ("F8", "高新技术企业（有效）/ high-tech enterprises valid", f.highTechValid),
            ("F16", "创新平台 / innovation platforms", f.platforms),
            ("F16", "其中市级 / of which municipal", f.municipalPlatforms),
            ("F19", "引进人才 / talents introduced", f.talentsIntroduced),
            ("F19", "高技能人才储备 / high-skill talents in reserve", f.highSkillReserve),
        ]
        for (id, label, n) in rows { print("\(id.padding(toLength: 4, withPad: " ", startingAt: 0)) \(String(n).leftPad(6))  \(label)") }
        let loans: [(String, String, LoanFigures)] = [
            ("F20", "创新积分贷累计 / innovation-points loans, cumulative", f.innovationPointsLoans),
            ("F21", "知识价值信用贷款（上半年）/ knowledge-value loans, half year", f.knowledgeValueLoansHalfYear),
            ("F22", "知识价值信用贷款累计 / knowledge-value loans, cumulative", f.knowledgeValueLoans),
        ]
        for (id, label, l) in loans {
            print("\(id.padding(toLength: 4, withPad: " ", startingAt: 0)) \(label): \(l.enterprises) 家企业 / firms, \(l.enterpriseTimes) 家次 / firm-times, \(l.amount.yuanText) 元 / yuan")
        }
        print("F23  \(f.whiteListed.map { String($0) }?.leftPad(6) ?? "     —")  再贷款白名单（最近一次推荐）/ firms on the latest re-lending white list")
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
