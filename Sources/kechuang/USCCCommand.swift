import ArgumentParser
import Kernel

struct USCCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uscc",
        abstract: "Check a 统一社会信用代码 (GB 32100-2015) and print its parts.",
        discussion: "Exits 0 and prints the parts for a valid code; prints the reason and exits 1 for an invalid one.")

    @Argument(help: "The 18-character code, e.g. 91500151MA6012340R.")
    var code: String

    func run() throws {
        do {
            let u = try USCC(code)
            print("""
            统一社会信用代码 / USCC: \(u.code) ✓
            登记管理部门 / registration authority: \(u.registrationAuthorityCode) \(u.registrationAuthority)
            机构类别 / entity type: \(u.entityTypeCode) \(u.entityType)
            行政区划 / administrative division: \(u.divisionCode)
            组织机构代码 / organisation code: \(u.organisationCode)\(u.organisationCodeCheckValid ? "" : " (GB 11714 校验位不符 / its GB 11714 check character does not match)")
            校验码 / check character: \(u.checkCharacter)
            """)
        } catch {
            printError("无效 / invalid: \(error.description)")
            throw ExitCode(1)
        }
    }
}
