import Kernel
import Lending
import Registry

extension DemoDistrict {
    /// The demo's white-list rule [I]: a valid 高企 that spent at least 30 million yuan on R&D
    /// last year. With the demo's books it picks 21 firms, as the letter's "20+" (F23).
    public static let whiteListRule = WhiteListRule(id: "tl-relending-demo", requiredDesignations: [.highTech], rdExpenseAtLeast: Money(fen: 3_000_000_000))

    /// The loan register of the demo, built to reproduce the letter's figures at its date:
    /// 创新积分贷 8 firms / 51,000,000 yuan (F20); knowledge-value credit loans in the first half
    /// of 2024, 28 firms / 52,650,000 (F21), and 482 enterprise-times / 896,000,000 in all (F22).
    func loans() -> [Loan] {
        guard count >= 1_100 else { return [] }   // the figures need distinct firms; small demos have none
        var out: [Loan] = []
        let points: [Int64] = [10_000_000, 8_000_000, 7_000_000, 6_000_000, 6_000_000, 5_000_000, 5_000_000, 4_000_000]
        for (k, yuan) in points.enumerated() {
            let drawn = LocalDate(year: 2023, month: 3, day: 1)!.adding(days: 50 * k)
            out.append(Loan(uscc: uscc(40 * k), bank: "psbc-tl", product: .innovationPoints, amount: Money(yuan: yuan), drawnOn: drawn,
                            maturesOn: drawn.adding(years: 1), status: .drawn))
        }
        // 454 knowledge-value loans before 2024, 843,350,000 yuan; the last takes the remainder.
        let pattern: [Int64] = [1_500_000, 1_800_000, 2_000_000, 1_900_000, 2_100_000]
        var earlier: [Int64] = (0..<453).map { pattern[$0 % pattern.count] }
        earlier.append(843_350_000 - earlier.reduce(0, +))
        for (k, yuan) in earlier.enumerated() {
            let drawn = LocalDate(year: 2019, month: 1, day: 10)!.adding(days: 3 * k)
            let overdue = k % 97 == 0
            out.append(Loan(uscc: uscc((7 + 13 * k) % count), bank: k % 2 == 0 ? "cqrcb-tl" : "psbc-tl", product: .knowledgeValue,
                            amount: Money(yuan: yuan), drawnOn: drawn, maturesOn: drawn.adding(years: 1),
                            status: overdue ? .overdue : .repaid, overduePrincipal: Money(yuan: overdue ? yuan * 3 / 10 : 0)))
        }
        // 28 in the first half of 2024 to 28 firms: 27 × 1,880,000 and one of 1,890,000.
        for k in 0..<28 {
            let drawn = LocalDate(year: 2024, month: 1, day: 15)!.adding(days: 5 * k)
            out.append(Loan(uscc: uscc((5 + 37 * k) % count), bank: k % 2 == 0 ? "cqrcb-tl" : "psbc-tl", product: .knowledgeValue,
                            amount: Money(yuan: k == 27 ? 1_890_000 : 1_880_000), drawnOn: drawn, maturesOn: drawn.adding(years: 1), status: .drawn))
        }
        return out
    }
}
