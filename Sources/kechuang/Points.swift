import ArgumentParser
import Foundation
import InnovationPoints
import Kernel
import Services
import Storage
import StorageSQL

struct Points: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Innovation points (企业创新积分): compute a period, explain a firm's score.",
        subcommands: [Compute.self, Explain.self, Model.self, Diff.self])

    struct Model: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the published model as JSON: the starting point of a draft for `points diff`.")
        @OptionGroup var db: DatabaseOption
        func run() async throws {
            let model = try await withDatabase(db) { try await $0.read { try await $0.points.latestRun(period: nil)?.model } } ?? .national2024
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(model) + Data("\n".utf8))
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score a draft model beside the published one over the same firms, and list who moves.",
            discussion: "Nothing is stored unless --save keeps the draft, to publish later with `points compute --model VERSION` or on /points/models.")
        @Argument(help: "The draft model as JSON (start from `kechuang points model`).") var draft: String
        @Option(help: "The fiscal year; defaults to last year.") var period: Int?
        @Option(help: "How many movers to list.") var show = 20
        @Flag(help: "Save the draft under its version id.") var save = false
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: draft) else { throw ValidationError("找不到文件 / cannot read \(draft)") }
            let model: PointsModel
            do { model = try JSONDecoder().decode(PointsModel.self, from: data) } catch {
                throw ValidationError("草案不是有效的积分模型 / the draft is not a points model: \(error)")
            }
            let year = period ?? (LocalDate(secondsSince1970: Date().timeIntervalSince1970).year - 1)
            let save = self.save
            let (published, c, usccs) = try await withDatabase(db) { database in
                let service = PointsService(transactor: database, now: isoNow)
                let compared = try await service.compare(draft: model, period: year)
                if save { _ = try await service.saveDraft(model, actor: "cli") }
                return compared
            }
            if save { say("已保存草稿 / draft saved: \(model.id)") }
            say("草案 \(model.id) 对比 \(published.id)（\(year)）/ draft \(model.id) beside \(published.id) for \(year): \(c.changedList) 家榜单变化 / firms change list")
            for (i, sizes) in c.listSizes.enumerated() {
                say("  \(published.lists[i].chineseName) / \(published.lists[i].englishName): \(sizes.before) → \(sizes.after)")
            }
            func name(_ l: Int?) -> String { l.map { published.lists[$0].chineseName } ?? "—" }
            for m in c.movers.prefix(show) {
                say(String(format: "  %@  %.2f → %.2f  排名 / rank %d → %d  %@ → %@", usccs[m.firm].code, m.pointsBefore, m.pointsAfter,
                           m.rankBefore, m.rankAfter, name(m.listBefore), name(m.listAfter)))
            }
        }
    }

    struct Compute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score every enterprise for a fiscal year with the published model, and publish the run.")
        @Option(help: "The fiscal year scored; defaults to last year.") var period: Int?
        @Option(help: "A model version: a saved draft (published by this run) or a version an earlier run used; default the published model.")
        var model: String?
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let year = period ?? (LocalDate(secondsSince1970: Date().timeIntervalSince1970).year - 1)
            guard (1949...2200).contains(year) else { throw ValidationError("--period must be a year") }
            let version = model
            let bar = ProgressBar("积分 / scoring \(year)")
            let started = Date()
            let run = try await withDatabase(db) { database in
                let service = PointsService(transactor: database, now: isoNow)
                if let version { return try await service.compute(period: year, version: version, actor: "cli", progress: bar.update) }
                return try await service.compute(period: year, actor: "cli", progress: bar.update)
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
