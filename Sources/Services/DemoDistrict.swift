import Kernel
import Registry

/// A deterministic, believable demo district. With the default seed and size it reproduces the
/// registry figures of the letter 铜科局函〔2024〕8号 (letter-figures.md F1–F8, F16, F19) at the
/// letter's dates; other sizes scale the same structure (for benchmarks).
///
/// Every enterprise is made from its own generator (seed, index), so any one of a million can be
/// produced without the others, and files of any size stream out in constant memory.
public struct DemoDistrict: Sendable {
    public static let defaultSeed: UInt64 = 2024
    public static let defaultEnterprises = 2_400
    /// The letter's reporting date (mid-2024); "since 2023" means from 2023-01-01 to this date.
    public static let letterDate = LocalDate(year: 2024, month: 6, day: 30)!
    public static let fiscalYears = 2020...2023

    public let seed: UInt64
    public let count: Int
    /// Rank of each enterprise in the district's "innovation order": designations are handed out
    /// by rank ranges (see `Plan`), so counts are exact by construction and the figures can be
    /// checked by querying the stored records, not by trusting the generator.
    let rank: [Int32]
    let indexAtRank: [Int32]

    public init(seed: UInt64 = defaultSeed, enterprises: Int = defaultEnterprises) {
        self.seed = seed
        self.count = max(1, enterprises)
        var order = (0..<Int32(count)).map { $0 }
        var rng = SeededRandom(seed: seed)
        order.shuffle(using: &rng)
        var rank = [Int32](repeating: 0, count: count)
        for (r, i) in order.enumerated() { rank[Int(i)] = Int32(r) }
        self.rank = rank
        self.indexAtRank = order
    }

    /// Scales a rank boundary laid out for the default 2,400 enterprises to this district's size.
    func s(_ x: Int) -> Int { count == DemoDistrict.defaultEnterprises ? x : min(count, x * count / DemoDistrict.defaultEnterprises) }

    public var towns: [Town] { DemoDistrict.towns }

    public var chains: [IndustryChain] {
        DemoDistrict.chainSpecs.enumerated().map { n, spec in
            IndustryChain(code: spec.code, name: spec.name,
                          leader: spec.leader == nil || n >= count ? nil : uscc(Int(indexAtRank[n])))
        }
    }

    /// The enterprise's code: "91" (market regulation, enterprise) + the district's division
    /// code + an organisation code "MA" + 6 characters + its GB 11714 check character.
    public func uscc(_ index: Int) -> USCC {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        // A bijection on 0..<31^6 so codes are unique but do not look sequential.
        let space = 887_503_681
        var v = (index &* 7_368_787 &+ Int(seed % 1_000_003)) % space
        var chars: [Character] = []
        for _ in 0..<6 { chars.append(alphabet[v % 31]); v /= 31 }
        let body8 = "MA" + String(chars)
        let org = body8 + String(DemoDistrict.gb11714Check(body8))
        return USCC.withCheckDigit(body: "91" + DemoDistrict.divisionCode + org)!
    }

    static func gb11714Check(_ body: String) -> Character {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (i, c) in body.utf8.enumerated() {
            let v = c <= 57 ? Int(c) - 48 : Int(c) - 55
            sum += v * weights[i]
        }
        let r = 11 - sum % 11
        return r == 10 ? "X" : r == 11 ? "0" : Character(String(r))
    }
}

/// One generated enterprise with everything that hangs off it.
public struct DemoEnterprise: Sendable {
    public var enterprise: Enterprise
    public var fiscalYears: [FiscalYearFacts]
    public var designations: [Designation]
    public var evidence: InnovationEvidenceParts
}

/// Evidence in domain types, without depending on the Storage module's grouping.
public struct InnovationEvidenceParts: Sendable {
    public var ip: [IPItem] = []
    public var awards: [Award] = []
    public var rdInstitutions: [RDInstitution] = []
}
