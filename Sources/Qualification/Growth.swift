import Kernel

/// The growth formulas of the 工作指引 (rules.md §4.2, §11.3 H5), evaluated exactly: each
/// comparison with a band edge is cross-multiplied in 128-bit integers over fen, never divided
/// (fen below 10^15 squared stay below 10^30, far inside Int128).
public enum Growth {
    public typealias Rate = (numerator: Int128, denominator: Int128)

    /// The growth as an exact ratio N/D (D > 0), or nil when no points are possible by rule
    /// (the middle year is zero), or when fewer than two years are known.
    ///
    /// Three years x1, x2, x3: g = ½(x2/x1 + x3/x2) − 1; if x1 = 0, g = x3/x2 − 1; if x2 = 0, no points.
    /// Two years (a firm operating less than three, an open point in rules.md §12.8): g = x3/x2 − 1. [I]
    public static func rate(_ x1: Money?, _ x2: Money?, _ x3: Money?) -> Rate? {
        guard let x2, let x3, x2.fen != 0 else { return nil }
        let b = Int128(x2.fen), c = Int128(x3.fen)
        if let x1, x1.fen != 0 {
            let a = Int128(x1.fen)
            // ½(b/a + c/b) − 1 = (b·b + c·a − 2·a·b) / (2·a·b)
            var n = b * b + c * a - 2 * a * b, d = 2 * a * b
            if d < 0 { n = -n; d = -d }
            return (n, d)
        }
        var n = c - b, d = b
        if d < 0 { n = -n; d = -d }
        return (n, d)
    }

    /// Whether the rate reaches `edge` (inclusive), exactly.
    public static func reaches(_ rate: Rate, _ edge: Fraction) -> Bool {
        rate.numerator * Int128(edge.denominator) >= Int128(edge.numerator) * rate.denominator
    }

    /// Points range for one growth measure: the band the rate reaches; zero for g ≤ 0.
    public static func points(_ rate: Rate?, bands: [RangeBand]) -> PointRange {
        guard let rate, rate.numerator > 0 else { return .zero }
        for band in bands where reaches(rate, band.atLeast) { return PointRange(band.min, band.max) }
        return .zero
    }
}
