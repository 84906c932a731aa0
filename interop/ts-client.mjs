// Interop: the official TypeScript SDK client against an mcpkit server (2025-11-25 over Streamable HTTP).
// Usage: node ts-client.mjs <url>. Exits non-zero on the first mismatch.
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const url = new URL(process.argv[2]);
const client = new Client({ name: "mcpkit-interop", version: "1.0.0" }, { capabilities: { elicitation: {} } });
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  assert.equal(request.params.message, "Who are you?");
  return { action: "accept", content: { username: "ada", email: "ada@example.com" } };
});
const transport = new StreamableHTTPClientTransport(url);
await client.connect(transport);
assert.equal(client.getServerVersion().name, "mcpkit-conformance-server");
assert.ok(transport.sessionId, "a session id was issued");

const tools = (await client.listTools()).tools.map((t) => t.name);
for (const name of ["test_simple_text", "test_tool_with_progress", "test_elicitation", "test_error_handling"]) {
  assert.ok(tools.includes(name), `tools/list lists ${name}`);
}

const simple = await client.callTool({ name: "test_simple_text", arguments: {} });
assert.deepEqual(simple.content, [{ type: "text", text: "This is a simple text response for testing." }]);

const failed = await client.callTool({ name: "test_error_handling", arguments: {} });
assert.equal(failed.isError, true);
assert.equal(failed.content[0].text, "This tool intentionally returns an error for testing");

const progress = [];
const withProgress = await client.callTool({ name: "test_tool_with_progress", arguments: {} }, undefined, {
  onprogress: (p) => progress.push([p.progress, p.total]),
});
assert.deepEqual(progress, [[0, 100], [50, 100], [100, 100]]);
assert.equal(withProgress.content[0].text, "Progress tool completed");

const elicited = await client.callTool({ name: "test_elicitation", arguments: { message: "Who are you?" } });
assert.equal(elicited.content[0].text, "User response: action=accept, content={username=ada, email=ada@example.com}");

const resource = await client.readResource({ uri: "test://static-text" });
assert.deepEqual(resource.contents, [
  { uri: "test://static-text", mimeType: "text/plain", text: "This is the content of the static text resource." },
]);
const templated = await client.readResource({ uri: "test://template/42/data" });
assert.equal(templated.contents[0].text, '{"id":"42","templateTest":true,"data":"Data for ID: 42"}');

const prompt = await client.getPrompt({ name: "test_prompt_with_arguments", arguments: { arg1: "a", arg2: "b" } });
assert.deepEqual(prompt.messages, [
  { role: "user", content: { type: "text", text: "Prompt with arguments: arg1='a', arg2='b'" } },
]);

await transport.terminateSession();
await client.close();
console.log("ts-client interop: 11 checks passed");
