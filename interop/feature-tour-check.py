"""Checks MCP Inspector CLI output against the feature tour: argv[1] tools/list JSON, argv[2] tools/call weather JSON."""
import json
import sys

names = [t["name"] for t in json.load(open(sys.argv[1]))["result"]["tools"]]
assert names == ["weather", "countdown", "book_table", "write_note", "report"], names
call = json.load(open(sys.argv[2]))["result"]
assert call["content"] == [{"type": "text", "text": "Oslo: sunny, 21°C for 2 day(s)"}], call
assert call["structuredContent"] == {"city": "Oslo", "days": 2, "sky": "sunny", "celsius": 21}, call
print("inspector interop (feature tour): tools/list and tools/call weather matched")
