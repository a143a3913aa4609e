import ArgumentParser
import Foundation
import InnovationPoints
import Kernel
import Services
import Storage

struct Points: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Innovation points (企业创新积分): compute a period, explain a firm's score.",
        subcommands: [Compute.self, Explain.self])

    struct Compute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score every enterprise for a fiscal year with the published model, and publish the run.")
        @Option(help: "The fiscal year scored; defaults to last year.") var period: Int?
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let year = period ?? (LocalDate(secondsSince1970: Date().timeIntervalSince1970).year - 1)
            guard (1949...2200).contains(year) else { throw ValidationError("--period must be a year") }
            let bar = ProgressBar("积分 / scoring \(year)")
            let started = Date()
            let run = try await withDatabase(db) { database in
                try await PointsService(transactor: database, now: isoNow).compute(period: year, actor: "cli", progress: bar.update)
            }
            bar.finish()
            say("积分第 \(run.id) 次 / points run \(run.id): \(run.firms) 家企业 / enterprises scored for \(run.period) with \(run.model.id), "
                + String(format: "%.1f s", Date().timeIntervalSince(started)))
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain an enterprise's latest published score, indicator by indicator.")
        @Argument(help: "统一社会信用代码 / USCC") var uscc: String
        @Option(help: "The fiscal year; defaults to the latest published run.") var period: Int?
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let code: USCC
            do { code = try USCC(uscc) } catch { throw ValidationError("\(uscc): \(error.description)") }
            guard let e = try await withDatabase(db, { try await PointsService(transactor: $0, now: isoNow).explain(code, period: period) }) else {
                printError("没有该企业的积分 / no published score for \(uscc) (run `kechuang points compute` first)")
                throw ExitCode(1)
            }
            let m = e.run.model, s = e.score
            say("\(s.uscc) \(s.name) — \(e.run.period)，\(m.stages[s.stage].chineseName) / \(m.stages[s.stage].englishName)")
            say(String(format: "积分 / points %.2f；排名 / rank %d / %d", s.points, s.rank, s.stageSize)
                + (s.list.map { "；\(m.lists[$0].chineseName) / \(m.lists[$0].englishName)" } ?? ""))
            for (i, indicator) in m.indicators.enumerated() {
                let raw = s.inputs[i].map { String(format: "%.4g", $0) } ?? "缺失 / missing"
                say(String(format: "  %@ %@: %@ → %.2f (权重 / weight %.1f%%)", indicator.id, indicator.chineseName, raw, s.parts[i],
                           m.weight(i, stage: s.stage) * 100))
            }
            if let next = e.nextList {
                say(String(format: "距%@还差 %.2f 分 / %.2f points short of %@", m.lists[next.list].chineseName, next.pointsShort, next.pointsShort,
                           m.lists[next.list].englishName))
            }
        }
    }
}
