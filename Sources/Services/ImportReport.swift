import Foundation

/// What an import did, or would have done: counts, every field it changes and every problem found.
public struct ImportReport: Sendable, Codable {
    public var kind: ImportKind
    public var format: String
    public var rowsRead = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var skippedRows = 0
    public var problems: [ImportProblem] = []
    /// Each updated record with the fields that change, before and after (new records are counted only).
    public var changes: [RowChange] = []
    /// Fields changed over all updated records.
    public var fieldsChanged = 0
    /// Updated enterprises whose 经营状态 changes (注销 → 存续 and the like): called out, and applied
    /// only with `Options.confirmStatusChanges`.
    public var statusChanges = 0
    /// Nothing was written because status changes wait for that confirmation.
    public var awaitingConfirmation = false
    /// Whether anything was written. False when the file had problems and `skipInvalid` was off.
    public var applied = false
    /// A preview (`Options.dryRun`): checked and counted, nothing written by design.
    public var preview = false

    public init(kind: ImportKind, format: String, rowsRead: Int = 0, problems: [ImportProblem] = []) {
        self.kind = kind; self.format = format; self.rowsRead = rowsRead; self.problems = problems
    }

    /// "更新 1 家，改动 2 个字段" and the rest, in one language.
    public func summary(chinese: Bool) -> String {
        if chinese {
            let verb = applied ? "已导入" : awaitingConfirmation ? "待确认经营状态变更，尚未导入" : preview ? "预览，尚未写入" : "未导入"
            let unit = kind == .enterprises ? "家" : "条"
            return "\(kind.chineseLabel)：\(verb)。读取 \(rowsRead) 行；新增 \(inserted) \(unit)；更新 \(updated) \(unit)，改动 \(fieldsChanged) 个字段"
                + (statusChanges > 0 ? "（其中 \(statusChanges) 家经营状态变更）" : "") + "；未变 \(unchanged)；跳过 \(skippedRows)；问题 \(problems.count)"
        }
        let verb = applied ? "imported" : awaitingConfirmation ? "waiting for the status changes to be confirmed; nothing imported"
            : preview ? "preview, nothing written yet" : "nothing imported"
        let label = kind.englishLabel.prefix(1).uppercased() + kind.englishLabel.dropFirst()
        return "\(label): \(verb). Rows read: \(rowsRead); new: \(inserted); updated: \(updated), fields changed: \(fieldsChanged)"
            + (statusChanges > 0 ? " (status changes: \(statusChanges))" : "") + "; unchanged: \(unchanged); skipped: \(skippedRows); problems: \(problems.count)"
    }

    /// Both languages, for the command line and logs.
    public var summary: String { summary(chinese: true) + "\n" + summary(chinese: false) }
}

/// One record an import updates, with each field it changes.
public struct RowChange: Sendable, Codable, Hashable {
    /// The spreadsheet row, as the user sees it.
    public var row: Int
    /// The record: USCC and name, or USCC and year or quarter.
    public var subject: String
    public var fields: [FieldChange]
    public var changesStatus: Bool
}

public struct FieldChange: Sendable, Codable, Hashable {
    /// The template's Chinese header.
    public var column: String
    /// The template's key (the English header).
    public var key: String
    public var before: String
    public var after: String
}

extension ImportKind {
    public var chineseLabel: String { label.components(separatedBy: " / ")[0] }
    public var englishLabel: String { label.components(separatedBy: " / ").last ?? rawValue }
}
