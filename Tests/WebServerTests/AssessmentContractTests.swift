import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Services
import StorageSQL
import Testing
@testable import WebServer

/// ../shared/contracts/assessment-v1.md: the example gives exactly the values shown there, and
/// the API prints the same bytes as the CLI (both print `AssessmentReport.render`).
@Suite struct AssessmentContractTests {
    static let example = #"""
{
  "uscc": "91500151MA6012340R",
  "name": "重庆示例储能科技有限公司",
  "registeredOn": "2016-04-12",
  "asOf": "2024-06-30",
  "evaluationYear": 2023,
  "sme": true,
  "fiscalYears": [
    {
      "year": 2023,
      "employees": 120,
      "stStaff": 30,
      "rdStaff": 22,
      "salesRevenue": 80000000,
      "operatingRevenue": 80000000,
      "mainBusinessRevenue": 76000000,
      "totalIncome": 82000000,
      "highTechRevenue": 60000000,
      "totalCostAndExpense": 70000000,
      "rdExpense": 4200000,
      "rdExpenseDomestic": 4200000,
      "totalAssets": 120000000,
      "totalLiabilities": 50000000,
      "netProfit": 6000000,
      "conversions": 3
    }
  ],
  "ip": [
    { "kind": "invention", "valid": true, "relatedToMainProduct": true, "selfDeveloped": true, "highValue": false, "usedInHighTechApplication": false }
  ],
  "designations": [
    { "kind": "highTech", "number": "GR202150000123", "issuedOn": "2021-11-15" }
  ],
  "compliance": {
    "residentEnterprise": true,
    "taxOnBooks": true,
    "restrictedIndustry": false,
    "seriousIncidentLastYear": false,
    "dishonestList": false,
    "abnormalOperationList": false
  },
  "awards": [ { "level": "national", "year": 2022, "rank": 2 } ],
  "rdInstitutions": [ { "level": "provincial" } ],
  "standardsLed": [ { "level": "industry", "year": 2021 } ],
  "equityFinancing": [ { "date": "2023-05-01", "amount": 6000000, "qualifiedInvestor": true } ],
  "yearsInNiche": 4,
  "strategicEmergingIndustry": true
}
"""#

    func report() throws -> [String: Any] {
        guard case .success(let facts) = AssessmentInput.parse(Data(Self.example.utf8)) else { throw AppError.badRequest("example did not parse") }
        return try #require(try JSONSerialization.jsonObject(with: Data(AssessmentReport.render(facts).utf8)) as? [String: Any])
    }

    @Test func exampleGivesTheContractsValues() throws {
        let r = try report()
        #expect(r["contract"] as? String == "assessment/v1")
        #expect(r["evaluationYear"] as? Int == 2023)
        let tech = try #require(r["techSME"] as? [String: Any])
        #expect(tech["score"] as? Int == 86 && tech["eligible"] as? Bool == true && tech["route"] as? String == "score")
        #expect(tech["breakdown"] as? [String: Int] == ["stStaff": 16, "rdInput": 40, "achievements": 30])
        let hte = try #require(r["highTech"] as? [String: Any])
        let conditions = try #require(hte["conditions"] as? [[String: Any]])
        let values = Dictionary(uniqueKeysWithValues: conditions.map { ($0["id"] as! String, $0["value"] as? Double) })
        #expect(values["highTech.stStaffShare"] == 0.25)
        // Revised 2026-12: the window is 2021–2023 and only 2023 is on record, so the three-year ratios
        // are unknown and carry no value; the requirement still shows.
        #expect(values["highTech.rdIntensity"] as? Double == nil && values["highTech.domesticRdShare"] as? Double == nil)
        #expect(values["highTech.highTechRevenueShare"] == 0.7317)
        let statuses = Dictionary(uniqueKeysWithValues: conditions.map { ($0["id"] as! String, $0["status"] as? String) })
        #expect(statuses["highTech.rdIntensity"] == "unknown" && statuses["highTech.domesticRdShare"] == "unknown")
        #expect(conditions.first { $0["id"] as? String == "highTech.rdIntensity" }?["required"] as? Double == 0.04)
        #expect(conditions.filter { !["highTech.rdIntensity", "highTech.domesticRdShare"].contains($0["id"] as? String) }.allSatisfy { $0["status"] as? String == "met" })
        #expect(conditions.allSatisfy { $0["basis"] != nil })
        #expect(hte["scoreRange"] as? [String: Int] == ["min": 22, "max": 88])
        #expect(hte["verdict"] as? String == "possible")
        let innovative = try #require(r["innovativeSME"] as? [String: Any])
        #expect(innovative["score"] as? Int == 75 && innovative["route"] as? String == "award")
        #expect(innovative["blocks"] as? [String: Int] == ["innovation": 35, "growth": 10, "specialisation": 30])
        let specialised = try #require(r["specializedSME"] as? [String: Any])
        #expect(specialised["score"] as? Int == 45 && specialised["route"] as? String == "award" && specialised["eligible"] as? Bool == true)
        #expect((r["littleGiant"] as? [String: Any])?["qualifies"] as? Bool == false)
        #expect((r["cqTechEnterprise"] as? [String: Any])?["qualifies"] as? Bool == true)
    }

    /// The optional revokedOn / revokedFor extension: a number revoked this year bars registration.
    @Test func revokedNumbersAreSanctions() throws {
        let revoked = Self.example.replacingOccurrences(
            of: #"{ "kind": "highTech", "number": "GR202150000123", "issuedOn": "2021-11-15" }"#,
            with: #"{ "kind": "techSME", "issuedOn": "2023-04-01", "revokedOn": "2024-02-01", "revokedFor": "falsification" }"#)
        #expect(revoked != Self.example)
        guard case .success(let facts) = AssessmentInput.parse(Data(revoked.utf8)) else { Issue.record("did not parse"); return }
        let r = try #require(try JSONSerialization.jsonObject(with: Data(AssessmentReport.render(facts).utf8)) as? [String: Any])
        let tech = try #require(r["techSME"] as? [String: Any])
        #expect(tech["eligible"] as? Bool == false && tech["qualifies"] as? Bool == false)
        let checks = try #require(tech["checks"] as? [[String: Any]])
        #expect(checks.first { $0["id"] as? String == "techSME.noFalsificationBar" }?["status"] as? String == "unmet")
        let bad = #"{"uscc":"91500151MA6012340R","asOf":"2024-06-30","fiscalYears":[{"year":2023}],"designations":[{"kind":"techSME","issuedOn":"2023-04-01","revokedFor":"lies"}]}"#
        guard case .failure(let invalid) = AssessmentInput.parse(Data(bad.utf8)) else { Issue.record("accepted a bad reason"); return }
        #expect(invalid.problems.map(\.path) == ["designations[0].revokedFor"])
    }

    /// The general conditions through the contract's door: a firm on the dishonesty list keeps its
    /// score but qualifies for no MIIT tier, by no route; without the fact the check is unknown.
    @Test func theGeneralConditionsBindEveryMIITRoute() throws {
        let listed = Self.example.replacingOccurrences(of: #""dishonestList": false"#, with: #""dishonestList": true"#)
        guard case .success(let facts) = AssessmentInput.parse(Data(listed.utf8)) else { Issue.record("did not parse"); return }
        let r = try #require(try JSONSerialization.jsonObject(with: Data(AssessmentReport.render(facts).utf8)) as? [String: Any])
        for tier in ["innovativeSME", "specializedSME", "littleGiant"] {
            let t = try #require(r[tier] as? [String: Any])
            let checks = try #require(t["checks"] as? [[String: Any]])
            #expect(t["qualifies"] as? Bool == false && checks.first { $0["id"] as? String == "\(tier).generalConditions" }?["status"] as? String == "unmet", "\(tier)")
        }
        #expect((r["innovativeSME"] as? [String: Any])?["route"] is NSNull && (r["innovativeSME"] as? [String: Any])?["score"] as? Int == 75)
        let unstated = Self.example.replacingOccurrences(of: #""dishonestList": false,"#, with: "")
        guard case .success(let partial) = AssessmentInput.parse(Data(unstated.utf8)) else { Issue.record("did not parse"); return }
        let u = try #require(try JSONSerialization.jsonObject(with: Data(AssessmentReport.render(partial).utf8)) as? [String: Any])
        let checks = try #require((u["specializedSME"] as? [String: Any])?["checks"] as? [[String: Any]])
        #expect(checks.first { $0["id"] as? String == "specializedSME.generalConditions" }?["status"] as? String == "unknown")
    }

    static var cli: URL? { BuiltExecutable.kechuang }

    /// The real binary and the API print the same bytes, and the CLI's exit codes follow the contract.
    @Test(arguments: TestDatabases.engines)
    func cliAndAPIAgreeByteForByte(_ engine: SQLEngine) async throws {
        let cli = try #require(Self.cli, "swift build --build-tests builds the kechuang executable beside the tests")
        func run(_ input: String) throws -> (Int32, String, String) {
            let p = Process()
            p.executableURL = cli
            p.arguments = ["assess", "-"]
            let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
            p.standardInput = stdin; p.standardOutput = stdout; p.standardError = stderr
            try p.run()
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
            let out = stdout.fileHandleForReading.readDataToEndOfFile(), err = stderr.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
        let (status, cliOut, _) = try run(Self.example)
        #expect(status == 0)
        let (badStatus, _, badErr) = try run(#"{"uscc":"91500151MA6012340Q","asOf":"2024-06-30","fiscalYears":[{"year":2023,"employees":-1}]}"#)
        #expect(badStatus == 2)
        #expect(badErr.contains("fiscalYears[0].employees: must be >= 0") && badErr.contains("uscc:"))
        try await WebHarness.run(engine) { client, _ in
            let token = try await client.token(Fixture.username(.bureauReviewer))
            let api = try await client.api(.post, "/api/v1/assessments", token: token, json: Self.example)
            #expect(String(buffer: api.body) == cliOut)
        }
    }

    @Test func invalidFactsNameEveryProblemByPath() {
        let bad = #"{"uscc":"91500151MA6012340Q","asOf":"2024-06-30","fiscalYears":[{"year":2023,"employees":-1,"rdExpense":1.234}],"ip":[{"kind":"trademark"}],"typo":1}"#
        guard case .failure(let invalid) = AssessmentInput.parse(Data(bad.utf8)) else { Issue.record("accepted bad facts"); return }
        #expect(Set(invalid.problems.map(\.path)) == ["typo", "uscc", "fiscalYears[0].employees", "fiscalYears[0].rdExpense", "ip[0].kind"])
        #expect(invalid.problems.contains { $0.path == "fiscalYears[0].employees" && $0.message == "must be >= 0" })
    }

    @Test(arguments: TestDatabases.engines)
    func apiPrintsTheCLIsBytes(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, _ in
            let token = try await client.token(Fixture.username(.enterprise))
            let r = try await client.api(.post, "/api/v1/assessments", token: token, json: Self.example)
            #expect(r.status == .ok)
            guard case .success(let facts) = AssessmentInput.parse(Data(Self.example.utf8)) else { Issue.record("example did not parse"); return }
            #expect(String(buffer: r.body) == AssessmentReport.render(facts))
            let bad = try await client.api(.post, "/api/v1/assessments", token: token, json: #"{"uscc":"x","asOf":"2024-06-30"}"#)
            #expect(bad.status == .unprocessableContent)
            let body = String(buffer: bad.body)
            #expect(body.contains("\"code\":\"invalid_facts\"") && body.contains("\"path\":\"uscc\"") && body.contains("fiscalYears"))
            #expect(try await client.api(.post, "/api/v1/assessments", token: nil, json: Self.example).status == .unauthorized)

            // A stored enterprise, assessed from its record, within the caller's scope only.
            let own = try await client.api(.get, "/api/v1/enterprises/\(Fixture.a.code)/assessment", token: token)
            #expect(own.status == .ok)
            #expect(String(buffer: own.body).contains("\"uscc\":\"\(Fixture.a.code)\""))
            #expect(try await client.api(.get, "/api/v1/enterprises/\(Fixture.b.code)/assessment", token: token).status == .forbidden)
        }
    }
}
