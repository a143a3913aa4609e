import ArgumentParser
import Foundation
import Kernel
import Registry
import Services

/// The options of `kechuang import --kind designations` (issue 23), and the run: preview, or
/// with --confirm write what matched and what --choose settles.
struct DesignationListOptions: ParsableArguments {
    @Option(help: "The designation the list confers: high-tech, tech-sme, cq-tech, innovative-sme, specialized-sme, little-giant.") var designation: String?
    @Option(help: "The batch, e.g. 2023-2 (for tech-sme read from each 入库登记编号 when omitted).") var batch: String?
    @Option(help: "The day the list was issued, YYYY-MM-DD.") var issuedOn: String?
    @Option(help: "The notice the list was published in (title or document number).") var source: String?
    @Option(help: "The district whose rows to take, as lists write it (e.g. 铜梁区); rows naming another are skipped.") var district: String?
    @Option(help: "Settle a row in review: LINE=USCC (repeatable).") var choose: [String] = []
    @Flag(help: "Write the designations (without it the list is only previewed).") var confirm = false

    func options() throws -> DesignationImportOptions {
        guard let d = designation, let kind = DesignationKind(slug: d) else {
            throw ValidationError("--designation 须为 \(DesignationKind.slugs.joined(separator: "、")) / --designation must be one of \(DesignationKind.slugs.joined(separator: ", "))")
        }
        guard let text = issuedOn, let day = LocalDate(text) else { throw ValidationError("--issued-on 须为 YYYY-MM-DD / --issued-on must be YYYY-MM-DD") }
        guard let source, !source.isEmpty else { throw ValidationError("--source 须注明名单出处 / --source must name the notice") }
        return DesignationImportOptions(kind: kind, batch: batch, issuedOn: day, source: source, district: district)
    }

    func chosen() throws -> [Int: USCC] {
        var out: [Int: USCC] = [:]
        for c in choose {
            let parts = c.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let line = Int(parts[0]), let u = try? USCC(parts[1]) else {
                throw ValidationError("--choose 须为 行号=统一社会信用代码 / --choose must be LINE=USCC: \(c)")
            }
            out[line] = u
        }
        return out
    }

    func run(_ data: Data, db: DatabaseOption) async throws {
        let options = try options(), chosen = try chosen()
        let report: DesignationImportReport
        do {
            report = try await withDatabase(db) { database in
                let importer = DesignationImporter(transactor: database, clock: { Date() })
                return confirm ? try await importer.confirm(data, options, chosen: chosen, actor: "cli:import")
                               : try await importer.preview(data, options)
            }
        } catch let e as DesignationImporter.ImportError {
            printError(e.description)
            throw ExitCode(2)
        }
        for r in report.rows { print(DesignationReportText.line(r)) }
        print(DesignationReportText.summary(report))
        if !report.applied { print("未写入；核对后加 --confirm 导入 / nothing written: check the rows, then run again with --confirm") }
    }
}

/// The preview as lines of text, for the command line.
enum DesignationReportText {
    static func line(_ r: DesignationImportRow) -> String {
        let head = "第 \(r.row.line) 行 \(r.row.name)"
        switch (r.outcome, r.action) {
        case (.matched(let c), .add(let renewal)):
            return "\(head) → \(c.name) \(c.uscc)（\(c.basis.chineseName) \(c.score)）\(renewal ? " 重新认定" : " 首次")"
        case (.matched(let c), .alreadyRecorded): return "\(head) → \(c.name)：已登记，跳过 / already recorded"
        case (.matched, .numberHeld(let u, let name)): return "\(head)：证书编号已属于 \(name) \(u)，未导入 / the number belongs to another firm"
        case (.review(let cs, let reason), _):
            return "\(head)：待确认（\(reason)）候选：" + cs.map { "\($0.name) \($0.uscc) \($0.basis.chineseName) \($0.score)" }.joined(separator: "；")
        case (.unmatched(let why), _): return "\(head)：未匹配（\(why)）"
        case (.otherDistrict(let d), _): return "\(head)：属 \(d)，跳过 / another district"
        case (.invalid(let why), _): return "\(head)：\(why)"
        default: return head
        }
    }

    static func summary(_ r: DesignationImportReport) -> String {
        "共 \(r.rows.count) 行：新增 \(r.toAdd)（重新认定 \(r.renewals)），待确认 \(r.inReview)，已登记 \(r.recorded)，编号冲突 \(r.held)，"
            + "未匹配 \(r.unmatched)，他区 \(r.otherDistrict)，无效 \(r.invalid)"
            + (r.applied ? "；已写入 \(r.written) 条，出库 \(r.graduated) 家，免申即享 \(r.entitlements) 笔" : "")
    }
}
