import Foundation
import Hummingbird
import Storage
import StorageSQL
import WebPages

/// `/healthz` answers whether the server and its database work; `/assets/app.css` styles pages.
enum HealthRoutes {
    struct Health: Encodable {
        let status: String
        let database: String
    }

    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/healthz", .anyone) { _, _ in
            _ = try await deps.database.read { try await $0.registry.countEnterprises() }
            return try .json(Health(status: "ok", database: deps.database.engine.rawValue))
        }
        routes.add(.get, "/assets/app.css", .anyone) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        // The load benchmark's ceiling: the same server, stack and middleware, no database.
        routes.add(.get, "/ping", .anyone) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "pong")))
        }
        routes.add(.get, "/assets/autosave.js", .anyone) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: AutosaveScript.js)))
        }
    }
}
