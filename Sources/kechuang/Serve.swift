import Accounts
import ArgumentParser
import Foundation
import Hummingbird
import Kernel
import Logging
import Services
import Storage
import StorageSQL
import WebServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the platform's web server.",
        discussion: """
        Applies pending migrations, seeds the demo district into an empty database (unless
        --no-demo), then serves http://HOST:PORT until interrupted (Ctrl-C stops it cleanly).
        """)

    @Option(help: "Address to listen on (KECHUANG_HOST).") var host: String?
    @Option(help: "Port to listen on (KECHUANG_PORT).") var port: Int?
    @Flag(help: "Do not seed the demo district into an empty database.") var noDemo = false
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        // A malformed or world-readable audit key stops the start; none leaves the chain unkeyed.
        _ = try auditKey()
        let host = self.host ?? env["KECHUANG_HOST"] ?? "127.0.0.1"
        let port = try self.port ?? env["KECHUANG_PORT"].map { text in
            guard let p = Int(text), (1...65535).contains(p) else { throw ValidationError("KECHUANG_PORT must be a port number, got '\(text)'") }
            return p
        } ?? 8080
        let database = try await db.open()
        var demoAccounts: [DemoAccounts.Account] = []
        var reportDate: LocalDate?
        if let text = env["KECHUANG_REPORT_DATE"] {
            guard let d = LocalDate(text) else { throw ValidationError("KECHUANG_REPORT_DATE must be YYYY-MM-DD, got '\(text)'") }
            reportDate = d
        }
        do {
            if noDemo, try await database.read({ try await $0.district.meta("demo") }) != nil {
                let off = try await DemoAccounts.disablePublished(AuthService(transactor: database, clock: { Date() }))
                if !off.isEmpty {
                    say("演示数据库未以演示模式启动：已停用仍使用公开演示密码的账号 \(off.joined(separator: "、")) / a demo database outside demo mode: demo accounts with published passwords disabled (\(off.joined(separator: ", ")))")
                }
            }
            if !noDemo {
                let bar = ProgressBar("生成演示区 / seeding the demo district")
                let district = DemoDistrict()
                let outcome = try await DemoSeeder(transactor: database, now: isoNow).seedIfEmpty(district, progress: bar.update)
                bar.finish()
                if case .seeded(let n) = outcome {
                    say("已生成演示区：\(n) 家企业 / demo district seeded: \(n) enterprises")
                    // Demo accounts exist only in a database the demo seeded.
                    demoAccounts = try await DemoAccounts.ensure(AuthService(transactor: database, clock: { Date() }), district: district)
                } else if try await database.read({ try await $0.district.meta("demo") }) != nil {
                    demoAccounts = try await DemoAccounts.ensure(AuthService(transactor: database, clock: { Date() }), district: district)
                }
                if !demoAccounts.isEmpty {
                    // The demo's books end in 2023: read it at the letter's date, and assess it
                    // once so the ladder has its lists before the first nightly run.
                    reportDate = reportDate ?? DemoDistrict.letterDate
                    if try await database.read({ try await $0.qualification.fetchRuns(limit: 1) }).isEmpty, let date = reportDate {
                        let run = try await BatchAssessment(transactor: database, now: isoNow).run(asOf: date, trigger: "cli", actor: "system")
                        say("已评估演示区 / demo district assessed: \(run.assessed) 家企业 / enterprises as of \(date)")
                    }
                    if let date = reportDate, try await database.read({ try await $0.points.latestRun(period: nil) }) == nil {
                        let run = try await PointsService(transactor: database, now: isoNow).compute(period: date.year - 1, actor: "system")
                        say("已计算创新积分 / innovation points published: \(run.firms) 家企业 / enterprises, \(run.period)")
                    }
                    if let staff = try await DemoCashout.staff(database) {
                        let paid = try await DemoCashout.seedIfEmpty(database, staff: staff)
                        if paid > 0 { say("已生成 2023 年政策兑现轮次 / 2023 cash-out round seeded: \(paid) 笔拨付 / payments") }
                        let recommended = try await DemoProgrammes.seedIfEmpty(database, staff: staff, district: district)
                        if recommended > 0 { say("已生成科技专项与专家对接 / programmes and matching seeded: \(recommended) 个推荐项目 / projects recommended") }
                        let bookings = try await DemoSharing.seedIfEmpty(database, staff: staff, district: district)
                        if bookings > 0 { say("已生成共享仪器预约 / shared-instrument bookings seeded: \(bookings)") }
                        let orders = try await DemoSupply.seedIfEmpty(database, staff: staff, district: district)
                        if orders > 0 { say("已生成链主采购对接 / chain purchase matching seeded: \(orders) 笔订单 / orders") }
                    }
                }
            }
        } catch {
            try? await database.close()
            throw error
        }
        var logger = Logger(label: "kechuang")
        logger.logLevel = env["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        say("科创服务平台 / Kechuang on \(database.location): http://\(host):\(port)")
        if !demoAccounts.isEmpty {
            say("演示账号 / demo logins (demo mode only):")
            for a in demoAccounts { say("  \(a.username.padding(toLength: 11, withPad: " ", startingAt: 0)) \(a.password.padding(toLength: 22, withPad: " ", startingAt: 0)) \(a.role.chineseName) / \(a.role.englishName)") }
        }
        var maxConcurrent = AppDependencies.defaultMaxConcurrentRequests
        if let text = env["KECHUANG_MAX_CONCURRENT"] {
            guard let n = Int(text), n >= 1 else { throw ValidationError("KECHUANG_MAX_CONCURRENT must be a positive number, got '\(text)'") }
            maxConcurrent = n
        }
        var idleTimeout: Int64 = 30
        if let text = env["KECHUANG_IDLE_TIMEOUT"] {
            guard let n = Int64(text), (1...3600).contains(n) else { throw ValidationError("KECHUANG_IDLE_TIMEOUT must be 1–3600 seconds, got '\(text)'") }
            idleTimeout = n
        }
        let addresses = { (name: String) -> Set<String> in
            guard let text = env[name] else { return ["127.0.0.1", "::1"] }
            return Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        let app = buildApplication(AppDependencies(database: database, demoAccounts: demoAccounts,
                                                   secureCookies: env["KECHUANG_SECURE_COOKIES"] == "1", reportDate: reportDate,
                                                   maxConcurrentRequests: maxConcurrent, metricsFrom: addresses("KECHUANG_METRICS_FROM"),
                                                   trustedProxies: addresses("KECHUANG_TRUSTED_PROXIES")),
                                   host: host, port: port, logger: logger, idleTimeout: idleTimeout)
        try await app.runService()
    }
}
