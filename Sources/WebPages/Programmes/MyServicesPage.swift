import Foundation
import Kernel
import Matching
import Registry
import Services
import Storage

/// One's own side of the programmes (issue: programmes and matching, item 8): a firm applies
/// under open calls, reports its milestones, posts its needs and accepts its chief expert,
/// cancels bookings and registers for events; an expert scores the projects on their panels,
/// accepts the firms they are proposed to and records the term's results with evidence.
public enum MyServicesPage {
    static func section(_ id: String, _ title: String, _ body: HTML) -> HTML {
        HTML("<section class=\"panel\" aria-labelledby=\"\(id)-h\"><h2 id=\"\(id)-h\">\(title)</h2>\(body)</section>")
    }
    static func empty(_ text: String) -> HTML { HTML("<p class=\"muted\">\(text)</p>") }
    static func text(_ s: String) -> HTML { HTML("\(s)") }
    static func button(_ action: String, _ label: String, _ chrome: PageChrome, secondary: Bool = false) -> HTML {
        HTML("<form method=\"post\" action=\"\(action)\" class=\"inline\">\(chrome.csrfField)<button type=\"submit\"\(secondary ? HTML(" class=\"secondary\"") : .empty)>\(label)</button></form>")
    }

    public static func renderFirm(_ s: FirmServices, errors: [String], _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let withdrawable: Set<ProjectStatus> = [.submitted, .returned, .unitChecked, .departmentChecked]
        let projects = s.projects.html { p in
            let open = p.project.status == .contracted ? p.milestones.filter { $0.reportedOn == nil } : []
            let reports = open.html { m in
                HTML("""
                    <form method="post" action="/my/projects/\(String(p.project.id))/milestones/\(m.seq)/report" class="inline">\(chrome.csrfField)
                    <label>\(m.title)（\(m.dueOn.description)）<input name="report" required maxlength="2000"></label><button type="submit">\(l.t("报告", "Report"))</button></form>
                    """)
            }
            let done = p.milestones.filter { $0.reportedOn != nil }.count
            return """
                <tr><td>\(p.project.title)<div class="muted">\(p.call)</div></td><td>\(p.project.status.chineseName)</td>
                <td>\(p.milestones.isEmpty ? "—" : "\(done) / \(p.milestones.count)")\(reports)</td>
                <td>\(withdrawable.contains(p.project.status) ? button("/my/projects/\(p.project.id)/withdraw", l.t("撤回", "Withdraw"), chrome, secondary: true) : .empty)</td></tr>
                """
        }
        let calls = s.openCalls.html { c in
            HTML("""
                <form method="post" action="/my/calls/\(String(c.id))/apply" class="panel"><h3>\(c.title)</h3>\(chrome.csrfField)
                <p class="muted">\(l.t("申报期 \(c.opens.description)–\(c.closes.description)", "Open \(c.opens.description)–\(c.closes.description)"))</p>
                <div class="field"><label>\(l.t("项目名称", "Title"))<input name="title" required maxlength="200"></label></div>
                <div class="field"><label>\(l.t("研究内容", "Summary"))<textarea name="summary" rows="3" maxlength="4000"></textarea></label></div>
                <div class="field"><label>\(l.t("领域", "Field"))<input name="field" required maxlength="100"></label></div>
                <div class="field"><label>\(l.t("申请资助（元）", "Requested (yuan)"))<input name="requested" required inputmode="decimal"></label></div>
                <div class="field"><label>\(l.t("实施期（起）", "Starts"))<input name="starts" type="date"></label><label>\(l.t("实施期（止）", "Ends"))<input name="ends" type="date"></label></div>
                <button type="submit">\(l.t("提交申报", "Apply"))</button></form>
                """)
        }
        let needs = s.needs.html { n in
            let m = n.match
            let state = m == nil ? l.t("待匹配", "Waiting for a proposal")
                : m?.termStarts.map { _ in l.t("服务期至 \(m?.termEnds?.description ?? "—")", "Term until \(m?.termEnds?.description ?? "—")") }
                ?? (m?.firmAcceptedAt == nil ? l.t("请确认", "Please accept") : l.t("待专家确认", "Waiting for the expert"))
            let accept = m != nil && m?.firmAcceptedAt == nil ? button("/my/chief-needs/\(n.need.id)/accept", l.t("接受该专家", "Accept this expert"), chrome) : .empty
            return "<tr><td>\(n.need.field)</td><td>\(n.need.problem)</td><td>\(n.expert ?? "—")</td><td>\(state)\(accept)</td></tr>"
        }
        let bookings = s.bookings.html { b in
            let slot = b.booking.slot
            let cancel = b.booking.status == .requested || b.booking.status == .confirmed
                ? button("/my/bookings/\(b.booking.id)/cancel", l.t("取消", "Cancel"), chrome, secondary: true) : .empty
            return "<tr><td>\(b.instrument)</td><td>\(slot.day.description) \(slot.fromHour):00–\(slot.toHour):00</td><td>\(b.booking.status.chineseName)</td><td>\(cancel)</td></tr>"
        }
        let events = s.events.html { e in
            let r = e.registration
            let state: HTML = r.map { r in
                text(r.contractFen != nil ? l.t("已签约", "Contract signed") : r.intention != nil ? l.t("已签意向", "Intention signed")
                     : r.attended ? l.t("已参会", "Attended") : l.t("已报名", "Registered"))
            } ?? button("/my/events/\(e.event.id)/register", l.t("报名", "Register"), chrome)
            return "<tr><td>\(e.event.title)<div class=\"muted\">\(e.event.partner)</div></td><td>\(e.event.heldOn.description)</td><td>\(state)</td></tr>"
        }
        return Layout.page(chrome, title: l.t("我的科技服务", "My services"), """
            <h1>\(l.t("我的科技服务", "My services"))</h1>\(Layout.errors(errors, l))
            \(section("proj", l.t("我的科技项目", "My projects"), s.projects.isEmpty ? empty(l.t("尚未申报项目。", "No application yet.")) : HTML("""
              <div class="table-wrap"><table><thead><tr><th>\(l.t("项目", "Project"))</th><th>\(l.t("状态", "Status"))</th><th>\(l.t("里程碑", "Milestones"))</th><th></th></tr></thead>
              <tbody>\(projects)</tbody></table></div>
              """)))
            \(section("calls", l.t("正在申报的通知", "Calls open now"), s.openCalls.isEmpty ? empty(l.t("目前没有开放的申报通知。", "No call is open today.")) : calls))
            \(section("needs", l.t("技术需求与首席专家", "Technical needs and chief experts"), HTML("""
              \(s.needs.isEmpty ? empty(l.t("尚未提出技术需求。", "No need posted yet.")) : HTML("""
              <div class="table-wrap"><table><thead><tr><th>\(l.t("领域", "Field"))</th><th>\(l.t("需求", "Problem"))</th><th>\(l.t("推荐专家", "Expert proposed"))</th>
              <th>\(l.t("进展", "Where it stands"))</th></tr></thead><tbody>\(needs)</tbody></table></div>
              """))
              <form method="post" action="/my/chief-needs">\(chrome.csrfField)
              <div class="field"><label>\(l.t("领域", "Field"))<input name="field" required maxlength="50"></label></div>
              <div class="field"><label>\(l.t("技术难题（现象、环节、已尝试的办法）", "The problem (what fails, where, what was tried)"))<textarea name="problem" rows="3" required minlength="10" maxlength="2000"></textarea></label></div>
              <button type="submit">\(l.t("提交需求", "Post the need"))</button></form>
              """)))
            \(section("book", l.t("仪器预约", "Instrument bookings"), HTML("""
              \(s.bookings.isEmpty ? empty(l.t("尚无预约。", "No booking yet.")) : HTML("""
              <div class="table-wrap"><table><thead><tr><th>\(l.t("仪器", "Instrument"))</th><th>\(l.t("时段", "Slot"))</th><th>\(l.t("状态", "Status"))</th><th></th></tr></thead>
              <tbody>\(bookings)</tbody></table></div>
              """))
              \(bookingForm(s.instruments, chrome))
              """)))
            \(section("events", l.t("产学研对接活动", "Matching events"), s.events.isEmpty ? empty(l.t("暂无可报名的活动。", "No event to register for.")) : HTML("""
              <div class="table-wrap"><table><thead><tr><th>\(l.t("活动", "Event"))</th><th>\(l.t("日期", "Date"))</th><th></th></tr></thead><tbody>\(events)</tbody></table></div>
              """)))
            """)
    }

    /// Book a shared instrument: whole hours on one day, the host confirms.
    static func bookingForm(_ instruments: [Instrument], _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        guard !instruments.isEmpty else { return .empty }
        let options = instruments.html { i in "<option value=\"\(String(i.id))\">\(i.name)（\(i.host)，\(Format.yuan(i.hourlyFee)) \(l.t("元/小时", "yuan/h"))）</option>" }
        let hours = (0...24).html { h in "<option value=\"\(h)\">\(h):00</option>" }
        return HTML("""
            <form method="post" action="/my/bookings"><h3>\(l.t("预约仪器", "Book an instrument"))</h3>\(chrome.csrfField)
            <div class="field"><label>\(l.t("仪器", "Instrument"))<select name="instrument" required>\(options)</select></label></div>
            <div class="field"><label>\(l.t("日期", "Day"))<input name="day" type="date" required></label>
            <label>\(l.t("从", "From"))<select name="from">\(hours)</select></label><label>\(l.t("到", "To"))<select name="to">\(hours)</select></label></div>
            <div class="field"><label>\(l.t("用途", "Purpose"))<input name="purpose" required maxlength="500"></label></div>
            <button type="submit">\(l.t("提交预约", "Request"))</button></form>
            """)
    }

    public static func renderExpert(_ s: ExpertServices, errors: [String], _ chrome: PageChrome) -> HTML {
        let l = chrome.lang
        let reviews = s.reviews.html { r in
            let sheet: HTML = r.assignment.score.map { text(String(format: "%.2f", $0)) }
                ?? (r.project.status == .underReview ? HTML("""
                    <form method="post" action="/my/reviews/\(String(r.project.id))/score" class="inline">\(chrome.csrfField)
                    <label>\(l.t("评分（0–100）", "Score (0–100)"))<input name="score" required inputmode="decimal" size="6"></label><button type="submit">\(l.t("提交评分", "Submit"))</button></form>
                    """) : text(l.t("未评分", "not scored")))
            return "<tr><td>\(r.project.title)<div class=\"muted\">\(r.firm)</div></td><td>\(r.project.status.chineseName)</td><td>\(sheet)</td></tr>"
        }
        let terms = s.terms.html { t in
            let m = t.match
            let accept = m.expertAcceptedAt == nil ? button("/my/chief-needs/\(t.need.id)/accept", l.t("接受服务", "Accept"), chrome) : .empty
            let record: HTML = m.termStarts == nil ? .empty : HTML("""
                <form method="post" action="/my/chief-needs/\(String(t.need.id))/results" class="inline">\(chrome.csrfField)
                <select name="kind"><option value="achievement">\(l.t("成果转化", "Achievement"))</option><option value="problemSolved">\(l.t("解决难题", "Problem solved"))</option>
                <option value="training">\(l.t("开展培训", "Training"))</option></select>
                <input name="title" required maxlength="200" placeholder="\(l.t("名称", "Title"))"><input name="evidence" required maxlength="2000" placeholder="\(l.t("佐证材料", "Evidence"))">
                <input name="date" type="date" required><button type="submit">\(l.t("记录", "Record"))</button></form>
                """)
            let term = m.termStarts.map { "\($0.description)–\(m.termEnds?.description ?? "")" } ?? l.t("待双方确认", "waiting for both sides")
            return "<tr><td>\(t.firm)<div class=\"muted\">\(t.need.problem)</div></td><td>\(term)\(accept)</td><td>\(m.achievements) / \(m.problemsSolved) / \(m.trainings)\(record)</td></tr>"
        }
        return Layout.page(chrome, title: l.t("我的科技服务", "My services"), """
            <h1>\(l.t("我的科技服务", "My services"))</h1>\(Layout.errors(errors, l))
            \(section("rev", l.t("评审任务", "Projects to review"), s.reviews.isEmpty ? empty(l.t("暂无评审任务。", "No project on your panels.")) : HTML("""
              <div class="table-wrap"><table><thead><tr><th>\(l.t("项目", "Project"))</th><th>\(l.t("状态", "Status"))</th><th>\(l.t("我的评分", "My score"))</th></tr></thead>
              <tbody>\(reviews)</tbody></table></div>
              """)))
            \(section("terms", l.t("首席专家服务", "Chief-expert service"), s.terms.isEmpty ? empty(l.t("暂无服务企业。", "No firm to serve yet.")) : HTML("""
              <div class="table-wrap"><table><thead><tr><th>\(l.t("服务企业", "Firm"))</th><th>\(l.t("服务期", "Term"))</th>
              <th>\(l.t("成果 / 难题 / 培训", "Achievements / problems / trainings"))</th></tr></thead><tbody>\(terms)</tbody></table></div>
              """)))
            """)
    }
}
