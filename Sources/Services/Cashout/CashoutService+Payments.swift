import Accounts
import Cashout
import Foundation
import Kernel
import Registry
import Storage

/// Attachments and payment batches (items 3 and 8).
extension CashoutService {
    /// 10 MiB per file; the kinds a bureau reads, recognised by their first bytes, not their name.
    public static let maxAttachmentBytes = 10 * 1024 * 1024
    /// Per application (issue 19, item 5): enough for any policy's list with corrections, and a
    /// bound on what one firm can make the database hold.
    public static let maxAttachments = 20, maxApplicationBytes = 50 * 1024 * 1024
    static let signatures: [(type: String, magic: [UInt8])] = [
        ("application/pdf", Array("%PDF".utf8)), ("image/png", [0x89, 0x50, 0x4E, 0x47]), ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("application/zip", [0x50, 0x4B, 0x03, 0x04]),
    ]

    public func attach(_ id: Int64, name: String, fileName: String, bytes: [UInt8], by user: User) async throws -> AttachmentInfo {
        try Self.require(user, .applyCashout)
        var problems: [Problem] = []
        if name.isEmpty || !CleanText.isLine(name, max: 100) { problems.append(Problem(path: "name", message: "1–100 个字符 / 1–100 characters")) }
        if fileName.isEmpty || !CleanText.isLine(fileName, max: 200) { problems.append(Problem(path: "fileName", message: "1–200 个字符 / 1–200 characters")) }
        if bytes.isEmpty || bytes.count > Self.maxAttachmentBytes {
            problems.append(Problem(path: "file", message: "文件须为 1 字节至 10 MiB / the file must be 1 byte to 10 MiB"))
        }
        let type = Self.signatures.first { bytes.starts(with: $0.magic) }?.type
        if type == nil, !bytes.isEmpty {
            problems.append(Problem(path: "file", message: "仅接受 PDF、PNG、JPEG 或 docx/xlsx/pptx / only PDF, PNG, JPEG or docx/xlsx/pptx files"))
        }
        guard problems.isEmpty, let type else { throw CashoutError.invalid(problems) }
        let at = now
        let info0 = AttachmentInfo(applicationID: id, name: name, fileName: fileName, contentType: type, size: bytes.count,
                                   sha256: Hashing.sha256Hex(Data(bytes)), uploadedAt: at)
        return try await transactor.write { stores in
            let a = try await Self.own(id, user, stores)
            guard a.status == .draft || a.status == .returned else { throw CashoutError.illegalStep(from: a.status, action: .submit) }
            let held = try await stores.cashout.fetchAttachments(applicationID: id)
            if held.count >= Self.maxAttachments {
                throw CashoutError.invalid([Problem(path: "file", message: "每份申请最多 \(Self.maxAttachments) 个附件 / at most \(Self.maxAttachments) attachments per application")])
            }
            if held.reduce(0, { $0 + $1.size }) + bytes.count > Self.maxApplicationBytes {
                throw CashoutError.invalid([Problem(path: "file", message: "每份申请的附件合计不超过 50 MiB / at most 50 MiB of attachments per application")])
            }
            var info = info0
            info.id = try await stores.cashout.insertAttachment(info, data: bytes)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "cashout.attach", subject: "application:\(id)",
                                              detail: "\(name) \(fileName) \(bytes.count) B", role: user.role.rawValue, after: info.sha256))
            return info
        }
    }

    public func attachment(_ id: Int64, for user: User) async throws -> (AttachmentInfo, [UInt8]) {
        try await transactor.read { stores in
            guard let (info, data) = try await stores.cashout.fetchAttachmentData(id),
                  let a = try await stores.cashout.fetchApplication(info.applicationID, forUpdate: false), Self.maySee(a, user) else {
                throw CashoutError.notFound("附件 / attachment")
            }
            return (info, data)
        }
    }

    /// Gathers every approved application not yet in a batch into a new batch, with its file's
    /// total and digest.
    public func createBatch(by user: User) async throws -> PaymentBatchRecord {
        try Self.require(user, .payCashout)
        let at = now
        return try await transactor.write { stores in
            let id = try await stores.cashout.insertBatch(createdAt: at, createdBy: user.actorName)
            guard !(try await stores.cashout.assignBatch(id)).isEmpty else {
                throw CashoutError.invalid([Problem(path: "batch", message: "没有待拨付的已批准申请 / nothing approved awaits payment")])
            }
            let file = try await Self.file(id, stores)
            let record = PaymentBatchRecord(id: id, createdAt: at, createdBy: user.actorName, count: file.lines.count, total: file.total,
                                            digest: Hashing.sha256Hex(Data(file.canonical.utf8)))
            try await stores.cashout.finishBatch(record, lines: file.lines)
            try await stores.audit(AuditEntry(at: at, actor: user.actorName, action: "cashout.batch", subject: "batch:\(id)",
                                              detail: "\(record.count) payments \(record.total.yuanText)", role: user.role.rawValue, after: record.digest))
            return record
        }
    }

    public func batches() async throws -> [PaymentBatchRecord] {
        try await transactor.read { try await $0.cashout.fetchBatches() }
    }

    /// The batch's treasury file exactly as issued: the lines stored when the batch was made,
    /// so the file always matches its recorded digest.
    public func batchFile(_ id: Int64, by user: User) async throws -> (PaymentBatchRecord, PaymentBatchFile) {
        try Self.require(user, .payCashout)
        return try await transactor.read { stores in
            guard let record = try await stores.cashout.fetchBatch(id) else { throw CashoutError.notFound("拨付批次 / payment batch") }
            return (record, PaymentBatchFile(batchID: id, lines: try await stores.cashout.fetchBatchLines(id)))
        }
    }

    /// The file of a batch being made, from its applications as they are now.
    static func file(_ id: Int64, _ stores: any Stores) async throws -> PaymentBatchFile {
        let apps = try await stores.cashout.fetchApplications(ApplicationFilter(batchID: id))
        let firms = try await stores.registry.fetchEnterprises(apps.map(\.uscc))
        var names: [String: String] = [:]
        for p in try await stores.cashout.fetchPolicies() { names[p.policy.id] = p.policy.name }
        return PaymentBatchFile(batchID: id, lines: apps.map {
            PaymentBatchFile.Line(applicationID: $0.id, uscc: $0.uscc, name: firms[$0.uscc]?.name ?? "", policy: names[$0.policyID] ?? $0.policyID,
                                  amount: $0.amount ?? .zero, bankAccount: $0.bankAccount)
        })
    }

    public struct BatchPayment: Sendable, Equatable {
        public var paid: Int
        /// Already paid before this run (a resumed batch).
        public var alreadyPaid: Int
        public var failed: [String]
    }

    /// Marks each approved application of the batch paid, one transaction each, with the
    /// treasury's reference (`reference/applicationID`). A run killed half-way is resumed by
    /// running it again: paid lines are skipped, none is paid twice.
    public func payBatch(_ id: Int64, reference: String, by user: User, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> BatchPayment {
        try Self.require(user, .payCashout)
        let apps = try await transactor.read { stores in
            guard try await stores.cashout.fetchBatch(id) != nil else { throw CashoutError.notFound("拨付批次 / payment batch") }
            return try await stores.cashout.fetchApplications(ApplicationFilter(batchID: id))
        }
        var result = BatchPayment(paid: 0, alreadyPaid: apps.filter { $0.status == .paid }.count, failed: [])
        let pending = apps.filter { $0.status == .approved }
        for (i, a) in pending.enumerated() {
            do {
                try await act(a.id, .pay, StepInput(bankReference: "\(reference)/\(a.id)", batchID: id), by: user)
                result.paid += 1
            } catch let e as CashoutError {
                result.failed.append("\(a.id): \(e.description)")
            }
            progress?(i + 1, pending.count)
        }
        return result
    }
}
