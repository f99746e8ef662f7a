#!/usr/bin/env bash
# Manşet wire benchmark: one `wires pull` of a 10,000-item İHA feed (no media) from a local stand-in, timed.
#   bash bench/wires.sh            (from the repository root; needs python3, curl, bc)
# Environment: ITEMS (10000), MODES ("draft publish": one run each on fresh data; draft = into the wire desk,
# publish = an article per item), DB (sqlite | postgres; postgres needs MANSET_BENCH_POSTGRES, a connection string to
# an empty database, and then one mode per run, e.g. MODES=publish).
# Each run starts the site once first (the demo newspaper gives the categories), as an operator's site would be.
# Prints the pull's own time (from its summary line) and the process's wall time (start-up, migrations included).
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${ITEMS:-10000}; DB=${DB:-sqlite}; MODES=${MODES:-draft publish}
for tool in python3 curl bc; do command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing (apt-get install python3 curl bc)"; exit 2; }; done
WORK=$(mktemp -d /tmp/manset-wires.XXXX)
RESULTS=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-wires
mkdir -p "$RESULTS"
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "Publishing Manset.Web (Release)…"
dotnet publish src/Manset.Web -c Release -o "$WORK/app" -nologo -v quiet >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }

mkdir -p "$WORK/agency"
python3 bench/iha_feed.py "$ITEMS" >"$WORK/agency/rss.xml"
echo "Feed: $ITEMS items, $(du -h "$WORK/agency/rss.xml" | cut -f1)"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/agency" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 1 50); do python3 -c "import urllib.request;urllib.request.urlopen('http://127.0.0.1:$PORT/rss.xml')" 2>/dev/null && break; sleep 0.2; done

run() { # mode
  local mode=$1 extra=()
  if [ "$DB" = postgres ]; then
    [ -n "${MANSET_BENCH_POSTGRES:-}" ] || { echo "bench: DB=postgres needs MANSET_BENCH_POSTGRES"; exit 2; }
    extra+=(ConnectionStrings__Postgres="$MANSET_BENCH_POSTGRES")
    (cd "$WORK/app" && env "${extra[@]}" dotnet Manset.Web.dll db migrate >/dev/null)
  fi
  local data="$WORK/data-$mode" web port
  port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  (cd "$WORK/app" && exec env Manset__DataDirectory="$data" Logging__LogLevel__Default=Warning "${extra[@]}" dotnet Manset.Web.dll --urls "http://127.0.0.1:$port" >"$WORK/site-$mode.log" 2>&1) &
  web=$!
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break; sleep 0.5; done
  kill "$web"; wait "$web" 2>/dev/null || true
  local started ended
  started=$(date +%s.%N)
  (cd "$WORK/app" && env Manset__DataDirectory="$data" Logging__LogLevel__Default=Warning "${extra[@]}" \
     Manset__Wires__AutoPull=false Manset__Wires__Sources__0__Name=iha Manset__Wires__Sources__0__Type=iha \
     Manset__Wires__Sources__0__Url="http://127.0.0.1:$PORT/rss.xml" Manset__Wires__Sources__0__UserCode=KOD-BENCH \
     Manset__Wires__Sources__0__UserName=bench Manset__Wires__Sources__0__Password=bench-parola \
     Manset__Wires__Sources__0__Mode="$mode" Manset__Wires__Sources__0__DefaultCategory=gundem \
     dotnet Manset.Web.dll wires pull) >"$RESULTS/$mode.txt" 2>&1 || { cat "$RESULTS/$mode.txt"; exit 1; }
  ended=$(date +%s.%N)
  local line pull
  line=$(grep '^iha:' "$RESULTS/$mode.txt" | tail -1)
  pull=$(sed -n 's/.*(\([0-9.,]*\) sn).*/\1/p' <<<"$line" | tr , .)
  printf '%-8s %-46s pull %6.1f s   wall %6.1f s\n' "$mode" "$(tail -1 "$RESULTS/$mode.txt")" "$pull" "$(echo "$ended - $started" | bc)"
}

echo "Pulling ($DB)…"
for mode in $MODES; do run "$mode"; done
echo "Raw output: $RESULTS/"
