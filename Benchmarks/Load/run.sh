#!/usr/bin/env bash
# Load benchmark (issue: production readiness, item 7): wrk on 127.0.0.1 against one release
# instance on SQLite with the demo district — the enterprise page, a bank reading a consenting
# firm's points over the API, and sign-in — each beside /ping, a hello-world route of the same
# server measured in the same run as the ceiling. Prints requests/s, p50/p99 and the ratio.
#
#   Benchmarks/Load/run.sh [connections=64] [seconds=10] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
conns=${1:-64}; secs=${2:-10}; rounds=${3:-3}
work=$(mktemp -d); server=""
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
swift build -c release --product kechuang >/dev/null 2>&1
bin=$(pwd)/.build/release/kechuang
port=8097
(cd "$work" && exec "$bin" serve --port $port > "$work/serve.log" 2>&1) & server=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
base="http://127.0.0.1:$port"

token() { curl -s -X POST "$base/api/v1/sessions" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'; }
bank=$(token bank demo-bank-2024)
# The page is read as a browser does, with a session cookie.
page=$(curl -s -c "$work/jar" "$base/login")
csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1)
curl -s -b "$work/jar" -c "$work/jar" -o /dev/null -d "_csrf=$csrf&username=admin&password=demo-admin-2024&next=/" "$base/login"
session=$(awk '$6=="kc_session"{print $7}' "$work/jar")
firm=$(sqlite3 "$work/kechuang.sqlite" "SELECT uscc FROM consents WHERE bank_code = (SELECT b.bank_code FROM bank_officers b JOIN users u ON u.id = b.user_id WHERE u.username = 'bank') AND revoked_at IS NULL AND scopes LIKE '%points%' AND valid_to >= date('now') LIMIT 1")
[ -n "$firm" ] || firm=$(sqlite3 "$work/kechuang.sqlite" "SELECT uscc FROM consents WHERE bank_code = (SELECT b.bank_code FROM bank_officers b JOIN users u ON u.id = b.user_id WHERE u.username = 'bank') AND revoked_at IS NULL LIMIT 1")
cat > "$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("%.0f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
cat > "$work/login.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"username":"reviewer","password":"demo-reviewer-2024"}'
wrk.headers["Content-Type"] = "application/json"
LUA
cat "$work/report.lua" >> "$work/login.lua"

# run NAME SCRIPT [wrk args…] → "rps p50 p99 errors"
measure() { local script=$1; shift; wrk -t2 -c"$conns" -d"${secs}s" -s "$script" "$@" | tail -n 1; }
line() {  # line NAME RESULT CEILING
  read -r rps p50 p99 errors <<<"$2"; read -r crps _ _ _ <<<"$3"
  printf '%-34s %8s req/s  p50 %6s ms  p99 %6s ms  errors %s  %5.1f%% of /ping (%s req/s)\n' "$1" "$rps" "$p50" "$p99" "$errors" \
    "$(echo "scale=1; 100 * $rps / $crps" | bc)" "$crps"
}
echo "== $conns connections, ${secs}s each, release build, SQLite, demo district (firm $firm)"
echo "   each target alternates with /ping $rounds times (wrk shares the 2 cores, so single runs swing ±15%); the median round is the figure"
target_run() {
  case $1 in
    points) measure "$work/report.lua" -H "Authorization: Bearer $bank" "$base/api/v1/bank/enterprises/$firm/points" ;;
    page)   measure "$work/report.lua" -H "Cookie: kc_session=$session" "$base/enterprises/$firm" ;;
    login)  measure "$work/login.lua" "$base/api/v1/sessions" ;;
  esac
}
for target in points page login; do
  case $target in
    points) name="GET bank points API" ;;
    page)   name="GET enterprise page (/enterprises/…)" ;;
    login)  name="POST /api/v1/sessions (bcrypt)" ;;
  esac
  results=()
  for round in $(seq 1 "$rounds"); do
    ceiling=$(measure "$work/report.lua" "$base/ping")
    result=$(target_run $target)
    read -r rps _ _ _ <<<"$result"; read -r crps _ _ _ <<<"$ceiling"
    results+=("$(echo "scale=4; $rps / $crps" | bc) $result|$ceiling")
    line "  round $round: $name" "$result" "$ceiling"
  done
  median=$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (rounds + 1) / 2 ))p")
  line "$name (median)" "$(cut -d' ' -f2- <<<"${median%%|*}")" "${median##*|}"
done
