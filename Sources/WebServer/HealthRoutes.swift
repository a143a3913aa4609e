import Foundation
import Hummingbird
import Kernel
import Services
import Storage
import StorageSQL

/// `/healthz` answers whether the server and its database work; load balancers poll it.
enum HealthRoutes {
    struct Health: ResponseEncodable {
        let status: String
        let database: String
        let enterprises: Int
    }

    static func register(on router: Router<BasicRequestContext>, _ deps: AppDependencies) {
        router.get("/healthz") { _, _ -> Health in
            let count = try await deps.database.read { try await $0.registry.countEnterprises() }
            return Health(status: "ok", database: deps.database.engine.rawValue, enterprises: count)
        }
    }
}
