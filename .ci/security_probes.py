"""Live probes of issue 19 against a running demo instance (KECHUANG_URL), run by .ci/e2e:
one door per client (a page's cookie never opens the API through //api), a stranger's failed
sign-ins never lock the owner out, and a formula typed into a firm's name leaves every export as
text. Exit 1 on the first failure."""
import io
import json
import os
import sys
import urllib.error
import urllib.request

import openpyxl

BASE = os.environ.get("KECHUANG_URL", "http://127.0.0.1:8181")


def check(ok, what):
    if not ok:
        print("FAIL:", what)
        sys.exit(1)
    print("ok:", what)


def request(path, method="GET", body=None, headers=None):
    req = urllib.request.Request(BASE + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def sign_in(user, password, address):
    body = json.dumps({"username": user, "password": password}).encode()
    return request("/api/v1/sessions", "POST", body, {"Content-Type": "application/json", "X-Forwarded-For": address})


# A browser session: the cookie from the sign-in form.
status, headers, page = request("/login")
form_cookie = [c for c in headers.get_all("Set-Cookie") or [] if c.startswith("kc_form=")]
check(status == 200 and form_cookie, "the sign-in page sets its form cookie")
cookie = form_cookie[0].split(";")[0].strip()
token = page.decode().split('name="_csrf" value="')[1].split('"')[0]
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
data = f"_csrf={token}&username=admin&password=demo-admin-2024&next=%2F".encode()
req = urllib.request.Request(BASE + "/login", data=data, method="POST",
                             headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


try:
    urllib.request.build_opener(NoRedirect).open(req, timeout=30)
    session = None
except urllib.error.HTTPError as e:
    session = [c.split(";")[0] for c in e.headers.get_all("Set-Cookie") if c.startswith("kc_session=")]
check(session, "the admin signs in with the form")
for path in ["//api/v1/me", "/api//v1/me", "/./api/v1/me", "/%61pi/v1/me"]:
    status, _, body = request(path, headers={"Cookie": session[0]})
    check(status == 404 and b"admin" not in body, f"{path} with a page's cookie → {status}, never the API as the admin")
status, _, _ = request("/api/v1/me", headers={"Cookie": session[0]})
check(status == 401, f"/api/v1/me takes bearer tokens only ({status} with the cookie)")

# A stranger guessing the approver's name is slowed; the approver, elsewhere, is not.
codes = [sign_in("approver", f"guess-{n}-wrong", "203.0.113.99")[0] for n in range(5)]
check(codes[:3] == [401, 401, 401] and 429 in codes[3:], f"the stranger is slowed after three failures ({codes})")
status, _, _ = sign_in("approver", "demo-approver-2024", "198.51.100.99")
check(status == 201, f"the approver signs in from another address at once ({status})")
codes = [sign_in(name, "wrong-password-1", "203.0.113.98")[0] for name in ["nobody-such", "approver"] for _ in range(4)]
check(codes[:4] == codes[4:], f"an unknown name answers as a known one ({codes})")

# A formula in a firm's name leaves the export as text.
status, _, body = sign_in("admin", "demo-admin-2024", "198.51.100.98")
bearer = json.loads(body)["token"]
auth = {"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"}
status, _, body = request("/api/v1/enterprises?pageSize=1", headers=auth)
uscc = json.loads(body)["items"][0]["enterprise"]["uscc"]
status, _, body = request(f"/api/v1/enterprises/{uscc}", headers=auth)
firm = json.loads(body)["enterprise"]
original = firm["name"]
firm["name"] = '=HYPERLINK("http://evil.example","点我")'
firm.pop("uscc", None)
status, _, body = request(f"/api/v1/enterprises/{uscc}", "PUT", json.dumps(firm).encode(), auth)
check(status == 200, f"a name starting with = is stored as typed ({status} {body[:200]})")
status, headers, body = request("/enterprises/export?q=HYPERLINK", headers={"Cookie": session[0]})
check(status == 200 and headers.get("Cache-Control") == "no-store", f"the export answers, not cached ({status}, {headers.get('Cache-Control')})")
sheet = openpyxl.load_workbook(io.BytesIO(body)).active
cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
check(cells and all(c.data_type == "s" and c.quotePrefix for c in cells), f"the name is quoted text in the XLSX export ({len(cells)} cells)")
firm["name"] = original
request(f"/api/v1/enterprises/{uscc}", "PUT", json.dumps(firm).encode(), auth)
# A sign-in flood: a hundred wrong passwords at once, each from its own address so every one costs
# a bcrypt check, while /healthz is asked again and again: the checks run on their own bounded
# pool, so the threads that serve requests stay free (p99 under 50 ms).
import threading
import time


def guess(i):
    sign_in(f"flood-{i}", "wrong-password-1", f"10.77.{i // 200}.{i % 200 + 1}")


threads = [threading.Thread(target=guess, args=(i,)) for i in range(100)]
for t in threads:
    t.start()
latencies = []
while any(t.is_alive() for t in threads):
    started = time.perf_counter()
    request("/healthz")
    latencies.append(time.perf_counter() - started)
    time.sleep(0.01)
for t in threads:
    t.join()
latencies.sort()
p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000
check(len(latencies) >= 20 and p99 < 50, f"/healthz during a sign-in flood: {len(latencies)} probes, p50 {latencies[len(latencies) // 2] * 1000:.1f} ms, p99 {p99:.1f} ms")
print("security probes passed")
