import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Registry
import StorageSQL
import Testing
@testable import WebServer

@Suite struct OpenAPITests {
    @Test func documentMatchesTheRoutesExactly() async throws {
        try await TestDatabases.with(.sqlite) { db in
            let table = buildRoutes(AppDependencies(database: db))
            let app = Application(router: table.router, logger: WebHarness.logger)
            let data: Data = try await app.test(.router) { client in
                let r = try await client.execute(uri: "/openapi.json", method: .get)
                #expect(r.status == .ok)
                return Data(r.body.readableBytesView)
            }
            let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(path)" } })
            let routed = Set(table.specs.filter(\.isAPI).map { "\($0.method.rawValue) \(OpenAPIDocument.openAPIPath($0.path))" })
            #expect(documented == routed)
            #expect(routed.count >= 10)
            #expect(table.specs.filter(\.isAPI).allSatisfy { $0.doc != nil }, "every API route is documented")
            // Every $ref points at a schema that exists.
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let text = String(decoding: data, as: UTF8.self)
            let refs = text.components(separatedBy: "#/components/schemas/").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            for ref in Set(refs) { #expect(schemas[ref] != nil, "missing schema \(ref)") }
        }
    }

    /// The cash-out schemas are merged into the document: a name used twice would silently keep one.
    @Test func schemaNamesAreUnique() {
        let groups: [Set<String>] = [Set(OpenAPIDocument.baseSchemas.keys), Set(OpenAPIDocument.cashoutSchemas.keys), Set(OpenAPIDocument.programmeSchemas.keys)]
        var all = Set<String>(), total = 0
        for g in groups { all.formUnion(g); total += g.count }
        #expect(total == all.count, "no name in two groups")
    }

    @Test func everyRouteDeclaresItsAccess() async throws {
        try await TestDatabases.with(.sqlite) { db in
            let specs = buildRoutes(AppDependencies(database: db)).specs
            let open = specs.filter { $0.access == .anyone }.map { "\($0.method.rawValue) \($0.path)" }.sorted()
            #expect(open == ["GET /assets/app.css", "GET /assets/autosave.js", "GET /healthz", "GET /login", "GET /metrics", "GET /openapi.json", "GET /ping", "GET /readyz", "POST /api/v1/sessions", "POST /login"])
        }
    }
}
