/// A banded rule: the points of the highest band whose lower edge the value reaches. Edges are
/// inclusive at the bottom ("（含）" in 国科发政〔2017〕115号; assessment-v1.md conventions).
public struct BandTable: Sendable, Hashable, Codable {
    public struct Band: Sendable, Hashable, Codable {
        public let atLeast: Fraction
        public let points: Int
        public init(atLeast: Fraction, points: Int) { self.atLeast = atLeast; self.points = points }
    }

    /// Highest edge first.
    public let bands: [Band]
    /// Where the rule comes from: document number and article.
    public let basis: String

    public init(_ bands: [Band], basis: String) {
        self.bands = bands.sorted { !($0.atLeast < $1.atLeast) && $0.atLeast != $1.atLeast }
        self.basis = basis
    }

    /// The most any band earns.
    public var most: Int { bands.map(\.points).max() ?? 0 }

    public func points(for value: Fraction) -> Int {
        bands.first { value >= $0.atLeast }?.points ?? 0
    }

    /// Checks made when a rule set is loaded: points rise with the edges, no two edges equal.
    public var problems: [String] {
        var out: [String] = []
        for (higher, lower) in zip(bands, bands.dropFirst()) {
            if higher.atLeast == lower.atLeast { out.append("\(basis): two bands start at \(higher.atLeast)") }
            if higher.points < lower.points { out.append("\(basis): a higher band earns fewer points than a lower one") }
        }
        return out
    }
}

extension BandTable {
    /// Bands given as (percent, points) pairs.
    public init(percent pairs: [(Int64, Int)], basis: String) {
        self.init(pairs.map { Band(atLeast: .percent($0.0), points: $0.1) }, basis: basis)
    }
}
