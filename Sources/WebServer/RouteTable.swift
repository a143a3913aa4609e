import Kernel
import Accounts
import Foundation
import Hummingbird
import Services
import Storage
import StorageSQL

/// Who may call a route. Every route is registered through `RouteTable.add`, which cannot be
/// called without one, so no route exists without a declared policy.
public enum Access: Sendable, Equatable {
    case anyone
    case signedIn
    case permission(Permission)
}

/// What the OpenAPI document says of an API route.
public struct APIDoc: Sendable {
    public var summary: String
    public var operationID: String
    public var requestSchema: String?
    public var responseSchema: String?
    public var successStatus: Int
    public var query: [(name: String, schema: String, description: String)]
    public init(_ summary: String, id: String, request: String? = nil, response: String? = nil, status: Int = 200,
                query: [(name: String, schema: String, description: String)] = []) {
        self.summary = summary; self.operationID = id; self.requestSchema = request; self.responseSchema = response
        self.successStatus = status; self.query = query
    }
}

public struct RouteSpec: Sendable {
    public var method: HTTPRequest.Method
    /// Hummingbird path with `:param` placeholders.
    public var path: String
    public var access: Access
    public var doc: APIDoc?
    public var isAPI: Bool { path.hasPrefix("/api/") }
    /// Every page form a signed-in user posts carries the session's CSRF token, checked here, once,
    /// before the handler runs (issue 19, item 4). The API takes bearer tokens only, which a
    /// browser never sends on its own; sign-in has its own double-submit check.
    public var checksCSRF: Bool { !isAPI && access != .anyone && method != .get && method != .head }
}

final class RouteTable: @unchecked Sendable {
    // @unchecked: filled once while the router is built, read-only afterwards.
    let router: Router<AppRequestContext>
    let deps: AppDependencies
    private(set) var specs: [RouteSpec] = []

    init(router: Router<AppRequestContext>, deps: AppDependencies) { self.router = router; self.deps = deps }

    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

    func add(_ method: HTTPRequest.Method, _ path: String, _ access: Access, doc: APIDoc? = nil, _ handler: @escaping Handler) {
        let spec = RouteSpec(method: method, path: path, access: access, doc: doc)
        specs.append(spec)
        let deps = self.deps
        router.on(RouterPath(path), method: method) { request, context in
            try await Self.authorize(spec, request, context, deps)
            guard spec.checksCSRF else { return try await handler(request, context) }
            return try await handler(try await CSRFCheck.verified(request, context), context)
        }
    }

    /// The route-level decision: signed in, allowed by role, and, for a form post, carrying the
    /// session's CSRF token. Denials are audited.
    static func authorize(_ spec: RouteSpec, _ request: Request, _ context: AppRequestContext, _ deps: AppDependencies) async throws {
        guard spec.access != .anyone else { return }
        guard let user = context.user else { throw AppError.unauthenticated }
        if case .permission(let p) = spec.access, !AccessPolicy.allows(user.role, p) {
            try await deps.auditDenial(user, "\(spec.method) \(request.uri.path)")
            throw AppError.forbidden
        }
    }
}

extension AppDependencies {
    func auditDenial(_ user: User, _ what: String) async throws {
        let at = ISOTime.format(clock())
        try await database.write { try await $0.audit(AuditEntry(at: at, actor: user.actorName, action: "access.denied", subject: what)) }
    }

    /// Record-level check: the user's role allows `permission` and the record is in their scope.
    /// Unknown enterprises are 404 for those who may look things up at all.
    func authorize(_ context: AppRequestContext, _ permission: Permission, on uscc: USCC, path: String) async throws {
        guard let user = context.user else { throw AppError.unauthenticated }
        guard let owner = try await directory.owner(of: uscc) else {
            // Say "not found" only to those who could see it if it existed: others get 403.
            if AccessPolicy.scope(of: user) == .all { throw AppError.notFound("企业 / enterprise") }
            try await auditDenial(user, path)
            throw AppError.forbidden
        }
        guard AccessPolicy.allows(user, permission, on: owner) else {
            try await auditDenial(user, path)
            throw AppError.forbidden
        }
    }
}
