import ArgumentParser
import Foundation
import Kernel
import Services

struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assess one enterprise's facts against every qualification (assessment/v1).",
        discussion: """
        Reads the facts of ../shared/contracts/assessment-v1.md from FILE (or - for standard input)
        and prints the report on standard output. Invalid input exits 2 and prints each problem
        on standard error with its JSON path.
        """)

    @Argument(help: "A JSON file of enterprise facts, or - for standard input.") var file: String

    func run() throws {
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
}
