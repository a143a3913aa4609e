import Accounts
import Foundation
import Kernel
import Storage

/// The web side of a designation list import (issue 23): the preview keeps the file and the
/// options it was previewed with under a token, so the confirmation writes exactly what was
/// shown — to the user who uploaded it, within a day — with the staff's choices for the rows in
/// review.
public struct DesignationImportWorkflow: Sendable {
    public let importer: DesignationImporter

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date) {
        importer = DesignationImporter(transactor: transactor, clock: clock)
    }

    static let prefix = "designations:"

    public func preview(_ data: Data, fileName: String, options: DesignationImportOptions, user: User) async throws -> (DesignationImportReport, token: String) {
        let report = try await importer.preview(data, options)
        let token = AuthService.randomToken()
        let now = importer.clock()
        let kind = Self.prefix + String(decoding: try JSONEncoder().encode(options), as: UTF8.self)
        try await importer.transactor.write { stores in
            try await stores.uploads.deleteOlder(than: ISOTime.format(now.addingTimeInterval(-24 * 3600)))
            try await stores.uploads.insert(PendingUpload(tokenHash: AuthService.digest(token), userID: user.id, kind: kind,
                                                          fileName: fileName, contentBase64: data.base64EncodedString(), createdAt: ISOTime.format(now)))
        }
        return (report, token)
    }

    /// The upload behind `token`, for this user, not older than a day.
    public func upload(_ token: String, user: User) async throws -> (Data, DesignationImportOptions, fileName: String) {
        let oldest = ISOTime.format(importer.clock().addingTimeInterval(-24 * 3600))
        guard let upload = try await importer.transactor.read({ try await $0.uploads.fetch(tokenHash: AuthService.digest(token), userID: user.id) }),
              upload.createdAt >= oldest, upload.kind.hasPrefix(Self.prefix),
              let options = try? JSONDecoder().decode(DesignationImportOptions.self, from: Data(upload.kind.dropFirst(Self.prefix.count).utf8)),
              let data = Data(base64Encoded: upload.contentBase64) else {
            throw ImportWorkflow.WorkflowError.uploadNotFound
        }
        return (data, options, upload.fileName)
    }

    public func confirm(token: String, chosen: [Int: USCC], user: User) async throws -> (DesignationImportReport, fileName: String) {
        let (data, options, fileName) = try await upload(token, user: user)
        let report = try await importer.confirm(data, options, chosen: chosen, actor: user.actorName)
        try await importer.transactor.write { try await $0.uploads.delete(tokenHash: AuthService.digest(token)) }
        return (report, fileName)
    }
}
