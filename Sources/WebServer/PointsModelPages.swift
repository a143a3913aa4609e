import Accounts
import Foundation
import Hummingbird
import InnovationPoints
import Kernel
import Services
import Storage
import WebPages

/// Drafting, comparing and publishing innovation-points models from the browser.
enum PointsModelPages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps

        routes.add(.get, "/points/models", .permission(.viewPoints)) { request, context in
            try await page(request, context, deps, draftID: nil, form: nil, errors: [], status: .ok)
        }

        routes.add(.get, "/points/models/:id", .permission(.viewPoints)) { request, context in
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw AppError.notFound("草稿 / draft") }
            return try await page(request, context, deps, draftID: id, form: nil, errors: [], status: .ok)
        }

        routes.add(.post, "/points/models", .permission(.editPointsModel)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            let published = try await deps.points.publishedModel()
            let (model, problems) = parse(form, base: published)
            guard problems.isEmpty else {
                return try await page(request, context, deps, draftID: nil, form: model, errors: problems, status: .unprocessableContent)
            }
            do {
                let draft = try await deps.points.saveDraft(model, actor: user.actorName)
                return .see("/points/models/\(draft.id)", flash: context.lang.t("已保存草稿，可预览后发布。", "Draft saved: preview it, then publish."))
            } catch let e as PointsError {
                return try await page(request, context, deps, draftID: nil, form: model, errors: e.messages, status: .unprocessableContent)
            }
        }

        routes.add(.post, "/points/models/:id/publish", .permission(.editPointsModel)) { request, context in
            let user = try context.requireUser()
            let form = try await Forms.read(request, context)
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw AppError.notFound("草稿 / draft") }
            guard let period = Int(form["period"] ?? ""), (1949...2200).contains(period) else {
                return try await page(request, context, deps, draftID: id, form: nil, errors: ["计分年度无效 / the fiscal year is invalid"], status: .unprocessableContent)
            }
            do {
                try await deps.points.publish(draft: id, period: period, actor: user.actorName)
            } catch let e as PointsError {
                return try await page(request, context, deps, draftID: id, form: nil, errors: e.messages, status: e == .draftNotFound ? .notFound : .conflict)
            }
            return .see("/points", flash: context.lang.t("已发布积分模型并按 \(period) 年度重新计分。", "Model published and points computed for \(period)."))
        }
    }

    /// The draft the form describes: the whole model from its JSON box, or the base model with
    /// the form's version, normaliser, list cut-offs and weights (percent with two decimals).
    static func parse(_ form: FormData, base: PointsModel) -> (PointsModel, [String]) {
        var problems: [String] = []
        if let json = form["json"], !json.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do { return (try JSONDecoder().decode(PointsModel.self, from: Data(json.utf8)), []) } catch {
                return (base, ["JSON 不是有效的积分模型 / the JSON is not a points model: \(String(describing: error).prefix(300))"])
            }
        }
        var m = base
        m.id = (form["version"] ?? "").trimmingCharacters(in: .whitespaces)
        if m.id.isEmpty { problems.append("请填写版本号 / the version id is required") }
        if let n = form["normaliser"].flatMap(PointsModel.Normaliser.init(rawValue:)) { m.normaliser = n }
        for i in m.lists.indices {
            guard let text = form["list.\(i)"] else { continue }
            // Entered in percent to one decimal (前 0.5%), kept in per mille.
            if let v = ExactDecimal.scaled(text.replacingOccurrences(of: "%", with: ""), by: 10, within: 0...100) { m.lists[i].topPermille = Int(v) }
            else { problems.append("\(m.lists[i].chineseName)：须为 0.1–100 的百分比，最多一位小数 / \(m.lists[i].englishName): a percentage from 0.1 to 100, one decimal at most") }
        }
        for ind in m.indicators {
            for s in m.stages.indices {
                guard let text = form["w.\(ind.id).\(s)"] else { continue }
                if let bp = basisPoints(text) { m.weights[ind.id, default: []][s] = bp } else {
                    problems.append("\(ind.id) \(m.stages[s].chineseName): 权重须为最多两位小数的百分数 / a percentage with at most two decimals: \(text)")
                }
            }
        }
        return (m, problems)
    }

    /// "12.5" → 1,250 basis points; nil unless a non-negative number with at most two decimals.
    static func basisPoints(_ text: String) -> Int? {
        ExactDecimal.scaled(text, by: 100, within: 0...100).map { Int($0) }
    }

    static func page(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, draftID: Int64?, form: PointsModel?,
                     errors: [String], status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let published = try await deps.points.publishedModel()
        let period = try await deps.points.latestPeriod() ?? deps.defaultAsOf.year - 1
        var draft: PointsDraft?, comparison: PointsModelsPage.Comparison?
        if let draftID {
            guard let d = try await deps.points.draft(draftID) else { throw AppError.notFound("草稿 / draft") }
            draft = d
            if d.publishedRunID == nil {
                let (_, c, usccs) = try await deps.points.compare(draft: d.model, period: period)
                let moved = c.movers.map { usccs[$0.firm] }
                let names = try await LendingPages.names(of: moved, deps)
                comparison = .init(comparison: c, names: Dictionary(uniqueKeysWithValues: c.movers.map { ($0.firm, (usccs[$0.firm], names[usccs[$0.firm]] ?? usccs[$0.firm].code)) }),
                                   period: period)
            }
        }
        let model = PointsModelsPage.Model(published: published, drafts: try await deps.points.drafts(), canEdit: AccessPolicy.allows(user.role, .editPointsModel),
                                           draft: draft, comparison: comparison, form: form ?? draft?.model ?? published, errors: errors, period: period)
        return .html(PointsModelsPage.render(model, context.chrome(request)), status: status)
    }
}
