import Foundation
import Accounts
import Hummingbird
import Kernel
import Registry
import Services
import Spreadsheet
import WebPages

/// A published designation list → preview with matches → confirmation (issue 23), for staff who
/// import data.
enum DesignationImportPages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/import/designations", .permission(.importData)) { request, context in
            .html(DesignationImportPage.render(.init(form: ["district": deps.districtName]), context.chrome(request)))
        }

        routes.add(.get, "/import/designations/template", .permission(.importData)) { request, context in
            guard let kind = request.uri.queryParameters.get("designation").flatMap({ DesignationKind(slug: String($0)) }), kind != .highTechPool else {
                throw AppError.invalid([Problem(path: "designation", message: "名单类别须为 \(DesignationKind.slugs.joined(separator: "、")) / one of \(DesignationKind.slugs.joined(separator: ", "))")])
            }
            let format = try Download.format(request)
            let table = SheetTable(rows: [DesignationList.templateHeader(kind)], textColumns: [2, 3])
            let bytes = format == .csv ? CSV.write(table) : try XLSX.write(table, sheetName: kind.chineseName)
            return try await Download.file(bytes, type: Download.contentType(format), ascii: "list-\(kind.slug).\(format.rawValue)",
                                           chinese: "\(kind.chineseName)名单模板.\(format.rawValue)", audit: "template:designations:\(kind.slug)", by: context.user, deps)
        }

        routes.add(.post, "/import/designations", .permission(.importData)) { request, context in
            let user = try context.requireUser()
            let form = try await ImportPages.multipart(request, context)
            let typed = Dictionary(uniqueKeysWithValues: ["designation", "batch", "issuedOn", "source", "district", "pasted"].map {
                ($0, (form.fields[$0] ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
            })
            // Each message sits beside its field.
            var errors: [String: String] = [:]
            let kind = DesignationKind(slug: typed["designation"] ?? "")
            if kind == nil { errors["designation"] = "请选择名单类别 / choose what the list confers" }
            let issued = LocalDate(typed["issuedOn"] ?? "")
            if issued == nil { errors["issuedOn"] = "须为 YYYY-MM-DD / a date, YYYY-MM-DD" }
            let file = form.files["file"].flatMap { $0.data.isEmpty ? nil : $0 }
            let pasted = typed["pasted"] ?? ""
            if file == nil && pasted.isEmpty { errors["file"] = "请选择文件或粘贴表格 / choose a file or paste the table" }
            var options: DesignationImportOptions?
            if let kind, let issued {
                let o = DesignationImportOptions(kind: kind, batch: typed["batch"].flatMap { $0.isEmpty ? nil : $0 }, issuedOn: issued,
                                                 source: typed["source"] ?? "", district: typed["district"].flatMap { $0.isEmpty ? nil : $0 })
                for p in o.problems { errors[p.path] = p.message }
                options = o
            }
            guard errors.isEmpty, let options else {
                return .html(DesignationImportPage.render(.init(form: typed, errors: errors), context.chrome(request)), status: .unprocessableContent)
            }
            let data = file?.data ?? DesignationList.csv(pasted: pasted), name = file?.fileName ?? context.lang.t("粘贴的表格", "pasted table")
            do {
                let (report, token) = try await deps.designationImports.preview(data, fileName: name, options: options, user: user)
                return .html(DesignationImportPage.render(.init(form: typed, report: report, token: token, fileName: name), context.chrome(request)))
            } catch let e as DesignationImporter.ImportError {
                return .html(DesignationImportPage.render(.init(form: typed, errors: ["file": e.description]), context.chrome(request)), status: .unprocessableContent)
            }
        }

        routes.add(.post, "/import/designations/confirm", .permission(.importData)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            guard let token = form["upload"], !token.isEmpty else { throw AppError.badRequest("缺少上传凭据 / missing upload") }
            // A typed code wins over the drop-down; a malformed one is refused, not ignored.
            var chosen: [Int: USCC] = [:], problems: [Problem] = []
            for key in form.values.keys where key.hasPrefix("choose.") || key.hasPrefix("code.") {
                guard let line = Int(key.split(separator: ".").last ?? ""), let text = form.text(key) else { continue }
                guard let u = try? USCC(text) else { problems.append(Problem(path: key, message: "第 \(line) 行：统一社会信用代码“\(text)”无效 / row \(line): invalid credit code")); continue }
                if key.hasPrefix("code.") || chosen[line] == nil { chosen[line] = u }
            }
            guard problems.isEmpty else { throw AppError.invalid(problems) }
            do {
                let (report, fileName) = try await deps.designationImports.confirm(token: token, chosen: chosen, user: user)
                let l = context.lang
                return .html(DesignationImportPage.render(.init(form: [:], report: report, fileName: fileName, canAssess: AccessPolicy.allows(user.role, .runAssessment)),
                                                          context.chrome(request, notice: l.t("已导入 \(report.written) 家。", "\(report.written) designations imported."))))
            } catch ImportWorkflow.WorkflowError.uploadNotFound {
                throw AppError(.notFound, "not_found", "上传的名单已失效，请重新上传 / the upload has expired; upload the list again")
            }
        }
    }
}
