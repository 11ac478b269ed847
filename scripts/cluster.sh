#!/usr/bin/env bash
# Three app nodes on one PostgreSQL behind HAProxy (round-robin, no stickiness), and the checks of issue #20:
#   scripts/cluster.sh [--clients 200] [--seats 500] [--fresh-seconds 5] [--no-build] [--release] [--keep]
# Starts PostgreSQL if needed, makes a fresh database, runs the nodes on loopback ports, drives them with
# scripts/cluster/driver.py (publish/search/cache on every node, sign-in and forms across nodes, a registration
# rush with node 2 killed by SIGKILL, mails and reminders once, node 2 restarted), prints a summary table and
# exits non-zero on any failure. Everything is stopped and the database dropped at the end (unless --keep).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

clients=200; seats=500; build=1; config=Debug; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients=$2; shift ;;
    --seats) seats=$2; shift ;;
    --fresh-seconds) fresh=$2; shift ;;
    --no-build) build=0 ;;
    --release) config=Release ;;
    --keep) keep=1 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

pg_base=${OUTREACH_CLUSTER_POSTGRES:-"Host=127.0.0.1;Port=5432;Username=outreach;Password=outreach"}
pg_user=outreach; pg_password=outreach
base_port=${OUTREACH_CLUSTER_PORT:-15080}
lb_port=$base_port; ports=($((base_port + 1)) $((base_port + 2)) $((base_port + 3)))
work=$(mktemp -d /tmp/outreach-cluster-XXXXXX)
db="outreach_cluster_$(date -u +%Y%m%d_%H%M%S)_$$"
pids=(); haproxy_pid=""

log() { echo "[cluster $(date -u +%H:%M:%S)] $*"; }

cleanup() {
  for pid in "${pids[@]}" $haproxy_pid $(cat "$work"/node*.pid 2>/dev/null); do kill "$pid" 2>/dev/null; done
  sleep 1
  for pid in "${pids[@]}" $haproxy_pid $(cat "$work"/node*.pid 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
  if [ "$keep" -eq 0 ]; then
    PGPASSWORD=$pg_password psql -h 127.0.0.1 -U $pg_user -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1
    rm -rf "$work"
  else
    log "kept: $work, database $db"
  fi
}
trap cleanup EXIT

# PostgreSQL: use the running server or start the local cluster.
if ! pg_isready -q -h 127.0.0.1; then
  cluster=$(pg_lsclusters -h 2>/dev/null | head -n 1 | awk '{print $1" "$2}')
  [ -n "$cluster" ] && pg_ctlcluster $cluster start 2>/dev/null
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
fi
pg_isready -q -h 127.0.0.1 || { log "PostgreSQL is not running"; exit 1; }
PGPASSWORD=$pg_password psql -h 127.0.0.1 -U $pg_user -d postgres -qc "CREATE DATABASE \"$db\"" || { log "cannot create database $db"; exit 1; }
connection="$pg_base;Database=$db"
pg_url="postgresql://$pg_user:$pg_password@127.0.0.1:5432/$db"

if [ "$build" -eq 1 ]; then
  log "building Outreach.Web ($config)"
  dotnet build src/Outreach.Web -c $config -v q -m:1 2>&1 | grep -E " error |rror\(s\)" | head -20
  [ "${PIPESTATUS[0]}" -eq 0 ] || { log "build failed"; exit 1; }
fi
app="$root/src/Outreach.Web/bin/$config/net10.0/Outreach.Web.dll"
[ -f "$app" ] || { log "not built: $app"; exit 1; }

# What every node shares: the database, the key that wraps the Data Protection key ring, the public origin
# (the balancer's address) and the media root. What each node keeps for itself: its data directory (Lucene
# index, mail pickup) and its node id.
export ASPNETCORE_ENVIRONMENT=Production
export Outreach__Database__Provider=Postgres
export ConnectionStrings__Outreach="$connection"
export Outreach__SeedDemo=false
export Outreach__PublicOrigin="http://127.0.0.1:$lb_port"
export Outreach__DataProtection__Key=$(head -c 32 /dev/urandom | base64)
export Outreach__Media__Root="$work/shared-media"
export Outreach__Proxy__KnownProxies__0=127.0.0.1
# Every client of the drill comes from 127.0.0.1: the per-IP flood limit would refuse the rush.
export Outreach__Registration__PerIpPerMinute=1000000
# The drill cannot wait ten minutes for the reminder sweep or fifteen seconds for the outbox.
export Outreach__Scheduler__Cron__SendRemindersJob="0/5 * * ? * *"
export Outreach__Scheduler__Cron__DeliverOutboxJob="0/3 * * ? * *"
export Outreach__Search__SettleMilliseconds=2000
export Logging__LogLevel__Default=Warning
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$work/shared-media"

cli() { Outreach__DataDir="$work/cli" dotnet "$app" "$@"; }
log "migrate, cluster site, admin token, one account (database $db)"
cli migrate >"$work/cli.log" 2>&1 || { cat "$work/cli.log"; exit 1; }
cat >"$work/cluster.recipe.json" <<'JSON'
{ "site": { "name": "cluster", "displayName": "集群演练", "prefix": "cluster", "modules": ["Pages", "Events", "Registration", "Search"] }, "steps": [] }
JSON
cli recipe run "$work/cluster.recipe.json" >>"$work/cli.log" 2>&1 || { cat "$work/cli.log"; exit 1; }
token=$(cli tokens create --site cluster --role SiteAdmin --name cluster 2>>"$work/cli.log" | tail -n 1 | tr -d '[:space:]')
user_email="zhou.mingyuan@example.cn"; user_password="Kepu-Cluster-2026!"
cli users create --email $user_email --password "$user_password" >>"$work/cli.log" 2>&1 || { cat "$work/cli.log"; exit 1; }

start_node() { # n port
  local n=$1 port=$2
  mkdir -p "$work/node$n"
  cat >"$work/node$n.sh" <<EOF
cd "$work"
Outreach__DataDir="$work/node$n" Outreach__Cluster__NodeId=node$n exec dotnet "$app" --urls http://127.0.0.1:$port >>"$work/node$n.log" 2>&1
EOF
  bash "$work/node$n.sh" &
  echo $! >"$work/node$n.pid"
}

log "starting 3 nodes on ports ${ports[*]}"
t0=$(date +%s.%N)
for n in 1 2 3; do start_node $n ${ports[$((n - 1))]}; done
for n in 1 2 3; do
  port=${ports[$((n - 1))]}
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break; sleep 0.2; done
  curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" || { log "node $n not ready"; tail -30 "$work/node$n.log"; exit 1; }
done
log "3 nodes ready after $(awk -v a="$(date +%s.%N)" -v b="$t0" "BEGIN{printf \"%.1f\", a-b}") s"

cat >"$work/haproxy.cfg" <<EOF
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    option forwardfor
    # A node that refuses the connection (killed) is skipped; a request it accepted is never replayed by the
    # balancer (POSTs are not idempotent): the client retries with its Idempotency-Key.
    retries 2
    option redispatch
    retry-on conn-failure
frontend outreach
    bind 127.0.0.1:$lb_port
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
    http-response set-header X-Served-By %s
    server node1 127.0.0.1:${ports[0]} check
    server node2 127.0.0.1:${ports[1]} check
    server node3 127.0.0.1:${ports[2]} check
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
haproxy_pid=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$lb_port/health/ready" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$lb_port/health/ready" || { log "HAProxy not answering"; cat "$work/haproxy.log"; exit 1; }

# Node 2's dotnet process (the one kill -9 hits) and how to bring it back.
node2_pid=$(cat "$work/node2.pid")
cat >"$work/restart-node2.sh" <<EOF
bash "$work/node2.sh" &
echo \$! >"$work/node2.pid"
wait
EOF

python3 scripts/cluster/driver.py --lb "http://127.0.0.1:$lb_port" \
  --nodes "http://127.0.0.1:${ports[0]}" "http://127.0.0.1:${ports[1]}" "http://127.0.0.1:${ports[2]}" \
  --token "$token" --pg-url "$pg_url" --work "$work" --user-email "$user_email" --user-password "$user_password" \
  --kill-pid "$node2_pid" --restart-node2 "$work/restart-node2.sh" --clients "$clients" --seats "$seats" --fresh-seconds "${fresh:-5}"
status=$?
errors=$(cat "$work"/node*.log | grep -cE "^fail:|Unhandled exception" || true)
log "node logs: $errors fail/unhandled lines (unique-index refusals of concurrent duplicates are expected)"
[ "$status" -eq 0 ] || { for n in 1 2 3; do echo "--- node $n (last 15 lines)"; tail -15 "$work/node$n.log"; done; }
exit $status
