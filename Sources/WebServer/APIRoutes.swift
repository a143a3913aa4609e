import Accounts
import Foundation
import Hummingbird
import Kernel
import Qualification
import Registry
import Services
import Storage

/// JSON API v1. Each handler parses, calls one service, encodes.
enum APIRoutes {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        registerAssessments(routes)

        routes.add(.post, "/api/v1/sessions", .anyone, doc: APIDoc("Sign in for a bearer token", id: "createSession", request: "LoginRequest", response: "Session", status: 201)) { request, context in
            let body = try await decode(API.LoginIn.self, request)
            let signed = try await deps.auth.login(username: body.username, password: body.password, kind: .api, from: context.clientAddress)
            return try .json(API.SessionOut(token: signed.token, expiresAt: ISOTime.format(signed.expiresAt), user: .init(signed.user)), status: .created)
        }

        routes.add(.delete, "/api/v1/sessions/current", .signedIn, doc: APIDoc("Sign out (revoke this token)", id: "deleteSession", status: 204)) { _, context in
            if let identity = context.identity { try await deps.auth.logout(identity) }
            return Response(status: .noContent)
        }

        routes.add(.get, "/api/v1/me", .signedIn, doc: APIDoc("The signed-in user", id: "getMe", response: "User")) { _, context in
            try .json(API.UserOut(try context.requireUser()))
        }

        routes.add(.get, "/api/v1/enterprises", .permission(.listEnterprises), doc: APIDoc(
            "List enterprises within your scope", id: "listEnterprises", response: "EnterpriseList",
            query: [("q", "string", "name part or USCC prefix"), ("town", "string", "town code"), ("industry", "string", "GB/T 4754 code prefix"),
                    ("chain", "string", "industry chain code"), ("designation", "Designation kind", "valid designation today"),
                    ("page", "integer", "1-based page"), ("pageSize", "integer", "1–200, default 50")])) { request, context in
            let user = try context.requireUser()
            let query = try EnterpriseQueryParsing.parse(request.uri.queryParameters, asOf: deps.today, pageSizeDefault: 50)
            let page = try await deps.directory.search(query, as: user)
            return try .json(API.ListOut(items: page.items.map { API.ListItemOut(enterprise: .init($0.enterprise), designations: $0.designations.map(\.rawValue)) },
                                         total: page.total, page: page.offset / page.limit + 1, pageSize: page.limit))
        }

        routes.add(.post, "/api/v1/enterprises", .permission(.createEnterprise), doc: APIDoc("Register an enterprise", id: "createEnterprise", request: "Enterprise", response: "Enterprise", status: 201)) { request, context in
            let user = try context.requireUser()
            let enterprise = try await decode(API.EnterpriseBody.self, request).enterprise(uscc: nil)
            try await deps.registry.create(enterprise, actor: user.actorName)
            return try .json(API.EnterpriseBody(enterprise), status: .created)
        }

        routes.add(.get, "/api/v1/enterprises/:uscc", .permission(.readEnterprise), doc: APIDoc("One enterprise's record", id: "getEnterprise", response: "EnterpriseRecord")) { request, context in
            let uscc = try EnterprisePages.parseUSCC(context)
            try await deps.authorize(context, .readEnterprise, on: uscc, path: request.uri.path)
            let r = try await deps.registry.record(uscc)
            return try .json(API.RecordOut(enterprise: .init(r.enterprise), fiscalYears: r.fiscalYears.map(API.FiscalYearBody.init),
                                           designations: r.designations.map { .init($0, today: deps.today) },
                                           history: r.history.map { API.HistoryOut(at: $0.at, actor: $0.actor, subject: $0.subject, before: $0.before, after: $0.after) }))
        }

        routes.add(.put, "/api/v1/enterprises/:uscc", .permission(.editEnterprise), doc: APIDoc("Update an enterprise's profile", id: "updateEnterprise", request: "Enterprise", response: "Enterprise")) { request, context in
            let user = try context.requireUser()
            let uscc = try EnterprisePages.parseUSCC(context)
            try await deps.authorize(context, .editEnterprise, on: uscc, path: request.uri.path)
            let enterprise = try await decode(API.EnterpriseBody.self, request).enterprise(uscc: uscc)
            // Only bureau staff move an enterprise between towns or change its status.
            try await deps.registry.update(enterprise, actor: user.actorName, keepTownAndStatus: !user.role.isBureau,
                                           permitted: { AccessPolicy.allows(user, .editEnterprise, on: RecordOwner(uscc: $0.uscc, townCode: $0.townCode)) })
            return try .json(API.EnterpriseBody(try await deps.registry.record(uscc, historyLimit: 0).enterprise))
        }

        routes.add(.put, "/api/v1/enterprises/:uscc/fiscal-years/:year", .permission(.editFiscalFacts),
                   doc: APIDoc("Report one fiscal year: staff replace the verified figures; a firm's figures wait for a reviewer (verification: pending)",
                               id: "putFiscalYear", request: "FiscalYear", response: "FiscalYear")) { request, context in
            let user = try context.requireUser()
            let uscc = try EnterprisePages.parseUSCC(context)
            guard let year = context.parameters.get("year").flatMap(Int.init), (1949...2200).contains(year) else {
                throw AppError.invalid([Problem(path: "year", message: "a year between 1949 and 2200")])
            }
            try await deps.authorize(context, .editFiscalFacts, on: uscc, path: request.uri.path)
            let body = try await decode(API.FiscalYearBody.self, request)
            let facts = try body.facts(year: year)
            if user.role == .enterprise {
                switch try await deps.registry.declareFiscalYear(uscc, facts, evidence: body.evidence ?? "", actor: user.actorName) {
                case .pending(let id):
                    let declared = try await deps.registry.declarations(of: uscc).first { $0.id == id }
                    return try .json(declared.map(API.FiscalYearBody.init) ?? API.FiscalYearBody(StampedFiscalYear(facts: facts, source: .declared, recordedAt: deps.now())))
                case .matchesVerified:
                    break
                }
            } else {
                try await deps.registry.putFiscalYear(uscc, facts, source: .staff, actor: user.actorName)
            }
            let stored = try await deps.registry.record(uscc, historyLimit: 0).fiscalYears.first { $0.facts.year == year }
            return try .json(API.FiscalYearBody(stored ?? StampedFiscalYear(facts: facts, source: .staff, recordedAt: deps.now())))
        }

        routes.add(.get, "/api/v1/enterprises/:uscc/designations", .permission(.readEnterprise), doc: APIDoc("Designations of an enterprise", id: "listDesignations", response: "DesignationList")) { request, context in
            let uscc = try EnterprisePages.parseUSCC(context)
            try await deps.authorize(context, .readEnterprise, on: uscc, path: request.uri.path)
            return try .json(try await deps.registry.record(uscc, historyLimit: 0).designations.map { API.DesignationBody($0, today: deps.today) })
        }

        routes.add(.post, "/api/v1/enterprises/:uscc/designations", .permission(.addDesignation), doc: APIDoc("Record a designation", id: "addDesignation", request: "Designation", response: "Designation", status: 201)) { request, context in
            let user = try context.requireUser()
            let uscc = try EnterprisePages.parseUSCC(context)
            try await deps.authorize(context, .addDesignation, on: uscc, path: request.uri.path)
            let d = try await decode(API.DesignationBody.self, request).designation()
            try await deps.registry.addDesignation(uscc, d, actor: user.actorName)
            return try .json(API.DesignationBody(d, today: deps.today), status: .created)
        }
    }

    /// `POST /api/v1/assessments`: the same report the CLI prints, byte for byte.
    static func registerAssessments(_ routes: RouteTable) {
        routes.add(.post, "/api/v1/assessments", .signedIn, doc: APIDoc("Assess an enterprise's facts (assessment/v1)", id: "createAssessment",
                                                                      request: "EnterpriseFacts", response: "AssessmentReport")) { request, _ in
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: 1024 * 1024) } catch {
                throw AppError(.contentTooLarge, "too_large", "the body is larger than 1 MiB")
            }
            switch AssessmentInput.parse(Data(buffer.readableBytesView)) {
            case .success(let facts):
                return Response.json(Data(AssessmentReport.render(facts).utf8))
            case .failure(let invalid):
                throw AppError(.unprocessableContent, "invalid_facts", "输入的企业数据有误 / the facts are invalid", problems: invalid.problems)
            }
        }

        let deps = routes.deps
        routes.add(.get, "/api/v1/enterprises/:uscc/assessment", .permission(.readEnterprise),
                   doc: APIDoc("Assess a stored enterprise from its record", id: "getEnterpriseAssessment", response: "AssessmentReport")) { request, context in
            let uscc = try EnterprisePages.parseUSCC(context)
            try await deps.authorize(context, .readEnterprise, on: uscc, path: request.uri.path)
            let record = try await deps.registry.record(uscc, historyLimit: 0)
            return Response.json(Data(AssessmentReport.render(AssessmentFacts(record: record, asOf: deps.today)).utf8))
        }
    }

    /// Reads a JSON body: at most 1 MiB, an object, no unknown fields, every problem named by path.
    /// The `:id` of a record route; one that is not a number names nothing (404).
    /// A USCC from a request body; an invalid one is a 422 naming `path` and the reason.
    static func uscc(_ text: String, path: String = "uscc") throws -> USCC {
        do { return try USCC(text) } catch let e as USCCError { throw AppError.invalid([Problem(path: path, message: e.description)]) }
    }

    static func recordID(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw AppError.notFound("记录 / record") }
        return id
    }

    static func decode<T: Decodable & KnownKeys>(_ type: T.Type, _ request: Request) async throws -> T {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw AppError(.unsupportedMediaType, "unsupported_media_type", "Content-Type must be application/json")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: 1024 * 1024) } catch {
            throw AppError(.contentTooLarge, "too_large", "the body is larger than 1 MiB")
        }
        let data = Data(buffer.readableBytesView)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw AppError.badRequest("the body must be a JSON object")
        }
        let unknown = Set(object.keys).subtracting(T.keys).sorted()
        guard unknown.isEmpty else { throw AppError.invalid(unknown.map { Problem(path: $0, message: "unknown field") }) }
        let controls = ControlCharacterCheck.problems(inJSON: object)
        guard controls.isEmpty else { throw AppError.invalid(controls) }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw AppError.invalid([problem(error)])
        }
    }

    static func problem(_ error: DecodingError) -> Problem {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { acc, k in k.intValue.map { "\(acc)[\($0)]" } ?? (acc.isEmpty ? k.stringValue : "\(acc).\(k.stringValue)") }
        }
        switch error {
        case .keyNotFound(let key, let c): return Problem(path: path(c.codingPath + [key]), message: "is required")
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return Problem(path: path(c.codingPath), message: "has the wrong type")
        case .dataCorrupted(let c): return Problem(path: path(c.codingPath), message: c.debugDescription)
        @unknown default: return Problem(path: "", message: "unreadable body")
        }
    }
}
