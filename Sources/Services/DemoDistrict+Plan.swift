import Foundation
import Kernel
import Registry

/// Who holds what, by rank in the district's innovation order. Boundaries are laid out for the
/// default 2,400 enterprises so that, at the letter's date 2024-06-30:
///
/// | figure | rule | ranks |
/// |---|---|---|
/// | F8 高企 valid: 232 | issued 2021-11 … 2023-12, 3 years | 0..<232 (30 of them expired earlier certificates renewed) |
/// | F4 专精特新 valid: 190 | issued 2021-07 … 2024-06, 3 years | 100..<290 |
/// | F3 专精特新 new since 2023: 40 | issued 2023-01 … 2024-06 | 250..<290 |
/// | F2 小巨人 new since 2023: 1 | issued 2023-07 | 100 (101, 102 earlier) |
/// | F1 高企培育库 admitted since 2023: 25 | admitted 2023-03 … 2024-05 | 400..<425 |
/// | F6 科技型企业 in the database: 1,358 | entered before 2024-06-30, not removed | 0..<1358 |
/// | F5 科技型企业 new since 2023: 397 | entered 2023-01 … 2024-06 | 961..<1358 |
/// | F7 first 2024 batch: 36 | batch 2024-1 | 1322..<1358 |
///
/// Decoys around each edge (expired, removed, entered after the letter's date) make sure the
/// queries, not the layout, produce the figures.
extension DemoDistrict {
    func designations(rank r: Int, rng: inout SeededRandom) -> [Designation] {
        var out: [Designation] = []
        func day(_ y: Int, _ months: ClosedRange<Int>) -> LocalDate {
            let m = rng.int(months)
            return LocalDate(year: y, month: m, day: rng.int(1...LocalDate.daysIn(month: m, year: y)))!
        }
        func hte(_ issued: LocalDate, batch: String) -> Designation {
            // 国科发火〔2016〕32号 第十六条: valid three years from the certificate's date.
            Designation(kind: .highTech, number: "GR\(issued.year)50\(zeroPadded3(rng.int(1...999)))\(zeroPadded3(r % 1000))",
                        issuedOn: issued, expiresOn: DesignationValidity.expiry(of: .highTech, issuedOn: issued), batch: batch)
        }

        // 高新技术企业 (F8)
        if r < s(232) {
            let year = r < s(70) ? 2021 : r < s(150) ? 2022 : 2023
            let issued = day(year, 11...12)
            if r >= s(150) && r < s(190) || r >= s(70) && r < s(100) {
                // A re-recognition: the earlier certificate ran its three years out.
                let earlier = LocalDate(year: issued.year - 3, month: issued.month, day: min(issued.day, 28))!
                out.append(hte(earlier, batch: "\(earlier.year)-1"))
            }
            out.append(hte(issued, batch: "\(year)-1"))
        } else if r < s(262) {
            let issued = day(rng.int(2018...2020), 11...12)   // expired before the letter's date
            out.append(hte(issued, batch: "\(issued.year)-1"))
        }

        // 专精特新中小企业 (F3, F4): 3 years (工信部企业〔2022〕63号 as applied in Chongqing).
        func specialised(_ issued: LocalDate) -> Designation {
            Designation(kind: .specializedSME, number: "CQZJTX\(issued.year)\(zeroPadded3(r % 1000))", issuedOn: issued,
                        expiresOn: DesignationValidity.expiry(of: .specializedSME, issuedOn: issued), batch: "\(issued.year)-\(issued.month <= 6 ? 1 : 2)")
        }
        if r >= s(100) && r < s(290) {
            if r >= s(250) {
                out.append(specialised(rng.chance(0.6) ? day(2023, 3...11) : day(2024, 3...6)))
            } else {
                out.append(specialised(rng.chance(0.3) ? day(2021, 7...12) : day(2022, 1...12)))
            }
        } else if r >= s(290) && r < s(320) {
            out.append(specialised(day(2020, 1...6)))   // expired in the first half of 2023
        }

        // 专精特新"小巨人" (F2)
        if r >= s(100) && r < s(103) {
            let issued = r == s(100) ? day(2023, 7...7) : day(r == s(100) + 1 ? 2021 : 2022, 8...8)
            out.append(Designation(kind: .littleGiant, issuedOn: issued, expiresOn: DesignationValidity.expiry(of: .littleGiant, issuedOn: issued), batch: "\(issued.year)"))
        }

        // 高企培育库 (F1): open-ended membership; those who left carry their exit date as expiry.
        if r >= s(400) && r < s(425) {
            let admitted = rng.chance(0.6) ? day(2023, 3...11) : day(2024, 1...5)
            out.append(Designation(kind: .highTechPool, issuedOn: admitted, batch: "\(admitted.year)"))
        } else if r >= s(425) && r < s(445) {
            let admitted = day(2022, 3...10)
            let left: LocalDate? = r < s(435) ? day(2023, 12...12) : nil
            out.append(Designation(kind: .highTechPool, issuedOn: admitted, expiresOn: left, batch: "2022"))
        }

        // 重庆市科技型企业 (F5, F6, F7)
        func cqTech(_ issued: LocalDate, batch: String, revoked: LocalDate? = nil) -> Designation {
            Designation(kind: .cqTechEnterprise, number: "CQKJ\(batch.replacingOccurrences(of: "-", with: ""))\(zeroPadded3(r % 1000))",
                        issuedOn: issued, batch: batch, revokedOn: revoked)
        }
        if r < s(961) {
            let year = rng.int(2018...2022)
            let b = rng.int(1...4)
            out.append(cqTech(day(year, (b - 1) * 3 + 1...(b - 1) * 3 + 2), batch: "\(year)-\(b)"))
        } else if r < s(1322) {
            let b = rng.int(1...4)
            out.append(cqTech(day(2023, (b - 1) * 3 + 1...(b - 1) * 3 + 2), batch: "2023-\(b)"))
        } else if r < s(1358) {
            out.append(cqTech(day(2024, 4...4), batch: "2024-1"))
        } else if r < s(1420) {
            let year = rng.int(2020...2021)
            out.append(cqTech(day(year, 4...5), batch: "\(year)-2", revoked: day(2022, 6...9)))
        } else if r < s(1480) {
            out.append(cqTech(day(2024, 9...9), batch: "2024-2"))   // after the letter's date
        }

        // 科技型中小企业 (national): a registration number valid to the end of its year
        // (国科火字〔2022〕67号). Not a letter figure; present for the qualification pages.
        if r < s(700) {
            for year in [2023, 2024] where year == 2023 || r < s(650) {
                let issued = day(year, 5...7)
                out.append(Designation(kind: .techSME, number: "\(year)\(DemoDistrict.divisionCode)A\(zeroPadded3(r % 1000))\(rng.int(1000...9999))",
                                       issuedOn: issued, expiresOn: DesignationValidity.expiry(of: .techSME, issuedOn: issued), batch: "\(year)"))
            }
        }

        // 创新型中小企业: three years.
        if r >= s(150) && r < s(450) {
            let issued = day(rng.int(2022...2024), 3...6)
            out.append(Designation(kind: .innovativeSME, issuedOn: issued, expiresOn: DesignationValidity.expiry(of: .innovativeSME, issuedOn: issued), batch: "\(issued.year)"))
        }
        return out
    }

    /// The tier an enterprise is generated for, which sets how research-intensive its books are.
    enum Profile { case leader, highTech, pool, techFirm, ordinary }

    func profile(rank r: Int) -> Profile {
        if r < min(DemoDistrict.chainSpecs.count, count) && DemoDistrict.chainSpecs[r].leader != nil { return .leader }
        if r < s(262) { return .highTech }
        if r < s(445) { return .pool }
        if r < s(1480) { return .techFirm }
        return .ordinary
    }
}
