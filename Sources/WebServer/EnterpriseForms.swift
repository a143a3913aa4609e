import Foundation
import Accounts
import Kernel
import Registry
import WebPages

/// Turns the enterprise and fiscal-year forms into domain values, collecting a message per field.
enum EnterpriseForms {
    static func enterprise(_ form: FormData, existing: Enterprise?) -> (Enterprise?, [String: String], [String: String]) {
        var errors: [String: String] = [:]
        var values: [String: String] = [:]
        for key in ["uscc", "name", "registeredOn", "townCode", "industryCode", "status", "sme"] { values[key] = form[key] ?? "" }
        let uscc: USCC?
        if let existing {
            uscc = existing.uscc
            values["uscc"] = existing.uscc.code
        } else {
            do { uscc = try USCC((form["uscc"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()) } catch { uscc = nil; errors["uscc"] = error.description }
        }
        var registeredOn: LocalDate?
        if let text = form.text("registeredOn") {
            registeredOn = LocalDate(text)
            if registeredOn == nil { errors["registeredOn"] = "日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD" }
        }
        // Town and status as submitted; RegistryService.update keeps the stored ones for users
        // other than bureau staff, inside its transaction (one place decides that).
        let town = form.text("townCode")
        let status = form.text("status").flatMap(EnterpriseStatus.init(rawValue:)) ?? existing?.status ?? .active
        let sme: Bool? = form.text("sme").map { $0 == "yes" }
        guard let uscc, errors.isEmpty else { return (nil, errors, values) }
        let e = Enterprise(uscc: uscc, name: (form["name"] ?? "").trimmingCharacters(in: .whitespaces), registeredOn: registeredOn,
                           townCode: town, industryCode: form.text("industryCode")?.uppercased(),
                           chainTags: Array(Set(form.all("chainTags").filter { !$0.isEmpty })).sorted(), status: status, sme: sme)
        for p in e.problems() { errors[p.path] = p.message }
        return (errors.isEmpty ? e : nil, errors, values)
    }

    static func fiscalYear(_ form: FormData) -> (FiscalYearFacts?, FiscalYearForm) {
        var values: [String: String] = [:]
        var errors: [String: String] = [:]
        func int(_ key: String) -> Int? {
            guard let t = form.text(key) else { return nil }
            values[key] = t
            guard let n = Int(t) else { errors[key] = "应为整数 / a whole number"; return nil }
            return n
        }
        func money(_ key: String) -> Money? {
            guard let t = form.text(key) else { return nil }
            values[key] = t
            do { return try Money(formText: t) } catch { errors[key] = error.description; return nil }
        }
        if let evidence = form.text("evidence") { values["evidence"] = evidence }
        let year = int("year")
        if year == nil, errors["year"] == nil { errors["year"] = "必填 / required" }
        var f = FiscalYearFacts(year: year ?? 0)
        f.employees = int("employees"); f.stStaff = int("stStaff"); f.rdStaff = int("rdStaff")
        f.salesRevenue = money("salesRevenue"); f.operatingRevenue = money("operatingRevenue")
        f.mainBusinessRevenue = money("mainBusinessRevenue"); f.totalIncome = money("totalIncome")
        f.highTechRevenue = money("highTechRevenue"); f.totalCostAndExpense = money("totalCostAndExpense")
        f.rdExpense = money("rdExpense"); f.rdExpenseDomestic = money("rdExpenseDomestic")
        f.totalAssets = money("totalAssets"); f.totalLiabilities = money("totalLiabilities")
        f.netProfit = money("netProfit"); f.conversions = int("conversions")
        if errors.isEmpty { for p in f.problems(at: "") { errors[p.path] = p.message } }
        return (errors.isEmpty ? f : nil, FiscalYearForm(values: values, errors: errors))
    }
}
