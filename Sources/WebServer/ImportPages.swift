import Foundation
import Accounts
import Hummingbird
import Services
import WebPages

/// Upload → validation report → confirm, for bureau staff.
enum ImportPages {
    static let uploadLimit = 32 * 1024 * 1024

    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/import", .permission(.importData)) { request, context in
            .html(ImportPage.render(.init(), context.chrome(request)))
        }

        routes.add(.post, "/import", .permission(.importData)) { request, context in
            let user = try context.requireUser()
            let contentType = request.headers[.contentType] ?? ""
            guard contentType.lowercased().hasPrefix("multipart/form-data") else {
                throw AppError(.unsupportedMediaType, "unsupported_media_type", "请用上传表单提交文件 / upload the file with the form")
            }
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: uploadLimit) } catch {
                throw AppError(.contentTooLarge, "too_large", "文件超过 32 MiB / the file is larger than 32 MiB")
            }
            guard let form = MultipartForm(body: Data(body.readableBytesView), contentType: contentType) else {
                throw AppError.badRequest("无法读取上传内容 / the upload could not be read")
            }
            try Forms.checkCSRF(form.fields["_csrf"], context)
            let l = context.lang
            guard let file = form.files["file"], !file.data.isEmpty else {
                return .html(ImportPage.render(.init(error: l.t("请选择一个文件。", "Please choose a file.")), context.chrome(request)), status: .unprocessableContent)
            }
            guard let kind = form.fields["kind"].flatMap(ImportKind.init(rawValue:)) else { throw AppError.badRequest("kind must be enterprises or fiscal-years") }
            let (report, token) = try await deps.imports.preview(file.data, fileName: file.fileName, kind: kind, user: user)
            return .html(ImportPage.render(.init(report: report, uploadToken: token, fileName: file.fileName), context.chrome(request)),
                         status: token == nil ? .unprocessableContent : .ok)
        }

        routes.add(.post, "/import/confirm", .permission(.importData)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            try Forms.checkCSRF(form["_csrf"], context)
            guard let token = form["upload"] else { throw AppError.badRequest("missing upload") }
            do {
                let (report, fileName) = try await deps.imports.confirm(token: token, skipInvalid: form["skipInvalid"] == "1", user: user)
                return .html(ImportPage.render(.init(report: report, uploadToken: report.applied ? nil : token, fileName: fileName, done: report.applied),
                                               context.chrome(request, notice: report.applied ? context.lang.t("已导入。", "Imported.") : nil)),
                             status: report.applied ? .ok : .unprocessableContent)
            } catch ImportWorkflow.WorkflowError.uploadNotFound {
                throw AppError(.notFound, "not_found", "上传的文件已失效，请重新上传 / the upload has expired; upload the file again")
            }
        }
    }
}
