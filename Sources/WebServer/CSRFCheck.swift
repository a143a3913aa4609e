import Foundation
import Hummingbird

/// The CSRF check of every page form (issue 19, item 4): the body is read once here, its `_csrf`
/// field compared with the session's token, and handed on to the handler to read again.
enum CSRFCheck {
    static func verified(_ request: Request, _ context: AppRequestContext) async throws -> Request {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        var request = request
        let buffer: ByteBuffer
        let token: String?
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            do { buffer = try await request.body.collect(upTo: Forms.formLimit) } catch {
                throw AppError(.contentTooLarge, "too_large", "表单内容过大 / the form is too large")
            }
            token = FormData(urlEncoded: String(buffer: buffer))["_csrf"]
        } else if contentType.hasPrefix("multipart/form-data") {
            do { buffer = try await request.body.collect(upTo: ImportPages.uploadLimit) } catch {
                throw AppError(.contentTooLarge, "too_large", "文件超过 32 MiB / the file is larger than 32 MiB")
            }
            token = MultipartForm(body: Data(buffer.readableBytesView), contentType: request.headers[.contentType] ?? "")?.fields["_csrf"]
        } else {
            // A form post without a form body: nothing carries a token, so it is refused as one without.
            token = nil
            buffer = ByteBuffer()
        }
        try Forms.checkCSRF(token, context)
        request.body = RequestBody(buffer: buffer)
        return request
    }
}
