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

/// Innovation resources (issue: programmes and matching, item 7): the page for bureau staff and
/// auditors; the instrument catalogue for anyone signed in; bookings by firms and the hosts'
/// decisions, each checked per record by the service.
enum SharingRoutes {
    struct InstrumentOut: Encodable {
        let id: Int64, code: String, name: String, category: String, host: String, hostUscc: String?, hourlyFee: API.Yuan, hoursPerWeek: Int
        let hoursUsed: Double, utilisation: Double?
    }
    struct BookingOut: Encodable {
        let id: Int64, instrument: Int64, uscc: String, day: String, fromHour: Int, toHour: Int, purpose: String, status: String, usedHours: Double?
        init(_ b: InstrumentBooking) {
            id = b.id; instrument = b.instrumentID; uscc = b.uscc.code; day = b.slot.day.description; fromHour = b.slot.fromHour; toHour = b.slot.toHour
            purpose = b.purpose; status = b.status.rawValue; usedHours = b.usedCenti.map { Double($0) / 100 }
        }
    }
    struct BookIn: Decodable, KnownKeys {
        var uscc: String; var day: String; var fromHour: Int; var toHour: Int; var purpose: String
        static let keys: Set<String> = ["uscc", "day", "fromHour", "toHour", "purpose"]
    }
    struct BookingStepIn: Decodable, KnownKeys {
        var action: String; var usedHours: Double?
        static let keys: Set<String> = ["action", "usedHours"]
    }

    struct PlatformIn: Decodable, KnownKeys {
        var uscc: String; var name: String; var kind: String; var level: String; var recognisedOn: String
        static let keys: Set<String> = ["uscc", "name", "kind", "level", "recognisedOn"]
    }
    struct TalentIn: Decodable, KnownKeys {
        var name: String; var category: String; var uscc: String?; var since: String; var field: String?; var level: String?
        static let keys: Set<String> = ["name", "category", "uscc", "since", "field", "level"]
    }

    /// Utilisation is measured over the 90 days up to the reading date.
    static func usePeriod(_ asOf: LocalDate) -> ClosedRange<LocalDate> { asOf.adding(days: -89)...asOf }

    static func register(_ routes: RouteTable) {
        let deps = routes.deps
        routes.add(.get, "/resources", .permission(.viewProgrammes)) { request, context in
            let asOf = deps.defaultAsOf
            let (platforms, talents, names) = try await deps.database.read { stores in
                let platforms = try await stores.district.fetchPlatforms(on: asOf)
                return (platforms, try await stores.district.talentTally(on: asOf),
                        try await stores.registry.fetchEnterprises(Array(Set(platforms.map(\.enterprise)))).mapValues(\.name))
            }
            let period = usePeriod(asOf)
            return .html(ResourcesPage.render(.init(asOf: asOf, platforms: platforms, firmNames: names, talents: talents,
                                                    instruments: try await deps.sharing.catalogue(days: period), usePeriod: period), context.chrome(request)))
        }

        routes.add(.get, "/api/v1/instruments", .signedIn, doc: APIDoc(
            "The shared research instruments: host, fee, hours offered, and hours used and utilisation over the 90 days to the reading date",
            id: "listInstruments", response: "InstrumentList")) { _, _ in
            try .json(try await deps.sharing.catalogue(days: usePeriod(deps.defaultAsOf)).map { u in
                let i = u.instrument
                return InstrumentOut(id: i.id, code: i.code, name: i.name, category: i.category, host: i.host, hostUscc: i.hostUSCC?.code,
                                     hourlyFee: API.Yuan(i.hourlyFee), hoursPerWeek: i.hoursPerWeek, hoursUsed: u.usedHours,
                                     utilisation: u.utilisation.map { ($0 * 1000).rounded() / 1000 })
            })
        }

        routes.add(.post, "/api/v1/instruments/:id/bookings", .signedIn, doc: APIDoc(
            "Book an instrument for whole hours on one day, today or later: an enterprise for its own firm, or bureau staff on its behalf",
            id: "bookInstrument", request: "BookingRequest", response: "Booking", status: 201)) { request, context in
            let body = try await APIRoutes.decode(BookIn.self, request)
            let uscc = try APIRoutes.uscc(body.uscc)
            guard let day = LocalDate(body.day) else { throw AppError.invalid([Problem(path: "day", message: "a date, YYYY-MM-DD")]) }
            guard let slot = BookingSlot(day: day, fromHour: body.fromHour, toHour: body.toHour) else {
                throw AppError.invalid([Problem(path: "toHour", message: "whole hours 0–24 with fromHour < toHour")])
            }
            let b = try await deps.sharing.book(instrumentID: try APIRoutes.recordID(context), uscc: uscc, slot: slot, purpose: body.purpose,
                                                by: try context.requireUser())
            return try .json(BookingOut(b), status: .created)
        }

        routes.add(.post, "/api/v1/platforms", .signedIn, doc: APIDoc(
            "Record an innovation platform recognised for a firm (bureau staff)", id: "addPlatform", request: "PlatformIn", status: 204)) { request, context in
            let user = try context.requireUser()
            guard ProjectDuty.isBureauStaff(user) else { throw AppError.forbidden }
            let b = try await APIRoutes.decode(PlatformIn.self, request)
            var problems: [Problem] = []
            let uscc = try? USCC(b.uscc), level = InstitutionLevel(rawValue: b.level), day = LocalDate(b.recognisedOn)
            if uscc == nil { problems.append(Problem(path: "uscc", message: "a valid USCC")) }
            if level == nil { problems.append(Problem(path: "level", message: "national, provincial, municipal or district")) }
            if day == nil { problems.append(Problem(path: "recognisedOn", message: "a date, YYYY-MM-DD")) }
            guard problems.isEmpty, let uscc, let level, let day else { throw AppError.invalid(problems) }
            try await deps.sharing.addPlatform(InnovationPlatform(enterprise: uscc, name: b.name, kind: b.kind, level: level, recognisedOn: day), by: user)
            return Response(status: .noContent)
        }

        routes.add(.post, "/api/v1/talents", .signedIn, doc: APIDoc(
            "Record a talent introduced or kept in reserve, with their firm, field and level when known (bureau staff)", id: "addTalent",
            request: "TalentIn", status: 204)) { request, context in
            let user = try context.requireUser()
            guard ProjectDuty.isBureauStaff(user) else { throw AppError.forbidden }
            let b = try await APIRoutes.decode(TalentIn.self, request)
            var problems: [Problem] = []
            let category = TalentCategory(rawValue: b.category), day = LocalDate(b.since)
            let uscc = b.uscc.map { try? USCC($0) }, level = b.level.map(InstitutionLevel.init(rawValue:))
            if category == nil { problems.append(Problem(path: "category", message: "introduced or highSkillReserve")) }
            if day == nil { problems.append(Problem(path: "since", message: "a date, YYYY-MM-DD")) }
            if case .some(.none) = uscc { problems.append(Problem(path: "uscc", message: "a valid USCC")) }
            if case .some(.none) = level { problems.append(Problem(path: "level", message: "national, provincial, municipal or district")) }
            guard problems.isEmpty, let category, let day else { throw AppError.invalid(problems) }
            try await deps.sharing.addTalent(Talent(name: b.name, category: category, enterprise: uscc ?? nil, since: day, field: b.field, level: level ?? nil), by: user)
            return Response(status: .noContent)
        }

        routes.add(.post, "/api/v1/bookings/:id/steps", .signedIn, doc: APIDoc(
            "Confirm, decline or record the hours used (the host), or cancel (the firm that booked)", id: "stepBooking",
            request: "BookingStep", response: "Booking")) { request, context in
            let body = try await APIRoutes.decode(BookingStepIn.self, request)
            guard let action = BookingAction(rawValue: body.action) else {
                throw AppError.invalid([Problem(path: "action", message: "one of \(BookingAction.allCases.map(\.rawValue).joined(separator: ", "))")])
            }
            let b = try await deps.sharing.act(bookingID: try APIRoutes.recordID(context), action, usedHours: body.usedHours, by: try context.requireUser())
            return try .json(BookingOut(b))
        }
    }
}
