#!/usr/bin/env bash
# One benchmark run, side by side with its references (issue #18):
#   the app (Release, fresh data dir, SQLite demo) ─ nginx serving the same rendered event page from disk ─
#   pgbench with a single-row UPDATE on the same PostgreSQL ─ optionally the registration rush.
# Prints one table (absolute figures, ratios, RSS, start-to-first-page) and writes JSON to bench-results/.
#
#   scripts/bench.sh                 pages, APIs, references (about 4 minutes incl. the build)
#   BENCH_RUSH=1 scripts/bench.sh    also the rush on SQLite and PostgreSQL (about 3 more minutes)
# Environment: BENCH_DURATION (wrk seconds, 10), BENCH_CONNECTIONS (64), BENCH_PG (libpq connection URI),
# BENCH_RUSH_ARGS ("5000 200 1000": requests, clients, seats), BENCH_NO_BUILD=1 to reuse the last Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
DURATION=${BENCH_DURATION:-10}
CONNS=${BENCH_CONNECTIONS:-64}
PG=${BENCH_PG:-postgresql://outreach:outreach@127.0.0.1:5432/postgres}
APP_PORT=${BENCH_APP_PORT:-5091}
NGINX_PORT=${BENCH_NGINX_PORT:-5092}
WORK=$(mktemp -d /tmp/outreach-bench-XXXXXX); chmod 755 "$WORK" # nginx workers read www/ as www-data
RESULTS=$REPO/bench-results
mkdir -p "$RESULTS"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
APP_PID=""; NGINX_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  echo "== build (Release)"
  dotnet build src/Outreach.Web -c Release -m:1 -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
fi
DLL=$REPO/src/Outreach.Web/bin/Release/net10.0/Outreach.Web.dll

echo "== app: fresh data dir, demo sites"
START_NS=$(date +%s%N)
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$APP_PORT \
  Outreach__DataDir=$WORK/data Outreach__PublicOrigin=http://127.0.0.1:$APP_PORT \
  Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true \
  env Logging__LogLevel__Outreach.Startup=Information Logging__LogLevel__Outreach.Core.Hosting.DemoSeeder=Information \
  dotnet "$DLL" >"$WORK/app.log" 2>&1 &
APP_PID=$!
BASE=http://127.0.0.1:$APP_PORT
for _ in $(seq 1 600); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/carnival/" || true)
  [ "$code" = 200 ] && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 0.1
done
FIRST_PAGE_S=$(awk "BEGIN{printf \"%.1f\", ($(date +%s%N)-$START_NS)/1e9}")
echo "first page after ${FIRST_PAGE_S}s"
# Where the start went (process start → built, migrated, demo applied, listening): the app's own timestamps.
grep -E "Start: |Demo recipe " "$WORK/app.log" | sed -E 's/^[a-z]+: [A-Za-z.]+\[[0-9]+\] /  /' || true
sleep 2
RSS_IDLE=$(awk '/VmRSS/{print int($2/1024)}' /proc/$APP_PID/status)

# The carnival's first event: the page nginx serves too.
EVENT_URL=$(curl -s "$BASE/carnival/api/v1/events?pageSize=1" -o "$WORK/events.json"; python3 -c 'import json,sys,urllib.parse as u; print(u.urlparse(json.load(open(sys.argv[1]))["items"][0]["url"]).path)' "$WORK/events.json")
echo "event page: $EVENT_URL"
mkdir -p "$WORK/www"
curl -s "$BASE$EVENT_URL" >"$WORK/www/event.html"
cat >"$WORK/nginx.conf" <<EOF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; location / { try_files /event.html =404; } }
}
EOF
nginx -c "$WORK/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
sleep 0.5

cat >"$WORK/uncached.lua" <<'EOF'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?nocache=" .. counter .. "-" .. math.random(1, 1000000000))
end
EOF

declare -A RPS P99
run_wrk() { # name url [script]
  local name=$1 url=$2 script=${3:-}
  local out
  if [ -n "$script" ]; then out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$script" "$url"); else out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$url"); fi
  RPS[$name]=$(echo "$out" | awk '/Requests\/sec/{printf "%d", $2}')
  P99[$name]=$(echo "$out" | awk '$1=="99%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.1f", v}')
  local errors; errors=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  echo "$name: ${RPS[$name]} req/s, p99 ${P99[$name]} ms${errors:+, non-2xx $errors}"
}

echo "== wrk -t2 -c$CONNS -d${DURATION}s"
run_wrk nginx "http://127.0.0.1:$NGINX_PORT$EVENT_URL"
run_wrk health "$BASE/health"
curl -s -o /dev/null "$BASE$EVENT_URL"; curl -s -o /dev/null "$BASE/carnival/"
run_wrk event_cached "$BASE$EVENT_URL"
run_wrk home_cached "$BASE/carnival/"
run_wrk event_uncached "$BASE$EVENT_URL" "$WORK/uncached.lua"
run_wrk events_api "$BASE/carnival/api/v1/events"
run_wrk search_api "$BASE/carnival/api/v1/search?q=%E7%A7%91%E6%99%AE"
RSS_LOAD=$(awk '/VmHWM/{print int($2/1024)}' /proc/$APP_PID/status)

echo "== pgbench: one-row UPDATE, 16 clients"
DB=outreach_bench_$$
psql "$PG" -qc "CREATE DATABASE $DB" >/dev/null
PGDB=${PG%/*}/$DB
psql "$PGDB" -qc "CREATE TABLE seat(id int PRIMARY KEY, taken int NOT NULL); INSERT INTO seat VALUES (1, 0);" >/dev/null
echo 'UPDATE seat SET taken = taken + 1 WHERE id = 1;' >"$WORK/update.sql"
PGBENCH_TPS=$(pgbench -n -c 16 -j 2 -T "$DURATION" -f "$WORK/update.sql" "$PGDB" 2>/dev/null | awk '/^tps/{printf "%d", $3}')
psql "$PG" -qc "DROP DATABASE $DB" >/dev/null
echo "pgbench: $PGBENCH_TPS tps"

kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

RUSH_JSON="null"
if [ "${BENCH_RUSH:-0}" = 1 ]; then
  echo "== rush (tests/Outreach.Benchmarks)"
  read -r -a RA <<<"${BENCH_RUSH_ARGS:-5000 200 1000}"
  export OUTREACH_BENCH_POSTGRES=${OUTREACH_BENCH_POSTGRES:-"Host=127.0.0.1;Port=5432;Username=outreach;Password=outreach"}
  dotnet run -c Release --project tests/Outreach.Benchmarks -- rush both "${RA[@]}" | tee "$WORK/rush.txt" || true
  RUSH_JSON=$(python3 - "$WORK/rush.txt" "$PGBENCH_TPS" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read(); pg = int(sys.argv[2] or 0); out = {}
for label, body in re.findall(r"^(\w+): \d+ requests.*?\n((?:  .*\n)+)", text, re.M):
    num = lambda rx: float(m.group(1)) if (m := re.search(rx, body)) else None
    out[label] = {"accepted_per_s": num(r"= ([\d.]+) accepted/s"), "answers_per_s": num(r"all answers ([\d.]+) requests/s"),
                  "p50_ms": num(r"p50 ([\d.]+) ms"), "p99_ms": num(r"p99 ([\d.]+) ms"),
                  "oversold": num(r"oversold seats (-?\d+)"), "missing": num(r"acknowledged-but-missing (\d+)")}
    if pg and out[label]["accepted_per_s"]: out[label]["vs_pgbench"] = round(out[label]["accepted_per_s"] / pg, 3)
out["ok"] = "RESULT: ok" in text
print(json.dumps(out))
PY
)
fi

pct() { awk "BEGIN{ if ($2 > 0) printf \"%.1f\", 100*$1/$2; else print \"-\" }"; }
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "| target | req/s | p99 ms | vs nginx |"
  echo "|---|---|---|---|"
  for k in nginx health event_cached home_cached event_uncached events_api search_api; do
    echo "| $k | ${RPS[$k]} | ${P99[$k]} | $(pct "${RPS[$k]}" "${RPS[nginx]}") % |"
  done
  echo "| pgbench one-row UPDATE (16 clients) | $PGBENCH_TPS tps | | |"
  echo
  echo "RSS idle ${RSS_IDLE} MB, peak under load ${RSS_LOAD} MB; start to first page ${FIRST_PAGE_S} s; load average at end: $LOAD"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%d GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version)"
} | tee "$WORK/table.md"
if [ -f "$WORK/rush.txt" ]; then echo "rush: $RUSH_JSON"; fi

python3 - "$RESULTS/bench-$STAMP.json" <<EOF
import json, sys
rps = {$(for k in "${!RPS[@]}"; do printf '"%s": %s, ' "$k" "${RPS[$k]:-0}"; done)}
p99 = {$(for k in "${!P99[@]}"; do printf '"%s": %s, ' "$k" "${P99[$k]:-0}"; done)}
nginx = rps.get("nginx") or 1
json.dump({
  "when": "$STAMP", "machine": {"cores": $(nproc), "load": "$LOAD"}, "wrk": "-t2 -c$CONNS -d${DURATION}s",
  "rps": rps, "p99_ms": p99, "vs_nginx": {k: round(v / nginx, 4) for k, v in rps.items()},
  "pgbench_tps": $PGBENCH_TPS, "rss_idle_mb": $RSS_IDLE, "rss_peak_mb": $RSS_LOAD, "first_page_s": $FIRST_PAGE_S,
  "rush": json.loads("""$RUSH_JSON"""),
}, open(sys.argv[1], "w"), indent=2)
EOF
echo "written: bench-results/bench-$STAMP.json"
