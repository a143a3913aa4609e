import Testing
@testable import Kernel

/// GB 32100-2015: 18 characters from a 31-character set, the 18th a mod-31 check character.
@Suite struct USCCTests {
    /// Codes published by the enterprises themselves (annual reports, licences) and the example
    /// of GB 32100-2015 itself.
    static let published = [
        "914403001922038216", // 华为技术有限公司
        "9144030071526726XG", // 腾讯科技（深圳）有限公司
        "91330100799655058B", // 阿里巴巴（中国）有限公司
        "91110000710925462X", // 中国石油天然气股份有限公司
        "91110108551385082Q", // 小米科技有限责任公司
        "91440300192317458F", // 比亚迪股份有限公司
        "91310000132200821H", // 上海汽车集团股份有限公司
        "91110000802100433B", // 中国石油化工股份有限公司
        "911100001000044477", // 中国移动通信集团有限公司
        "91350100M000100Y43", // GB 32100-2015 example
        "91500151MA6012340R", // assessment-v1.md example
    ]

    @Test(arguments: published)
    func acceptsPublishedCodes(_ code: String) throws {
        let u = try USCC(code)
        #expect(u.code == code)
    }

    @Test(arguments: published)
    func rejectsEverySingleCharacterSubstitution(_ code: String) {
        var chars = Array(code.utf8)
        for position in 0..<18 {
            let original = chars[position]
            for replacement in USCC.alphabet where replacement != original {
                chars[position] = replacement
                let mutated = String(decoding: chars, as: UTF8.self)
                #expect(throws: USCCError.self, "substituting position \(position + 1) of \(code) gave \(mutated)") { try USCC(mutated) }
            }
            chars[position] = original
        }
    }

    @Test(arguments: published)
    func rejectsAdjacentSwapsInTheBody(_ code: String) {
        // Weights 3^i mod 31 differ at every neighbouring pair, so every swap of two different
        // characters among positions 1–17 changes the check value.
        var chars = Array(code.utf8)
        for i in 0..<16 where chars[i] != chars[i + 1] {
            chars.swapAt(i, i + 1)
            let mutated = String(decoding: chars, as: UTF8.self)
            #expect(throws: USCCError.self, "swapping \(i + 1) and \(i + 2) of \(code)") { try USCC(mutated) }
            chars.swapAt(i, i + 1)
        }
    }

    @Test(arguments: ["", "91500151MA6012340", "91500151MA6012340R0", "9150015"])
    func rejectsWrongLengths(_ code: String) {
        #expect(throws: USCCError.wrongLength(code.count)) { try USCC(code) }
    }

    @Test(arguments: [("91500151MA6O12340R", 12, "O"), ("91500151Ma6012340R", 10, "a"), ("9150015IMA6012340R", 8, "I"),
                      ("91500151MA6012340Z", 18, "Z"), ("91500151MA6012S40R", 15, "S"), ("91500151MA60123 0R", 16, " ")])
    func rejectsCharactersOutsideTheSet(_ code: String, _ position: Int, _ character: String) {
        #expect(throws: USCCError.invalidCharacter(position: position, character: character)) { try USCC(code) }
    }

    @Test func rejectsMultibyteCharacters() {
        #expect(throws: USCCError.invalidCharacter(position: 17, character: "０")) { try USCC("91500151MA601234０R") }
    }

    @Test func reportsTheExpectedCheckCharacter() {
        #expect(throws: USCCError.checkDigitMismatch(expected: "R", found: "Q")) { try USCC("91500151MA6012340Q") }
    }

    @Test func readsOutTheParts() throws {
        let u = try USCC("91500151MA6012340R")
        #expect(u.registrationAuthorityCode == "9")
        #expect(u.entityTypeCode == "1")
        #expect(u.entityType.hasPrefix("企业"))
        #expect(u.divisionCode == "500151")
        #expect(u.organisationCode == "MA6012340")
        #expect(u.checkCharacter == "R")
        #expect(try USCC("914403001922038216").organisationCodeCheckValid)   // 19220382-1
    }

    @Test func completesABodyWithItsCheckCharacter() {
        #expect(USCC.withCheckDigit(body: "91500151MA6012340")?.code == "91500151MA6012340R")
        #expect(USCC.withCheckDigit(body: "91500151MA601234") == nil)
    }
}
