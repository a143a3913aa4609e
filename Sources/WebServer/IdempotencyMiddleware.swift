import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import Services
import Storage
import StorageSQL

/// `Idempotency-Key` on state-changing API requests: the first request with a key is processed
/// and its answer remembered (2xx and 4xx; a 5xx releases the key so the client can retry);
/// a repeat with the same key and the same request gets that answer again without a second
/// change; the same key with a different request is refused. Keys are per user, kept 24 hours.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: KechuangDatabase
    let clock: @Sendable () -> Date

    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/"), [.post, .put, .patch, .delete].contains(request.method),
              let key = request.headers[Self.header], let user = context.user else {
            return try await next(request, context)
        }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (33...126).contains($0) }) else {
            return ErrorMiddleware.json(AppError.badRequest("Idempotency-Key must be 1–255 visible ASCII characters"))
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: CashoutService.maxAttachmentBytes) } catch {
            return ErrorMiddleware.json(AppError(.contentTooLarge, "too_large", "the body is larger than 10 MiB"))
        }
        let hash = Hashing.sha256Hex(Data("\(request.method.rawValue) \(request.uri.description)\n".utf8) + Data(body.readableBytesView))
        let now = ISOTime.format(clock())

        let claimed = try await database.write { stores in
            try await stores.idempotency.deleteOlder(than: ISOTime.format(clock().addingTimeInterval(-24 * 3600)))
            return try await stores.idempotency.claim(userID: user.id, key: key, requestHash: hash, at: now)
        }
        guard claimed else {
            let stored = try await database.read { try await $0.idempotency.fetch(userID: user.id, key: key) }
            guard let stored, stored.requestHash == hash else {
                return ErrorMiddleware.json(AppError(.unprocessableContent, "idempotency_key_reused",
                                                     "此幂等键已用于另一请求 / this Idempotency-Key was used for a different request"))
            }
            guard let status = stored.status else {
                var busy = ErrorMiddleware.json(AppError(.conflict, "request_in_progress", "同一请求正在处理 / the same request is still being processed"))
                busy.headers[.retryAfter] = "1"
                return busy
            }
            var replay = Response(status: .init(code: status), headers: [.contentType: stored.contentType ?? "application/json"],
                                  body: .init(byteBuffer: ByteBuffer(string: stored.body ?? "")))
            replay.headers[Self.replayed] = "true"
            return replay
        }

        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            try? await database.write { try await $0.idempotency.release(userID: user.id, key: key) }
            throw error
        }
        let collected = try await Self.collect(response)
        do {
            try await record(collected, user: user.id, key: key)
        } catch {
            // Never leave the key "in progress" when its answer could not be stored.
            try? await database.write { try await $0.idempotency.release(userID: user.id, key: key) }
            throw error
        }
        return collected.response
    }

    private func record(_ collected: (response: Response, status: HTTPResponse.Status, headers: HTTPFields, bodyBuffer: ByteBuffer),
                        user: Int64, key: String) async throws {
        try await database.write { stores in
            if collected.status.code >= 500 {
                try await stores.idempotency.release(userID: user, key: key)
            } else {
                try await stores.idempotency.complete(userID: user, key: key, status: collected.status.code,
                                                      contentType: collected.headers[.contentType] ?? "application/json",
                                                      body: String(buffer: collected.bodyBuffer))
            }
        }
    }

    /// Reads a response's body into memory (API bodies are small JSON) and rebuilds it.
    static func collect(_ response: Response) async throws -> (response: Response, status: HTTPResponse.Status, headers: HTTPFields, bodyBuffer: ByteBuffer) {
        let box = BufferBox()
        try await response.body.write(CollectingWriter(box: box))
        let rebuilt = Response(status: response.status, headers: response.headers, body: .init(byteBuffer: box.buffer))
        return (rebuilt, response.status, response.headers, box.buffer)
    }

    final class BufferBox: @unchecked Sendable {
        // @unchecked: written by one writer, read after it finished.
        var buffer = ByteBuffer()
    }

    struct CollectingWriter: ResponseBodyWriter {
        let box: BufferBox
        mutating func write(_ buffer: ByteBuffer) async throws {
            var b = buffer
            box.buffer.writeBuffer(&b)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
