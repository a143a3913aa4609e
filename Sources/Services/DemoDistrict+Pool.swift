import Kernel
import Registry

extension DemoDistrict {
    static let projectTopics = ["储能电池热管理关键技术研究", "智能制造产线数字孪生应用", "新能源汽车电驱控制优化", "工业互联网平台边缘计算",
                                "高性能复合材料成型工艺", "农产品精深加工技术开发", "锂电池回收梯次利用技术", "智能传感器国产化研制"]

    /// The pool history behind a demo firm's `highTechPool` designations: an admission for each,
    /// an exit where it ended, and usually a supported project a few months after admission —
    /// about one member in seven has none, so the support rule has exceptions to list.
    func poolHistory(_ d: DemoEnterprise, index: Int, at: String) -> (events: [PoolEvent], projects: [SupportedProject]) {
        var rng = SeededRandom(seed: seed &+ 0x5EED_0001, index: UInt64(index))
        var events: [PoolEvent] = [], projects: [SupportedProject] = []
        for p in d.designations where p.kind == .highTechPool {
            events.append(PoolEvent(uscc: d.enterprise.uscc, kind: .admit, on: p.issuedOn, at: at, actor: "demo",
                                    reason: "符合入库条件，镇街推荐 / meets the checklist; recommended by the town"))
            if let left = p.expiresOn {
                events.append(PoolEvent(uscc: d.enterprise.uscc, kind: .remove, on: left.adding(days: 1), at: at, actor: "demo",
                                        reason: "研发投入连续下降，调出培育库 / R&D fell two years running"))
            }
            guard !rng.chance(1.0 / 7.0) else { continue }
            let on = p.issuedOn.adding(days: rng.int(30...150))
            projects.append(SupportedProject(number: "TLKJ\(on.year)\(zeroPadded3(index % 1000))", title: rng.pick(Self.projectTopics),
                                             programme: "区级科技计划项目", supportedOn: on, funding: Money(yuan: Int64(rng.int(10...50)) * 10_000)))
        }
        return (events, projects)
    }
}
