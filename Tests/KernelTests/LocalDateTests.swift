import Testing
@testable import Kernel

@Suite struct LocalDateTests {
    @Test func parsesAndPrints() {
        #expect(LocalDate("2024-06-30")?.description == "2024-06-30")
        #expect(LocalDate("2024-02-30") == nil)
        #expect(LocalDate("2023-02-29") == nil)
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2024-6-30") == nil)
        #expect(LocalDate("2024/06/30") == nil)
    }

    @Test func dayNumbersRoundTrip() {
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
    }

    @Test func addsYearsAsCertificatesDo() {
        // A high-tech certificate of 2021-11-15 is valid to 2024-11-14 (three years less a day).
        #expect(LocalDate("2021-11-15")!.adding(years: 3).adding(days: -1).description == "2024-11-14")
        #expect(LocalDate("2024-02-29")!.adding(years: 1).description == "2025-02-28")
    }

    @Test func civilDateInChina() {
        // 2024-06-30T16:00:00Z is already 1 July in Beijing.
        #expect(LocalDate(secondsSince1970: 1_719_763_200).description == "2024-07-01")
        #expect(LocalDate(secondsSince1970: 1_719_763_199).description == "2024-06-30")
    }
}
