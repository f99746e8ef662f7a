#!/usr/bin/env bash
# Manşet benchmark: the cached article page against nginx serving the same saved HTML, on this machine.
#   bash bench/run.sh            (from the repository root; needs wrk and nginx: apt-get install wrk nginx-light)
# Environment: DURATION (seconds per run, 20), CONNECTIONS (64), THREADS (2), RUNS (alternating rounds, 3).
# "vs nginx" is the median over rounds of (requests/s ÷ nginx's requests/s in the same round).
# Prints a table of requests/second; the raw wrk output is kept under bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}; CONNECTIONS=${CONNECTIONS:-64}; THREADS=${THREADS:-2}; RUNS=${RUNS:-3}
for tool in wrk nginx curl python3; do command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing (apt-get install wrk nginx-light curl)"; exit 2; }; done

WORK=$(mktemp -d /tmp/manset-bench.XXXX)
RESULTS=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

echo "Publishing Manset.Web (Release)…"
dotnet publish src/Manset.Web -c Release -o "$WORK/app" -nologo -v quiet >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }

start_site() { # name, port, extra env…
  local name=$1 p=$2; shift 2
  (cd "$WORK/app" && exec env Manset__DataDirectory="$WORK/data-$name" Logging__LogLevel__Default=Warning "$@" \
     dotnet Manset.Web.dll --urls "http://127.0.0.1:$p" >"$WORK/$name.log" 2>&1) &
  PIDS+=($!)
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$p/health" 2>/dev/null && return; sleep 0.5; done
  echo "bench: $name did not start"; cat "$WORK/$name.log"; exit 1
}

rps() { # url, label → requests/sec of one run, raw output kept
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" >"$RESULTS/$2.txt" 2>&1
  awk '/Requests\/sec/ {print $2}' "$RESULTS/$2.txt"
}

CACHED=$(port); UNCACHED=$(port); NGINX=$(port)
echo "Starting the site (demo newspaper) with the output cache, and one without…"
start_site cached "$CACHED"
start_site uncached "$UNCACHED" Manset__OutputCache__Enabled=false
first_article() { curl -fsS "$1" | grep -o 'href="/[a-z-]*/[a-z0-9-]*-[0-9]*"' | grep -v '/video/' | sed -n '1{s/href="//;s/"$//;p}'; }
ARTICLE=$(first_article "http://127.0.0.1:$CACHED/")
[ -n "$ARTICLE" ] || { echo "bench: no article link on the home page"; exit 1; }
UNCACHED_ARTICLE=$(first_article "http://127.0.0.1:$UNCACHED/")

mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs"
curl -fsS "http://127.0.0.1:$CACHED$ARTICLE" -o "$WORK/nginx/html/article.html"
chmod -R a+rX "$WORK"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  types { text/html html; }
  server {
    listen 127.0.0.1:$NGINX;
    root $WORK/nginx/html;
    location / { try_files /article.html =404; }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g "user $(id -un);" 2>"$WORK/nginx/logs/start.log" || nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
for _ in $(seq 1 20); do curl -fsS -o /dev/null "http://127.0.0.1:$NGINX/" && break; sleep 0.2; done

SIZE=$(wc -c <"$WORK/nginx/html/article.html")
echo "Article: $ARTICLE ($SIZE bytes of HTML); wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $RUNS alternating rounds"
# Runs alternate (nginx, cached, uncached, nginx, …) so that a noisy machine treats all three alike;
# the table shows the best run of each and the median of the per-round ratios.
for url in "http://127.0.0.1:$NGINX/" "http://127.0.0.1:$CACHED$ARTICLE" "http://127.0.0.1:$UNCACHED$UNCACHED_ARTICLE"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "$url" >/dev/null 2>&1 # warm-up: JIT tiers, caches, connections
done
: >"$WORK/rounds"
for i in $(seq 1 "$RUNS"); do
  n=$(rps "http://127.0.0.1:$NGINX/" "nginx-$i")
  c=$(rps "http://127.0.0.1:$CACHED$ARTICLE" "cached-$i")
  u=$(rps "http://127.0.0.1:$UNCACHED$UNCACHED_ARTICLE" "uncached-$i")
  echo "$n $c $u" >>"$WORK/rounds"
  echo "  round $i: nginx $n, cached $c, uncached $u"
done
{
  printf '\n| %-44s | %12s | %10s |\n' "what" "best req/s" "vs nginx"
  printf '|%s|%s|%s|\n' "----------------------------------------------" "--------------" "------------"
  python3 - "$WORK/rounds" <<'PY'
import statistics, sys
rounds = [tuple(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
best = [max(r[i] for r in rounds) for i in range(3)]
ratio = [statistics.median(r[i] / r[0] for r in rounds) for i in range(3)]
for label, i in (("nginx, the saved HTML as a static file", 0), ("Manşet, article page, output cache", 1), ("Manşet, article page, no output cache", 2)):
    print(f"| {label:<44} | {best[i]:>12,.0f} | {ratio[i]:>10.2f} |")
PY
  echo
  echo "machine: $(nproc) cores, $(uname -r); .NET SDK $(dotnet --version); $(nginx -v 2>&1); $(wrk --version 2>&1 | sed -n '1{s/ Copyright.*//;p}')"
} | tee "$RESULTS/summary.md"
