#!/usr/bin/env bash
# Builds deploy/ec2/mcp-tour.tar.gz: the feature tour's jar and its dependencies under lib/, which the
# instance unpacks into /opt/mcp (see README.md). Run from anywhere; needs Maven and Java 17.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mvn -B -q -f "$root/pom.xml" install -DskipTests
mvn -B -q -f "$root/pom.xml" -pl mcp-examples dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$out/lib"
cp "$root"/mcp-examples/target/mcp-examples-*.jar "$out/lib/"
tar -czf "$root/deploy/ec2/mcp-tour.tar.gz" -C "$out" lib
echo "wrote deploy/ec2/mcp-tour.tar.gz ($(du -h "$root/deploy/ec2/mcp-tour.tar.gz" | cut -f1))"
