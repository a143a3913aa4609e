import Testing
@testable import Kernel

@Suite struct MoneyTests {
    @Test(arguments: [("80000000", 8_000_000_000), ("1234.5", 123_450), ("1234.56", 123_456), ("-12.05", -1_205),
                      ("1,234,567.89", 123_456_789), (" 42 ", 4_200), ("0.01", 1), (".5", 50), ("+7", 700)] as [(String, Int64)])
    func parsesYuanIntoFen(_ text: String, _ fen: Int64) throws {
        #expect(try Money(yuanText: text).fen == fen)
    }

    @Test(arguments: ["", "abc", "12a", "1.2.3", "--1", "1 2", "一百", "1e6", ",12"])
    func rejectsWhatIsNotAnAmount(_ text: String) {
        #expect(throws: MoneyError.notANumber(text)) { try Money(yuanText: text) }
    }

    @Test func rejectsMoreThanTwoDecimals() {
        #expect(throws: MoneyError.tooManyDecimals("1.234")) { try Money(yuanText: "1.234") }
    }

    @Test func rejectsAmountsBeyondFifteenDigits() {
        #expect(throws: MoneyError.outOfRange("1234567890123456")) { try Money(yuanText: "1234567890123456") }
    }

    @Test(arguments: [(8_000_000_000, "80000000"), (123_450, "1234.50"), (5, "0.05"), (-1_205, "-12.05")] as [(Int64, String)])
    func printsYuan(_ fen: Int64, _ text: String) throws {
        #expect(Money(fen: fen).yuanText == text)
        #expect(try Money(yuanText: text).fen == fen)
    }
}
