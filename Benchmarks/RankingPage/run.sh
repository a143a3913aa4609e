#!/usr/bin/env bash
# The innovation-points ranking page of one stage at 1,000,000 enterprises (issue: innovation
# points, target p95 < 50 ms), measured with wrk on 127.0.0.1 against a release build, SQLite.
# The district is the demo generator's, scored by `kechuang points compute` like a real one.
#
#   Benchmarks/RankingPage/run.sh [enterprises=1000000] [connections=16] [seconds=15] [database]
#
# A database path keeps the seeded and scored district between runs (it is built when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/web-bench.sh
n=${1:-1000000}; conns=${2:-16}; secs=${3:-15}
work=$(mktemp -d); trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
db=${4:-$work/bench.sqlite}
swift build -c release --product kechuang >/dev/null 2>&1
bin=.build/release/kechuang
if [ ! -s "$db" ]; then
  echo "seeding $n enterprises…"
  /usr/bin/time -f "seeded in %e s" $bin demo --enterprises "$n" --database "$db"
  /usr/bin/time -f "scored in %e s" $bin points compute --period 2023 --database "$db"
fi
# The account may exist from an earlier run on a kept database.
KECHUANG_PASSWORD=bench-password-1 $bin user add bench --role bureauReviewer --database "$db" >/dev/null 2>&1 || true
bench_serve "$db"
bench_sign_in bench bench-password-1
for stage in 0 1 2; do
  size=$(sqlite3 "$db" "SELECT COUNT(*) FROM points_scores WHERE run_id = (SELECT MAX(id) FROM points_runs) AND stage = $stage")
  last=$(( size > 50 ? (size - 1) / 50 : 0 ))
  echo "stage $stage: $size firms, $((last + 1)) pages"
  for page in 0 $((last / 2)) $last; do bench_url "/points?stage=$stage&page=$page"; done
done
