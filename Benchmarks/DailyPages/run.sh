#!/usr/bin/env bash
# The pages issue 22 names (item 8: the policy-match pages and the pool under 100 ms in a release
# build at the demo's size) and the exports of item 2, against a release build on SQLite with the
# demo district. A policy page's first view computes its matches; later views read them from
# memory until the data changes, so the first view is timed apart from wrk's steady state.
#
#   Benchmarks/DailyPages/run.sh [connections=4] [seconds=10] [binary=.build/release/kechuang]
#
# Needs wrk (apt-get install wrk). Prints each URL's first-view time, then wrk's rate and
# latency percentiles, then each export's size and time.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/web-bench.sh
conns=${1:-4}; secs=${2:-10}; bin=${3:-.build/release/kechuang}
work=$(mktemp -d); trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
[ -x "$bin" ] || swift build -c release --product kechuang >/dev/null 2>&1
db="$work/bench.sqlite"
# The demo district as `serve` seeds it (cash-out round, programmes, pool), signed in as its administrator.
$bin serve --port 8099 --database "$db" >"$work/serve.log" 2>&1 & server=$!
for _ in $(seq 1 600); do curl -sf http://127.0.0.1:8099/readyz >/dev/null && break; sleep 0.5; done
bench_sign_in admin demo-admin-2024
for url in /cashout/policies/tl-hte-first /cashout/policies/tl-rd-growth /cashout/policies/tl-specialized; do
  printf '%-50s first view %s s\n' "$url" "$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: kc_session=$session" "http://127.0.0.1:8099$url")"
done
for url in /cashout/policies/tl-hte-first /pool "/pool?view=candidates" /audit "/cashout/applications?status=paid&sort=amount" /enterprises /statistics /; do
  bench_url "$url"
done
for url in "/audit/export" "/cashout/applications/export" "/enterprises/export" "/loans/export"; do
  printf '%-50s %s\n' "$url" "$(curl -s -o /dev/null -w '%{http_code} %{size_download} bytes in %{time_total} s' -H "Cookie: kc_session=$session" "http://127.0.0.1:8099$url")"
done
