#!/usr/bin/env bash
# The enterprise list page with 100,000 enterprises (issue: Foundation II, target p95 < 50 ms for a
# filtered page), measured with wrk on 127.0.0.1 against a release build, SQLite.
#
#   Benchmarks/ListPage/run.sh [enterprises=100000] [connections=16] [seconds=15]
#
# Needs wrk (apt-get install wrk). Prints the latency percentiles of each URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/web-bench.sh
n=${1:-100000}; conns=${2:-16}; secs=${3:-15}
work=$(mktemp -d); trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
swift build -c release --product kechuang >/dev/null 2>&1
bin=.build/release/kechuang
db="$work/bench.sqlite"
echo "seeding $n enterprises…"
/usr/bin/time -f "seeded in %e s" $bin demo --enterprises "$n" --database "$db"
KECHUANG_PASSWORD=bench-password-1 $bin user add bench --role bureauReviewer --database "$db" >/dev/null
bench_serve "$db"
bench_sign_in bench bench-password-1
for url in "/enterprises?town=500151003&offset=200" "/enterprises?designation=highTech" "/enterprises?industry=C38&chain=energy-storage" "/enterprises?q=%E5%82%A8%E8%83%BD" "/enterprises?offset=50000"; do
  bench_url "$url"
done
