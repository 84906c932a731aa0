#!/usr/bin/env bash
# Smoke test of a deployed MCP server, from outside (through the load balancer, proxy, TLS):
#
#   deploy/smoke.sh https://mcp.example.com/mcp
#
# One line per check ("ok", "FAIL" or "skip", the check, what was seen); exit status 0 when nothing
# failed, 1 otherwise, 2 on bad usage. Needs bash and curl only. Checks:
#   auth              without a token: 401 + RFC 9728 metadata when auth is on (skip when it is off)
#   discover-2026     server/discover (2026-07-28) answers 200 naming 2026-07-28
#   initialize-2025   initialize (2025-11-25) answers 200 with an Mcp-Session-Id
#   tool-call         tools/call of SMOKE_TOOL with SMOKE_TOOL_ARGS returns a result, not an error
#   get-stream-2025   the session's GET stream: 200 text/event-stream, first byte within 1 s
#   listen-first-byte subscriptions/listen: 200 text/event-stream, first byte within 1 s
#   listen-keepalive  a ':' keep-alive comment on the idle listen stream within SMOKE_KEEPALIVE + 3 s
#   foreign-origin    a request with Origin SMOKE_FOREIGN_ORIGIN is refused with 403
#
# Settings (environment):
#   SMOKE_TOKEN           bearer token sent with every MCP request (needed when auth is on)
#   SMOKE_TOOL            tool to call (default weather, from the feature tour)
#   SMOKE_TOOL_ARGS       its arguments as JSON (default {"city":"Oslo","days":1})
#   SMOKE_KEEPALIVE       the server's keep-alive interval in seconds (default 15)
#   SMOKE_FOREIGN_ORIGIN  an origin the server must refuse (default https://smoke-test.invalid)
#   SMOKE_CURL_OPTS       extra curl options, e.g. "--cacert ca.pem" (word-split)
set -u
if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 URL   (the MCP endpoint, e.g. https://mcp.example.com/mcp)" >&2
  exit 2
fi
URL=$1
TOOL=${SMOKE_TOOL:-weather}
TOOL_ARGS=${SMOKE_TOOL_ARGS:-'{"city":"Oslo","days":1}'}
KEEPALIVE=${SMOKE_KEEPALIVE:-15}
FOREIGN=${SMOKE_FOREIGN_ORIGIN:-https://smoke-test.invalid}
case $KEEPALIVE in '' | *[!0-9]*) echo "SMOKE_KEEPALIVE must be whole seconds, got '$KEEPALIVE'" >&2; exit 2 ;; esac
read -r -a EXTRA <<< "${SMOKE_CURL_OPTS:-}"
AUTH=()
if [ -n "${SMOKE_TOKEN:-}" ]; then AUTH=(-H "Authorization: Bearer $SMOKE_TOKEN"); fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failed=0
passed=0
ok() { printf 'ok    %-18s %s\n' "$1" "$2"; passed=$((passed + 1)); }
fail() { printf 'FAIL  %-18s %s\n' "$1" "$2"; failed=$((failed + 1)); }
skip() { printf 'skip  %-18s %s\n' "$1" "$2"; }
META='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}'
# the first line of a body, cut short, for the report
show() { if [ -s "$1" ]; then head -c 160 "$1" | tr '\r\n' '  '; else printf '(no body)'; fi; }
# empties the files of the last answer, so no check ever reads a stale one
fresh() { : > "$TMP/b"; : > "$TMP/h"; : > "$TMP/prm"; : > "$TMP/stream"; : > "$TMP/w"; }

# modern METHOD NAME PARAMS [curl options...]: a 2026-07-28 POST; headers in $TMP/h, body in $TMP/b, prints the status
modern() {
  local method=$1 name=$2 params=$3
  shift 3
  local headers=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream'
    -H 'MCP-Protocol-Version: 2026-07-28' -H "Mcp-Method: $method")
  if [ -n "$name" ]; then headers+=(-H "Mcp-Name: $name"); fi
  fresh
  curl -s "${EXTRA[@]}" --max-time 20 -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' "${headers[@]}" "$@" \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$method\",\"params\":{${params:+$params,}$META}}" "$URL"
}
header() { tr -d '\r' < "$TMP/h" | sed -n "s/^$1: *//Ip" | tail -1; }

# auth: probe without a token
status=$(modern tools/list "" "")
if [ "$status" = 401 ]; then
  prm=$(header WWW-Authenticate | sed -n 's/.*resource_metadata="\([^"]*\)".*/\1/p')
  if [ -z "$prm" ]; then
    fail auth "401 without resource_metadata in WWW-Authenticate: $(header WWW-Authenticate)"
  else
    prm_status=$(curl -s "${EXTRA[@]}" --max-time 20 -o "$TMP/prm" -w '%{http_code}' "$prm")
    if [ "$prm_status" = 200 ] && grep -q '"resource"' "$TMP/prm" && grep -q '"authorization_servers"' "$TMP/prm"; then
      ok auth "401 without a token; metadata at $prm names $(sed -n 's/.*"resource" *: *"\([^"]*\)".*/\1/p' "$TMP/prm")"
    else
      fail auth "metadata $prm answered $prm_status: $(show "$TMP/prm")"
    fi
  fi
  if [ ${#AUTH[@]} -eq 0 ]; then
    fail token "the server wants a bearer token: set SMOKE_TOKEN to run the other checks"
    echo "smoke: $passed ok, $failed failed"
    exit 1
  fi
elif [ "$status" = 200 ]; then
  skip auth "auth is off (tools/list without a token answered 200)"
else
  fail auth "tools/list without a token answered '$status': $(show "$TMP/b")"
fi

status=$(modern server/discover "" "" "${AUTH[@]}")
if [ "$status" = 200 ] && grep -q '2026-07-28' "$TMP/b"; then
  ok discover-2026 "200, supports 2026-07-28"
else
  fail discover-2026 "answered '$status': $(show "$TMP/b")"
fi

legacy=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
fresh
status=$(curl -s "${EXTRA[@]}" --max-time 20 -o "$TMP/b" -D "$TMP/h" -w '%{http_code}' "${legacy[@]}" "${AUTH[@]}" \
  -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"smoke","version":"1"}}}' "$URL")
session=$(header Mcp-Session-Id)
if [ "$status" = 200 ] && [ -n "$session" ] && grep -q '"protocolVersion" *: *"2025-11-25"' "$TMP/b"; then
  ok initialize-2025 "200, session ${#session} characters, protocol 2025-11-25"
  curl -s "${EXTRA[@]}" --max-time 20 -o /dev/null "${legacy[@]}" "${AUTH[@]}" -H "Mcp-Session-Id: $session" \
    -H 'MCP-Protocol-Version: 2025-11-25' -d '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$URL"
else
  fail initialize-2025 "answered '$status', session '${session:+set}': $(show "$TMP/b")"
  session=""
fi

status=$(modern tools/call "$TOOL" "\"name\":\"$TOOL\",\"arguments\":$TOOL_ARGS" "${AUTH[@]}")
if [ "$status" = 200 ] && grep -q '"result"' "$TMP/b" && ! grep -q '"isError" *: *true' "$TMP/b"; then
  ok tool-call "$TOOL: $(sed -n 's/.*"text" *: *"\([^"]*\)".*/\1/p' "$TMP/b" | head -c 80)"
else
  fail tool-call "$TOOL answered '$status': $(show "$TMP/b")"
fi

# stream SECONDS UNTIL curl-options...: holds a stream open at most SECONDS, writing each received
# line to $TMP/stream as "<ms since the request> <line>"; stops early once it has what it came for
# (UNTIL: "first" = the first line, "keepalive" = a ':' comment after the first second)
stream() {
  local seconds=$1 until=$2
  shift 2
  local start fd pid ms line
  fresh
  start=$(date +%s%N)
  exec {fd}< <(exec curl -sN "${EXTRA[@]}" --max-time "$seconds" -D "$TMP/h" "$@" "$URL")
  pid=$!
  while IFS= read -r -u "$fd" line; do
    ms=$((($(date +%s%N) - start) / 1000000))
    printf '%d %s\n' "$ms" "${line%$'\r'}" >> "$TMP/stream"
    if [ "$until" = first ] || { [ "$until" = keepalive ] && [ "$ms" -ge 1000 ] && [[ $line == :* ]]; }; then
      break
    fi
  done
  kill "$pid" 2>/dev/null
  exec {fd}<&-
  wait "$pid" 2>/dev/null
  # "<status> <content type>" from the response head, which curl wrote as it arrived
  printf '%s %s\n' "$(tr -d '\r' < "$TMP/h" | awk 'NR == 1 { print $2 }')" "$(header Content-Type)" > "$TMP/w"
}
first_ms() { awk 'NR == 1 { print $1 }' "$TMP/stream"; }

if [ -n "$session" ]; then
  stream 3 first -H 'Accept: text/event-stream' -H "Mcp-Session-Id: $session" -H 'MCP-Protocol-Version: 2025-11-25' "${AUTH[@]}"
  read -r code type < "$TMP/w"
  first=$(first_ms)
  if [ "$code" = 200 ] && [[ $type == text/event-stream* ]] && [ -n "$first" ] && [ "$first" -lt 1000 ]; then
    ok get-stream-2025 "200 text/event-stream, first byte after ${first} ms"
  else
    fail get-stream-2025 "status '$code' type '$type', first byte after '${first:-never}' ms"
  fi
  curl -s "${EXTRA[@]}" --max-time 20 -o /dev/null -X DELETE -H "Mcp-Session-Id: $session" -H 'MCP-Protocol-Version: 2025-11-25' \
    "${AUTH[@]}" "$URL"
else
  skip get-stream-2025 "no session"
fi

listen_body="{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":{\"toolsListChanged\":true},$META}}"
stream $((KEEPALIVE + 3)) keepalive -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
  -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: subscriptions/listen' "${AUTH[@]}" -d "$listen_body"
read -r code type < "$TMP/w"
first=$(first_ms)
if [ "$code" = 200 ] && [[ $type == text/event-stream* ]] && [ -n "$first" ] && [ "$first" -lt 1000 ]; then
  ok listen-first-byte "200 text/event-stream, first byte after ${first} ms"
else
  fail listen-first-byte "status '$code' type '$type', first byte after '${first:-never}' ms"
fi
# a keep-alive: a comment line that came once the stream had been idle (after the opening lines)
keepalive=$(awk -v limit=$(((KEEPALIVE + 3) * 1000)) '$1 >= 1000 && $1 <= limit && $2 ~ /^:/ { print $1; exit }' "$TMP/stream")
if [ -n "$keepalive" ]; then
  ok listen-keepalive "comment after ${keepalive} ms of a ${KEEPALIVE} s interval"
else
  fail listen-keepalive "no ':' comment within $((KEEPALIVE + 3)) s; lines: $(awk '{ printf "%s ms %.20s; ", $1, substr($0, index($0, " ") + 1) }' "$TMP/stream" | head -c 200)"
fi

status=$(modern tools/list "" "" -H "Origin: $FOREIGN" "${AUTH[@]}")
if [ "$status" = 403 ]; then
  ok foreign-origin "Origin $FOREIGN refused with 403"
else
  fail foreign-origin "Origin $FOREIGN answered '$status' (want 403)"
fi

echo "smoke: $passed ok, $failed failed"
[ "$failed" -eq 0 ]
