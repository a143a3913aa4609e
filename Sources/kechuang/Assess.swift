import ArgumentParser
import Foundation
import Kernel
import Qualification
import Storage
import Services

struct Assess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assess enterprises against every qualification (assessment/v1).",
        discussion: """
        With FILE: reads the facts of ../shared/contracts/assessment-v1.md from FILE (or - for
        standard input) and prints the report on standard output. Invalid input exits 2 and
        prints each problem on standard error with its JSON path.

        With --all: re-evaluates every enterprise in the registry, stores each one's standing,
        and prints what changed since the last run (the server does the same every night).
        """)

    @Argument(help: "A JSON file of enterprise facts, or - for standard input.") var file: String?
    @Flag(help: "Re-evaluate every enterprise in the registry and record what changed.") var all = false
    @Option(help: "With --all: the assessment date (YYYY-MM-DD); defaults to today.") var asOf: String?
    @Option(help: "With --all: how many changes to list.") var show = 20
    @OptionGroup var db: DatabaseOption

    func validate() throws {
        guard (file != nil) != all else { throw ValidationError("give either FILE or --all / 请指定文件或 --all") }
        if let asOf, LocalDate(asOf) == nil { throw ValidationError("--as-of must be YYYY-MM-DD") }
    }

    func run() async throws {
        if all { try await runAll() } else { try assessFile(file ?? "-") }
    }

    private func assessFile(_ file: String) throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: file) else { throw ValidationError("找不到文件 / cannot read \(file)") }
            data = d
        }
        switch AssessmentInput.parse(data) {
        case .success(let facts):
            FileHandle.standardOutput.write(Data(AssessmentReport.render(facts).utf8))
        case .failure(let invalid):
            for p in invalid.problems { printError("\(p.path): \(p.message)") }
            throw ExitCode(2)
        }
    }

    private func runAll() async throws {
        let date = asOf.flatMap(LocalDate.init) ?? LocalDate(secondsSince1970: Date().timeIntervalSince1970)
        let bar = ProgressBar("评估 / assessing")
        let started = Date()
        let (run, changes) = try await withDatabase(db) { database in
            let run = try await BatchAssessment(transactor: database, now: isoNow)
                .run(asOf: date, trigger: "cli", actor: "cli") { done, total in bar.update(total == 0 ? 1 : Double(done) / Double(total)) }
            bar.finish()
            return (run, try await QualificationReader(transactor: database).changes(runID: run.id, limit: show))
        }
        let seconds = Date().timeIntervalSince(started)
        say("第 \(run.id) 次评估 / run \(run.id): \(run.assessed) 家企业 / enterprises assessed as of \(run.asOf), "
            + "\(run.changed) 家有变化 / changed, 规则 / rules \(run.ruleSet), \(String(format: "%.1f", seconds)) s")
        for c in changes {
            say("  \(c.uscc) \(c.name): \(c.change.qualification.chineseName) \(c.change.before ?? "—") → \(c.change.after)")
        }
        if run.changed > 0 && changes.count == show { say("  … 其余见 / more at /ladder") }
    }
}
