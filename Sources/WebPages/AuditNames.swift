import Accounts
import Registry
import Cashout
import Matching

/// Audit actions and objects by name (issue 22, item 3): a bureau reads "政策兑现：批准", not
/// `cashout.approve`, and "申请 12", not `application:12`.
enum AuditNames {
    static let actions: [String: (String, String)] = [
        "access.denied": ("越权访问被拒绝", "access denied"), "account.create": ("创建账户", "account created"),
        "account.locked": ("账户锁定", "account locked"), "assessment.run": ("资质评估", "assessment run"),
        "account.disable": ("停用账户", "account disabled"), "account.enable": ("启用账户", "account enabled"),
        "login.locked": ("登录暂停（失败过多）", "sign-in paused"),
        "fiscalYear.declare": ("企业申报年度数据", "figures declared"), "fiscalYear.supersede": ("企业重新申报年度数据", "declaration superseded"),
        "fiscalYear.verify": ("核实企业申报", "declaration verified"), "fiscalYear.reject": ("不予采信企业申报", "declaration rejected"),
        "budget.appropriate": ("下达预算", "appropriation"), "budget.open": ("开设预算科目", "budget line opened"),
        "cashout.attach": ("政策兑现：上传附件", "cash-out: attachment"), "cashout.batch": ("政策兑现：生成拨付批次", "cash-out: batch"),
        "cashout.save": ("政策兑现：保存申请", "cash-out: saved"), "cashout.start": ("政策兑现：创建申请", "cash-out: started"),
        "consent.grant": ("授权银行查阅", "consent granted"), "consent.revoke": ("撤销授权", "consent revoked"),
        "demo.seed": ("生成演示数据", "demo data"), "designation.add": ("登记资质", "designation recorded"),
        "enterprise.create": ("新增企业", "enterprise created"), "enterprise.update": ("修改企业信息", "enterprise updated"),
        "entitle": ("免申即享匹配", "entitlement"), "file.download": ("下载文件", "file downloaded"),
        "fiscalYear.put": ("填报年度数据", "fiscal year"), "import.enterprises": ("导入企业名录", "enterprises imported"),
        "import.fiscalYears": ("导入年度数据", "fiscal years imported"), "import.rdReports": ("导入研发季报", "R&D reports imported"),
        "loan.record": ("登记贷款", "loan recorded"), "loan.update": ("更新贷款", "loan updated"),
        "login": ("登录", "signed in"), "login.failed": ("登录失败", "sign-in failed"), "login.refused": ("拒绝登录", "sign-in refused"),
        "logout": ("退出", "signed out"), "points.compute": ("计算创新积分", "points computed"), "points.draft": ("保存积分模型草稿", "points draft"),
        "policy.entitle": ("免申即享：生成待确认事项", "entitlements created"), "policy.publish": ("发布政策", "policy published"),
        "pool.admit": ("纳入高企培育库", "admitted to the pool"), "pool.project": ("登记资助项目", "supported project"),
        "pool.remove": ("移出高企培育库", "removed from the pool"),
        "programme.call.assign": ("分配评审专家", "reviewers assigned"), "programme.call.open": ("发布申报指南", "call opened"),
        "programme.chief.accept": ("首席专家：接受", "chief expert: accepted"), "programme.chief.need": ("首席专家：发布需求", "chief expert: need"),
        "programme.chief.propose": ("首席专家：推荐", "chief expert: proposed"), "programme.chief.result": ("首席专家：登记成果", "chief expert: result"),
        "programme.event.open": ("发布活动", "event opened"), "programme.event.register": ("活动报名", "event registration"),
        "programme.expert.recommend": ("推荐专家", "expert recommended"), "programme.project.milestone.report": ("提交里程碑报告", "milestone report"),
        "programme.project.milestones": ("制定里程碑计划", "milestone plan"), "programme.project.score": ("专家评分", "review score"),
        "programme.project.submit": ("提交项目申报", "project submitted"),
        "rd.gdp": ("录入地区生产总值", "GDP entered"), "rd.report": ("填报研发季报", "R&D report"), "rd.targets": ("分解研发目标", "R&D targets"),
        "register.platform.add": ("登记创新平台", "platform registered"), "register.talent.add": ("登记人才", "talent registered"),
        "reminders.record": ("发送提醒", "reminder sent"), "sharing.booking.request": ("预约仪器", "instrument booked"),
        "sharing.instrument.list": ("登记共享仪器", "instrument listed"), "start": ("创建申请", "started"),
        "supply.need.post": ("发布采购需求", "purchase need"), "supply.profile.save": ("保存供应商信息", "supplier profile"),
        "supply.propose": ("推荐供应商", "supplier proposed"), "supply.purchases.declare": ("申报采购额", "purchases declared"),
        "whitelist.publish": ("发布白名单", "white list published"),
    ]

    /// Families whose last part is a step (`cashout.approve`, `programme.project.sendBack` …).
    static let families: [(prefix: String, zh: String, en: String, step: @Sendable (String) -> String?)] = [
        ("cashout.", "政策兑现", "cash-out", { ApplicationAction(rawValue: $0)?.chineseName }),
        ("programme.project.", "科技项目", "project", { ProjectAction(rawValue: $0).map { ProjectPage.label($0, Lang(.zh)) } }),
        ("programme.event.", "活动", "event", { _ in nil }),
        ("supply.stage.", "产业链配套", "supply", { SupplyStage(rawValue: $0)?.chineseName }),
        ("sharing.booking.", "仪器预约", "booking", { _ in nil }),
    ]

    static func action(_ raw: String, _ l: Lang) -> String {
        if let (zh, en) = actions[raw] { return l.t(zh, en) }
        for f in families where raw.hasPrefix(f.prefix) {
            let step = String(raw.dropFirst(f.prefix.count))
            return l.isChinese ? "\(f.zh)：\(f.step(step) ?? step)" : "\(f.en): \(step)"
        }
        return raw
    }

    /// The action filter's choices: the families and the actions outside them, by name.
    static func actionChoices(_ l: Lang) -> [(String, String)] {
        let groups: [(String, String)] = [("cashout", l.t("政策兑现（全部）", "cash-out (all)")), ("programme", l.t("科技专项（全部）", "programmes (all)")),
                                          ("login", l.t("登录（全部）", "sign-in (all)")), ("pool", l.t("高企培育库（全部）", "pool (all)"))]
        return groups + actions.map { ($0.key, l.t($0.value.0, $0.value.1)) }.sorted { $0.1 < $1.1 }
    }

    static let filterNames: [String: (String, String)] = [
        "q": ("名称或代码", "name or code"), "status": ("状态", "status"), "policy": ("政策", "policy"), "town": ("镇街", "town"),
        "from": ("起", "from"), "to": ("止", "to"), "actor": ("操作人", "actor"), "role": ("角色", "role"), "action": ("动作", "action"),
        "subject": ("对象", "object"), "designation": ("资质", "designation"), "industry": ("行业", "industry"), "chain": ("产业链", "chain"),
        "view": ("视图", "view"), "flag": ("提示", "flag"), "stage": ("阶段", "stage"), "asOf": ("日期", "as of"), "product": ("产品", "product"),
        "bank": ("银行", "bank"), "sort": ("排序", "sort"),
    ]

    static let objects: [String: (String, String)] = [
        "enterprise": ("企业", "enterprise"), "application": ("申请", "application"), "payment-batch": ("拨付批次", "payment batch"),
        "attachment": ("附件", "attachment"), "whitelist": ("白名单", "white list"), "purchase-need": ("采购需求", "purchase need"),
        "booking": ("预约", "booking"), "instrument": ("仪器", "instrument"), "chain": ("产业链", "chain"), "consent": ("授权", "consent"),
        "loan": ("贷款", "loan"), "policy": ("政策", "policy"), "budget-line": ("预算科目", "budget line"), "project": ("项目", "project"),
        "call": ("申报指南", "call"), "user": ("用户", "user"), "event": ("活动", "event"), "district": ("全区", "district"),
        "statistics": ("统计报表", "statistics"), "points": ("创新积分", "points"), "batch": ("拨付批次", "payment batch"),
        "audit-log": ("审计日志", "audit log"), "cashout-applications": ("政策兑现申请", "cash-out applications"), "enterprises": ("企业名录", "enterprises"),
        "loans": ("贷款台账", "loan register"), "pool": ("高企培育库", "cultivation pool"), "points-ranking": ("创新积分排名", "points ranking"),
    ]

    /// `application:12` → "申请 12"; an enterprise by its name where the page knows it.
    static func object(_ raw: String, _ l: Lang, names: [String: String]) -> String {
        guard let colon = raw.firstIndex(of: ":") else { return objects[raw].map { l.t($0.0, $0.1) } ?? raw }
        let kind = String(raw[..<colon]), id = String(raw[raw.index(after: colon)...])
        if kind == "enterprise", let name = names[id] { return name }
        if kind == "ladder" {   // ladder:highTech:holders
            let parts = id.split(separator: ":").map(String.init)
            let rung = parts.first.flatMap(DesignationKind.init(rawValue:)).map(l.designation) ?? id
            return l.t("梯次名单 ", "ladder list ") + rung
        }
        guard let (zh, en) = objects[kind] else { return raw }
        return l.isChinese ? "\(zh) \(id)" : "\(en) \(id)"
    }

    /// Free text a service wrote beside an action, with the codes in it (a role, a designation)
    /// put by their names: `u-admin bureauAdmin` → "u-admin 科技局管理员".
    static func detail(_ raw: String, _ l: Lang) -> String {
        raw.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            // An export's filter, "status=approved": the filter by its name, the value by its name.
            if let eq = word.firstIndex(of: "="), let (zh, en) = filterNames[String(word[..<eq])] {
                return l.t(zh, en) + l.t("：", ": ") + detail(String(word[word.index(after: eq)...]), l)
            }
            // A status change is written "approved→paid".
            return word.split(separator: "→", omittingEmptySubsequences: false).map { part -> String in
                let w = String(part)
                if let r = Role(rawValue: w) { return l.role(r) }
                if let d = DesignationKind(rawValue: w) { return l.designation(d) }
                if let s = ApplicationStatus(rawValue: w) { return l.t(s.chineseName, s.englishName) }
                return w
            }.joined(separator: "→")
        }.joined(separator: " ")
    }
}
