import Foundation
import Accounts
import Hummingbird
import Services
import Spreadsheet
import Kernel
import Storage
import StorageSQL

/// Files the platform hands out, one way for pages and the API alike (issue 22, item 1): the
/// content type for its format, a file name in ASCII for old clients and in Chinese for the
/// rest (RFC 6266 / 5987), and an audit row naming who took which file: a list that leaves the
/// building is a record people must be able to trace.
enum Download {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static func contentType(_ format: SpreadsheetFormat) -> String { format == .csv ? "text/csv; charset=utf-8" : xlsxType }

    /// `attachment; filename="whitelist-2024-06-30.xlsx"; filename*=UTF-8''%E7%99%BD…`
    static func disposition(ascii: String, chinese: String? = nil) -> String {
        var header = "attachment; filename=\"\(ascii)\""
        if let chinese, let encoded = chinese.addingPercentEncoding(withAllowedCharacters: .rfc5987) {
            header += "; filename*=UTF-8''\(encoded)"
        }
        return header
    }

    /// A finished file; `what` and `detail` go into the audit row.
    static func file(_ bytes: some Sequence<UInt8> & Sendable, type: String, ascii: String, chinese: String? = nil, extraHeaders: HTTPFields = [:],
                     audit what: String, detail: String = "", by user: User?, _ deps: AppDependencies) async throws -> Response {
        if let user {
            let at = ISOTime.format(deps.clock())
            try await deps.database.write {
                try await $0.audit(AuditEntry(at: at, actor: user.actorName, action: "file.download", subject: what, detail: detail, role: user.role.rawValue))
            }
        }
        var headers: HTTPFields = [.contentType: type, .contentDisposition: disposition(ascii: ascii, chinese: chinese)]
        headers.append(contentsOf: extraHeaders)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A list exported as it is read (issue 22, item 2): `batch` is called with the cursor it last
    /// returned (nil first) until it returns no rows, and each batch is deflated and sent before
    /// the next is read, so 100,000 rows take the memory of one batch.
    static func streamedWorkbook<Cursor: Sendable>(ascii: String, chinese: String, sheet: String, header: [String], textColumns: Set<Int> = [],
                                                   audit what: String, detail: String, by user: User?, _ deps: AppDependencies,
                                                   batch: @escaping @Sendable (Cursor?) async throws -> (rows: [[String]], next: Cursor?)) async throws -> Response {
        if let user {
            let at = ISOTime.format(deps.clock())
            try await deps.database.write {
                try await $0.audit(AuditEntry(at: at, actor: user.actorName, action: "file.download", subject: what, detail: detail, role: user.role.rawValue))
            }
        }
        let first = try await batch(nil)
        let headers: HTTPFields = [.contentType: xlsxType, .contentDisposition: disposition(ascii: ascii, chinese: chinese)]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let workbook = try XLSXStreamWriter(sheetName: sheet, header: header, textColumns: textColumns, sample: Array(first.rows.prefix(200)))
            var current = first
            while !current.rows.isEmpty {
                try workbook.append(current.rows)
                try await writer.write(ByteBuffer(bytes: workbook.drain()))
                guard let next = current.next else { break }
                current = try await batch(next)
            }
            try await writer.write(ByteBuffer(bytes: try workbook.finish()))
            try await writer.finish(nil)
        })
    }

    /// The `format` query parameter of a spreadsheet download: xlsx unless it says csv.
    static func format(_ request: Request, allowed: [SpreadsheetFormat] = [.xlsx, .csv]) throws -> SpreadsheetFormat {
        let text = request.uri.queryParameters.get("format") ?? "xlsx"
        guard let f = SpreadsheetFormat(rawValue: text), allowed.contains(f) else {
            let names = allowed.map(\.rawValue).joined(separator: "、")
            throw AppError.invalid([Problem(path: "format", message: "文件格式须为 \(names) / the format must be one of \(names)")])
        }
        return f
    }
}

extension CharacterSet {
    /// RFC 5987 attr-char: what may stand unencoded in `filename*`.
    static let rfc5987 = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")
}
