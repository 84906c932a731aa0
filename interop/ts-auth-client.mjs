// Interop with OAuth: the official TypeScript SDK client, with its client-credentials provider, against
// an mcpkit server that is an OAuth resource server. The client is refused (401), finds the protected
// resource metadata (RFC 9728) and the authorization server's metadata (RFC 8414 / OpenID discovery),
// obtains a token for this resource (RFC 8707 `resource`) and calls a tool with it.
// Usage: node ts-auth-client.mjs <mcp url> <issuer url> <scope>. Exits non-zero on the first mismatch.
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ClientCredentialsProvider } from "@modelcontextprotocol/sdk/client/auth-extensions.js";

const url = new URL(process.argv[2]);
const issuer = process.argv[3];
const scope = process.argv[4];
const metadataUrl = `${url.origin}/.well-known/oauth-protected-resource${url.pathname}`;
const mcpHeaders = {
  "Content-Type": "application/json",
  Accept: "application/json, text/event-stream",
};
const initialize = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});

// 1. Without a token: 401, the challenge names the metadata and the scope, the body says no more.
const bare = await fetch(url, { method: "POST", headers: mcpHeaders, body: initialize });
assert.equal(bare.status, 401);
assert.equal(bare.headers.get("www-authenticate"), `Bearer resource_metadata="${metadataUrl}", scope="${scope}"`);
assert.deepEqual(await bare.json(), { jsonrpc: "2.0", error: { code: -32600, message: "Unauthorized" } });

// 2. The SDK client on its own: every request it makes is recorded.
const seen = [];
const recording = async (input, init = {}) => {
  const target = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  const response = await fetch(input, init);
  seen.push({
    method: init.method ?? "GET",
    url: target,
    status: response.status,
    bearer: (headers.get("authorization") ?? "").startsWith("Bearer "),
    body: typeof init.body === "string" ? init.body : init.body instanceof URLSearchParams ? init.body.toString() : "",
  });
  return response;
};
// A pre-registered client: for client credentials the SDK requests the scope configured here (not the
// one the challenge names), so it is the scope the server requires.
const provider = new ClientCredentialsProvider({
  clientId: "ts-interop",
  clientSecret: "interop-secret",
  scope,
  expectedIssuer: issuer,
});
const client = new Client({ name: "mcpkit-auth-interop", version: "1.0.0" }, { capabilities: {} });
const transport = new StreamableHTTPClientTransport(url, { authProvider: provider, fetch: recording });
await client.connect(transport);
assert.equal(client.getServerVersion().name, "mcpkit-conformance-server");
assert.ok(transport.sessionId, "a session id was issued");

const first = seen[0];
assert.deepEqual([first.method, first.url, first.status, first.bearer], ["POST", url.href, 401, false]);
const metadata = seen.find((r) => r.url === metadataUrl);
assert.ok(metadata, `the client read ${metadataUrl}: ${JSON.stringify(seen)}`);
assert.equal(metadata.status, 200);
const tokenCall = seen.find((r) => r.method === "POST" && r.url === `${issuer}/token`);
assert.ok(tokenCall, `the client called the token endpoint: ${JSON.stringify(seen)}`);
assert.equal(tokenCall.status, 200);
const form = new URLSearchParams(tokenCall.body);
assert.equal(form.get("grant_type"), "client_credentials");
assert.equal(form.get("resource"), url.href);
assert.equal(form.get("scope"), scope);
const retried = seen.filter((r) => r.method === "POST" && r.url === url.href && r.bearer);
assert.ok(retried.length >= 1 && retried.every((r) => r.status === 200 || r.status === 202), JSON.stringify(seen));

// The token the authorization server issued is for this resource and this client.
const claims = JSON.parse(Buffer.from(provider.tokens().access_token.split(".")[1], "base64url").toString());
assert.equal(claims.iss, issuer);
assert.equal(claims.sub, "ts-interop");
assert.deepEqual([claims.aud].flat(), [url.href]);
assert.equal(claims.scope, scope);

// 3. MCP with the token.
const tools = (await client.listTools()).tools.map((t) => t.name);
assert.ok(tools.includes("test_simple_text"), "tools/list lists test_simple_text");
const simple = await client.callTool({ name: "test_simple_text", arguments: {} });
assert.deepEqual(simple.content, [{ type: "text", text: "This is a simple text response for testing." }]);

// 4. A tampered token is refused, and so is the session under it.
const token = provider.tokens().access_token;
const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
const refused = await fetch(url, {
  method: "POST",
  headers: { ...mcpHeaders, Authorization: `Bearer ${tampered}`, "MCP-Protocol-Version": "2025-11-25", "Mcp-Session-Id": transport.sessionId },
  body: JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/list" }),
});
assert.equal(refused.status, 401);
assert.equal(
  refused.headers.get("www-authenticate"),
  `Bearer resource_metadata="${metadataUrl}", scope="${scope}", error="invalid_token"`,
);

await transport.terminateSession();
await client.close();
console.log(`ts-auth-client interop: 401, metadata, token for ${url.href}, tools/call with it, tampered token refused (${seen.length} requests)`);
