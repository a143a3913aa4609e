# Shared by the page benchmarks: start a release server on a database, sign in like a browser,
# and measure URLs with wrk. Source it, then call bench_serve, bench_sign_in and bench_url.
# Needs wrk (apt-get install wrk).

# bench_serve DB: starts `kechuang serve --no-demo` on port 8099 and waits for /healthz.
bench_serve() {
  $bin serve --no-demo --port 8099 --database "$1" >"$work/serve.log" 2>&1 & server=$!
  for _ in $(seq 1 100); do curl -sf http://127.0.0.1:8099/healthz >/dev/null && return 0; sleep 0.2; done
  echo "the server did not start"; cat "$work/serve.log"; exit 1
}

# bench_sign_in USER PASSWORD: the form token and its cookie, then the session cookie in $session.
bench_sign_in() {
  local page token
  page=$(curl -s -c "$work/jar" http://127.0.0.1:8099/login)
  token=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1)
  curl -s -b "$work/jar" -c "$work/jar" -o /dev/null -d "_csrf=$token&username=$1&password=$2&next=/" http://127.0.0.1:8099/login
  session=$(awk '$6=="kc_session"{print $7}' "$work/jar")
  [ -n "$session" ] || { echo "sign-in failed"; exit 1; }
  cat >"$work/p.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
}

# bench_url PATH: its status once, then wrk's rate and latency percentiles.
bench_url() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: kc_session=$session" "http://127.0.0.1:8099$1")
  printf '%-50s HTTP %s  ' "$1" "$status"
  wrk -t2 -c"$conns" -d"${secs}s" -s "$work/p.lua" -H "Cookie: kc_session=$session" "http://127.0.0.1:8099$1" | tail -n 1
}
