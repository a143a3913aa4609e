import Kernel

/// The statistical definitions the R&D indicators rest on, as versioned data (rules.md §9,
/// §11.6): what counts as an above-scale industrial firm, and when a quarterly report is due.
public struct RDRules: Sendable, Hashable, Codable {
    public var id: String
    /// 规上工业企业: annual main-business (operating) revenue of at least this, since the 2011
    /// reporting year (NBS; rules.md §9 [R]; 5 million yuan before).
    public var aboveScaleRevenue: Money
    /// GB/T 4754 sections counted as industry (工业): B mining, C manufacturing, D electricity,
    /// heat, gas and water (NBS).
    public var industrialSections: [String]
    /// A quarter's report is due on this day of the month after it [I].
    public var reportDueDay: Int

    public static let nbs2011 = RDRules(id: "cn-rd-2011.1", aboveScaleRevenue: Money(yuan: 20_000_000), industrialSections: ["B", "C", "D"], reportDueDay: 15)
    /// The rules in force. Changing a definition is a new version here, not an edit.
    public static let current = nbs2011
}
