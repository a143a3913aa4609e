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

/// Amounts typed into a form (issue 22, item 5): 万/亿, separators, full-width digits, 元.
@Suite struct MoneyFormInputTests {
    @Test(arguments: [("32万", Int64(32_000_000)), ("30,500,000", 3_050_000_000), ("1.2亿", 12_000_000_000), ("1.2亿元", 12_000_000_000),
                      ("３２万", 32_000_000), ("３０，５００", 3_050_000), ("12.5元", 1_250), (" 7 ", 700), ("0.000001万", 1),
                      ("-3万", -3_000_000), ("1,234.5万", 1_234_500_000), ("32 万", 32_000_000), ("32 万元", 32_000_000)] as [(String, Int64)])
    func readsWhatPeopleType(_ text: String, _ fen: Int64) throws {
        #expect(try Money(formText: text).fen == fen)
    }

    @Test func aBareNumberTakesTheFieldsUnit() throws {
        #expect(try Money(formText: "3500", defaultUnit: .wan).fen == 3_500_000_000)
        #expect(try Money(formText: "35000000元", defaultUnit: .wan).fen == 3_500_000_000)   // 元 written out wins
        #expect(try Money(formText: "2亿", defaultUnit: .wan).fen == 20_000_000_000)
    }

    @Test func refusesWhatIsNotAnAmountNamingWhatWasTyped() {
        #expect(throws: MoneyError.notANumber("三十万")) { try Money(formText: "三十万") }
        #expect(throws: MoneyError.notANumber("1.2.3万")) { try Money(formText: "1.2.3万") }
        #expect(throws: MoneyError.notANumber("万")) { try Money(formText: "万") }
        #expect(throws: MoneyError.tooManyDecimals("0.0000001万")) { try Money(formText: "0.0000001万") }
    }
}
