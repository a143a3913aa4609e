import Accounts
import Cashout
import Foundation
import Kernel
import Storage

/// Runs the demo's 2023 round through the same service steps staff and firms use, on the dates
/// they would have happened: entitlements in March, applications in spring and autumn, review,
/// publication, approval and payment batches, so F10 is the sum of real ledger postings. Three
/// research-project applications are left open — one to accept, one to approve, the demo
/// enterprise's returned for revision — to show the queues, the alerts and the firm's form.
/// The round pays about 28 million yuan of its 40 million appropriation ("2000余万元", F10).
public enum DemoCashout {
    public struct Staff: Sendable {
        public var admin: User, reviewer: User, approver: User
        /// The demo enterprise account's firm: its research application is returned for revision,
        /// so the account has a form to edit, upload to and resubmit.
        public var demoFirm: USCC?
        public init(admin: User, reviewer: User, approver: User, demoFirm: USCC? = nil) {
            self.admin = admin; self.reviewer = reviewer; self.approver = approver; self.demoFirm = demoFirm
        }
    }

    /// The demo's administrator, reviewer and approver, when the demo accounts exist.
    public static func staff(_ transactor: any Transactor) async throws -> Staff? {
        try await transactor.read { stores in
            guard let admin = try await stores.accounts.fetchUser(username: "admin")?.user,
                  let reviewer = try await stores.accounts.fetchUser(username: "reviewer")?.user,
                  let approver = try await stores.accounts.fetchUser(username: "approver")?.user else { return nil }
            return Staff(admin: admin, reviewer: reviewer, approver: approver, demoFirm: try await stores.accounts.fetchUser(username: "enterprise")?.user.enterprise)
        }
    }

    /// Seeds the round unless any policy exists; returns the payments made.
    @discardableResult
    public static func seedIfEmpty(_ transactor: any Transactor, staff: Staff) async throws -> Int {
        guard try await transactor.read({ try await $0.cashout.fetchPolicies() }).isEmpty else { return 0 }
        func on(_ day: String) -> CashoutService {
            // 10:00 in Beijing.
            let instant = ISOTime.parse("\(day)T02:00:00Z")!
            return CashoutService(transactor: transactor, clock: { instant })
        }
        func firm(_ uscc: USCC) -> User {
            User(id: 0, username: "demo-firm-\(uscc.code)", displayName: uscc.code, role: .enterprise, enterprise: uscc)
        }
        let spring = on("2023-03-01")
        try await spring.openBudgetLine(code: DemoDistrict.cashoutLine.code, name: DemoDistrict.cashoutLine.name, year: 2023, by: staff.admin)
        _ = try await spring.appropriate(line: DemoDistrict.cashoutLine.code, amount: DemoDistrict.cashoutAppropriation, note: "2023 年度预算", by: staff.admin)
        for p in DemoDistrict.cashoutPolicies() { try await spring.publish(p, by: staff.admin) }

        // 免申即享: the platform finds the firms; each confirms its account within days.
        for p in DemoDistrict.cashoutPolicies() where p.mode == .proactive {
            try await on("2023-03-06").createEntitlements(policyID: p.id, by: staff.admin)
        }
        let entitled = try await transactor.read { try await $0.cashout.fetchApplications(ApplicationFilter(statuses: [.draft])) }
        for a in entitled {
            let s = on("2023-03-10")
            _ = try await s.save(a.id, form: a.form, declaredBase: nil, bankAccount: account(a.uscc), by: firm(a.uscc))
            try await s.act(a.id, .submit, by: firm(a.uscc))
        }

        // 快申快享: eleven firms apply for research projects, six for equipment.
        let pdf = Array("%PDF-1.4\n% demo attachment\n".utf8)
        let researchers = try await spring.match(policyID: "tl-research-project").filter { $0.match.verdict == .eligible }
        let others = researchers.filter { $0.match.uscc != staff.demoFirm }, demo = researchers.filter { $0.match.uscc == staff.demoFirm }
        let research = Array(others.prefix(8) + demo + others.dropFirst(8).prefix(3 - demo.count))
        let equipment = try await spring.match(policyID: "tl-equipment").filter { $0.match.verdict == .eligible }.suffix(6)
        func applyForResearch(_ i: Int, _ row: CashoutService.MatchRow, on day: String) async throws -> Int64 {
            let s = on(day), f = firm(row.match.uscc)
            let a = try await s.start(policyID: "tl-research-project", by: f)
            _ = try await s.save(a.id, form: a.form.merging(["项目名称": "关键技术研发项目 \(i + 1)"]) { $1 }, declaredBase: Money(yuan: Int64(500_000 + 100_000 * i)),
                                 bankAccount: account(row.match.uscc), by: f)
            _ = try await s.attach(a.id, name: "项目任务书", fileName: "任务书.pdf", bytes: pdf, by: f)
            try await s.act(a.id, .submit, by: f)
            return a.id
        }
        for (i, row) in research.prefix(8).enumerated() { _ = try await applyForResearch(i, row, on: "2023-04-12") }
        for (i, row) in equipment.enumerated() {
            let s = on("2023-05-08"), f = firm(row.match.uscc)
            let a = try await s.start(policyID: "tl-equipment", by: f)
            _ = try await s.save(a.id, form: a.form.merging(["设备名称": "研发测试设备 \(i + 1)"]) { $1 }, declaredBase: Money(yuan: Int64(1_000_000 + 400_000 * i)),
                                 bankAccount: account(row.match.uscc), by: f)
            _ = try await s.attach(a.id, name: "购置发票", fileName: "发票.pdf", bytes: pdf, by: f)
            try await s.act(a.id, .submit, by: f)
        }

        // Review and publication in late May; approval after the five working days; payment in June.
        let submitted = try await transactor.read { try await $0.cashout.fetchApplications(ApplicationFilter(statuses: [.submitted])) }
        for a in submitted {
            try await on("2023-05-22").act(a.id, .accept, by: staff.reviewer)
            try await on("2023-05-24").act(a.id, .recommend, .init(comment: "材料齐全，符合条件"), by: staff.reviewer)
            try await on("2023-06-05").act(a.id, .approve, by: staff.approver)
        }
        let batch = try await on("2023-06-12").createBatch(by: staff.admin)
        let paid = try await on("2023-06-20").payBatch(batch.id, reference: "TL2023062001", by: staff.admin)

        // Late applications in November, still open: the demo firm's is returned for revision,
        // one waits for acceptance, one has ended its publication and waits for approval.
        var waiting = 0
        for (i, row) in research.enumerated().dropFirst(8) {
            let id = try await applyForResearch(i, row, on: "2023-11-20")
            if row.match.uscc == staff.demoFirm {
                try await on("2023-11-24").act(id, .returnForRevision, .init(comment: "请补充项目任务书盖章页"), by: staff.reviewer)
            } else if waiting == 0 {
                waiting += 1
            } else {
                try await on("2023-11-22").act(id, .accept, by: staff.reviewer)
                try await on("2023-11-24").act(id, .recommend, .init(comment: "材料齐全，符合条件"), by: staff.reviewer)
            }
        }
        return paid.paid
    }

    /// A plausible 19-digit account number per firm (demo data).
    static func account(_ uscc: USCC) -> String {
        let digits = uscc.code.unicodeScalars.map { String($0.value % 10) }.joined()
        return "6222" + String(digits.suffix(15))
    }
}
