import Registry

/// An enterprise's fiscal years looked up by year. A linear scan: a firm has a handful of
/// years, and hashing them costs more than reading them (profiled in AssessBenchmark). The
/// first row of a year wins, as the contract's parser keeps years unique.
struct YearIndex {
    let years: [FiscalYearFacts]
    subscript(_ year: Int) -> FiscalYearFacts? { years.first { $0.year == year } }
}
