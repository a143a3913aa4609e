import Accounts
import Cashout
import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import Services
import Spreadsheet
import Storage

/// Policy cash-out as JSON (issue: 政策兑现): policies, matches and entitlements, budget lines
/// and their ledger, applications and their steps, attachments, payment batches and their files.
/// Every state-changing call accepts an `Idempotency-Key` (the middleware replays its answer).
enum CashoutAPI {
    struct BudgetLineIn: Decodable, KnownKeys {
        var code: String; var name: String; var year: Int
        static let keys: Set<String> = ["code", "name", "year"]
    }
    struct AppropriationIn: Decodable, KnownKeys {
        var amount: API.Yuan; var note: String?
        static let keys: Set<String> = ["amount", "note"]
    }
    /// The subsidy year is the policy's; a client that names one must name that one.
    struct YearIn: Decodable, KnownKeys {
        var year: Int?
        static let keys: Set<String> = ["year"]
    }
    struct StartIn: Decodable, KnownKeys {
        var policy: String; var year: Int?
        static let keys: Set<String> = ["policy", "year"]
    }
    struct FormIn: Decodable, KnownKeys {
        var form: [String: String]?; var declaredBase: API.Yuan?; var bankAccount: String?
        static let keys: Set<String> = ["form", "declaredBase", "bankAccount"]
    }
    struct StepIn: Decodable, KnownKeys {
        var action: String; var comment: String?; var bankReference: String?
        static let keys: Set<String> = ["action", "comment", "bankReference"]
    }
    struct PayIn: Decodable, KnownKeys {
        var reference: String
        static let keys: Set<String> = ["reference"]
    }

    struct PolicyOut: Encodable {
        let id: String, version: Int, name: String, basis: String, round: String, mode: String, opens: String, closes: String
        let amount: String, frequency: String, budgetLine: String, attachments: [String], publishedAt: String
        init(_ p: PublishedPolicy) {
            let q = p.policy
            id = q.id; version = q.version; name = q.name; basis = q.basis; round = q.round; mode = q.mode.rawValue
            opens = q.window.opens.description; closes = q.window.closes.description; amount = q.amount.summary; frequency = q.frequency.chineseName
            budgetLine = q.budgetLine; attachments = q.attachments; publishedAt = p.publishedAt
        }
    }
    struct MatchOut: Encodable {
        let uscc: String, name: String, verdict: String, amount: API.Yuan?, certificate: String?, reasons: [String], missing: [String], claimed: Bool
        let declaredYears: [Int]
        init(_ r: CashoutService.MatchRow) {
            uscc = r.match.uscc.code; name = r.name; verdict = r.match.verdict.rawValue; amount = r.match.amount.map(API.Yuan.init)
            certificate = r.match.certificate; reasons = r.match.reasons; missing = r.match.missing; claimed = r.claimed
            declaredYears = r.declaredYears
        }
    }
    struct LineOut: Encodable {
        let code: String, name: String, year: Int, appropriated: API.Yuan, reserved: API.Yuan, spent: API.Yuan, available: API.Yuan
        init(_ l: BudgetLine) {
            code = l.code; name = l.name; year = l.year; appropriated = API.Yuan(l.appropriated); reserved = API.Yuan(l.reserved)
            spent = API.Yuan(l.spent); available = API.Yuan(l.available)
        }
    }
    struct EntryOut: Encodable {
        let id: Int64, kind: String, amount: API.Yuan, application: Int64?, at: String, actor: String, note: String
        init(_ e: BudgetEntry) { id = e.id; kind = e.kind.rawValue; amount = API.Yuan(e.amount); application = e.applicationID; at = e.at; actor = e.actor; note = e.note }
    }
    struct ApplicationOut: Encodable {
        struct Event: Encodable { let at: String, actor: String, action: String, from: String?, to: String, comment: String }
        struct Attachment: Encodable { let id: Int64, name: String, fileName: String, contentType: String, size: Int, sha256: String }
        let id: Int64, policy: String, policyVersion: Int, uscc: String, year: Int, status: String, proactive: Bool
        let certificate: String?, declaredBase: API.Yuan?, amount: API.Yuan?, form: [String: String], bankAccount: String
        let createdAt: String, updatedAt: String, statusSince: String, due: String?, batch: Int64?, bankReference: String?, paidOn: String?
        let events: [Event]?, attachments: [Attachment]?
        init(_ a: CashoutApplication, due: LocalDate?, events: [ApplicationEvent]? = nil, attachments: [AttachmentInfo]? = nil) {
            id = a.id; policy = a.policyID; policyVersion = a.policyVersion; uscc = a.uscc.code; year = a.year; status = a.status.rawValue; proactive = a.proactive
            certificate = a.certificate; declaredBase = a.declaredBase.map(API.Yuan.init); amount = a.amount.map(API.Yuan.init); form = a.form
            bankAccount = a.bankAccount; createdAt = a.createdAt; updatedAt = a.updatedAt; statusSince = a.statusSince.description; self.due = due?.description
            batch = a.batchID; bankReference = a.bankReference; paidOn = a.paidOn?.description
            self.events = events?.map { Event(at: $0.at, actor: $0.actor, action: $0.action, from: $0.from?.rawValue, to: $0.to.rawValue, comment: $0.comment) }
            self.attachments = attachments?.map { Attachment(id: $0.id, name: $0.name, fileName: $0.fileName, contentType: $0.contentType, size: $0.size, sha256: $0.sha256) }
        }
    }
    struct BatchOut: Encodable {
        let id: Int64, createdAt: String, createdBy: String, count: Int, total: API.Yuan, digest: String
        init(_ b: PaymentBatchRecord) { id = b.id; createdAt = b.createdAt; createdBy = b.createdBy; count = b.count; total = API.Yuan(b.total); digest = b.digest }
    }
    struct PayOut: Encodable { let paid: Int, alreadyPaid: Int, failed: [String] }

    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        let year: [(name: String, schema: String, description: String)] = [("year", "integer", "the subsidy year to match (default the policy's own: the year before its window opens)")]

        routes.add(.get, "/api/v1/policies", .permission(.viewCashout), doc: APIDoc("Published cash-out policies", id: "listPolicies", response: "PolicyList")) { _, _ in
            try .json(try await deps.cashout.policies().map(PolicyOut.init))
        }

        routes.add(.post, "/api/v1/policies", .permission(.managePolicies), doc: APIDoc(
            "Publish a policy (a new version when its id exists)", id: "publishPolicy", request: "PolicyDefinition", response: "Policy", status: 201)) { request, context in
            let policy = try await decodePolicy(request)
            let published = try await deps.cashout.publish(policy, by: try context.requireUser())
            return try .json(PolicyOut(PublishedPolicy(policy: published, publishedAt: ISOTime.format(deps.clock()), publishedBy: try context.requireUser().actorName)), status: .created)
        }

        routes.add(.get, "/api/v1/policies/:id/matches", .permission(.viewCashout), doc: APIDoc(
            "Firms the policy may pay (政策找企业): eligible or missing data, with reasons and amounts", id: "matchPolicy", response: "MatchList", query: year)) { request, context in
            let id = context.parameters.get("id") ?? ""
            let asked = try subsidyYear(request)
            let year: Int
            if let asked { year = asked } else { year = try await deps.cashout.policy(id).policy.subsidyYear }
            return try .json(try await deps.cachedMatches(policyID: id, year: year).map(MatchOut.init))
        }

        routes.add(.post, "/api/v1/policies/:id/entitlements", .permission(.managePolicies), doc: APIDoc(
            "Create entitlements (免申即享) for every eligible firm not yet claimed", id: "createEntitlements", request: "YearInput", response: "EntitlementCount", status: 201)) { request, context in
            let body = try await APIRoutes.decode(YearIn.self, request)
            let id = context.parameters.get("id") ?? ""
            try await checkYear(body.year, policy: id, deps)
            let n = try await deps.cashout.createEntitlements(policyID: id, by: try context.requireUser())
            return try .json(["created": n], status: .created)
        }

        routes.add(.get, "/api/v1/budget-lines", .permission(.viewCashout), doc: APIDoc("Budget lines and their balances", id: "listBudgetLines", response: "BudgetLineList")) { _, _ in
            try .json(try await deps.cashout.budgetLines().map(LineOut.init))
        }

        routes.add(.post, "/api/v1/budget-lines", .permission(.managePolicies), doc: APIDoc(
            "Open a budget line", id: "openBudgetLine", request: "BudgetLineInput", response: "BudgetLine", status: 201)) { request, context in
            let body = try await APIRoutes.decode(BudgetLineIn.self, request)
            try await deps.cashout.openBudgetLine(code: body.code, name: body.name, year: body.year, by: try context.requireUser())
            return try .json(LineOut(BudgetLine(code: body.code, name: body.name, year: body.year)), status: .created)
        }

        routes.add(.post, "/api/v1/budget-lines/:code/appropriations", .permission(.managePolicies), doc: APIDoc(
            "Credit a budget line with its appropriation", id: "appropriate", request: "Appropriation", response: "BudgetLine", status: 201)) { request, context in
            let body = try await APIRoutes.decode(AppropriationIn.self, request)
            let line = try await deps.cashout.appropriate(line: context.parameters.get("code") ?? "", amount: body.amount.money, note: body.note ?? "",
                                                          by: try context.requireUser())
            return try .json(LineOut(line), status: .created)
        }

        routes.add(.get, "/api/v1/budget-lines/:code/entries", .permission(.viewCashout), doc: APIDoc(
            "A budget line's ledger, oldest first", id: "listBudgetEntries", response: "BudgetEntryList")) { _, context in
            try .json(try await deps.cashout.ledger(line: context.parameters.get("code") ?? "").map(EntryOut.init))
        }

        routes.add(.get, "/api/v1/applications", .signedIn, doc: APIDoc(
            "Applications: an enterprise its own, bureau staff and auditors all", id: "listApplications", response: "ApplicationList",
            query: [("status", "string", "one status"), ("policy", "string", "policy id")])) { request, context in
            let user = try context.requireUser()
            let q = request.uri.queryParameters
            var filter = ApplicationFilter(policyID: q.get("policy").flatMap { $0.isEmpty ? nil : $0 })
            if let s = q.get("status"), !s.isEmpty {
                guard let status = ApplicationStatus(rawValue: s) else { throw AppError.invalid([Problem(path: "status", message: "unknown status \(s)")]) }
                filter.statuses = [status]
            }
            let service = deps.cashout
            return try .json(try await service.applications(filter, for: user).map { ApplicationOut($0, due: service.due($0)) })
        }

        routes.add(.post, "/api/v1/applications", .permission(.applyCashout), doc: APIDoc(
            "Start your firm's application under a policy, prefilled from the registry", id: "startApplication", request: "ApplicationStart",
            response: "Application", status: 201)) { request, context in
            let body = try await APIRoutes.decode(StartIn.self, request)
            try await checkYear(body.year, policy: body.policy, deps)
            let a = try await deps.cashout.start(policyID: body.policy, by: try context.requireUser())
            return try .json(ApplicationOut(a, due: nil), status: .created)
        }

        routes.add(.get, "/api/v1/applications/:id", .signedIn, doc: APIDoc(
            "One application with its history and attachments", id: "getApplication", response: "Application")) { _, context in
            let (a, events, files) = try await deps.cashout.application(try APIRoutes.recordID(context), for: try context.requireUser())
            return try .json(ApplicationOut(a, due: deps.cashout.due(a), events: events, attachments: files))
        }

        routes.add(.put, "/api/v1/applications/:id/form", .permission(.applyCashout), doc: APIDoc(
            "Save the form (autosave): fields, the declared base and the bank account", id: "saveApplication", request: "ApplicationForm",
            response: "Application")) { request, context in
            let body = try await APIRoutes.decode(FormIn.self, request)
            let a = try await deps.cashout.save(try APIRoutes.recordID(context), form: body.form ?? [:], declaredBase: body.declaredBase?.money,
                                                bankAccount: body.bankAccount ?? "", by: try context.requireUser())
            return try .json(ApplicationOut(a, due: nil))
        }

        routes.add(.post, "/api/v1/applications/:id/attachments", .permission(.applyCashout), doc: APIDoc(
            "Upload an attachment as the raw body (PDF, PNG, JPEG or Office, ≤ 10 MiB); its SHA-256 is kept", id: "uploadAttachment",
            response: "Attachment", status: 201, query: [("name", "string", "the required attachment it is, e.g. 项目任务书"), ("fileName", "string", "the file's name")])) { request, context in
            let q = request.uri.queryParameters
            var request = request
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: CashoutService.maxAttachmentBytes) } catch {
                throw AppError(.contentTooLarge, "too_large", "附件不能超过 10 MiB / an attachment is at most 10 MiB")
            }
            let info = try await deps.cashout.attach(try APIRoutes.recordID(context), name: q.get("name") ?? "", fileName: q.get("fileName") ?? "",
                                                     bytes: Array(buffer.readableBytesView), by: try context.requireUser())
            return try .json(ApplicationOut.Attachment(id: info.id, name: info.name, fileName: info.fileName, contentType: info.contentType, size: info.size, sha256: info.sha256),
                             status: .created)
        }

        routes.add(.get, "/api/v1/attachments/:id", .signedIn, doc: APIDoc("Download an attachment", id: "getAttachment")) { _, context in
            try await attachmentFile(try APIRoutes.recordID(context), context, deps)
        }

        routes.add(.post, "/api/v1/applications/:id/steps", .signedIn, doc: APIDoc(
            "Take a step: submit, withdraw, accept, returnForRevision, recommend, reject, object, dismissObjection, upholdObjection, approve, pay, reverse",
            id: "stepApplication", request: "ApplicationStep", response: "Application")) { request, context in
            let body = try await APIRoutes.decode(StepIn.self, request)
            guard let action = ApplicationAction(rawValue: body.action) else {
                throw AppError.invalid([Problem(path: "action", message: "one of \(ApplicationAction.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            let a = try await deps.cashout.act(try APIRoutes.recordID(context), action, .init(comment: body.comment ?? "", bankReference: body.bankReference),
                                               by: try context.requireUser())
            return try .json(ApplicationOut(a, due: deps.cashout.due(a)))
        }

        routes.add(.get, "/api/v1/cashout/overdue", .permission(.viewCashout), doc: APIDoc(
            "Applications whose current step is past its working-day deadline", id: "listOverdue", response: "ApplicationList")) { _, context in
            try .json(try await deps.cashout.overdue(for: try context.requireUser()).map { ApplicationOut($0.application, due: $0.due) })
        }

        registerBatches(routes)
    }

    static func registerBatches(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/api/v1/payment-batches", .permission(.payCashout), doc: APIDoc("Payment batches", id: "listBatches", response: "BatchList")) { _, _ in
            try .json(try await deps.cashout.batches().map(BatchOut.init))
        }

        routes.add(.post, "/api/v1/payment-batches", .permission(.payCashout), doc: APIDoc(
            "Gather every approved, unbatched application into a new payment batch", id: "createBatch", response: "Batch", status: 201)) { _, context in
            try .json(BatchOut(try await deps.cashout.createBatch(by: try context.requireUser())), status: .created)
        }

        routes.add(.get, "/api/v1/payment-batches/:id", .permission(.payCashout), doc: APIDoc(
            "A batch's treasury file with its total and digest (format=csv or xlsx for the file)", id: "getBatch", response: "Batch",
            query: [("format", "string", "json (default), csv or xlsx")])) { request, context in
            let id = try APIRoutes.recordID(context)
            switch request.uri.queryParameters.get("format") ?? "json" {
            case "json": return try .json(BatchOut(try await deps.cashout.batchFile(id, by: try context.requireUser()).0))
            case let f:
                guard let format = SpreadsheetFormat(rawValue: f) else { throw AppError.invalid([Problem(path: "format", message: "json, csv or xlsx")]) }
                return try await batchFile(id, format, context, deps)
            }
        }

        routes.add(.post, "/api/v1/payment-batches/:id/payments", .permission(.payCashout), doc: APIDoc(
            "Mark the batch's approved applications paid with the treasury's reference (resumable: paid lines are skipped)", id: "payBatch",
            request: "BatchPayment", response: "BatchPaymentResult")) { request, context in
            let body = try await APIRoutes.decode(PayIn.self, request)
            let r = try await deps.cashout.payBatch(try APIRoutes.recordID(context), reference: body.reference, by: try context.requireUser())
            return try .json(PayOut(paid: r.paid, alreadyPaid: r.alreadyPaid, failed: r.failed))
        }
    }


    /// A payment batch's treasury file, for the page and the API alike.
    static func batchFile(_ id: Int64, _ format: SpreadsheetFormat, _ context: AppRequestContext, _ deps: AppDependencies) async throws -> Response {
        let (record, file) = try await deps.cashout.batchFile(id, by: try context.requireUser())
        let data = try RegistryExporter.encode(file.table(digest: record.digest), as: format, sheetName: "拨付批次")
        return try await Download.file(data, type: Download.contentType(format), ascii: "payment-batch-\(record.id).\(format.rawValue)",
                                       chinese: "拨付批次\(record.id).\(format.rawValue)", audit: "payment-batch:\(record.id)",
                                       detail: "\(record.count) 笔 \(record.total.yuanText) 元", by: context.user, deps)
    }

    /// An application's attachment, for whoever may read the application (the service checks).
    static func attachmentFile(_ id: Int64, _ context: AppRequestContext, _ deps: AppDependencies) async throws -> Response {
        let (info, bytes) = try await deps.cashout.attachment(id, for: try context.requireUser())
        let ext = info.fileName.split(separator: ".").last.map { "." + $0.filter { $0.isASCII && ($0.isLetter || $0.isNumber) } } ?? ""
        return try await Download.file(bytes, type: info.contentType, ascii: "attachment-\(info.id)\(ext)", chinese: info.fileName,
                                       extraHeaders: [HTTPField.Name("Digest")!: "sha-256=\(info.sha256)"],
                                       audit: "attachment:\(info.id)", detail: info.fileName, by: context.user, deps)
    }

    static func checkYear(_ year: Int?, policy id: String, _ deps: AppDependencies) async throws {
        guard let year else { return }
        let policy = try await deps.cashout.policy(id).policy
        guard year == policy.subsidyYear else {
            throw AppError.invalid([Problem(path: "year", message: "此政策兑现 \(policy.subsidyYear) 年度 / this policy pays \(policy.subsidyYear)")])
        }
    }

    /// An optional `year` query parameter (2000–2100).
    static func subsidyYear(_ request: Request) throws -> Int? {
        guard let text = request.uri.queryParameters.get("year"), !text.isEmpty else { return nil }
        guard let y = Int(text), (2000...2100).contains(y) else { throw AppError.invalid([Problem(path: "year", message: "2000–2100")]) }
        return y
    }

    /// A policy in its stored JSON form; unknown or malformed fields are a 422, never a 500.
    static func decodePolicy(_ request: Request) async throws -> Policy {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw AppError(.unsupportedMediaType, "unsupported_media_type", "Content-Type must be application/json")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: 256 * 1024) } catch {
            throw AppError(.contentTooLarge, "too_large", "a policy is at most 256 KiB")
        }
        return try policy(fromJSON: Data(buffer.readableBytesView))
    }

    /// A policy definition as JSON, from the API body or the page's form; a 422 saying why otherwise.
    static func policy(fromJSON data: Data) throws -> Policy {
        guard data.count <= 256 * 1024 else { throw AppError(.contentTooLarge, "too_large", "a policy is at most 256 KiB") }
        try ControlCharacterCheck.checkJSON(data)
        do { return try JSONDecoder().decode(Policy.self, from: data) } catch {
            throw AppError.invalid([Problem(path: "policy", message: "不是有效的政策定义 / not a policy definition: \(String(describing: error).prefix(300))")])
        }
    }
}
