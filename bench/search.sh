#!/usr/bin/env bash
# Manşet search benchmark: search latency through the API over ARTICLES synthetic articles (demo generate).
#   bash bench/search.sh            (from the repository root; needs python3 and curl)
# Environment: ARTICLES (200000), ROUNDS (10 per query). SQLite (the embedded default) on a fresh data directory.
# Prints the generation time and, from bench/search.py, median and p95 for one-word and two-word queries.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-200000}; ROUNDS=${ROUNDS:-10}
for tool in python3 curl; do command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing"; exit 2; }; done
WORK=$(mktemp -d /tmp/manset-search.XXXX)
RESULTS=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-search
mkdir -p "$RESULTS"
SITE=""
cleanup() { [ -n "$SITE" ] && kill "$SITE" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "Publishing Manset.Web (Release)…"
dotnet publish src/Manset.Web -c Release -o "$WORK/app" -nologo -v quiet >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }
export Manset__DataDirectory="$WORK/data" Logging__LogLevel__Default=Warning
cd "$WORK/app"
echo "Generating $ARTICLES articles (demo newspaper first)…"
dotnet Manset.Web.dll demo generate --articles "$ARTICLES" | tr '\r' '\n' | tail -1 | tee "$OLDPWD/$RESULTS/generate.txt"
dotnet Manset.Web.dll admin create --email bench@manset.test --password 'Bench-Parola-2026!' --role editor >/dev/null
TOKEN=$(dotnet Manset.Web.dll token create --email bench@manset.test --name bench | tail -1)
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
dotnet Manset.Web.dll --urls "http://127.0.0.1:$PORT" >"$WORK/site.log" 2>&1 &
SITE=$!
for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break; sleep 0.5; done
cd "$OLDPWD"
python3 bench/search.py "http://127.0.0.1:$PORT" "$TOKEN" "$ROUNDS" | tee "$RESULTS/latency.txt"
