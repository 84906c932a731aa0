# Sourced by conformance/run.sh and mcp-benchmarks/run.sh: a real OAuth 2.0 / OpenID authorization
# server (mock-oauth2-server, the version the Maven tests use, run by its standalone main class) as
# its own process on a free 127.0.0.1 port. It issues RS256 JWTs for any client (client credentials)
# with sub = the client id, aud = the RFC 8707 `resource` of the request and scope = its `scope`;
# serves discovery, JWKS and introspection. The caller kills $AUTH_PID (its trap).
#
#   start_auth_server DIR [MAVEN_ARGS...]   resolves the class path (interop/auth-server/pom.xml) into
#                                           DIR and starts the server; sets AUTH_ISSUER and AUTH_PID
#   await_auth_server DIR                   waits (30 s at most) for its discovery document
#   auth_token CLIENT_ID RESOURCE SCOPE     prints an access token from the token endpoint (curl)
#   free_port                               prints a free loopback port

AUTH_SERVER_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/auth-server"
AUTH_ISSUER=""
AUTH_PID=""

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_auth_server() {
  local dir=$1 port
  shift
  mkdir -p "$dir"
  (cd "$AUTH_SERVER_HOME" && mvn -B -q "$@" dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$dir/auth-server.classpath" >"$dir/auth-server-build.log" 2>&1) \
    || { cat "$dir/auth-server-build.log"; echo "could not resolve mock-oauth2-server"; return 1; }
  # One issuer, "mcp-as"; claims of client-credentials tokens come from the request's form parameters.
  cat >"$dir/auth-server.json" <<'JSON'
{"interactiveLogin": false, "httpServer": "NettyWrapper",
 "tokenCallbacks": [{"issuerId": "mcp-as", "tokenExpiry": 3600,
   "requestMappings": [{"requestParam": "grant_type", "match": "client_credentials",
     "claims": {"sub": "${clientId}", "aud": ["${resource}"], "scope": "${scope}"}}]}]}
JSON
  port=$(free_port)
  SERVER_HOSTNAME=127.0.0.1 SERVER_PORT=$port JSON_CONFIG_PATH="$dir/auth-server.json" \
    java -Xmx256m -XX:+UseSerialGC -cp "$(cat "$dir/auth-server.classpath")" \
    no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt >"$dir/auth-server.log" 2>&1 &
  AUTH_PID=$!
  AUTH_ISSUER="http://127.0.0.1:$port/mcp-as"
}

await_auth_server() {
  local dir=$1 i
  for i in $(seq 1 150); do # 30 s
    if curl -sf -o /dev/null "$AUTH_ISSUER/.well-known/openid-configuration"; then
      return 0
    fi
    kill -0 "$AUTH_PID" 2>/dev/null || { cat "$dir/auth-server.log"; echo "mock-oauth2-server exited"; return 1; }
    sleep 0.2
  done
  cat "$dir/auth-server.log"
  echo "mock-oauth2-server did not answer on $AUTH_ISSUER in 30 s"
  return 1
}

auth_token() {
  curl -sf -u "$1:secret" --data-urlencode grant_type=client_credentials --data-urlencode "resource=$2" \
    --data-urlencode "scope=$3" "$AUTH_ISSUER/token" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
