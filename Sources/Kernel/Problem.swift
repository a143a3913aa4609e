/// One thing wrong with some input, and where: a JSON path (`fiscalYears[1].employees`) or a
/// spreadsheet cell (`第 3 行 / row 3, 营业收入`). Every validator in the project reports these, so
/// the CLI, the API and the import report can show every problem at once.
public struct Problem: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
