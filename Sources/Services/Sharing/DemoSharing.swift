import Accounts
import Cashout
import Foundation
import Kernel
import Registry
import Storage

/// The demo's shared instruments [I: the letter names the sharing of research instruments, not
/// a catalogue]: nine instruments, six kept by the universities and institutes of the expert pool
/// and three by the chain leaders, booked through the same service steps over the quarter before the
/// letter's date — most confirmed and used, a few declined or cancelled — and a few requests
/// for July still waiting for their hosts.
public enum DemoSharing {
    static let catalogue: [(code: String, name: String, category: String, host: String, fee: Int64, hours: Int)] = [
        ("CQU-SEM-01", "场发射扫描电子显微镜", "电子显微", "重庆大学", 400, 30),
        ("CQU-XRD-01", "X 射线衍射仪", "结构分析", "重庆大学", 300, 30),
        ("SWU-GCMS-01", "气相色谱-质谱联用仪", "化学分析", "西南大学", 350, 24),
        ("CQUT-CMM-01", "三坐标测量机", "精密测量", "重庆理工大学", 200, 40),
        ("CIGIT-TGA-01", "热重分析仪", "热分析", "中国科学院重庆绿色智能技术研究院", 250, 20),
        ("CQAAS-ICP-01", "电感耦合等离子体质谱仪", "元素分析", "重庆市农业科学院", 450, 16),
    ]

    /// Seeds the instruments unless any exists; returns the bookings made.
    @discardableResult
    public static func seedIfEmpty(_ transactor: any Transactor, staff: DemoCashout.Staff, district: DemoDistrict) async throws -> Int {
        guard try await transactor.read({ try await $0.sharing.fetchInstruments() }).isEmpty else { return 0 }
        func on(_ day: LocalDate, hour: Int = 2) -> SharingService {
            let instant = ISOTime.parse("\(day)T\(hour < 10 ? "0" : "")\(hour):00:00Z")!
            return SharingService(transactor: transactor, clock: { instant })
        }
        let listed = LocalDate(year: 2024, month: 3, day: 1)!
        let firms = (0..<district.count).map(district.enterprise(at:)).filter { $0.enterprise.status == .active }
        // Firm-hosted instruments: the chain leaders' test benches.
        let leaders = district.chains.compactMap(\.leader)
        var ids: [Int64] = []
        // Who decides on each instrument's bookings: the bureau for the institutions', the host firm for its own.
        var deciders: [User] = []
        for c in catalogue {
            ids.append(try await on(listed).listInstrument(Instrument(code: c.code, name: c.name, category: c.category, host: c.host, hostUSCC: nil,
                                                                      hourlyFee: Money(yuan: c.fee), hoursPerWeek: c.hours, listedOn: listed), by: staff.admin))
            deciders.append(staff.reviewer)
        }
        for (n, leader) in leaders.prefix(3).enumerated() {
            let name = firms.first { $0.enterprise.uscc == leader }?.enterprise.name ?? leader.code
            ids.append(try await on(listed).listInstrument(Instrument(code: "FIRM-BENCH-\(n + 1)", name: ["电池包环境试验箱", "整车振动试验台", "智能家居可靠性测试台"][n],
                                                                      category: "检测试验", host: name, hostUSCC: leader, hourlyFee: Money(yuan: 150),
                                                                      hoursPerWeek: 20, listedOn: listed), by: staff.admin))
            deciders.append(User(id: 0, username: "demo-firm-\(leader.code)", displayName: "", role: .enterprise, enterprise: leader))
        }
        // Bookings: instrument k on every (k % 3 + 1)th day by day number, working days only, April to June, by
        // firms in turn, four hours in the morning; one in twelve is declined, one in fifteen cancelled.
        let bookers = firms.filter { !leaders.contains($0.enterprise.uscc) }.prefix(60).map(\.enterprise.uscc)
        var made = 0
        var day = LocalDate(year: 2024, month: 4, day: 1)!
        let end = LocalDate(year: 2024, month: 6, day: 28)!
        var n = 0
        while day <= end {
            defer { day = day.adding(days: 1) }
            guard WorkingCalendar.china.isWorkingDay(day) else { continue }
            for (k, id) in ids.enumerated() where day.dayNumber % (k % 3 + 1) == 0 {
                n += 1
                let firm = bookers[n % bookers.count]
                let user = User(id: 0, username: "demo-firm-\(firm.code)", displayName: "", role: .enterprise, enterprise: firm)
                let slot = BookingSlot(day: day, fromHour: 9, toHour: 13)!
                let b = try await on(day.adding(days: -7)).book(instrumentID: id, uscc: firm, slot: slot, purpose: "样品检测（\(catalogue.indices.contains(k) ? catalogue[k].category : "检测试验")）", by: user)
                made += 1
                if n % 12 == 0 { _ = try await on(day.adding(days: -6)).act(bookingID: b.id, .decline, by: deciders[k]); continue }
                _ = try await on(day.adding(days: -6)).act(bookingID: b.id, .confirm, by: deciders[k])
                if n % 15 == 0 { _ = try await on(day.adding(days: -2)).act(bookingID: b.id, .cancel, by: user); continue }
                _ = try await on(day, hour: 8).act(bookingID: b.id, .recordUse, usedHours: n % 4 == 0 ? 3.5 : 4, by: deciders[k])
            }
        }
        // Requests for the first week of July, waiting for their hosts.
        for (k, id) in ids.prefix(4).enumerated() {
            let firm = bookers[k]
            _ = try await on(LocalDate(year: 2024, month: 6, day: 28)!).book(instrumentID: id, uscc: firm, slot: BookingSlot(day: LocalDate(year: 2024, month: 7, day: 2 + k)!, fromHour: 14, toHour: 17)!,
                                                                               purpose: "中试样品检测", by: User(id: 0, username: "demo-firm-\(firm.code)", displayName: "", role: .enterprise, enterprise: firm))
            made += 1
        }
        return made
    }
}
