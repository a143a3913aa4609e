import Foundation
import Kernel
import Matching
import Registry
import Services
import Storage

/// Chain supply (issue: programmes and matching, item 6): each chain's local supply share for
/// the year, then each leader's purchase needs with the suppliers proposed and how far each got.
public enum ChainsPage {
    public static func render(_ o: SupplyService.Overview, year: Int, _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        func name(_ u: USCC) -> String { o.names[u] ?? u.code }
        let shares = o.shares.html { s in
            """
            <tr><td>\(s.chain.name)</td><td>\(s.chain.leader.map(name) ?? "—")</td><td class="num">\(s.purchasesFen > 0 ? Format.yuan(Money(fen: s.purchasesFen)) : "—")</td>
            <td class="num">\(Format.yuan(Money(fen: s.localOrdersFen)))</td><td class="num">\(s.share.map { String(format: "%.1f%%", $0 * 100) } ?? l.t("未申报采购额", "no purchases declared"))</td></tr>
            """
        }
        let needs = o.needs.html { n in
            let rows = (o.proposals[n.id] ?? []).html { p in
                "<tr><td><a href=\"/enterprises/\(p.supplier.code)\">\(name(p.supplier))</a></td><td class=\"num\">\(String(format: "%.2f", p.affinity))</td><td>\(p.stage.chineseName)</td><td class=\"num\">\(Format.yuan(p.orderFen.map { Money(fen: $0) }))</td></tr>"
            }
            return HTML("""
                <section class="panel"><h3>\(n.title) · \(name(n.leader))</h3>
                <p class="muted">\(l.t("所需能力", "Capabilities")): \(n.capabilities.sorted().joined(separator: "、"))；\(l.t("年采购额（元）", "Yearly value (yuan)")) \(Format.yuan(Money(fen: n.annualFen)))</p>
                \((o.proposals[n.id] ?? []).isEmpty ? HTML("<p class=\"muted\">\(l.t("尚未推荐配套企业。", "No supplier proposed yet."))</p>") : HTML("""
                <div class="table-wrap"><table><thead><tr><th>\(l.t("推荐配套企业", "Supplier proposed"))</th><th class="num">\(l.t("匹配度", "Affinity"))</th>
                <th>\(l.t("进展", "Stage"))</th><th class="num">\(l.t("订单金额（元）", "Order (yuan)"))</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """))</section>
                """)
        }
        return Layout.page(chrome, title: l.t("产业链配套", "Chain supply"), """
            <h1>\(l.t("产业链配套", "Chain supply"))</h1>
            <p class="muted">\(l.t("本地配套率 = \(year) 年链主经平台向区内企业下单金额 ÷ 链主申报的本链年度采购总额。已建档配套企业 \(o.profiles) 家。",
                                   "Local supply share = \(year) orders the leaders placed with district firms through the platform ÷ the chain's purchases as its leader declared them. \(o.profiles) firms keep a capability profile."))</p>
            <section class="panel" aria-labelledby="share-h"><h2 id="share-h">\(l.t("本地配套率", "Local supply share"))</h2>
            \(o.shares.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无链主企业。", "No chain has a leader yet."))</p>") : HTML("""
            <div class="table-wrap"><table><thead><tr><th>\(l.t("产业链", "Chain"))</th><th>\(l.t("链主企业", "Leader"))</th><th class="num">\(l.t("年度采购额（元）", "Purchases (yuan)"))</th>
            <th class="num">\(l.t("区内订单（元）", "Local orders (yuan)"))</th><th class="num">\(l.t("本地配套率", "Local share"))</th></tr></thead><tbody>\(shares)</tbody></table></div>
            """))</section>
            <h2>\(l.t("链主采购需求", "Leaders' purchase needs"))</h2>
            \(o.needs.isEmpty ? HTML("<p class=\"muted\">\(l.t("尚无采购需求。", "No purchase need posted yet."))</p>") : needs)
            """)
    }
}
