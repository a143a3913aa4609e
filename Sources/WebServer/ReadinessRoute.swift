import Foundation
import HTTPTypes
import Hummingbird
import Services
import StorageSQL

/// `/metrics` in the Prometheus text format, and `/readyz` (issue: production readiness, item 2): ready when the database answers and no
/// migration is pending; otherwise 503, so a load balancer sends traffic elsewhere. `/healthz`
/// says only that the process is up and can read.
enum ReadinessRoute {
    struct Readiness: Encodable {
        var status: String
        let database: String
        let pendingMigrations: [Int]
        /// "intact", or why writes are refused. The instance still serves reads, so a broken
        /// chain does not take it out of the balancer; the status says "degraded" instead.
        var auditChain = "intact"
    }

    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/metrics", .anyone) { request, context in
            // Only to the configured scraper, on the instance's own port: the counters describe the
            // platform's use. nginx connects from 127.0.0.1 too, so anything it forwarded is refused.
            let forwarded = request.headers.value(named: "x-forwarded-for") != nil || request.headers.value(named: "x-forwarded-proto") != nil
            if forwarded || context.remoteAddress.map({ !deps.metricsFrom.contains($0) }) == true { throw AppError.notFound("页面 / page") }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: deps.metrics.render())))
        }
        routes.add(.get, "/readyz", .anyone) { _, _ in
            let pending: [Int]
            do { pending = try await Migrator(deps.database).pending } catch {
                return try .json(Readiness(status: "database unreachable", database: deps.database.engine.rawValue, pendingMigrations: []),
                                 status: .serviceUnavailable)
            }
            var readiness = Readiness(status: pending.isEmpty ? "ready" : "migrations pending", database: deps.database.engine.rawValue,
                                      pendingMigrations: pending)
            if pending.isEmpty, let problem = try? await AuditLog.headProblem(deps.database) {
                readiness.status = "degraded: writes refused"
                readiness.auditChain = "broken: \(problem); run kechuang audit verify"
            }
            return try .json(readiness, status: pending.isEmpty ? .ok : .serviceUnavailable)
        }
    }
}
