#!/usr/bin/env bash
# The three GC modes side by side: workstation non-concurrent, workstation with background GC (the project's
# setting) and server GC with DATAS (non-concurrent, as first measured), each on a fresh copy of the demo
# newspaper, uncached and cached article page.
#   bash bench/gcmodes.sh        (from the repository root; needs wrk: apt-get install wrk)
# Environment: ROUNDS (interleaved rounds, 3), DURATION (seconds measured per run, 8; 3 s of warm-up before).
# Prints one line per run: requests/s, the peak resident memory (VmHWM) and the resident memory at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-8}
for tool in wrk curl python3; do command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing (apt-get install wrk curl)"; exit 2; }; done

WORK=$(mktemp -d /tmp/manset-gc.XXXX)
PID=
cleanup() { [ -z "$PID" ] || kill "$PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
P=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')

echo "Publishing Manset.Web (Release)…"
dotnet publish src/Manset.Web -c Release -o "$WORK/app" -nologo -v quiet >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }

# start DATA_DIR ENV…: a node on $P (its PID in $PID), once it answers /health.
start() {
  local data=$1; shift
  (cd "$WORK/app" && exec env Manset__DataDirectory="$data" Logging__LogLevel__Default=Warning "$@" \
     dotnet Manset.Web.dll --urls "http://127.0.0.1:$P" >"$WORK/site.log" 2>&1) &
  PID=$!
  for _ in $(seq 1 240); do curl -fsS -o /dev/null "http://127.0.0.1:$P/health" 2>/dev/null && return; sleep 0.5; done
  echo "bench: the site did not start"; cat "$WORK/site.log"; exit 1
}
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=; }

echo "Writing the demo newspaper once…"
start "$WORK/demo"; stop

# run NAME CACHE ENV…: one measurement on a fresh copy of the demo newspaper.
run() {
  local name=$1 cache=$2; shift 2
  rm -rf "$WORK/copy"; cp -r "$WORK/demo" "$WORK/copy"
  start "$WORK/copy" Manset__OutputCache__Enabled="$cache" "$@"
  local article
  # (sed reads to the end: head would close the pipe early and, under pipefail, fail the script)
  article=$(curl -fsS "http://127.0.0.1:$P/" | grep -o 'href="/[a-z-]*/[a-z0-9-]*-[0-9]*"' | sed -n '1{s/href="//;s/"//;p}')
  wrk -t2 -c64 -d3s "http://127.0.0.1:$P$article" >/dev/null
  local rps
  rps=$(wrk -t2 -c64 -d"${DURATION}s" "http://127.0.0.1:$P$article" | awk '/Requests\/sec/ {print $2}')
  local hwm rss
  hwm=$(awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$PID/status"); rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$PID/status")
  printf "%-40s %-9s %10s req/s   peak %4s MB   end %4s MB\n" "$name" "$([ "$cache" = true ] && echo cached || echo uncached)" "$rps" "$hwm" "$rss"
  stop
}

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round"
  for cache in false true; do
    run "workstation, non-concurrent" "$cache" DOTNET_gcConcurrent=0
    run "workstation, background GC (shipped)" "$cache" DOTNET_gcConcurrent=1
    run "server GC with DATAS, non-concurrent" "$cache" DOTNET_gcServer=1 DOTNET_gcConcurrent=0
  done
done
