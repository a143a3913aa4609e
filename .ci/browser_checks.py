"""Browser checks (issue: production readiness, item 6), with Debian's headless chromium driven by
Playwright: every role signs in and sees its landing page; a reviewer searches and opens an
enterprise; the demo firm edits and resubmits its returned application (the form autosaves); the
reviewer accepts it, an approver approves the application whose publication has ended, and the
administrator batches and pays it. Every page's security headers are checked; a screenshot of
each page is kept under .ci/artifacts/. Exits 1 on the first failed check."""
import os, re, shutil, sys
from playwright.sync_api import sync_playwright

BASE = os.environ.get("KECHUANG_URL", "http://127.0.0.1:8181")
OUT = os.environ.get("ARTIFACTS", ".ci/artifacts")
os.makedirs(OUT, exist_ok=True)
ACCOUNTS = {"admin": "demo-admin-2024", "reviewer": "demo-reviewer-2024", "approver": "demo-approver-2024", "town": "demo-town-2024",
            "enterprise": "demo-enterprise-2024", "bank": "demo-bank-2024", "expert": "demo-expert-2024", "auditor": "demo-auditor-2024"}
REQUIRED = {"content-security-policy": "frame-ancestors 'none'", "x-content-type-options": "nosniff", "x-frame-options": "DENY",
            "referrer-policy": "same-origin"}
shots = 0


def check(ok, what):
    if not ok:
        print("FAIL:", what)
        sys.exit(1)
    print("ok:", what)


def visit(page, path, name):
    global shots
    response = page.goto(BASE + path)
    check(response is not None and response.status < 400, f"{name}: GET {path} → {response.status if response else 'none'}")
    for header, needle in REQUIRED.items():
        check(needle in (response.headers.get(header) or ""), f"{name}: {path} has {header}")
    shot(page, name)
    return response


def shot(page, name):
    """The page at the desktop width and again at a phone's (390 px), which must not be more
    than three times as tall (issue 22, item 7: wide tables scroll, they do not wrap a letter a line)."""
    global shots
    shots += 1
    desktop = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(path=f"{OUT}/{shots:02d}-{name}.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    phone = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(path=f"{OUT}/{shots:02d}-{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    check(phone <= 3 * max(desktop, 900), f"{name}: {phone} px tall on a phone, {desktop} px on a desktop")


def sign_in(browser, user):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(BASE + "/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", ACCOUNTS[user])
    page.click("button[type=submit]")
    page.wait_for_load_state()
    check("/login" not in page.url, f"{user} signed in (at {page.url})")
    return page


def workbook(page, href, what, min_rows=1):
    """Downloads a file a page offers, with the page's session, and opens it in openpyxl."""
    import io, openpyxl
    check(href is not None and not href.startswith("/api/"), f"{what}: offered from a page route ({href})")
    response = page.request.get(BASE + href)
    check(response.status == 200, f"{what}: GET {href} → {response.status}")
    book = openpyxl.load_workbook(io.BytesIO(response.body()), read_only=True)
    rows = sum(1 for row in book.active.iter_rows() if any(c.value is not None for c in row))
    check(rows >= min_rows, f"{what}: opens in openpyxl with {rows} rows")
    return rows


def step(page, action, comment=None, reference=None):
    form = page.locator(f"form.step:has(input[name=action][value={action}])")
    check(form.count() == 1, f"the {action} step is offered")
    if comment:
        form.locator("input[name=comment]").fill(comment)
    if reference:
        form.locator("input[name=bankReference]").fill(reference)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
    pages = {user: sign_in(browser, user) for user in ACCOUNTS}
    for user, page in pages.items():
        visit(page, {"enterprise": "/cashout/mine", "bank": "/bank"}.get(user, "/"), f"home-{user}")

    reviewer = pages["reviewer"]
    # On a phone the navigation folds behind one menu button that opens it.
    reviewer.set_viewport_size({"width": 390, "height": 844})
    check(not reviewer.locator("header nav").is_visible() and reviewer.locator("label.menu-button").is_visible(), "a phone shows the menu button, not the links")
    reviewer.click("label.menu-button")
    check(reviewer.locator("header nav a[href='/enterprises']").is_visible(), "the menu button opens the navigation")
    reviewer.set_viewport_size({"width": 1366, "height": 900})
    visit(reviewer, "/enterprises?q=%E9%87%8D%E5%BA%86", "search")
    first = reviewer.locator("a[href^='/enterprises/9']").first
    check(first.count() == 1, "the search lists enterprises")
    href = first.get_attribute("href")
    visit(reviewer, href, "enterprise")

    firm = pages["enterprise"]
    visit(firm, "/cashout/mine", "firm-subsidies")
    returned = firm.locator("a[href^='/cashout/applications/']").first
    app_path = returned.get_attribute("href")
    visit(firm, app_path, "firm-application")
    check(firm.locator("div.panel.warn:has-text('退回修改')").count() == 1, "the returned application says why at the top")
    field = firm.locator("input[name^='form.']").first
    field.fill("关键技术研发项目（补充盖章页）")
    try:
        firm.locator("[data-autosave-status]").filter(has_text="已自动保存").wait_for(timeout=10000)
        saved = True
    except Exception:
        saved = False
    check(saved, "the form autosaved")
    firm.set_input_files("input[type=file]", files=[{"name": "stamped.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 stamped page\n"}])
    firm.click("form[enctype='multipart/form-data'] button[type=submit]")
    firm.wait_for_load_state()
    step(firm, "submit")
    status = firm.locator("dl.facts dt:has-text('状态') + dd").first.inner_text()
    check(status.startswith("已提交"), f"the firm resubmitted its application (status: {status})")

    visit(reviewer, "/cashout", "reviewer-queue")
    visit(reviewer, app_path, "reviewer-application")
    step(reviewer, "accept")
    check(reviewer.locator("dl.facts dt:has-text('状态') + dd").first.inner_text().startswith("审核中"), "the reviewer accepted it")

    approver = pages["approver"]
    visit(approver, "/cashout/applications?status=inPublication", "approver-list")
    ready = approver.locator("td a[href^='/cashout/applications/']").first
    ready_path = ready.get_attribute("href")
    visit(approver, ready_path, "approver-application")
    step(approver, "approve")
    check(approver.locator("dl.facts dt:has-text('状态') + dd").first.inner_text().startswith("已批准"),
          "the approver approved the application whose publication had ended")

    admin = pages["admin"]
    visit(admin, "/cashout/batches", "batches")
    check("我已核对：" in admin.content() and " 元" in admin.content(), "creating a batch states the count and the amount")
    admin.check("form[action='/cashout/batches'] input[name=confirm]")
    admin.click("form[action='/cashout/batches'] button[type=submit]")
    admin.wait_for_load_state()
    check("已生成第" in admin.locator("p.notice").first.inner_text(), "a message says which batch was made")
    shot(admin, "batch-created")
    batch_file = admin.locator("a[href*='/file?format=xlsx']").first.get_attribute("href")
    check(batch_file.startswith("/cashout/batches/"), "the treasury file is offered from a page route, not the API")
    workbook(admin, batch_file, "the batch's treasury file", min_rows=2)
    pay = admin.locator("form[action$='/pay']").first
    pay.locator("input[name=reference]").fill("CI-TR-1")
    pay.locator("input[name=confirm]").check()
    pay.locator("button[type=submit]").click()
    admin.wait_for_load_state()
    check("已确认拨付" in admin.locator("p.notice").first.inner_text(), "a message says the payments were confirmed")
    visit(admin, "/cashout/batches?progress=paid", "batches-paid")
    paid_batches = int(re.search(r"共 ([0-9,]+) 批", admin.content()).group(1).replace(",", ""))
    rows = workbook(admin, admin.locator("a[href^='/cashout/batches/export']").first.get_attribute("href"), "the paid batches")
    check(paid_batches >= 1 and rows == paid_batches + 1, f"the batches export holds the {paid_batches} paid batches")
    visit(admin, ready_path, "paid-application")
    check("CI-TR-1/" in admin.content(), "the administrator paid it with the treasury reference")

    # Lists: filter, sort, page and export exactly the filtered rows (issue 22, item 2).
    # The administrator's accounts (issue 19, item 2): every demo account, steps on each but one's own.
    visit(admin, "/accounts", "accounts")
    check("李审核" in admin.content() and "/accounts/reviewer/disable" in admin.content() and "/accounts/admin/disable" not in admin.content(),
          "the accounts page lists the accounts with their steps, none on one's own")
    auditor = pages["auditor"]
    visit(auditor, "/audit", "audit-log")
    check("第 1 / " in auditor.content(), "the audit log pages")
    visit(auditor, "/audit?action=cashout&sort=actor", "audit-filtered")
    total = int(re.search(r"共 ([0-9,]+) 条", auditor.content()).group(1).replace(",", ""))
    check(total > 0 and "aria-sort=\"ascending\"" in auditor.content(), f"the audit log filters to {total} cash-out rows, sorted by person")
    rows = workbook(auditor, auditor.locator("a[href^='/audit/export']").first.get_attribute("href"), "the filtered audit log")
    check(rows == total + 1, f"the export holds exactly the filtered rows ({rows - 1} of {total})")
    visit(admin, "/cashout/applications?status=paid&sort=amount", "applications-paid")
    paid = int(re.search(r"共 ([0-9,]+) 件", admin.content()).group(1).replace(",", ""))
    rows = workbook(admin, admin.locator("a[href^='/cashout/applications/export']").first.get_attribute("href"), "the paid applications")
    check(rows == paid + 1, f"the applications export holds the {paid} paid applications")

    # A mistyped field comes back beside its field with what was typed; nothing is saved (item 4).
    visit(admin, "/monitoring/targets", "targets")
    admin.fill("#f-totalRD", "四十亿")
    admin.click("form[action='/monitoring/targets'] button[type=submit]")
    admin.wait_for_load_state()
    check(admin.locator("#f-totalRD-error").is_visible() and admin.locator("#f-totalRD").input_value() == "四十亿"
          and admin.locator("#f-totalRD").get_attribute("aria-invalid") == "true", "the targets form marks the field and keeps what was typed")
    shot(admin, "targets-error")
    bank = pages["bank"]
    visit(bank, "/bank", "bank-again")
    check(bank.locator("form[action='/bank/loans']").count() == 0 and bank.locator("a[href^='/bank/firms/']").count() > 0,
          "the bank lists its consenting firms without reading each")
    visit(bank, bank.locator("a[href^='/bank/firms/']").first.get_attribute("href"), "bank-firm")
    check("创新积分" in bank.content() and "本次查阅已记入企业的查询记录" in bank.content(), "opening a firm shows what it granted, and says the look is logged")
    if bank.locator("form[action='/bank/loans']").count() == 1:
        bank.fill("#f-amount", "三百万")
        bank.fill("#f-drawnOn", "2024-06-01")
        bank.fill("#f-maturesOn", "2025-05-31")
        bank.click("form[action='/bank/loans'] button[type=submit]")
        bank.wait_for_load_state()
        check(bank.locator("#f-amount-error").is_visible() and bank.locator("#f-drawnOn").input_value() == "2024-06-01",
              "the bank's loan form marks the amount and keeps the dates")
        shot(bank, "bank-loan-error")
        bank.fill("#f-amount", "300万")
        bank.select_option("#f-product", index=0)
        bank.click("form[action='/bank/loans'] button[type=submit]")
        bank.wait_for_load_state()
        notice = bank.locator("p.notice")
        check(notice.count() == 1 and "已登记贷款" in notice.first.inner_text() or bank.locator("div.panel.error").count() == 1,
              "recording the loan says what happened")
    visit(bank, "/bank/loans", "bank-loans")
    check("共 " in bank.content(), "the bank's loans are listed by page")
    # The firm reads who looked at its data, as a list of its own.
    firm = pages["enterprise"]
    firm.goto(BASE + "/")
    firm_code = re.search(r"/enterprises/([0-9A-Z]{18})", firm.url + firm.content()).group(1)
    visit(firm, f"/enterprises/{firm_code}/bank-reads", "bank-reads")
    check("共 " in firm.content() and "银行查询记录" in firm.content(), "the firm's bank reads are listed")

    # A policy published from the form, after its preview (issue 22, item 5).
    visit(admin, "/cashout/policies/new", "policy-form")
    admin.fill("#f-id", "ci-hte-award")
    admin.fill("#f-name", "高企认定奖励（浏览器检查）")
    admin.fill("#f-basis", "铜梁十二条 第三条")
    admin.select_option("#f-cond0\\.kind", "holds")
    admin.select_option("#f-cond0\\.designation", "highTech")
    admin.fill("#f-fixed", "1万")
    admin.click("button[value=preview]")
    admin.wait_for_load_state()
    shot(admin, "policy-preview")
    check("尚未发布" in admin.content() and "符合 " in admin.content(), "the preview lists the firms the draft would match")
    admin.click("button[value=publish]")
    admin.wait_for_load_state()
    check("已发布" in admin.locator("p.notice").first.inner_text() and "/cashout/policies/ci-hte-award" in admin.url, "the policy was published from the form")
    visit(admin, "/statistics", "statistics")
    check("F18" in admin.content() and "40 / 10 / 29" in admin.content(), "the statistics show the chief-expert round (F18)")
    check("2,838 万元" in admin.content(), "subsidies paid read as an official document writes them")
    workbook(admin, admin.locator("a[href^='/statistics/export']").first.get_attribute("href"), "the statistics workbook", min_rows=20)
    reviewer = pages["reviewer"]
    visit(reviewer, "/pool", "pool")
    check(reviewer.locator("form[action='/pool/remove']").count() == 0 and "在库企业（" in reviewer.content(), "the pool lists its members by page, without a form per row")
    reviewer.locator("table a[href^='/pool/firms/']").first.click()
    reviewer.wait_for_load_state()
    check(reviewer.locator("form[action='/pool/remove']").count() == 1, "a member's pool page has the one removal form")
    shot(reviewer, "pool-firm")
    visit(reviewer, "/programmes", "programmes")
    reviewer.locator("a[href^='/programmes/calls/']").first.click()
    reviewer.wait_for_load_state()
    check("离群评分" in reviewer.content(), "the call's panel list flags the planted outlier")
    visit(reviewer, "/programmes", "programmes-again")
    reviewer.locator("a:has-text('2024年度新型储能专项')").first.click()
    reviewer.wait_for_load_state()
    check("疑似重复申报 1 项" in reviewer.content(), "the energy-storage call flags the re-titled copy")
    flagged = reviewer.locator("tr:has-text('疑似重复申报') a[href^='/programmes/projects/']").first.get_attribute("href")
    visit(reviewer, flagged, "flagged-project")
    original = reviewer.locator("#dup-h ~ div a[href^='/programmes/projects/']").first.get_attribute("href")
    visit(reviewer, original, "contracted-project")
    check("里程碑与验收" in reviewer.content() and "完成关键技术方案设计" in reviewer.content(),
          "the original, contracted project lists its milestones")
    visit(reviewer, "/programmes/chief-experts", "chief-experts")
    visit(reviewer, "/chains", "chains")
    check("本地配套率" in reviewer.content() and "已下单" in reviewer.content(), "the chains page shows the local supply share and the orders")
    # The firm files a quarterly R&D report; the district's quarter (数据截至) does not move with it (item 6).
    def through():
        visit(admin, "/monitoring", "monitoring")
        return re.search(r"数据截至([^，,]*)", admin.content()).group(1)
    before = through()
    firm = pages["enterprise"]
    visit(firm, "/cashout/mine", "firm-again")
    firm.goto(BASE + "/")
    firm_code = re.search(r"/enterprises/([0-9A-Z]{18})", firm.url + firm.content()).group(1)
    visit(firm, f"/enterprises/{firm_code}/rd-reports", "rd-reports")
    firm.fill("#f-operatingRevenue", "650万")
    firm.fill("#f-statisticalRD", "32万")
    firm.click("form[action$='/rd-reports'] button[type=submit]")
    firm.wait_for_load_state()
    check("已提交" in firm.locator("p.notice").first.inner_text(), "the firm's R&D report was filed (amounts typed as 650万 and 32万)")
    check(through() == before, f"filing a report leaves the district's quarter where it was ({before})")
    # The firm declares a year's figures: they wait beside the verified ones until a reviewer
    # confirms them against the evidence (issue 19, item 1).
    visit(firm, f"/enterprises/{firm_code}", "firm-record")
    firm.click("#fiscal-form summary")
    firm.fill("#f-year", "2023")
    firm.fill("#f-employees", "88")
    firm.fill("#f-salesRevenue", "12,345,678")
    check(firm.get_attribute("#f-evidence", "required") is not None, "the evidence is a required field (the server refuses it missing too)")
    firm.fill("#f-evidence", "2023年度审计报告 渝审字〔2024〕88号")
    firm.click("form[action$='/fiscal-years'] button[type=submit]")
    firm.wait_for_load_state()
    check("待科技局核实" in firm.locator("p.notice").first.inner_text(), "the firm is told its figures wait for the bureau")
    shot(firm, "firm-declared")
    check("企业申报的年度数据" in firm.content() and "12,345,678" not in firm.content(), "the declared figures are not shown as verified")
    visit(reviewer, "/verifications", "verifications")
    reviewer.click("table a[href^='/verifications/']")
    reviewer.wait_for_load_state()
    shot(reviewer, "verification")
    check("<strong>12,345,678.00</strong>" in reviewer.content(), "the reviewer sees the declared value beside the verified one")
    check(reviewer.get_attribute("#f-note", "required") is not None, "confirming needs a note of what was checked")
    reviewer.fill("#f-note", "与审计报告一致")
    reviewer.click("form[action$='/confirm'] button[type=submit]")
    reviewer.wait_for_load_state()
    check("已确认" in reviewer.locator("p.notice").first.inner_text(), "the reviewer's confirmation is acknowledged")
    shot(reviewer, "verifications-done")
    visit(pages["enterprise"], "/my/services", "my-services-firm")
    check("我的科技项目" in pages["enterprise"].content() and "产学研对接活动" in pages["enterprise"].content(), "the firm's own services page")
    visit(pages["expert"], "/my/services", "my-services-expert")
    check("评审任务" in pages["expert"].content(), "the expert's own services page")
    visit(reviewer, "/resources", "resources")
    check("<th class=\"num\">194</th>" in reviewer.content() and "CQU-SEM-01" in reviewer.content(),
          "the resources page totals the 194 platforms (F16) and lists the shared instruments")
    # Last, as it renames a firm: a partial file changes only its columns, the preview lists each
    # field before and after and calls out the status change, which loads only when ticked.
    visit(reviewer, "/import", "import")
    uscc = href.rsplit("/", 1)[-1]
    csv = f"统一社会信用代码,企业名称,经营状态\r\n{uscc},浏览器检查改名有限公司,迁出\r\n".encode("gb18030")
    reviewer.select_option("select[name=kind]", "enterprises")
    reviewer.set_input_files("input[name=file]", files=[{"name": "部分列.csv", "mimeType": "text/csv", "buffer": csv}])
    reviewer.click("form[action='/import'] button[type=submit]")
    reviewer.wait_for_load_state()
    shot(reviewer, "import-preview")
    content = reviewer.content()
    check("经营状态变更 1 家" in content and "改动 2 个字段" in content and "浏览器检查改名有限公司" in content,
          "the import preview lists the changed fields and calls out the status change")
    reviewer.check("input[name=confirmStatus]")
    reviewer.click("form[action='/import/confirm'] button[type=submit]")
    reviewer.wait_for_load_state()
    shot(reviewer, "import-done")
    check("导入完成" in reviewer.content(), "the confirmed import loaded")
    visit(reviewer, href, "enterprise-after-import")
    check("浏览器检查改名有限公司" in reviewer.content(), "the firm carries its new name")
    # Every user's own account: password change and sessions (issue 19, item 2).
    visit(pages["auditor"], "/account", "account")
    check("修改密码" in pages["auditor"].content() and "当前" in pages["auditor"].content(), "the account page shows the password form and this session")
    # A published list (issue 23): columns found by their headers, rows matched, the other
    # district's row skipped, nothing written before the confirmation.
    visit(reviewer, "/enterprises?q=%E7%A7%91%E6%8A%80", "search-for-list")
    names = [a.inner_text().strip() for a in reviewer.locator("table a[href^='/enterprises/9']").all()[:3]]
    check(len(names) == 3, f"three firms to list ({names})")
    listed = "2024年重庆市专精特新中小企业名单（浏览器检查）\r\n序号,企业名称,所属区县\r\n" + "".join(f"{i + 1},{n},铜梁区\r\n" for i, n in enumerate(names)) + "4,璧山某某科技有限公司,璧山区\r\n"
    visit(reviewer, "/import/designations", "designation-import")
    reviewer.select_option("#f-designation", "specialized-sme")
    reviewer.fill("#f-batch", "2024-9")
    reviewer.fill("#f-issuedOn", "2024-06-01")
    reviewer.fill("#f-source", "浏览器检查名单")
    reviewer.set_input_files("#f-file", files=[{"name": "名单.csv", "mimeType": "text/csv", "buffer": listed.encode("gb18030")}])
    reviewer.click("form[action='/import/designations'] button[type=submit]")
    reviewer.wait_for_load_state()
    shot(reviewer, "designation-preview")
    check("其他区县 1" in reviewer.content() and "预览" in reviewer.content(), "the list's preview skips the other district's row")
    reviewer.click("form[action='/import/designations/confirm'] button[type=submit]")
    reviewer.wait_for_load_state()
    shot(reviewer, "designation-done")
    check("导入完成" in reviewer.content() and "已导入" in reviewer.locator("p.notice").first.inner_text(), "the confirmed list was imported, with a message")
    browser.close()
print(f"browser checks passed: {shots} pages, screenshots in {OUT}")
