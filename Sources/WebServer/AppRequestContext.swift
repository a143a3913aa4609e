import Accounts
import Hummingbird
import Services

/// The request context: who is signed in (if anyone) and in which language to answer.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: AuthService.Authenticated?
    public var language: Language = .zh
    /// What the previous form post did, carried across its redirect (post/redirect/get).
    public var flash: String?

    /// The peer's IP address (nil in-process, as the test client runs).
    public var remoteAddress: String?
    /// The client's address: the peer's, or behind a configured proxy the one it forwarded
    /// (set by `IdentityMiddleware`; recorded with sign-ins and every audit row).
    public var clientAddress: String = ""

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Uploads (XLSX files) may be larger than Hummingbird's 2 MiB default.
    public var maxUploadSize: Int { 32 * 1024 * 1024 }

    public var user: User? { identity?.user }
}
