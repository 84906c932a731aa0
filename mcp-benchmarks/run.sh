#!/usr/bin/env bash
# Runs the mcpkit HTTP load scenarios and prints one markdown table (also written to
# mcp-benchmarks/target/bench/results.md). See docs/benchmarks.md.
#
# Knobs (environment):
#   WARMUP=60        seconds of load on each freshly started server before measuring
#   DURATION=15      seconds per measurement
#   RUNS=3           runs; the table shows medians
#   CONNS="16 64"    connection counts for scenarios 1-4
#   SERVERS="undertow jetty"  transports for scenarios 1-3
#   PEERS="sdk-session sdk-stateless sdk-modern quarkus quarkus-nonblocking jetty-raw"
#                    other servers in the same run, each in its own JVM (see peers/ and
#                    docs/benchmarks.md); PEERS=none runs none of them. sdk-*: the official MCP Java
#                    SDK on the same Jetty (2025 session stack, 2025 stateless transport, 2026-07-28
#                    modern stack); quarkus: Quarkus' MCP server, worker-thread tool; quarkus-nonblocking:
#                    the same app, @NonBlocking tool; jetty-raw: a plain servlet answering the fixed
#                    reply (a second ceiling). Built on demand from mcp-benchmarks/peers/ (not modules
#                    of the root reactor)
#   STREAMS=10000    open listen streams (scenario 5); SESSIONS=10000 idle sessions (scenario 6)
#   WRK_THREADS=2    wrk threads
#   SERVER_JVM_OPTS  server JVM flags (default below); BENCH_EXECUTOR=inline runs tool handlers
#                    on the transport's thread instead of the library's default pool
#   SCENARIOS=all    "load" runs only scenarios 1-4, "memory" only scenarios 5 and 6
#   OBSERVE=none     observers on the MCP servers of scenarios 1-3, one pass each: "none" (nothing
#                    attached), "observed" (Micrometer + OpenTelemetry SDK, every span sampled),
#                    "observed-ratio" (the same, 10% of traces sampled, parent based), "metrics",
#                    "tracing", "tracing-ratio", "tracing-noop" (OpenTelemetry.noop()), "observed+mdc", e.g.
#                    OBSERVE="none observed" compares them; an observed server is listed as
#                    "<server>+<observers>"
#   HISTOGRAM=1      the memory scenarios' server writes a class histogram (after GC) to
#                    target/bench/histogram-<streams|sessions>-<n>.txt on each heap reading;
#                    HEAPDUMP=1 also a heap dump of the live objects (.hprof) beside it
#   STORE=memory     where the mcpkit servers keep sessions, events and buses, one pass each: "memory"
#                    (the in-memory defaults) or "redis" (mcp-redis on a redis-server this script starts
#                    on a free loopback port; needs redis-server and redis-cli on the PATH). With redis
#                    the listen-stream scenario runs on two instances sharing it (the notification is
#                    published on the first, counted on the last stream of either), and the session
#                    scenario also reports Redis's used_memory per session; e.g. STORE="memory redis"
#   AUTH=off         bearer-token auth on the mcpkit servers of scenarios 1-3, one pass each: "off" or
#                    "on" (an OAuth resource server: JwtAuthenticator on the keys of a mock-oauth2-server
#                    this script starts on a free loopback port (interop/auth-server.sh), scope "mcp";
#                    wrk sends a token this script obtained from it); an authenticated server is listed
#                    as "<server>+auth", e.g. AUTH="off on" compares them (the memory scenarios run off)
#   SKIP_BUILD=1     reuse the last build; MVN_ARGS extra Maven arguments (e.g. -Dmaven.repo.local=...)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-15}"
RUNS="${RUNS:-3}"
CONNS="${CONNS:-16 64}"
SERVERS="${SERVERS:-undertow jetty}"
ALL_PEERS="sdk-session sdk-stateless sdk-modern quarkus quarkus-nonblocking jetty-raw"
PEERS="${PEERS:-$ALL_PEERS}"
[ "$PEERS" = none ] && PEERS=""
for p in $PEERS; do
  case " $ALL_PEERS " in *" $p "*) ;; *) echo "[bench] unknown PEERS value $p (known: $ALL_PEERS, or none)" >&2; exit 2 ;; esac
done
is_peer() { case " $ALL_PEERS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
STREAMS="${STREAMS:-10000}"
SESSIONS="${SESSIONS:-10000}"
WRK_THREADS="${WRK_THREADS:-2}"
SERVER_JVM_OPTS="${SERVER_JVM_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch -Dorg.slf4j.simpleLogger.defaultLogLevel=warn}"
DRIVER_JVM_OPTS="${DRIVER_JVM_OPTS:--Xmx512m -XX:+UseSerialGC}"
BENCH_EXECUTOR="${BENCH_EXECUTOR:-default}"
SCENARIOS="${SCENARIOS:-all}"
OBSERVE="${OBSERVE:-none}"
for o in $OBSERVE; do
  case "$o" in none|metrics|tracing|tracing-ratio|tracing-noop|observed|observed-ratio|observed+mdc) ;; *) echo "[bench] unknown OBSERVE value $o" >&2; exit 2 ;; esac
done
STORE="${STORE:-memory}"
for s in $STORE; do
  case "$s" in memory|redis) ;; *) echo "[bench] unknown STORE value $s (memory or redis)" >&2; exit 2 ;; esac
done
AUTH="${AUTH:-off}"
for a in $AUTH; do
  case "$a" in off|on) ;; *) echo "[bench] unknown AUTH value $a (off or on)" >&2; exit 2 ;; esac
done
case "$SCENARIOS" in all|load|memory) ;; *) echo "[bench] SCENARIOS must be all, load or memory" >&2; exit 2 ;; esac
OUT="$HERE/target/bench"
LUA="$HERE/lua/mcp.lua"

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
die() { echo "[bench] FAILED: $*" >&2; exit 1; }

# --- load generator ----------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "wrk not found; installing it from the distribution"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if command -v apt-get >/dev/null 2>&1; then
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
  elif command -v brew >/dev/null 2>&1; then
    brew install wrk
  else
    die "install wrk (https://github.com/wg/wrk) and rerun"
  fi
fi

# --- build -------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  log "building mcp-benchmarks"
  (cd "$ROOT" && mvn -B -q ${MVN_ARGS:-} -pl mcp-benchmarks -am package -DskipTests)
fi
[ -f "$HERE/target/classpath.txt" ] || die "no build found (run without SKIP_BUILD=1)"
CP="$HERE/target/classes:$(cat "$HERE/target/classpath.txt")"

# the peers: own Maven projects under peers/, never part of the root reactor
PEERS_DIR="$HERE/peers"
NEED_SDK=0; NEED_QUARKUS=0
[ "$SCENARIOS" = memory ] || for p in $PEERS; do
  case "$p" in sdk-*|jetty-raw) NEED_SDK=1 ;; quarkus*) NEED_QUARKUS=1 ;; esac
done
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  if [ "$NEED_SDK" = 1 ]; then
    log "building peers/sdk (official MCP Java SDK on Jetty, raw Jetty servlet)"
    (cd "$PEERS_DIR/sdk" && mvn -B -q ${MVN_ARGS:-} package -DskipTests)
  fi
  if [ "$NEED_QUARKUS" = 1 ]; then
    log "building peers/quarkus (Quarkus MCP server, fast-jar)"
    (cd "$PEERS_DIR/quarkus" && mvn -B -q ${MVN_ARGS:-} package -DskipTests)
  fi
fi
PEER_SDK_CP=""
if [ "$NEED_SDK" = 1 ]; then
  [ -f "$PEERS_DIR/sdk/target/classpath.txt" ] || die "no build of peers/sdk found (run without SKIP_BUILD=1)"
  PEER_SDK_CP="$PEERS_DIR/sdk/target/classes:$(cat "$PEERS_DIR/sdk/target/classpath.txt")"
fi
PEER_QUARKUS_JAR="$PEERS_DIR/quarkus/target/quarkus-app/quarkus-run.jar"
[ "$NEED_QUARKUS" = 0 ] || [ -f "$PEER_QUARKUS_JAR" ] || die "no build of peers/quarkus found (run without SKIP_BUILD=1)"

mkdir -p "$OUT"
rm -f "$OUT"/histogram-*.txt "$OUT"/histogram-*.hprof # a heap dump never overwrites a file
RESULTS="$OUT/results.txt"
: > "$RESULTS"
[ "$(ulimit -n)" -ge $((STREAMS + 1000)) ] || ulimit -n $((STREAMS + 4096)) 2>/dev/null \
  || die "ulimit -n is $(ulimit -n); scenario 5 needs more than $STREAMS open files"

SERVER_PIDS=""
REDIS_PID=""
AUTH_PID=""
cleanup() {
  for pid in $SERVER_PIDS $REDIS_PID $AUTH_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# --- Redis (STORE=redis): one redis-server on a free loopback port, no persistence ---------------
REDIS_PORT=""
case " $STORE " in *" redis "*)
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
    || die "STORE=redis needs redis-server and redis-cli (apt-get install redis-server)"
  REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  rm -rf "$OUT/redis" && mkdir -p "$OUT/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT/redis" \
    > "$OUT/redis/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done
  [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] || die "redis-server did not start: $(tail -3 "$OUT/redis/redis.log")"
  log "redis-server $(redis-server --version | awk '{print $3}') on 127.0.0.1:$REDIS_PORT"
  ;;
esac
# --- authorization server (AUTH=on): mock-oauth2-server on a free loopback port ------------------
# Tokens are issued for a fixed canonical URL, as behind a load balancer: the servers bind port 0.
BENCH_RESOURCE="https://mcp.bench.example/mcp"
case " $AUTH " in *" on "*)
  # shellcheck source=../interop/auth-server.sh
  source "$ROOT/interop/auth-server.sh"
  # shellcheck disable=SC2086
  start_auth_server "$OUT/auth" ${MVN_ARGS:-} || die "mock-oauth2-server did not start"
  await_auth_server "$OUT/auth" || die "mock-oauth2-server did not answer"
  log "mock-oauth2-server at $AUTH_ISSUER, tokens for $BENCH_RESOURCE"
  ;;
esac

redis_used() { redis-cli -p "$REDIS_PORT" info memory | tr -d '\r' | sed -n 's/^used_memory://p'; }

# start_server KIND [HISTOGRAM_PREFIX] [INSTANCE]: starts a fresh server JVM (observers: $SERVER_OBSERVE,
# store: $SERVER_STORE) beside any already running; sets MCP_PORT and STATS_PORT
SERVER_OBSERVE=none
SERVER_STORE=memory
SERVER_AUTH=off
BEARER="" # the token wrk and curl send to a server with auth on
start_server() {
  local kind="$1" ports="$OUT/ports-$1${3:-}"
  rm -f "$ports" "$OUT/server-$kind${3:-}.log" # the Quarkus port is read from the log: never an old one
  local props="-Dbench.executor=$BENCH_EXECUTOR -Dbench.observe=$SERVER_OBSERVE"
  [ "$SERVER_STORE" = redis ] && props="$props -Dbench.redis=redis://127.0.0.1:$REDIS_PORT"
  [ "$SERVER_AUTH" = on ] && props="$props -Dbench.auth.issuer=$AUTH_ISSUER -Dbench.auth.resource=$BENCH_RESOURCE"
  [ -n "${2:-}" ] && props="$props -Dbench.histogram=$2"
  [ -n "${2:-}" ] && [ "${HEAPDUMP:-0}" = "1" ] && props="$props -Dbench.heapdump=true"
  # shellcheck disable=SC2086
  case "$kind" in
    sdk-*|jetty-raw)
      java $SERVER_JVM_OPTS -cp "$PEER_SDK_CP" org.mcpkit.peers.sdk.PeerServer "$kind" "$ports" \
        > "$OUT/server-$kind.log" 2>&1 & ;;
    quarkus*)
      # both Quarkus kinds are the same app; they differ in the tool the load script calls
      java $SERVER_JVM_OPTS -jar "$PEER_QUARKUS_JAR" > "$OUT/server-$kind.log" 2>&1 & ;;
    *)
      java $SERVER_JVM_OPTS $props -cp "$CP" org.mcpkit.benchmarks.BenchServer "$kind" "$ports" \
        > "$OUT/server-$kind${3:-}.log" 2>&1 & ;;
  esac
  SERVER_PID=$!
  SERVER_PIDS="$SERVER_PIDS $SERVER_PID"
  local qport
  for _ in $(seq 1 300); do
    case "$kind" in
      quarkus*) # Quarkus binds port 0 and prints the port it got
        qport=$(sed -n 's|.*Listening on: http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$OUT/server-$kind.log" | head -1)
        [ -n "$qport" ] && echo "$qport 0" > "$ports" ;;
    esac
    [ -s "$ports" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || die "server $kind exited: $(tail -5 "$OUT/server-$kind${3:-}.log")"
    sleep 0.1
  done
  [ -s "$ports" ] || die "server $kind did not start in 30 s"
  read -r MCP_PORT STATS_PORT < "$ports"
}

stop_server() {
  for pid in $SERVER_PIDS; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=""
  [ -z "$REDIS_PORT" ] || redis-cli -p "$REDIS_PORT" flushall > /dev/null # each server starts on an empty Redis
}

# legacy_session: initializes one 2025-11-25 session; prints its id
legacy_session() {
  local hdrs sid code auth=()
  [ -n "$BEARER" ] && auth=(-H "Authorization: Bearer $BEARER")
  hdrs=$(curl -sS -o /dev/null -D - "http://127.0.0.1:$MCP_PORT/mcp" "${auth[@]}" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"wrk","version":"1"}}}')
  sid=$(printf '%s\n' "$hdrs" | tr -d '\r' | awk -F': ' 'tolower($1)=="mcp-session-id"{print $2}')
  [ -n "$sid" ] || die "initialize gave no Mcp-Session-Id: $hdrs"
  code=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MCP_PORT/mcp" "${auth[@]}" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H 'MCP-Protocol-Version: 2025-11-25' -H "Mcp-Session-Id: $sid" \
    -d '{"jsonrpc":"2.0","method":"notifications/initialized"}')
  [ "$code" = "202" ] || die "notifications/initialized answered $code"
  printf '%s' "$sid"
}

# cpu_ticks PID: user + system CPU time the process has used, in clock ticks
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# load MODE CONNS SECONDS: runs wrk, fails on any error; prints the WRKRESULT fields and
# server_cpu_us, the CPU time the (last started) server JVM used per request meanwhile
load() {
  local mode="$1" conns="$2" secs="$3" out threads="$WRK_THREADS" line cpu0 cpu1 requests
  [ "$conns" -lt "$threads" ] && threads="$conns"
  cpu0=$(cpu_ticks "$SERVER_PID")
  out=$(MCP_MODE="$mode" MCP_SESSION="${SESSION_ID:-}" MCP_TOOL="${LOAD_TOOL:-echo}" MCP_TOKEN="$BEARER" wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s \
    -s "$LUA" "http://127.0.0.1:$MCP_PORT/mcp" 2>&1) || die "wrk failed: $out"
  line=$(printf '%s\n' "$out" | grep '^WRKRESULT ' || true)
  [ -n "$line" ] || die "no result from wrk: $out"
  for k in check_errors status_errors socket_errors; do
    v=$(printf '%s\n' "$line" | sed -n "s/.* $k=\([0-9]*\).*/\1/p")
    [ "$v" = "0" ] || die "$mode at $conns connections: $k=$v; $out"
  done
  checked=$(printf '%s\n' "$line" | sed -n 's/.* checked=\([0-9]*\).*/\1/p')
  [ "$checked" -gt 0 ] || die "$mode at $conns connections: no response checked"
  cpu1=$(cpu_ticks "$SERVER_PID")
  requests=$(printf '%s\n' "$line" | sed -n 's/.* requests=\([0-9]*\).*/\1/p')
  printf '%s server_cpu_us=%d\n' "${line#WRKRESULT }" $(( (cpu1 - cpu0) * 1000000 / CLK_TCK / requests ))
}

# scenarios_of SERVER: the scenarios a server answers (a peer only those of its wires; sse is mcpkit's alone)
scenarios_of() {
  case "$1" in
    raw|jetty-raw|sdk-modern) echo modern ;;
    sdk-session) echo legacy ;;
    sdk-stateless) echo stateless ;;
    quarkus|quarkus-nonblocking) echo "legacy stateless" ;; # no 2026-07-28 wire in quarkus-mcp-server 1.13.0
    *) echo "modern sse legacy" ;;
  esac
}
# tool_of SERVER: the name of the echo tool on that server
tool_of() { if [ "$1" = quarkus-nonblocking ]; then echo echo_nonblocking; else echo echo; fi; }

log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
log "warm-up ${WARMUP}s per server, ${DURATION}s per measurement, $RUNS run(s), connections: $CONNS"
START=$(date +%s)
LOAD_SERVERS="raw $SERVERS $PEERS"; [ "$SCENARIOS" = memory ] && LOAD_SERVERS=""
MEMORY_SCENARIOS="streams sessions"; [ "$SCENARIOS" = load ] && MEMORY_SCENARIOS=""
for run in $(seq 1 "$RUNS"); do
  for server in $LOAD_SERVERS; do
   observers="$OBSERVE"; stores="$STORE"; auths="$AUTH"
   { [ "$server" = raw ] || is_peer "$server"; } && observers=none && stores=memory && auths=off
   for SERVER_STORE in $stores; do
   for SERVER_OBSERVE in $observers; do
   for SERVER_AUTH in $auths; do
    label=$server; [ "$SERVER_OBSERVE" != none ] && label="$label+$SERVER_OBSERVE"
    [ "$SERVER_AUTH" = on ] && label="$label+auth"
    [ "$SERVER_STORE" != memory ] && label="$label+$SERVER_STORE"
    BEARER=""; [ "$SERVER_AUTH" = on ] && { BEARER=$(auth_token bench "$BENCH_RESOURCE" mcp) || die "no token from $AUTH_ISSUER"; }
    log "run $run: $label: fresh server, warming up for ${WARMUP}s"
    start_server "$server"
    SESSION_ID=""
    LOAD_TOOL=$(tool_of "$server")
    set -- $(scenarios_of "$server")
    case " $* " in *" legacy "*) SESSION_ID=$(legacy_session) ;; esac
    slice=$(( (WARMUP + $# - 1) / $# ))
    for mode in "$@"; do load "$mode" 64 "$slice" > /dev/null; done
    for mode in "$@"; do
      for c in $CONNS; do
        r=$(load "$mode" "$c" "$DURATION")
        log "run $run: $label $mode c=$c: $r"
        echo "LOAD run=$run server=$label scenario=$mode conns=$c $r" >> "$RESULTS"
      done
    done
    stop_server
   done
   done
   done
  done
  SERVER_OBSERVE=none
  SERVER_AUTH=off
  BEARER=""
  for SERVER_STORE in $STORE; do
  label=undertow; [ "$SERVER_STORE" != memory ] && label="undertow+$SERVER_STORE"
  for what in $MEMORY_SCENARIOS; do
    count=$STREAMS; [ "$what" = sessions ] && count=$SESSIONS
    log "run $run: $label: $count $what"
    histogram=""; [ "${HISTOGRAM:-0}" = "1" ] && histogram="$OUT/histogram-$what-$run"
    start_server undertow "$histogram"
    targets="$MCP_PORT $STATS_PORT $count"
    if [ "$what" = streams ] && [ "$SERVER_STORE" = redis ]; then
      start_server undertow "" -b # a second instance on the same Redis: the streams are spread over both
      targets="$targets $MCP_PORT $STATS_PORT"
    fi
    before=0; [ "$SERVER_STORE" = redis ] && before=$(redis_used)
    # shellcheck disable=SC2086
    r=$(java $DRIVER_JVM_OPTS -cp "$CP" org.mcpkit.benchmarks.MemoryDriver "$what" $targets) \
      || die "$what scenario failed"
    [ "$SERVER_STORE" = redis ] && [ "$what" = sessions ] \
      && r="$r redis_bytes_per_item=$(( ($(redis_used) - before) / count ))"
    log "run $run: $label $what: $r"
    echo "MEM run=$run server=$label ${r#MEMRESULT }" >> "$RESULTS"
    stop_server
  done
  done
done

{
  echo "# mcpkit load scenarios"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(free -g 2>/dev/null | awk '/Mem:/{print $2 " GiB RAM"}'); $(java -version 2>&1 | head -1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $WRK_THREADS threads, same machine."
  echo "Server JVM: $SERVER_JVM_OPTS; handler executor: $BENCH_EXECUTOR; observers: $OBSERVE; store: $STORE; auth: $AUTH; peers: ${PEERS:-none}. Warm-up ${WARMUP}s per server, ${DURATION}s per measurement, $RUNS run(s), $(( ($(date +%s) - START) / 60 )) min in all."
  echo
  java -cp "$CP" org.mcpkit.benchmarks.Report "$RESULTS"
} > "$OUT/results.md"
cat "$OUT/results.md"
