import Accounts
import Crypto
import Foundation
import Storage

/// The web import: upload → preview (validated, counted, nothing written) → confirm. The file
/// waits in the database between the two steps so any instance can take the confirmation, and
/// only the user who uploaded it can confirm it.
public struct ImportWorkflow: Sendable {
    public let importer: RegistryImporter
    public let clock: @Sendable () -> Date

    public init(transactor: any Transactor, clock: @escaping @Sendable () -> Date) {
        self.clock = clock
        self.importer = RegistryImporter(transactor: transactor, now: { ISOTime.format(clock()) })
    }

    public enum WorkflowError: Error, Equatable { case uploadNotFound }

    public func preview(_ data: Data, fileName: String, kind: ImportKind, user: User) async throws -> (ImportReport, token: String?) {
        let report = try await importer.run(data, kind: kind, options: .init(actor: user.actorName, dryRun: true))
        // A file that cannot even be read has nothing to confirm.
        guard report.format != "unknown", !report.problems.contains(where: { $0.row <= 1 }) else { return (report, nil) }
        let token = AuthService.randomToken()
        let now = clock()
        try await importer.transactor.write { stores in
            try await stores.uploads.deleteOlder(than: ISOTime.format(now.addingTimeInterval(-24 * 3600)))
            try await stores.uploads.insert(PendingUpload(tokenHash: AuthService.digest(token), userID: user.id, kind: kind.rawValue,
                                                          fileName: fileName, contentBase64: data.base64EncodedString(), createdAt: ISOTime.format(now)))
        }
        return (report, token)
    }

    /// `confirmStatusChanges` is the preview's tick that the 经营状态 changes it listed are meant.
    public func confirm(token: String, skipInvalid: Bool, confirmStatusChanges: Bool = false, user: User) async throws -> (ImportReport, fileName: String) {
        let hash = AuthService.digest(token)
        let oldest = ISOTime.format(clock().addingTimeInterval(-24 * 3600))
        guard let upload = try await importer.transactor.read({ try await $0.uploads.fetch(tokenHash: hash, userID: user.id) }),
              upload.createdAt >= oldest,
              let kind = ImportKind(rawValue: upload.kind), let data = Data(base64Encoded: upload.contentBase64) else {
            throw WorkflowError.uploadNotFound
        }
        let report = try await importer.run(data, kind: kind, options: .init(skipInvalid: skipInvalid, actor: user.actorName,
                                                                             confirmStatusChanges: confirmStatusChanges))
        if report.applied { try await importer.transactor.write { try await $0.uploads.delete(tokenHash: hash) } }
        return (report, upload.fileName)
    }
}
