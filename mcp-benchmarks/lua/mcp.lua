-- wrk script for the mcpkit load scenarios. Every response is checked; done() prints one
-- machine-readable WRKRESULT line that run.sh parses (and fails on any error).
--   MCP_MODE=modern  2026-07-28 tools/call of "echo", JSON response (also used for the raw ceiling)
--   MCP_MODE=sse     2026-07-28 tools/call of "echo_progress" with a progress token: SSE response
--                    carrying 3 progress notifications and the result
--   MCP_MODE=legacy  2025-11-25 tools/call of "echo" in the session given by MCP_SESSION
--   MCP_MODE=stateless  2025-11-25 tools/call of "echo" without a session (peers only: the official
--                    SDK's stateless transport, Quarkus' auto-initialization)
--   MCP_TOOL=echo    the tool that echoes (a peer may serve it under another name, e.g. Quarkus'
--                    @NonBlocking "echo_nonblocking"); not used by MCP_MODE=sse
--   MCP_TOKEN        when set, every request carries "Authorization: Bearer <MCP_TOKEN>" (run.sh AUTH=on)
local mode = os.getenv("MCP_MODE") or "modern"
local tool = os.getenv("MCP_TOOL") or "echo"
if tool == "" then tool = "echo" end
local meta_fields = '"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}'

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
local token = os.getenv("MCP_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

if mode == "modern" then
  wrk.headers["MCP-Protocol-Version"] = "2026-07-28"
  wrk.headers["Mcp-Method"] = "tools/call"
  wrk.headers["Mcp-Name"] = tool
  wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"' .. tool .. '","arguments":{"text":"hello"},"_meta":{' .. meta_fields .. '}}}'
elseif mode == "sse" then
  wrk.headers["MCP-Protocol-Version"] = "2026-07-28"
  wrk.headers["Mcp-Method"] = "tools/call"
  wrk.headers["Mcp-Name"] = "echo_progress"
  wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo_progress","arguments":{"text":"hello"},"_meta":{"progressToken":"p",' .. meta_fields .. '}}}'
elseif mode == "legacy" then
  local session = os.getenv("MCP_SESSION")
  if session == nil or session == "" then
    error("MCP_MODE=legacy needs MCP_SESSION")
  end
  wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
  wrk.headers["Mcp-Session-Id"] = session
  wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"' .. tool .. '","arguments":{"text":"hello"}}}'
elseif mode == "stateless" then
  wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
  wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"' .. tool .. '","arguments":{"text":"hello"}}}'
else
  error("unknown MCP_MODE " .. mode)
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  errors = 0
  checked = 0
  first_error = ""
end

local function count(haystack, needle)
  local n, from = 0, 1
  while true do
    local i = string.find(haystack, needle, from, true)
    if i == nil then return n end
    n = n + 1
    from = i + #needle
  end
end

-- The correct echo answers, exactly as each server writes them (only the member order differs):
-- mcpkit and the raw ceilings, the official SDK (JSON or one SSE event), Quarkus' MCP server.
local answers = {
  '"id":1,"result":{"content":[{"text":"hello","type":"text"}]',
  '"id":1,"result":{"content":[{"type":"text","text":"hello"}]',
  '"id":1,"result":{"isError":false,"content":[{"text":"hello","type":"text"}]}',
}

local function answered(body)
  if string.find(body, '"isError":true', 1, true) or string.find(body, '"error":', 1, true) then
    return false
  end
  for _, a in ipairs(answers) do
    if string.find(body, a, 1, true) then return true end
  end
  return false
end

local function ok(status, headers, body)
  if status ~= 200 or body == nil then return false end
  if not answered(body) then return false end
  if mode == "sse" then
    local ct = headers["Content-Type"] or headers["content-type"] or ""
    if string.sub(ct, 1, 17) ~= "text/event-stream" then return false end
    if count(body, '"method":"notifications/progress"') ~= 3 then return false end
  end
  return true
end

function response(status, headers, body)
  checked = checked + 1
  if not ok(status, headers, body) then
    errors = errors + 1
    if first_error == "" then
      first_error = "status " .. tostring(status) .. ": " .. string.sub(tostring(body), 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local errs, seen, first = 0, 0, ""
  for _, t in ipairs(threads) do
    errs = errs + t:get("errors")
    seen = seen + t:get("checked")
    local f = t:get("first_error")
    if first == "" and f ~= nil then first = f end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  if first ~= "" then
    io.stderr:write("first failed response: " .. first .. "\n")
  end
  io.write(string.format(
    "WRKRESULT requests=%d checked=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d check_errors=%d status_errors=%d socket_errors=%d\n",
    summary.requests, seen, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    errs, e.status, socket_errors))
end
