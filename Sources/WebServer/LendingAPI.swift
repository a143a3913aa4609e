import Accounts
import Foundation
import Hummingbird
import Kernel
import Lending
import Services
import Spreadsheet
import Storage

/// The loan register and the white list as JSON (issue: innovation points and the bank side,
/// items 5–8): banks record their credit decisions and loan status; the district reads the
/// register, its figures, each bank's circuit breaker and the latest white list.
enum LendingAPI {
    struct LoanIn: Decodable, KnownKeys {
        var uscc: String
        var product: String
        var amount: API.Yuan
        var drawnOn: String
        var maturesOn: String
        var status: String?
        var note: String?
        static let keys: Set<String> = ["uscc", "product", "amount", "drawnOn", "maturesOn", "status", "note"]
    }
    struct LoanUpdateIn: Decodable, KnownKeys {
        var status: String
        var overduePrincipal: API.Yuan?
        var note: String?
        static let keys: Set<String> = ["status", "overduePrincipal", "note"]
    }
    struct LoanOut: Encodable {
        let id: Int64, uscc: String, bank: String, product: String, amount: API.Yuan, drawnOn: String, maturesOn: String
        let status: String, overduePrincipal: API.Yuan
        init(_ l: Loan) {
            id = l.id; uscc = l.uscc.code; bank = l.bank; product = l.product.rawValue; amount = API.Yuan(l.amount)
            drawnOn = l.drawnOn.description; maturesOn = l.maturesOn.description; status = l.status.rawValue; overduePrincipal = API.Yuan(l.overduePrincipal)
        }
    }
    struct SummaryOut: Encodable {
        struct Figures: Encodable { let product: String; let enterprises: Int; let enterpriseTimes: Int; let amount: API.Yuan }
        struct Breaker: Encodable { let bank: String; let name: String; let outstanding: API.Yuan; let overdue: API.Yuan; let overdueShareBp: Int; let thresholdBp: Int; let allowsNewLoans: Bool }
        struct Compensation: Encodable { let total: API.Yuan; let city: API.Yuan; let district: API.Yuan; let bankKeeps: API.Yuan }
        let from: String?, to: String
        let figures: [Figures]
        let breakers: [Breaker]
        let compensation: Compensation
    }
    struct WhiteListOut: Encodable {
        struct Entry: Encodable { let uscc: String; let name: String; let reasons: [String] }
        let rule: String, asOf: String, publishedAt: String, considered: Int
        let entries: [Entry]
    }

    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        let period: [(name: String, schema: String, description: String)] = [
            ("from", "string", "first drawing date, YYYY-MM-DD; default none"), ("to", "string", "last drawing date, YYYY-MM-DD; default the report date")]

        routes.add(.post, "/api/v1/bank/loans", .permission(.reportLoans), doc: APIDoc(
            "Record your bank's credit decision: an approved or drawn loan of a consenting enterprise", id: "recordLoan",
            request: "LoanEntry", response: "Loan", status: 201)) { request, context in
            let user = try context.requireUser()
            let body = try await APIRoutes.decode(LoanIn.self, request)
            var problems: [Problem] = []
            let uscc = try? USCC(body.uscc)
            if uscc == nil { problems.append(Problem(path: "uscc", message: "统一社会信用代码无效 / not a valid USCC")) }
            let product = Loan.Product(rawValue: body.product)
            if product == nil { problems.append(Problem(path: "product", message: "one of \(Loan.Product.allCases.map(\.rawValue).joined(separator: ", "))")) }
            let status = Loan.Status(rawValue: body.status ?? "approved")
            if status == nil { problems.append(Problem(path: "status", message: "approved or drawn")) }
            let drawn = LocalDate(body.drawnOn), matures = LocalDate(body.maturesOn)
            if drawn == nil { problems.append(Problem(path: "drawnOn", message: "expected YYYY-MM-DD")) }
            if matures == nil { problems.append(Problem(path: "maturesOn", message: "expected YYYY-MM-DD")) }
            guard problems.isEmpty, let uscc, let product, let status, let drawn, let matures else { throw AppError.invalid(problems) }
            let loan = try await deps.loans.record(uscc: uscc, product: product, amount: body.amount.money, drawnOn: drawn, maturesOn: matures,
                                                   status: status, note: body.note ?? "", officer: user)
            return try .json(LoanOut(loan), status: .created)
        }

        routes.add(.post, "/api/v1/bank/loans/:id/updates", .permission(.reportLoans), doc: APIDoc(
            "Report a loan's status (drawn, repaid, overdue with its overdue principal)", id: "updateLoan",
            request: "LoanStatusUpdate", response: "Loan", status: 201)) { request, context in
            let user = try context.requireUser()
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw AppError.notFound("贷款 / loan") }
            let body = try await APIRoutes.decode(LoanUpdateIn.self, request)
            guard let status = Loan.Status(rawValue: body.status) else {
                throw AppError.invalid([Problem(path: "status", message: "one of \(Loan.Status.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            let loan = try await deps.loans.update(id, status: status, overduePrincipal: body.overduePrincipal?.money ?? Money(fen: 0),
                                                   note: body.note ?? "", officer: user)
            return try .json(LoanOut(loan), status: .created)
        }

        routes.add(.get, "/api/v1/bank/loans", .permission(.reportLoans), doc: APIDoc(
            "Your bank's loans in the register", id: "listBankLoans", response: "LoanList")) { _, context in
            let user = try context.requireUser()
            guard let bank = user.bank else { return try .json([LoanOut]()) }
            return try .json(try await deps.loans.loans(LoanFilter(bank: bank)).map(LoanOut.init))
        }

        routes.add(.get, "/api/v1/loans", .permission(.viewLoans), doc: APIDoc(
            "The district's loan register", id: "listLoans", response: "LoanList",
            query: period + [("product", "string", "innovationPoints, knowledgeValue or other"), ("bank", "string", "bank code"),
                             ("status", "string", "approved, drawn, repaid or overdue")])) { request, _ in
            return try .json(try await deps.loans.loans(try filter(request, deps)).map(LoanOut.init))
        }

        routes.add(.get, "/api/v1/loans/summary", .permission(.viewLoans), doc: APIDoc(
            "Loan figures per product for a period, each bank's circuit breaker and the risk compensation due", id: "getLoanSummary",
            response: "LoanSummary", query: period)) { request, _ in
            let f = try filter(request, deps)
            let s = try await deps.loans.summary(from: f.from, to: f.to ?? deps.defaultAsOf)
            return try .json(SummaryOut(
                from: f.from?.description, to: (f.to ?? deps.defaultAsOf).description,
                figures: s.figures.map { .init(product: $0.product.rawValue, enterprises: $0.figures.enterprises, enterpriseTimes: $0.figures.enterpriseTimes, amount: API.Yuan($0.figures.amount)) },
                breakers: s.breakers.map { .init(bank: $0.bank.code, name: $0.bank.name, outstanding: API.Yuan($0.breaker.outstanding), overdue: API.Yuan($0.breaker.overdue),
                                                 overdueShareBp: $0.breaker.overdueShare, thresholdBp: $0.breaker.threshold, allowsNewLoans: $0.breaker.allowsNewLoans) },
                compensation: .init(total: API.Yuan(s.compensation.total), city: API.Yuan(s.compensation.city), district: API.Yuan(s.compensation.district),
                                    bankKeeps: API.Yuan(s.compensation.bankKeeps))))
        }

        routes.add(.get, "/api/v1/whitelist", .permission(.viewLoans), doc: APIDoc(
            "The latest published re-lending white list, with the reasons per firm (format=csv or xlsx for a file)", id: "getWhiteList",
            response: "WhiteList", query: [("format", "string", "json (default), csv or xlsx")])) { request, context in
            guard let list = try await deps.whiteList.latest() else { throw AppError.notFound("白名单 / white list") }
            switch request.uri.queryParameters.get("format") ?? "json" {
            case "json":
                return try .json(WhiteListOut(rule: list.rule.id, asOf: list.asOf.description, publishedAt: list.publishedAt, considered: list.considered,
                                              entries: list.entries.map { .init(uscc: $0.uscc.code, name: $0.name, reasons: $0.met) }))
            case let f:
                guard let format = SpreadsheetFormat(rawValue: f) else { throw AppError.invalid([Problem(path: "format", message: "json, csv or xlsx")]) }
                return try await whiteListFile(list, format, context, deps)
            }
        }
    }

    static func whiteListFile(_ list: PublishedWhiteList, _ format: SpreadsheetFormat, _ context: AppRequestContext, _ deps: AppDependencies) async throws -> Response {
        let table = WhiteListService.table(rule: list.rule, asOf: list.asOf, entries: list.entries)
        let data = try RegistryExporter.encode(table, as: format, sheetName: "白名单")
        return try await Download.file(data, type: Download.contentType(format), ascii: "whitelist-\(list.asOf).\(format.rawValue)",
                                       chinese: "再贷款白名单（\(list.asOf)）.\(format.rawValue)", audit: "whitelist", detail: "\(list.asOf)", by: context.user, deps)
    }

    /// The register's filter from the query; a malformed value is a 422 naming it.
    static func filter(_ request: Request, _ deps: AppDependencies) throws -> LoanFilter {
        let q = request.uri.queryParameters
        var problems: [Problem] = []
        func parsed<T>(_ name: String, _ make: (String) -> T?) -> T? {
            guard let text = q.get(name), !text.isEmpty else { return nil }
            guard let v = make(text) else { problems.append(Problem(path: name, message: "invalid: \(text)")); return nil }
            return v
        }
        let f = LoanFilter(product: parsed("product", Loan.Product.init(rawValue:)), bank: q.get("bank").flatMap { $0.isEmpty ? nil : $0 },
                           status: parsed("status", Loan.Status.init(rawValue:)), from: parsed("from", LocalDate.init), to: parsed("to", LocalDate.init))
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        return f
    }
}
