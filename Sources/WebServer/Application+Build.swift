import Kernel
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Qualification
import Services
import Storage
import StorageSQL
import WebPages

/// Everything the HTTP side needs, built once at start-up (the composition root).
public struct AppDependencies: Sendable {
    public let database: KechuangDatabase
    public let clock: @Sendable () -> Date
    public let authSettings: AuthService.Settings
    /// Demo accounts to show on the sign-in page; empty outside demo mode.
    public let demoAccounts: [DemoAccounts.Account]
    /// Mark the session cookie Secure (set when a TLS proxy fronts the platform).
    public let secureCookies: Bool
    /// The date district figures and assessments are read at when a page names none: nil means
    /// today; the demo district uses the letter's date, since its books end in 2023.
    public let reportDate: LocalDate?
    /// Requests served at once; beyond it a request gets 429 with Retry-After.
    public let maxConcurrentRequests: Int
    /// The district's name as published lists write it (所属区县), for the rows a list import takes.
    public let districtName: String
    /// Request and job counters for `/metrics`, one set per instance.
    public let metrics = Metrics()
    /// The addresses `/metrics` answers (the scraper's); others get 404 (issue 19, item 4).
    public let metricsFrom: Set<String>
    /// Proxies whose `X-Forwarded-For` names the client (issue 19, item 3).
    public let trustedProxies: Set<String>
    /// Built once, not per request: each batches concurrent requests' reads (see `Coalescer`).
    let auth: AuthService
    let points: PointsService
    let consents: ConsentService
    /// Encoded bank points bodies, by what makes them (see `PointsBodyKey`).
    let pointsBodies = ImmutableCache<PointsBodyKey, Data>(capacity: 10_000)
    /// A policy's matches, by policy version, year, day and data version (issue 22, item 8):
    /// computed once after the data or the policy changes, not on every view.
    let policyMatches = ImmutableCache<PolicyMatchKey, [CashoutService.MatchRow]>(capacity: 256)

    /// 2 cores answer a few hundred requests at once well within a page's time; more only queue.
    public static let defaultMaxConcurrentRequests = 256

    public init(database: KechuangDatabase, clock: @escaping @Sendable () -> Date = { Date() },
                authSettings: AuthService.Settings = .init(), demoAccounts: [DemoAccounts.Account] = [], secureCookies: Bool = false,
                reportDate: LocalDate? = nil, maxConcurrentRequests: Int = defaultMaxConcurrentRequests, districtName: String = "铜梁区",
                metricsFrom: Set<String> = ["127.0.0.1", "::1"], trustedProxies: Set<String> = ["127.0.0.1", "::1"]) {
        self.database = database; self.clock = clock; self.authSettings = authSettings; self.demoAccounts = demoAccounts
        self.metricsFrom = metricsFrom; self.trustedProxies = trustedProxies
        self.secureCookies = secureCookies; self.reportDate = reportDate; self.maxConcurrentRequests = maxConcurrentRequests
        self.districtName = districtName
        auth = AuthService(transactor: database, clock: clock, settings: authSettings)
        points = PointsService(transactor: database, now: { ISOTime.format(clock()) })
        consents = ConsentService(transactor: database, clock: clock)
    }

    var now: @Sendable () -> String { let clock = self.clock; return { ISOTime.format(clock()) } }
    var registry: RegistryService { RegistryService(transactor: database, now: now) }
    var directory: EnterpriseDirectory { EnterpriseDirectory(transactor: database) }
    var imports: ImportWorkflow { ImportWorkflow(transactor: database, clock: clock) }
    var designationImports: DesignationImportWorkflow { DesignationImportWorkflow(transactor: database, clock: clock) }
    /// Today in China, for validity checks.
    var today: LocalDate { LocalDate(secondsSince1970: clock().timeIntervalSince1970) }
    var defaultAsOf: LocalDate { reportDate ?? today }
    var batch: BatchAssessment { BatchAssessment(transactor: database, now: now) }
    var qualifications: QualificationReader { QualificationReader(transactor: database) }
    var pool: PoolService { PoolService(transactor: database, now: now) }
    var reminders: ReminderService { ReminderService(transactor: database, now: now) }
    var loans: LoanService { LoanService(transactor: database, clock: clock) }
    var whiteList: WhiteListService { WhiteListService(transactor: database) }
    var rd: RDMonitoringService { RDMonitoringService(transactor: database, now: now) }
    var statistics: DistrictStatistics { DistrictStatistics(transactor: database) }
    var cashout: CashoutService { CashoutService(transactor: database, clock: clock) }
    var programmes: ProgrammeService { ProgrammeService(transactor: database, clock: clock) }
    var sharing: SharingService { SharingService(transactor: database, clock: clock) }
    var supply: SupplyService { SupplyService(transactor: database, clock: clock) }

    /// The `asOf` query parameter, or the default report date; a malformed one is a 400.
    func asOf(_ request: Request) throws -> LocalDate {
        guard let text = request.uri.queryParameters.get("asOf"), !text.isEmpty else { return defaultAsOf }
        guard let date = LocalDate(text) else { throw AppError.invalid([Problem(path: "asOf", message: "expected YYYY-MM-DD")]) }
        return date
    }
}

/// The router with every route and its policy; tests drive it in-process.
public func buildRouter(_ deps: AppDependencies) -> Router<AppRequestContext> {
    buildRoutes(deps).router
}

/// The route table itself, for the OpenAPI document and the tests that check it.
func buildRoutes(_ deps: AppDependencies) -> RouteTable {
    let router = Router(context: AppRequestContext.self)
    // Identity runs outside the error mapping, so error pages know who is signed in.
    // Outermost, so every answer — a 429, an identity failure — is logged and carries its id.
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware(metrics: deps.metrics))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: HostCookieMiddleware(secure: deps.secureCookies))
    // Shed load before any database work, so a surge costs the instance nothing.
    router.add(middleware: ConcurrencyLimitMiddleware(limit: deps.maxConcurrentRequests))
    // Before identity: identity picks cookie or bearer by the path, so the path must be the one routed.
    router.add(middleware: CanonicalPathMiddleware())
    router.add(middleware: IdentityMiddleware(auth: deps.auth, trustedProxies: deps.trustedProxies))
    router.add(middleware: IdempotencyMiddleware(database: deps.database, clock: deps.clock))
    router.add(middleware: ErrorMiddleware())
    let table = RouteTable(router: router, deps: deps)
    HealthRoutes.register(table)
    ReadinessRoute.register(table)
    AuthPages.register(table)
    AccountPages.register(table)
    AccountAdminPages.register(table)
    EnterprisePages.register(table)
    BankReadPages.register(table)
    VerificationPages.register(table)
    AuditPages.register(table)
    ImportPages.register(table)
    DesignationImportPages.register(table)
    QualificationPages.register(table)
    APIRoutes.register(table)
    QualificationAPI.register(table)
    BankAPI.register(table)
    LendingAPI.register(table)
    LendingPages.register(table)
    PointsModelPages.register(table)
    MonitoringPages.register(table)
    MonitoringAPI.register(table)
    CashoutAPI.register(table)
    ProgrammePages.register(table)
    ProgrammeAPI.register(table)
    SharingRoutes.register(table)
    SupplyRoutes.register(table)
    MyServicesRoutes.register(table)
    CashoutPages.register(table)
    OpenAPIRoute.register(table)
    return table
}

/// `idleTimeout`: a connection idle this long (no bytes from a slow or gone client) is closed,
/// so idle keep-alive sockets cannot pile up; nginx in front bounds header and body reading.
public func buildApplication(_ deps: AppDependencies, host: String, port: Int, logger: Logger, idleTimeout: Int64 = 30) -> some ApplicationProtocol {
    Application(
        router: buildRouter(deps),
        server: .http1(configuration: .init(idleTimeout: .seconds(idleTimeout))),
        configuration: .init(address: .hostname(host, port: port), serverName: "kechuang"),
        services: [DatabaseCloser(database: deps.database), NightlyAssessment(deps: deps, logger: logger)],
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
