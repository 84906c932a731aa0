"""Checks MCP Inspector CLI output (argv[1]: tools/list JSON, argv[2]: tools/call JSON) exactly."""
import json
import sys

tools = json.load(open(sys.argv[1]))["result"]["tools"]
names = [t["name"] for t in tools]
assert "test_simple_text" in names and "test_elicitation" in names, names
call = json.load(open(sys.argv[2]))
expected = {"result": {"content": [{"type": "text", "text": "This is a simple text response for testing."}]}}
assert call == expected, call
print(f"inspector interop: tools/list returned {len(names)} tools, tools/call matched")
