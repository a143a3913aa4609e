import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Services
import StorageSQL

/// Everything the HTTP side needs, built once at start-up (the composition root).
public struct AppDependencies: Sendable {
    public let database: KechuangDatabase
    public let now: @Sendable () -> String

    public init(database: KechuangDatabase, now: @escaping @Sendable () -> String) {
        self.database = database; self.now = now
    }

    var statistics: DistrictStatistics { DistrictStatistics(transactor: database) }
}

/// The router, separate from the application so tests can drive it in-process.
public func buildRouter(_ deps: AppDependencies) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: APIErrorMiddleware())
    HealthRoutes.register(on: router, deps)
    return router
}

public func buildApplication(_ deps: AppDependencies, host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(deps),
        configuration: .init(address: .hostname(host, port: port), serverName: "kechuang"),
        services: [DatabaseCloser(database: deps.database)],
        logger: logger)
}

/// Closes the database once the server has stopped taking requests: sqlite-nio traps in debug
/// builds when a connection is dropped without `close()`.
struct DatabaseCloser: Service {
    let database: KechuangDatabase
    func run() async throws {
        try? await gracefulShutdown()
        try await database.close()
    }
}
