import Foundation
import Kernel
import Registry
import Services
import Testing

/// Reading published lists and matching their rows (issue 23, items 1 and 2): each step on both
/// sides — what it takes and what it leaves to a person.
@Suite struct DesignationListTests {
    static let a = try! USCC("91500151MA19G14Y0F"), b = try! USCC("91500151MA19N6QY2R"), c1 = try! USCC("91500151MA19WBD045"), c2 = try! USCC("91500151MA1A24A97D")

    static let index = DesignationMatcher.NameIndex(
        current: [(a, "重庆甲储能科技有限公司"), (b, "重庆乙新材料有限公司"), (c1, "重庆丙电子有限公司"), (c2, "重庆丙电子有限责任公司")],
        former: [(b, "重庆乙(铜梁)材料有限公司"), (b, "重庆乙新材料有限公司")])

    static func row(_ name: String, uscc: String? = nil, district: String? = nil) -> DesignationList.Row {
        DesignationList.Row(line: 3, name: name, uscc: uscc, number: nil, district: district)
    }

    @Test func theHeaderIsFoundBelowATitleInAnyOrder() throws {
        let csv = "2023年重庆市第二批高新技术企业名单\n\n序号,所属区县,证书编号,企业名称\n1,铜梁区,GR202350001234,重庆甲储能科技有限公司\n2,璧山区,GR202350001235, 重庆丁公司 \n注：排名不分先后\n"
        let list = try DesignationList.read(Data(csv.utf8))
        #expect(list.rows.count == 2 && list.rows[0] == DesignationList.Row(line: 4, name: "重庆甲储能科技有限公司", uscc: nil, number: "GR202350001234", district: "铜梁区"))
        #expect(list.rows[1].name == "重庆丁公司", "cells are trimmed; the note under the table is not a row")
        #expect(list.headers["number"] == "证书编号")
    }

    @Test func aTableCopiedFromTheNoticePageIsRead() throws {
        let pasted = "序号\t企业名称\t统一社会信用代码\r\n1\t重庆甲储能科技有限公司\t91500151MA19G14Y0F\r\n"
        let list = try DesignationList.read(DesignationList.csv(pasted: pasted))
        #expect(list.rows.map(\.uscc) == ["91500151MA19G14Y0F"])
        // A file is never guessed to be a paste: a tab inside a CSV cell stays in the cell.
        let file = try DesignationList.read(Data("企业名称,所属区县\n\"重庆甲\t公司\",铜梁区\n".utf8))
        #expect(file.rows.map(\.name) == ["重庆甲\t公司"])
    }

    @Test func aListWithoutANameColumnIsRefused() {
        #expect(throws: DesignationList.ListError.noNameColumn) { try DesignationList.read(Data("序号,编号\n1,GR1\n".utf8)) }
    }

    @Test(arguments: [
        ("重庆乙（铜梁）材料有限责任公司", "重庆乙(铜梁)材料有限公司"), ("重庆 甲储能科技有限公司。", "重庆甲储能科技有限公司"),
        ("重庆ＡＢＣ科技有限公司", "重庆ABC科技有限公司"), ("【重庆】甲公司", "(重庆)甲公司"),
    ])
    func namesAreNormalised(_ written: String, _ normal: String) {
        #expect(EnterpriseName.normalised(written) == normal)
    }

    @Test func aCodeMatchesAndAnUnknownOrMalformedOneDoesNot() {
        let m = DesignationMatcher(index: Self.index, district: nil)
        #expect(m.match(Self.row("任何名称", uscc: Self.a.code)) == .matched(.init(uscc: Self.a, name: "重庆甲储能科技有限公司", basis: .uscc, score: 100)))
        guard case .invalid = m.match(Self.row("重庆甲储能科技有限公司", uscc: "91500151MA19G14Y0X")) else { Issue.record("a bad check digit is invalid"); return }
        guard case .review(let cs, _) = m.match(Self.row("重庆甲储能科技有限公司", uscc: "91500151MA2J98965C")) else { Issue.record("an unknown code with a known name waits for a person"); return }
        #expect(cs.map(\.uscc) == [Self.a])
        guard case .unmatched = m.match(Self.row("重庆戊公司", uscc: "91500151MA2J98965C")) else { Issue.record("an unknown code and name is unmatched"); return }
    }

    @Test func theNameThenAFormerNameThenTheNormalisedName() {
        let m = DesignationMatcher(index: Self.index, district: nil)
        #expect(m.match(Self.row("重庆甲储能科技有限公司")) == .matched(.init(uscc: Self.a, name: "重庆甲储能科技有限公司", basis: .name, score: 100)))
        #expect(m.match(Self.row("重庆乙(铜梁)材料有限公司")) == .matched(.init(uscc: Self.b, name: "重庆乙新材料有限公司", basis: .formerName, score: 95)), "a former name")
        #expect(m.match(Self.row("重庆乙（铜梁）材料有限责任公司")) == .matched(.init(uscc: Self.b, name: "重庆乙新材料有限公司", basis: .normalisedName, score: 90)),
                "a former name written with full-width brackets and the long legal form")
        #expect(m.match(Self.row("重庆甲储能科技有限责任公司")) == .matched(.init(uscc: Self.a, name: "重庆甲储能科技有限公司", basis: .normalisedName, score: 90)))
    }

    @Test func twoFirmsWithOneNormalisedNameGoToReview() {
        let m = DesignationMatcher(index: Self.index, district: nil)
        #expect(m.match(Self.row("重庆丙电子有限公司")) == .matched(.init(uscc: Self.c1, name: "重庆丙电子有限公司", basis: .name, score: 100)),
                "an exact name is the stronger step: the firm that bears it")
        guard case .review(let both, _) = m.match(Self.row("重庆丙电子 有限责任公司")) else { Issue.record("two firms share the normalised name"); return }
        #expect(Set(both.map(\.uscc)) == [Self.c1, Self.c2] && both.allSatisfy { $0.basis == .normalisedName })
    }

    @Test func aSimilarNameIsOnlyASuggestion() {
        let m = DesignationMatcher(index: Self.index, district: nil)
        guard case .review(let cs, _) = m.match(Self.row("重庆甲储能科技发展有限公司")) else { Issue.record("a similar name is reviewed"); return }
        #expect(cs.first?.uscc == Self.a && cs.first?.basis == .similarName && (cs.first?.score ?? 0) >= 60 && (cs.first?.score ?? 100) < 100)
        guard case .unmatched = m.match(Self.row("成都完全无关实业有限公司")) else { Issue.record("nothing alike is unmatched"); return }
    }

    @Test func rowsOfAnotherDistrictAreSkippedAndOursAreNot() {
        let m = DesignationMatcher(index: Self.index, district: "铜梁区")
        guard case .otherDistrict("璧山区") = m.match(Self.row("重庆甲储能科技有限公司", district: "璧山区")) else { Issue.record("璧山区 is skipped"); return }
        for ours in ["铜梁区", "重庆市铜梁区", "铜梁", nil] {
            guard case .matched = m.match(Self.row("重庆甲储能科技有限公司", district: ours)) else { Issue.record("\(ours ?? "no district") is ours"); return }
        }
    }

    @Test(arguments: [("202350015102001234", "2023-2"), ("202450015101000012", "2024-1"), ("202350015100001234", nil), ("20235001510", nil), ("GR202350001234", nil)] as [(String, String?)])
    func aRegistrationNumberGivesItsBatch(_ number: String, _ batch: String?) {
        #expect(RegistrationNumber.batch(of: number, kind: .techSME) == batch)
        #expect(RegistrationNumber.batch(of: number, kind: .highTech) == nil, "only 科技型中小企业 numbers carry the batch")
    }
}
