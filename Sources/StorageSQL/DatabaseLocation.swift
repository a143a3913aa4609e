import Foundation

/// Where the data lives: an SQLite file (the default), or a PostgreSQL server named by URL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresSettings)

    /// `postgres://user:password@host:port/database?sslmode=disable`, `postgresql://…`,
    /// `sqlite:PATH` or a bare file path.
    public init(parsing text: String) throws(DatabaseLocationError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresSettings(url: text))
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "")
            guard !path.isEmpty else { throw .invalid(text, "no file path after sqlite:") }
            self = .sqlite(path: path)
        } else if text.contains("://") {
            throw .invalid(text, "only postgres:// and sqlite: URLs are supported")
        } else {
            self = .sqlite(path: text)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite \(path)"
        case .postgres(let s): return "PostgreSQL \(s.username)@\(s.host):\(s.port)/\(s.database)"
        }
    }
}

public struct PostgresSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var requireTLS: Bool
    /// `?search_path=…`: the schema to work in (tests give each run a schema of its own).
    public var searchPath: String?

    init(url text: String) throws(DatabaseLocationError) {
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw .invalid(text, "cannot read host from the URL")
        }
        guard let user = url.user, !user.isEmpty else { throw .invalid(text, "the URL names no user") }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw .invalid(text, "the URL names no database") }
        let sslmode = url.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable"
        guard ["disable", "require", "prefer", "allow"].contains(sslmode) else {
            throw .invalid(text, "sslmode must be disable or require")
        }
        self.host = host
        self.port = url.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = url.password?.removingPercentEncoding ?? url.password
        self.database = database
        self.requireTLS = sslmode == "require"
        self.searchPath = url.queryItems?.first(where: { $0.name == "search_path" })?.value
        if let sp = searchPath, sp.isEmpty || !sp.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            throw .invalid(text, "search_path must be a plain schema name")
        }
    }
}

public enum DatabaseLocationError: Error, Equatable, CustomStringConvertible {
    case invalid(String, String)
    public var description: String {
        switch self {
        case .invalid(let url, let why):
            // Never echo a password back into logs.
            let shown = url.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression)
            return "数据库地址无效 / invalid database URL \(shown): \(why)"
        }
    }
}
