#!/usr/bin/env bash
# The deployment of docs/deploy.md on one machine, on 127.0.0.1: two Kechuang instances on one
# PostgreSQL database behind nginx (the same upstream block as deploy/nginx.conf, without TLS).
# Then it checks what an operator relies on:
#   1. a session made through nginx works on both instances (requests land on each);
#   2. an instance killed with SIGKILL costs no request: nginx retries the other;
#   3. a restarted instance joins again; with --bench, the read-heavy mix through both
#      instances is measured against one instance alone.
#
#   deploy/two-instances.sh postgres://user:pw@127.0.0.1:5432/db?sslmode=disable [--bench]
# The database should be empty (the first instance seeds the demo district into it) or a demo
# database from an earlier run. Needs nginx, curl, python3 (and wrk for --bench).
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?a postgres:// URL}; bench=${2:-}
bin=${KECHUANG_BIN:-$(pwd)/.build/release/kechuang}
[ -x "$bin" ] || { echo "build first: swift build -c release --product kechuang"; exit 1; }
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; nginx -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null || true; }
trap cleanup EXIT
a=8281; b=8282; front=8280

start() {  # start PORT: an instance, waiting until it is ready
  (cd "$work" && KECHUANG_DATABASE_URL="$url" exec "$bin" serve --port "$1" > "$work/instance-$1.log" 2>&1) &
  pids+=($!); eval "pid_$1=$!"
  for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return 0; sleep 0.5; done
  echo "instance $1 did not become ready"; tail -n 20 "$work/instance-$1.log"; exit 1
}
echo "== starting instance A on $a (seeds the demo district into an empty database)"
start $a
echo "== starting instance B on $b"
start $b

mkdir -p "$work/logs"
sed -e "s/127.0.0.1:8081/127.0.0.1:$a/; s/127.0.0.1:8082/127.0.0.1:$b/" deploy/nginx.conf \
  | awk '/^server \{/{skip=1} !skip{print} /^\}/{if(skip){skip=0}}' > "$work/upstream.conf"
cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
    $(cat "$work/upstream.conf")
    server {
        listen 127.0.0.1:$front;
        location / {
            proxy_pass http://kechuang;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_connect_timeout 2s;
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
        }
    }
}
NGINX
nginx -p "$work" -c "$work/nginx.conf"
echo "== nginx on $front in front of both"

python3 - "$front" "$work" "$a" "$b" <<'PY'
import http.cookiejar, os, re, signal, sys, time, urllib.request
front, work, a, b = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
base = f"http://127.0.0.1:{front}"
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(base + "/login").read().decode()
csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
data = f"_csrf={csrf}&username=reviewer&password=demo-reviewer-2024&next=/".encode()
opener.open(urllib.request.Request(base + "/login", data=data)).read()
def lines(port):
    return open(f"{work}/instance-{port}.log").read().count("route=/enterprises ")
def load(n):
    for _ in range(n):
        r = opener.open(base + "/enterprises?page=1")
        assert r.status == 200 and "/login" not in r.url, f"{r.status} {r.url}"
before = (lines(a), lines(b))
load(40)
served = (lines(a) - before[0], lines(b) - before[1])
print(f"1. one session, 40 pages through nginx: instance A served {served[0]}, B served {served[1]}")
assert served[0] > 0 and served[1] > 0, "both instances serve the same session"
PY
echo "== killing instance A with SIGKILL"
kill -9 "$pid_8281"
python3 - "$front" "$work" <<'PY'
import http.cookiejar, re, sys, urllib.request
front, work = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{front}"
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(base + "/login").read().decode()
csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
opener.open(urllib.request.Request(base + "/login", data=f"_csrf={csrf}&username=reviewer&password=demo-reviewer-2024&next=/".encode())).read()
ok = sum(1 for _ in range(40) if opener.open(base + "/enterprises?page=1").status == 200)
print(f"2. with A killed: {ok} of 40 pages answered 200")
assert ok == 40
PY
echo "== restarting A"
start $a
sleep 6   # nginx's fail_timeout (5 s) for the killed A has passed
python3 - "$front" "$work" "$a" <<'PY'
import sys, urllib.request
front, work, a = sys.argv[1], sys.argv[2], sys.argv[3]
def lines():
    return open(f"{work}/instance-{a}.log").read().count("route=/readyz")
before = lines()
ok = sum(1 for _ in range(20) if urllib.request.urlopen(f"http://127.0.0.1:{front}/readyz").status == 200)
served = lines() - before
print(f"3. A restarted: {ok} of 20 requests answered, {served} of them by A")
assert ok == 20 and served > 0, "the restarted instance serves again"
PY

if [ "$bench" = "--bench" ]; then
  token=$(curl -s -X POST "http://127.0.0.1:$front/api/v1/sessions" -H 'Content-Type: application/json' \
    -d '{"username":"reviewer","password":"demo-reviewer-2024"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  for target in "one instance (direct):127.0.0.1:$a" "two instances (nginx):127.0.0.1:$front"; do
    name=${target%%:127*}; host=${target#*:}
    printf '%-24s ' "$name"
    wrk -t2 -c64 -d10s -H "Authorization: Bearer $token" "http://$host/api/v1/enterprises?pageSize=20" | grep -E "Requests/sec" | tr -s ' '
  done
fi
echo "== two-instance topology checks passed"
