import Accounts
import Foundation
import Hummingbird
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import WebPages

/// The programme pages (issue: programmes and matching): the overview, a call's panel list,
/// the chief-expert round. Bureau staff and auditors read them.
enum ProgrammePages {
    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/programmes", .permission(.viewProgrammes)) { request, context in
            let (programmes, calls, projects) = try await deps.programmes.programmes()
            let figures = try await deps.database.read { try await ProgrammeFigures.read($0, asOf: deps.defaultAsOf) }
            return .html(ProgrammesPage.render(.init(programmes: programmes, calls: calls, projects: projects, figures: figures), context.chrome(request)))
        }

        routes.add(.get, "/programmes/calls/:id", .permission(.viewProgrammes)) { request, context in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw AppError.notFound("申报通知 / call") }
            let ranking: CallRanking
            do { ranking = try await deps.programmes.ranking(callID: id) } catch ProgrammeError.notFound { throw AppError.notFound("申报通知 / call") }
            let names = try await deps.database.read { try await $0.registry.fetchEnterprises(ranking.rows.map(\.project.uscc)) }.mapValues(\.name)
            return .html(ProgrammesPage.renderCall(ranking, names: names, context.chrome(request)))
        }

        routes.add(.get, "/programmes/chief-experts", .permission(.viewProgrammes)) { request, context in
            let figures = try await deps.database.read { try await ProgrammeFigures.read($0, asOf: deps.defaultAsOf) }
            let rows = try await deps.programmes.chiefRound(try await deps.database.read { try await $0.programmes.fetchNeeds(round: nil) }.map(\.round).max())
            return .html(ProgrammesPage.renderChief(rows, figures: figures, context.chrome(request)))
        }
    }
}
