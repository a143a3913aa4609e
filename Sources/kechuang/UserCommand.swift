import Accounts
import ArgumentParser
import Foundation
import Kernel
import Services

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.", subcommands: [Add.self, Step.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account.",
            discussion: """
            The password is read from KECHUANG_PASSWORD or, when that is unset, from standard input
            (one line), so it never appears in the shell history. At least 12 characters, not a common
            password or a simple pattern.
            Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

        @Argument(help: "Login name (3–64 letters, digits or ._-@).") var username: String
        @Option(help: "Role of the account.") var role: Role
        @Option(help: "Name shown in pages and history (default: the username).") var name: String?
        @Option(help: "For role enterprise: the USCC of their enterprise.") var enterprise: String?
        @Option(help: "For role townOfficer: the 9-digit code of their town.") var town: String?
        @Option(help: "For role bank: the code of their bank (as registered in banks).") var bank: String?
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let uscc: USCC?
            do { uscc = try enterprise.map { try USCC($0) } } catch { throw ValidationError("--enterprise: \(error)") }
            let password = ProcessInfo.processInfo.environment["KECHUANG_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
            let user = try await withDatabase(db) { database in
                do {
                    return try await AuthService(transactor: database, clock: { Date() })
                        .createUser(username: username, displayName: name ?? username, password: password, role: role,
                                    enterprise: uscc, townCode: town, bank: bank, actor: "cli:user-add")
                } catch let e as AuthError {
                    printError(e.description)
                    throw ExitCode(2)
                }
            }
            print("已创建账号 / created \(user.username) (\(user.role.chineseName) / \(user.role.englishName))")
        }
    }

    /// The administrator's steps on one account, from the command line (issue 19, item 2).
    struct Step: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "account", abstract: "Disable, enable, unlock, end the sessions of, or reset the password of an account.",
            discussion: """
            kechuang user account disable NAME | enable NAME | unlock NAME | end-sessions NAME | reset-password NAME
            A reset reads the new password from KECHUANG_PASSWORD or standard input. Every step is audited.
            """)

        @Argument(help: "disable, enable, unlock, end-sessions or reset-password.") var action: AuthService.AdminAction
        @Argument(help: "The account's user name.") var username: String
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let password = action == .resetPassword ? (ProcessInfo.processInfo.environment["KECHUANG_PASSWORD"] ?? readLine(strippingNewline: true) ?? "") : nil
            let message = try await withDatabase(db) { database in
                do {
                    return try await AuthService(transactor: database, clock: { Date() })
                        .administer(action, username: username, password: password, actor: "cli:user-account")
                } catch let e as AuthService.AccountError {
                    printError(e.description)
                    throw ExitCode(2)
                }
            }
            print("\(username)：\(message)")
        }
    }
}

extension Role: ExpressibleByArgument {}
extension AuthService.AdminAction: ExpressibleByArgument {}
