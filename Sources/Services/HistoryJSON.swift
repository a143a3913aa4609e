import Foundation
import Kernel
import Registry

/// Before/after snapshots in the change history are JSON with sorted keys, so equal values give
/// equal text and a diff of two snapshots shows only real changes. Money is yuan, as in the API.
enum HistoryJSON {
    static func encode<T: Encodable>(_ value: T?) -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Fiscal facts written by hand: imports record one snapshot per row, and JSONEncoder was
    /// the largest single cost of a 100,000-row import.
    static func encode(_ f: FiscalYearFacts?) -> String? {
        guard let f else { return nil }
        var parts: [String] = []
        parts.reserveCapacity(16)
        func add(_ key: String, _ value: Int?) { if let value { parts.append("\"\(key)\":\(value)") } }
        func add(_ key: String, _ value: Money?) { if let value { parts.append("\"\(key)\":\(value.yuanText)") } }
        // Keys in sorted order.
        add("conversions", f.conversions); add("employees", f.employees); add("highTechRevenue", f.highTechRevenue)
        add("mainBusinessRevenue", f.mainBusinessRevenue); add("netProfit", f.netProfit); add("operatingRevenue", f.operatingRevenue)
        add("rdExpense", f.rdExpense); add("rdExpenseDomestic", f.rdExpenseDomestic); add("rdStaff", f.rdStaff)
        add("salesRevenue", f.salesRevenue); add("stStaff", f.stStaff); add("totalAssets", f.totalAssets)
        add("totalCostAndExpense", f.totalCostAndExpense); add("totalIncome", f.totalIncome)
        add("totalLiabilities", f.totalLiabilities); add("year", f.year)
        return "{" + parts.joined(separator: ",") + "}"
    }
}
