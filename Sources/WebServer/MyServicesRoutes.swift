import Accounts
import Foundation
import Hummingbird
import Kernel
import Matching
import Registry
import Services
import Storage
import StorageSQL
import WebPages

/// "My services": a firm's or an expert's own side of the programmes on one page, each form
/// handed to the service that checks the duty per record; a refusal is shown on the page with
/// nothing changed.
enum MyServicesRoutes {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/my/services", .permission(.useServices)) { request, context in
            try await page(request, context, deps, errors: [], status: .ok)
        }
        func post(_ path: String, _ act: @escaping @Sendable (FormData, User, AppRequestContext) async throws -> Void) {
            routes.add(.post, path, .permission(.useServices)) { request, context in
                let form = try await Forms.read(request, context)
                let user = try context.requireUser()
                do { try await act(form, user, context) } catch let e as ProgrammeError {
                    return try await page(request, context, deps, errors: [e.description], status: ErrorMiddleware.appError(e, context: context).status)
                }
                return .see("/my/services", flash: context.lang.t("已提交。", "Submitted."))
            }
        }

        post("/my/projects/:id/milestones/:seq/report") { form, user, context in
            try await deps.programmes.reportMilestone(try number(context, "id"), seq: Int(try number(context, "seq")), report: form.text("report") ?? "", by: user)
        }
        post("/my/projects/:id/withdraw") { _, user, context in
            _ = try await deps.programmes.step(try number(context, "id"), .withdraw, by: user)
        }
        post("/my/calls/:id/apply") { form, user, context in
            let uscc = try firm(user)
            var problems: [Problem] = []
            let requested = try? Money(formText: form.text("requested") ?? "")
            if requested == nil { problems.append(Problem(path: "requested", message: "申请资助金额（元）/ the amount in yuan")) }
            func date(_ key: String) -> LocalDate? {
                guard let text = form.text(key), !text.isEmpty else { return nil }
                guard let d = LocalDate(text) else { problems.append(Problem(path: key, message: "YYYY-MM-DD")); return nil }
                return d
            }
            let (starts, ends) = (date("starts"), date("ends"))
            guard problems.isEmpty, let requested else { throw ProgrammeError.invalid(problems) }
            let field = (form.text("field") ?? "").trimmingCharacters(in: .whitespaces)
            _ = try await deps.programmes.apply(ProjectRecord(
                callID: try number(context, "id"), uscc: uscc, title: form.text("title") ?? "", summary: form.text("summary") ?? "",
                fields: field.isEmpty ? [] : [field], keywords: [], partners: [], requestedFen: requested.fen, submittedAt: "", updatedAt: "",
                startsOn: starts, endsOn: ends), by: user)
        }
        post("/my/chief-needs") { form, user, _ in
            let uscc = try firm(user)
            // Into the open round (the latest); the first need of all opens the year's.
            let rounds = try await deps.database.read { try await $0.programmes.fetchNeeds(round: nil) }.map(\.round)
            let round = ChiefRound.latest(rounds) ?? String(LocalDate(secondsSince1970: deps.clock().timeIntervalSince1970).year)
            try await deps.programmes.postNeed(ChiefNeed(round: round, uscc: uscc, field: form.text("field") ?? "", problem: form.text("problem") ?? "",
                                                         channel: .platform, createdAt: ""), by: user)
        }
        post("/my/chief-needs/:id/accept") { _, user, context in
            try await deps.programmes.acceptChiefMatch(needID: try number(context, "id"), firmSide: user.role == .enterprise, by: user)
        }
        post("/my/chief-needs/:id/results") { form, user, context in
            guard let kind = form.text("kind").flatMap(ChiefResult.Kind.init(rawValue:)) else { throw ProgrammeError.invalid([Problem(path: "kind", message: "成果、难题或培训 / the kind")]) }
            guard let day = form.text("date").flatMap(LocalDate.init) else { throw ProgrammeError.invalid([Problem(path: "date", message: "YYYY-MM-DD")]) }
            try await deps.programmes.recordChiefResult(needID: try number(context, "id"), kind: kind, title: form.text("title") ?? "",
                                                        evidence: form.text("evidence") ?? "", on: day, by: user)
        }
        post("/my/bookings") { form, user, _ in
            guard let instrument = form.text("instrument").flatMap(Int64.init) else { throw ProgrammeError.invalid([Problem(path: "instrument", message: "选择仪器 / choose an instrument")]) }
            guard let day = form.text("day").flatMap(LocalDate.init) else { throw ProgrammeError.invalid([Problem(path: "day", message: "YYYY-MM-DD")]) }
            guard let from = form.text("from").flatMap(Int.init), let to = form.text("to").flatMap(Int.init),
                  let slot = BookingSlot(day: day, fromHour: from, toHour: to) else {
                throw ProgrammeError.invalid([Problem(path: "to", message: "整点时段，结束晚于开始 / whole hours, ending after the start")])
            }
            _ = try await deps.sharing.book(instrumentID: instrument, uscc: try firm(user), slot: slot, purpose: form.text("purpose") ?? "", by: user)
        }
        post("/my/bookings/:id/cancel") { _, user, context in
            _ = try await deps.sharing.act(bookingID: try number(context, "id"), .cancel, by: user)
        }
        post("/my/events/:id/register") { _, user, context in
            try await deps.programmes.register(eventID: try number(context, "id"), uscc: try firm(user), by: user)
        }
        post("/my/reviews/:id/score") { form, user, context in
            guard user.role == .expert else { throw ProgrammeError.notYourDuty("a reviewer scores") }
            guard let points = form.text("score").flatMap(Double.init) else { throw ProgrammeError.invalid([Problem(path: "score", message: "0–100")]) }
            try await deps.programmes.score(try number(context, "id"), expert: user.username, points: points, by: user)
        }
    }

    static func firm(_ user: User) throws(ProgrammeError) -> USCC {
        guard user.role == .enterprise, let uscc = user.enterprise else { throw .notYourDuty("for a firm's own account") }
        return uscc
    }

    static func number(_ context: AppRequestContext, _ name: String) throws(ProgrammeError) -> Int64 {
        guard let n = context.parameters.get(name).flatMap(Int64.init) else { throw .notFound("记录 / record") }
        return n
    }

    static func page(_ request: Request, _ context: AppRequestContext, _ deps: AppDependencies, errors: [String], status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        if user.role == .enterprise, let uscc = user.enterprise {
            return .html(MyServicesPage.renderFirm(try await deps.programmes.firmServices(uscc), errors: errors, context.chrome(request)), status: status)
        }
        return .html(MyServicesPage.renderExpert(try await deps.programmes.expertServices(user.username), errors: errors, context.chrome(request)), status: status)
    }
}
