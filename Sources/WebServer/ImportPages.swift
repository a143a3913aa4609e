import Foundation
import Accounts
import Hummingbird
import Kernel
import Services
import Spreadsheet
import WebPages

/// Upload → validation report → confirm, for bureau staff.
enum ImportPages {
    static let uploadLimit = 32 * 1024 * 1024

    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/import", .permission(.importData)) { request, context in
            .html(ImportPage.render(.init(), context.chrome(request)))
        }

        // The empty template with its notes sheet, so a clerk needs no command line.
        routes.add(.get, "/import/template", .permission(.importData)) { request, _ in
            guard let kind = request.uri.queryParameters.get("kind").flatMap(ImportKind.init(rawValue:)) else {
                throw AppError.invalid([Problem(path: "kind", message: "enterprises、fiscal-years 或 rd-reports / one of enterprises, fiscal-years, rd-reports")])
            }
            let csv = request.uri.queryParameters.get("format") == "csv"
            let data = csv ? CSV.write(RegistryExporter.template(kind, englishHeader: false))
                : try await RegistryExporter(transactor: deps.database).templateWorkbook(kind)
            return Response(status: .ok, headers: [.contentType: csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                                   .contentDisposition: "attachment; filename=\"template-\(kind.rawValue).\(csv ? "csv" : "xlsx")\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }

        routes.add(.post, "/import", .permission(.importData)) { request, context in
            let user = try context.requireUser()
            let form = try await multipart(request, context)
            let l = context.lang
            guard let file = form.files["file"], !file.data.isEmpty else {
                return .html(ImportPage.render(.init(error: l.t("请选择一个文件。", "Please choose a file.")), context.chrome(request)), status: .unprocessableContent)
            }
            guard let kind = form.fields["kind"].flatMap(ImportKind.init(rawValue:)) else {
                throw AppError.invalid([Problem(path: "kind", message: "enterprises、fiscal-years 或 rd-reports / one of enterprises, fiscal-years, rd-reports")])
            }
            let (report, token) = try await deps.imports.preview(file.data, fileName: file.fileName, kind: kind, user: user)
            return .html(ImportPage.render(.init(report: report, uploadToken: token, fileName: file.fileName), context.chrome(request)),
                         status: token == nil ? .unprocessableContent : .ok)
        }

        routes.add(.post, "/import/confirm", .permission(.importData)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            guard let token = form["upload"] else { throw AppError.badRequest("missing upload") }
            do {
                let (report, fileName) = try await deps.imports.confirm(token: token, skipInvalid: form["skipInvalid"] == "1",
                                                                       confirmStatusChanges: form["confirmStatus"] == "1", user: user)
                let l = context.lang
                let notice = report.applied ? l.t("已导入。", "Imported.")
                    : report.awaitingConfirmation ? l.t("文件会改变企业的经营状态，请核对下表并勾选确认后再导入。", "The file changes firms' status: check the list and tick the confirmation.")
                    : l.t("未导入：文件仍有问题。", "Nothing imported: the file still has problems.")
                return .html(ImportPage.render(.init(report: report, uploadToken: report.applied ? nil : token, fileName: fileName, done: report.applied),
                                               context.chrome(request, notice: notice)),
                             status: report.applied ? .ok : .unprocessableContent)
            } catch ImportWorkflow.WorkflowError.uploadNotFound {
                throw AppError(.notFound, "not_found", "上传的文件已失效，请重新上传 / the upload has expired; upload the file again")
            }
        }
    }

    /// An upload form's body, bounded, with its CSRF token and text fields checked.
    static func multipart(_ request: Request, _ context: AppRequestContext) async throws -> MultipartForm {
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
        try ControlCharacterCheck.checkMultipart(form)
        return form
    }
}
