#!/usr/bin/env bash
# The enterprise list page with 100,000 enterprises (issue: Foundation II, target p95 < 50 ms for a
# filtered page), measured with wrk on 127.0.0.1 against a release build, SQLite.
#
#   Benchmarks/ListPage/run.sh [enterprises=100000] [connections=16] [seconds=15]
#
# Needs wrk (apt-get install wrk). Prints the latency percentiles of each URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}; conns=${2:-16}; secs=${3:-15}
work=$(mktemp -d); trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
swift build -c release --product kechuang >/dev/null
bin=.build/release/kechuang
db="$work/bench.sqlite"
echo "seeding $n enterprises…"
/usr/bin/time -f "seeded in %e s" $bin demo --enterprises "$n" --database "$db"
KECHUANG_PASSWORD=bench-password-1 $bin user add bench --role bureauReviewer --database "$db" >/dev/null
$bin serve --no-demo --port 8099 --database "$db" >"$work/serve.log" 2>&1 & server=$!
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:8099/healthz >/dev/null && break; sleep 0.2; done

# Sign in like a browser: the form token and its cookie, then the session cookie.
page=$(curl -s -c "$work/jar" http://127.0.0.1:8099/login)
token=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1)
curl -s -b "$work/jar" -c "$work/jar" -o /dev/null -d "_csrf=$token&username=bench&password=bench-password-1&next=/" http://127.0.0.1:8099/login
session=$(awk '$6=="kc_session"{print $7}' "$work/jar")
[ -n "$session" ] || { echo "sign-in failed"; exit 1; }

cat >"$work/p.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
for url in "/enterprises?town=500151003&offset=200" "/enterprises?designation=highTech" "/enterprises?industry=C38&chain=energy-storage" "/enterprises?q=%E5%82%A8%E8%83%BD" "/enterprises?offset=50000"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: kc_session=$session" "http://127.0.0.1:8099$url")
  printf '%-50s HTTP %s  ' "$url" "$status"
  wrk -t2 -c"$conns" -d"${secs}s" -s "$work/p.lua" -H "Cookie: kc_session=$session" "http://127.0.0.1:8099$url" | tail -n 1
done
