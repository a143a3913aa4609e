import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import KechuangTestSupport
import Kernel
import Registry
import Services
import Storage
import StorageSQL
import Spreadsheet
import Testing
@testable import WebServer

@Suite struct PointsPageTests {
    @Test(arguments: TestDatabases.engines)
    func rankingAndPanelShowPublishedPoints(_ engine: SQLEngine) async throws {
        try await WebHarness.run(engine) { client, fixture in
            let reviewer = try await Browser.signIn(client, Fixture.username(.bureauReviewer))
            let empty = String(buffer: try await client.execute(uri: "/points", method: .get, headers: reviewer.headers()).body)
            #expect(empty.contains("尚未发布积分"), "a useful empty state")

            try await fixture.publishPoints()

            let ranking = String(buffer: try await client.execute(uri: "/points?stage=1", method: .get, headers: reviewer.headers()).body)
            #expect(ranking.contains("重庆示例储能科技有限公司") && ranking.contains("cn-points-2024.1"))
            #expect(try await client.execute(uri: "/points?stage=x", method: .get, headers: reviewer.headers()).status == .unprocessableContent)
            #expect(ranking.contains("共 1 家"))
            let sheet = try XLSX.read(Data(try await client.execute(uri: "/points/export?stage=1", method: .get, headers: reviewer.headers()).body.readableBytesView))
            #expect(sheet.rows.count == 2 && sheet.rows[1][0] == "1" && sheet.rows[1][2] == Fixture.a.code)

            let owner = try await Browser.signIn(client, Fixture.username(.enterprise))
            let page = String(buffer: try await client.execute(uri: "/enterprises/\(Fixture.a.code)", method: .get, headers: owner.headers()).body)
            #expect(page.contains("创新积分") && page.contains("成长期") && page.contains("缺失"), "points, stage, and missing data flagged")
            #expect(try await client.execute(uri: "/points", method: .get, headers: owner.headers()).status == .forbidden)
            let bank = try await Browser.signIn(client, Fixture.username(.bank))
            #expect(try await client.execute(uri: "/points", method: .get, headers: bank.headers()).status == .forbidden)
        }
    }
}
