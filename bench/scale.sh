#!/usr/bin/env bash
# Manşet scale benchmark: one script, one table. From the repository root:
#   bash bench/scale.sh
# Publishes the site (Release) once and measures on 127.0.0.1 only with wrk (-t2 -c64 --latency unless a row says
# otherwise):
#   (a) nginx serving an article page's saved HTML, and the same article from Manşet's output cache (alternating
#       rounds as bench/run.sh does; the ratio is the median of the per-round ratios); then both again as a browser
#       asks for them (Accept-Encoding: gzip): Manşet's cached gzip answer saved byte for byte and served by nginx's
#       gzip_static, against Manşet's output cache;
#   (b) the same article rendered on every request (Manset__OutputCache__Enabled=false), and rendered cold
#       (also Manset__OutputCache__DataSeconds=0: no page data or HTML fragments kept, every request reads the database);
#   (c) bursts of 64 and 512 connections on the cached article and the home page while an editor publishes an article
#       every second through the content API;
#   (d) cold render latency (wrk -c4) of an article, the home page and a category page with 200,000 and 1,000,000
#       generated articles (demo generate), side by side with the demo newspaper (48 articles); the category page
#       also with 8 cards a page on both sides (the demo newspaper's category holds 8 stories, a generated one fills
#       the default 20), so that the same page is compared at two database sizes;
#   (e) the process's memory (VmRSS sampled, VmHWM) under 30 s of load on a mix of home, categories and many different
#       articles, with the largest generated newspaper and the default settings;
#   (f) two nodes behind nginx (round-robin, keepalive, no proxy cache) on PostgreSQL and Redis, and one node alone
#       behind the same nginx, on the cached article;
#   (g) WordPress from bench/wordpress.sh, and Manşet cached ÷ WordPress.
# Prints one markdown table and keeps it with every raw wrk output under bench/results/<time>-scale/.
# Environment:
#   DURATION (seconds per wrk run, 20), ROUNDS (alternating rounds of (a)/(b), 3), SKIP_MILLION=1 (no 1,000,000 rows),
#   KEEP=1 (keep the work directory), SCALE_DATA=DIR (keep the generated data directories in DIR and reuse them on the
#   next run: generating 1,000,000 articles takes about two minutes), SCALE_POSTGRES (an admin connection string for
#   (f), default Host=127.0.0.1;Username=manset;Password=manset;Database=postgres; a database is created and dropped),
#   SKIP_WORDPRESS=1, ONLY=letters (the rows to measure, e.g. ONLY=df; default abcdefg), RUNTIME_ENV (the runtime
#   environment of every node; default: deploy/systemd/manset.service's DOTNET_GC* and MALLOC_* lines).
# Exits non-zero only when something could not run; what could not be measured is a "not measured: reason" row.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20}; ROUNDS=${ROUNDS:-3}; SKIP_MILLION=${SKIP_MILLION:-}; KEEP=${KEEP:-}
SCALE_DATA=${SCALE_DATA:-}; SKIP_WORDPRESS=${SKIP_WORDPRESS:-}
SCALE_POSTGRES=${SCALE_POSTGRES:-Host=127.0.0.1;Username=manset;Password=manset;Database=postgres}
THREADS=2; CONNECTIONS=64
WARM=$(( DURATION < 10 ? DURATION : 10 )) # seconds of warm-up before a measured URL
ONLY=${ONLY:-abcdefg}
want() { [[ "$ONLY" == *"$1"* ]]; }
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing (apt-get install wrk nginx-light curl python3)"; exit 2; }
done
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=bench/results/$STAMP-scale
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)
WORK=$(mktemp -d /tmp/manset-scale.XXXX)
ROWS=$WORK/rows.tsv; : >"$ROWS"
START=$SECONDS
PIDS=(); NGINX_PIDFILES=(); REDIS_PORT=; PG_DB=
log() { printf '[%4ds] %s\n' "$((SECONDS - START))" "$*"; }

cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${NGINX_PIDFILES[@]}"; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
  [ -z "$REDIS_PORT" ] || redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -z "$PG_DB" ] || PGCONNECT_TIMEOUT=5 psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  if [ -n "$KEEP" ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

# A row of the table: id, what, req/s, p50, p99, ratio, notes (tab-separated; "-" when it does not apply).
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$ROWS"; }
not_measured() { row "$1" "$2" - - - - "not measured: $3"; log "$1 not measured: $3"; }

# wrk's numbers from a raw output file: requests/s, p50 and p99 in ms, non-2xx/3xx answers, socket errors.
wrk_json() {
  python3 - "$1" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
def ms(value):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    if not m: return None
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]
out = {"rps": None, "p50": None, "p99": None, "non2xx": 0, "errors": 0, "requests": 0}
m = re.search(r"Requests/sec:\s+([\d.]+)", text); out["rps"] = float(m.group(1)) if m else None
for pct, key in (("50", "p50"), ("99", "p99")):
    m = re.search(r"^\s+%s\.000%%\s+(\S+)" % pct, text, re.M) or re.search(r"^\s+%s%%\s+(\S+)" % pct, text, re.M)
    out[key] = ms(m.group(1)) if m else None
m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text); out["non2xx"] = int(m.group(1)) if m else 0
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
out["errors"] = sum(map(int, m.groups())) if m else 0
out["socket"] = m.group(0).replace("Socket errors: ", "") if m else "none"
m = re.search(r"(\d+) requests in", text); out["requests"] = int(m.group(1)) if m else 0
# wrk prints zeros when no answer came back in time (timeouts are not in its latency figures)
if out["requests"] == 0 or re.search(r"Latency\s+0\.00us\s+0\.00us\s+0\.00us", text): out["p50"] = out["p99"] = None
print(json.dumps(out))
PY
}
field() { python3 -c 'import json,sys; v=json.loads(sys.argv[1])[sys.argv[2]]; print("-" if v is None else v)' "$1" "$2"; }
fmt_rps() { python3 -c 'import sys; v=sys.argv[1]; print(v if v=="-" else f"{float(v):,.0f}" if float(v) >= 10 else f"{float(v):.1f}")' "$1"; }
fmt_ms() { python3 -c 'import sys; v=sys.argv[1]; print(v if v=="-" else (f"{float(v):.2f} ms" if float(v) < 10 else f"{float(v):,.0f} ms"))' "$1"; }

# wrk run → raw file; prints the JSON summary. Arguments: label, url, connections, duration, [lua script, its argument].
# HDR: extra wrk arguments (a request header) for the run; empty unless a row sets it.
HDR=()
run_wrk() {
  local label=$1 url=$2 conns=$3 dur=$4 script=${5:-} arg=${6:-}
  if [ -n "$script" ]; then
    wrk -t"$THREADS" -c"$conns" -d"${dur}s" --latency --timeout 10s "${HDR[@]}" -s "$script" "$url" -- "$arg" >"$RESULTS/$label.txt" 2>&1 || true
  else
    wrk -t"$THREADS" -c"$conns" -d"${dur}s" --latency --timeout 10s "${HDR[@]}" "$url" >"$RESULTS/$label.txt" 2>&1 || true
  fi
  wrk_json "$RESULTS/$label.txt"
}
num() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$1"; }
# psql with SCALE_POSTGRES (an Npgsql connection string) as its conninfo.
psql_admin() {
  local conninfo
  conninfo=$(python3 - "$SCALE_POSTGRES" <<'PY'
import sys
names = {"host": "host", "server": "host", "username": "user", "user id": "user", "userid": "user", "password": "password", "database": "dbname", "port": "port"}
parts = [p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p]
print(" ".join(f"{names.get(k.strip().lower(), k.strip().lower())}='{v}'" for k, v in parts))
PY
)
  psql "$conninfo" -v ON_ERROR_STOP=1 -Atq "$@"
}

echo "Publishing Manset.Web (Release)…"
dotnet publish src/Manset.Web -c Release -o "$WORK/app" -nologo -v quiet >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }
APP=$WORK/app

# launch_site NAME PORT DATA_DIR [ENV=VALUE…]: starts a node on 127.0.0.1:PORT (PID in $SITE_PID, kept for the trap);
# wait_site NAME PORT PID: until it answers /health; start_site: both.
# Nodes run with the runtime environment deploy/ gives a production node: the DOTNET_GC* and MALLOC_* lines of its
# systemd unit (the Dockerfile sets the same), named under the table. RUNTIME_ENV="" measures a bare `dotnet Manset.Web.dll`.
if [ -z "${RUNTIME_ENV+set}" ]; then
  RUNTIME_ENV=$(sed -n 's/^Environment=\(\(DOTNET_GC\|MALLOC_\)[A-Za-z0-9_]*=[^ ]*\)$/\1/p' deploy/systemd/manset.service | tr '\n' ' ')
fi
read -ra RUNTIME_ENV_VARS <<<"$RUNTIME_ENV"
launch_site() {
  local name=$1 p=$2 data=$3; shift 3
  (cd "$APP" && exec env Manset__DataDirectory="$data" Logging__LogLevel__Default=Warning "${RUNTIME_ENV_VARS[@]}" "$@" \
     dotnet Manset.Web.dll --urls "http://127.0.0.1:$p" >"$WORK/$name.log" 2>&1) &
  SITE_PID=$!
  PIDS+=("$SITE_PID")
}
wait_site() {
  local name=$1 p=$2 pid=$3 _
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$p/health" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "bench: $name exited"; tail -20 "$WORK/$name.log"; return 1; }
    sleep 0.5
  done
  echo "bench: $name did not answer /health"; tail -20 "$WORK/$name.log"; return 1
}
start_site() { launch_site "$@"; wait_site "$1" "$2" "$SITE_PID"; }
stop_site() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
cli() { local data=$1; shift; (cd "$APP" && env Manset__DataDirectory="$data" Logging__LogLevel__Default=Warning dotnet Manset.Web.dll "$@"); }

first_article() { curl -fsS "$1" | grep -o 'href="/[a-z-]*/[a-z0-9-]*-[0-9]*"' | grep -v '/video/' | sed -n '1{s/href="//;s/"$//;p}'; }

# nginx with the given http{} servers; PID file registered for the trap.
start_nginx() { # dir, servers
  local dir=$1 servers=$2
  mkdir -p "$dir/logs"
  cat >"$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 8192; }
worker_rlimit_nofile 65536;
http {
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  types { text/html html; }
$servers
}
CONF
  NGINX_PIDFILES+=("$dir/nginx.pid")
  nginx -c "$dir/nginx.conf" -p "$dir" -g "user $(id -un);" 2>"$dir/logs/start.log" || nginx -c "$dir/nginx.conf" -p "$dir" 2>>"$dir/logs/start.log"
}

# ---------------------------------------------------------------------------------------------------------------
# (a), (b): nginx, cached, uncached, cold, in alternating rounds on the demo newspaper.
log "(a)(b) writing the demo newspaper, then starting it three times (cached, uncached, cold) and nginx"
DEMO=$WORK/data-demo
CACHED=$(port); UNCACHED=$(port); COLD=$(port); NGINX=$(port)
# The demo newspaper is written once (first start), then copied for the uncached and the cold site; the editor's
# account and token for (c) are made before, while no site has the database open.
cli "$DEMO" admin create --email bench@manset.test --password 'Bench-Parola-2026!' --name 'Bench Editörü' --role editor >/dev/null
TOKEN=$(cli "$DEMO" token create --email bench@manset.test --name bench | tail -1)
start_site first "$CACHED" "$DEMO"; stop_site "$SITE_PID"; PIDS=()
cp -a "$DEMO" "$WORK/data-uncached"; cp -a "$DEMO" "$WORK/data-cold"
launch_site cached "$CACHED" "$DEMO"; CACHED_PID=$SITE_PID
launch_site uncached "$UNCACHED" "$WORK/data-uncached" Manset__OutputCache__Enabled=false; UNCACHED_PID=$SITE_PID
launch_site cold "$COLD" "$WORK/data-cold" Manset__OutputCache__Enabled=false Manset__OutputCache__DataSeconds=0; COLD_PID=$SITE_PID
wait_site cached "$CACHED" "$CACHED_PID"; wait_site uncached "$UNCACHED" "$UNCACHED_PID"; wait_site cold "$COLD" "$COLD_PID"
ARTICLE=$(first_article "http://127.0.0.1:$CACHED/")
[ -n "$ARTICLE" ] || { echo "bench: no article link on the home page"; exit 1; }
mkdir -p "$WORK/nginx-static/html"
curl -fsS "http://127.0.0.1:$CACHED$ARTICLE" -o "$WORK/nginx-static/html/article.html"
chmod -R a+rX "$WORK"
# What a browser gets (it always asks for compression; wrk sends no Accept-Encoding unless told): the cached gzip
# answer, saved as it came (curl does not decode it without --compressed), for nginx's gzip_static to send unchanged.
GZIP_HEADER=(-H 'Accept-Encoding: gzip')
mkdir -p "$WORK/nginx-static/gz"; NGINX_GZ=$(port)
curl -fsS "${GZIP_HEADER[@]}" -D "$WORK/gz-headers.txt" "http://127.0.0.1:$CACHED$ARTICLE" -o "$WORK/nginx-static/gz/article.html.gz"
grep -qi '^content-encoding: gzip' "$WORK/gz-headers.txt" || { echo "bench: the article came back without gzip"; cat "$WORK/gz-headers.txt"; exit 1; }
cp "$WORK/nginx-static/html/article.html" "$WORK/nginx-static/gz/article.html"
chmod -R a+rX "$WORK"
start_nginx "$WORK/nginx-static" "  server { listen 127.0.0.1:$NGINX; root $WORK/nginx-static/html; location / { try_files /article.html =404; } }
  server { listen 127.0.0.1:$NGINX_GZ; root $WORK/nginx-static/gz; gzip_static on; location / { try_files /article.html =404; } }"
for _ in $(seq 1 20); do curl -fsS -o /dev/null "http://127.0.0.1:$NGINX/" && break; sleep 0.2; done
SIZE=$(wc -c <"$WORK/nginx-static/html/article.html"); GZ_SIZE=$(wc -c <"$WORK/nginx-static/gz/article.html.gz")
curl -fsS "${GZIP_HEADER[@]}" "http://127.0.0.1:$NGINX_GZ/" | cmp -s - "$WORK/nginx-static/gz/article.html.gz" \
  || { echo "bench: nginx does not send the saved gzip bytes (gzip_static)"; exit 1; }
log "article $ARTICLE ($SIZE bytes, $GZ_SIZE gzipped); warming up"
CACHED_RPS=; NGINX_RPS=
if want a || want b; then
A_URLS=("http://127.0.0.1:$NGINX/" "http://127.0.0.1:$CACHED$ARTICLE" "http://127.0.0.1:$UNCACHED$ARTICLE" "http://127.0.0.1:$COLD$ARTICLE"
        "http://127.0.0.1:$NGINX_GZ/" "http://127.0.0.1:$CACHED$ARTICLE")
A_NAMES=(nginx cached uncached cold nginx-gzip cached-gzip)
a_header() { if [[ "${A_NAMES[$1]}" == *-gzip ]]; then HDR=("${GZIP_HEADER[@]}"); else HDR=(); fi; }
for k in "${!A_URLS[@]}"; do a_header "$k"; wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM}s" "${HDR[@]}" "${A_URLS[$k]}" >/dev/null 2>&1 || true; done
: >"$WORK/rounds.jsonl"
for i in $(seq 1 "$ROUNDS"); do
  line="{\"round\": $i"
  for k in "${!A_URLS[@]}"; do
    a_header "$k"
    j=$(run_wrk "ab-${A_NAMES[$k]}-$i" "${A_URLS[$k]}" "$CONNECTIONS" "$DURATION")
    line="$line, \"${A_NAMES[$k]}\": $j"
  done
  HDR=()
  echo "$line}" >>"$WORK/rounds.jsonl"
  log "round $i: $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(", ".join(k + " " + str(r[k]["rps"]) for k in ("nginx","cached","uncached","cold","nginx-gzip","cached-gzip")))' "$(tail -1 "$WORK/rounds.jsonl")")"
done
# The round whose ratio is the median stands for the row (its req/s, p50, p99); the ratio is the median of the rounds'.
python3 - "$WORK/rounds.jsonl" "$ROWS" "$SIZE" "$GZ_SIZE" <<'PY'
import json, statistics, sys
rounds = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
labels = {"nginx": ("a", f"nginx 1.22, the article's saved HTML as a static file ({int(sys.argv[3]):,} bytes)"),
          "cached": ("a", "Manşet, article page, output cache"),
          "nginx-gzip": ("a", f"nginx 1.22, Manşet's gzip answer for the article as a static file (gzip_static, {int(sys.argv[4]):,} bytes), asked as a browser asks"),
          "cached-gzip": ("a", "Manşet, article page, output cache, asked as a browser asks (Accept-Encoding: gzip)"),
          "uncached": ("b", "Manşet, article page rendered per request (OutputCache:Enabled=false)"),
          "cold": ("b", "Manşet, article page cold (also DataSeconds=0: every request reads the database)")}
def f(v, unit=""):
    if v is None: return "-"
    if unit == "": return f"{v:,.0f}" if v >= 10 else f"{v:.1f}"
    return f"{v:.2f} ms" if v < 10 else f"{v:,.0f} ms"
with open(sys.argv[2], "a") as out:
    for key, (rid, what) in labels.items():
        base = "nginx-gzip" if key.endswith("-gzip") else "nginx"   # each against nginx on the same bytes
        ratios = [r[key]["rps"] / r[base]["rps"] for r in rounds if r[key]["rps"] and r[base]["rps"]]
        if not ratios:
            out.write(f"{rid}\t{what}\t-\t-\t-\t-\tnot measured: wrk gave no result\n"); continue
        med = statistics.median(ratios)
        pick = min(rounds, key=lambda r: abs((r[key]["rps"] or 0) / (r[base]["rps"] or 1) - med))[key]
        notes = f"vs {base}, median of {len(ratios)} rounds: " + ", ".join(f"{x:.2f}" for x in ratios)
        if key == base: notes = "best round " + f(max(r[base]['rps'] or 0 for r in rounds))
        errors = sum(r[key]["non2xx"] + r[key]["errors"] for r in rounds)
        if errors: notes += f"; {errors} non-2xx/socket errors"
        out.write(f"{rid}\t{what}\t{f(pick['rps'])}\t{f(pick['p50'], 'ms')}\t{f(pick['p99'], 'ms')}\t{med:.2f}\t{notes}\n")
PY
CACHED_RPS=$(python3 -c 'import json,statistics,sys; print(statistics.median(json.loads(l)["cached"]["rps"] or 0 for l in open(sys.argv[1]) if l.strip()))' "$WORK/rounds.jsonl")
NGINX_RPS=$(python3 -c 'import json,statistics,sys; print(statistics.median(json.loads(l)["nginx"]["rps"] or 0 for l in open(sys.argv[1]) if l.strip()))' "$WORK/rounds.jsonl")
fi
for p in "${PIDS[@]}"; do [ "$p" = "$CACHED_PID" ] || stop_site "$p"; done
PIDS=("$CACHED_PID")

# ---------------------------------------------------------------------------------------------------------------
# (c): bursts while an editor publishes an article every second through the content API.
cat >"$WORK/publisher.py" <<'PY'
import json, signal, sys, time, urllib.request
base, token, out = sys.argv[1], sys.argv[2], sys.argv[3]
done = failed = 0
stop = False
def halt(*_):
    global stop
    stop = True
signal.signal(signal.SIGTERM, halt)
n = 0
while not stop:
    started = time.monotonic()
    n += 1
    body = json.dumps({"title": f"Yük altında yayımlanan haber {n}", "spot": "Ölçüm sırasında editörün yayımladığı haber.",
                       "body": "<p>Ölçüm sürerken içerik API'si ile yayımlandı.</p>", "category": "gundem", "tags": ["ölçüm"],
                       "source": "İHA", "status": "published"}).encode()
    request = urllib.request.Request(base + "/api/v1/articles", data=body, method="POST",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            done += r.status == 201
            failed += r.status != 201
    except Exception:
        failed += 1
    time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
open(out, "w").write(f"{done} {failed}\n")
PY
if want c; then
HOME_URL="http://127.0.0.1:$CACHED/"
curl -fsS -o /dev/null "$HOME_URL"
for conns in 64 512; do
  for page in article home; do
    url=$HOME_URL; [ "$page" = article ] && url="http://127.0.0.1:$CACHED$ARTICLE"
    python3 "$WORK/publisher.py" "http://127.0.0.1:$CACHED" "$TOKEN" "$WORK/published-$page-$conns" &
    PUB=$!
    j=$(run_wrk "c-$page-c$conns" "$url" "$conns" "$DURATION")
    kill -TERM "$PUB" 2>/dev/null || true; wait "$PUB" 2>/dev/null || true
    read -r published failed <"$WORK/published-$page-$conns" || { published=0; failed="?"; }
    what="Manşet cached, $([ "$page" = article ] && echo "article page" || echo "home page"), $conns connections, publishing every second"
    row c "$what" "$(fmt_rps "$(field "$j" rps)")" "$(fmt_ms "$(field "$j" p50)")" "$(fmt_ms "$(field "$j" p99)")" - \
      "non-2xx $(field "$j" non2xx), socket errors: $(field "$j" socket); published $published (failed $failed)"
    log "(c) $page c$conns: $(field "$j" rps) req/s, published $published"
    [ "$published" -gt 0 ] || { echo "bench: the editor could not publish (see $WORK/cached.log)"; exit 1; }
  done
done
fi
stop_site "$CACHED_PID"; PIDS=()

# ---------------------------------------------------------------------------------------------------------------
# (d): cold render latency with 200,000 and 1,000,000 generated articles beside the demo newspaper.
SIZES=(200000); [ -n "$SKIP_MILLION" ] || SIZES+=(1000000)
GEN_BASE=${SCALE_DATA:-$WORK/generated}
mkdir -p "$GEN_BASE"
declare -A GEN_DIR
if want d || want e; then
for n in "${SIZES[@]}"; do
  dir=$GEN_BASE/g$n
  if [ -f "$dir/manset.db" ] && [ -f "$dir/.generated" ]; then
    log "(d) reusing $n generated articles in $dir"
    row d "demo generate --articles $n (reused from $dir)" - - - - "generated earlier: $(cat "$dir/.generated")"
  else
    rm -rf "$dir"; log "(d) generating $n articles into $dir (fresh data directory, demo newspaper first)"
    t0=$(date +%s.%N)
    if cli "$dir" demo generate --articles "$n" >"$WORK/generate-$n.log" 2>&1; then
      secs=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$t0" "$(date +%s.%N)")
      echo "$secs s on $(date -u +%F), load $(cut -d' ' -f1-3 /proc/loadavg)" >"$dir/.generated"
      cp "$WORK/generate-$n.log" "$RESULTS/generate-$n.log"
      row d "demo generate --articles $n, fresh SQLite data directory" - - - - "$secs s in all (demo newspaper, articles, search index); load $(cut -d' ' -f1-3 /proc/loadavg)"
      log "(d) generated $n in $secs s"
    else
      tail -5 "$WORK/generate-$n.log"; not_measured d "demo generate --articles $n" "generation failed (see $RESULTS/generate-$n.log)"
      cp "$WORK/generate-$n.log" "$RESULTS/generate-$n.log"; unset "GEN_DIR[$n]"; continue
    fi
  fi
  GEN_DIR[$n]=$dir
done
fi
# Each newspaper cold, one after the other; latency at low concurrency (-c4), the median (p50) compared.
if want d; then
D_CONNS=4
declare -A D_P50
for set in demo "${SIZES[@]}"; do
  if [ "$set" = demo ]; then data=$WORK/data-cold; label="demo newspaper (48 articles)"
  else data=${GEN_DIR[$set]:-}; label="$(num "$set") articles"; [ -n "$data" ] || continue; fi
  # The category page twice: as configured (20 cards a page; the demo newspaper's category has 8 stories, so its page
  # draws 8), and with Site:PageSize=8 on both sides, which compares the same page at two database sizes.
  for pass in default cards8; do
    p=$(port)
    extra=(); pages=(article home category)
    if [ "$pass" = cards8 ]; then extra=(Manset__Site__PageSize=8); pages=(category8); fi
    start_site "cold-$set-$pass" "$p" "$data" Manset__OutputCache__Enabled=false Manset__OutputCache__DataSeconds=0 "${extra[@]}" || { not_measured d "cold render, $label" "the site did not start"; continue; }
    pid=$SITE_PID
    for page in "${pages[@]}"; do
      case $page in article) path=$ARTICLE ;; home) path=/ ;; category) path=/gundem ;; category8) path=/gundem ;; esac
      curl -fsS -o /dev/null "http://127.0.0.1:$p$path" || true
      wrk -t"$THREADS" -c"$D_CONNS" -d"$(( DURATION < 5 ? DURATION : 5 ))s" "http://127.0.0.1:$p$path" >/dev/null 2>&1 || true
      j=$(run_wrk "d-$set-$page" "http://127.0.0.1:$p$path" "$D_CONNS" "$DURATION")
      D_P50[$set-$page]=$(field "$j" p50)
      if [ "$set" = demo ]; then ratio=1.00; notes="cold render, wrk -c$D_CONNS"
      else
        ratio=$(python3 -c 'import sys; a,b=sys.argv[1:3]; print("-" if "-" in (a,b) else f"{float(a)/float(b):.2f}")' "${D_P50[$set-$page]}" "${D_P50[demo-$page]:--}")
        ok=$(python3 -c 'import sys; print("no answer within the run" if sys.argv[1] == "-" else "ok" if float(sys.argv[1]) <= 1.5 else "over 1.5×")' "$ratio")
        notes="p50 × the demo newspaper's ($ok, acceptance ≤ 1.5×); wrk -c$D_CONNS"
      fi
      errors=$(( $(field "$j" non2xx) + $(field "$j" errors) )); [ "$errors" = 0 ] || notes="$notes; $errors non-2xx/socket errors ($(field "$j" socket))"
      [ "$(field "$j" requests)" != 0 ] || notes="$notes; no request completed in ${DURATION}s (wrk gives up after 10 s)"
      what="cold $page page ($path), $label"
      [ "$page" != category8 ] || what="cold category page ($path), 8 cards a page (Site:PageSize=8), $label"
      row d "$what" "$(fmt_rps "$(field "$j" rps)")" "$(fmt_ms "$(field "$j" p50)")" "$(fmt_ms "$(field "$j" p99)")" "$ratio" "$notes"
      log "(d) $set $page: p50 $(field "$j" p50) ms"
    done
    stop_site "$pid"
  done
done
fi

# ---------------------------------------------------------------------------------------------------------------
# (e): memory under 30 s of mixed load with the largest generated newspaper, default settings.
E_SET=${SIZES[${#SIZES[@]}-1]}
E_DATA=${GEN_DIR[$E_SET]:-}
if ! want e; then :
elif [ -z "$E_DATA" ]; then not_measured e "memory under mixed load" "no generated newspaper"
else
  p=$(port)
  if start_site "mem-$E_SET" "$p" "$E_DATA"; then
    pid=$SITE_PID
    # Article addresses from the newest monthly sitemaps (canonical URLs), plus the home page and every category.
    python3 - "http://127.0.0.1:$p" "$WORK/mix.txt" <<'PY' || true
import re, sys, urllib.request
base, out = sys.argv[1], sys.argv[2]
def get(path): return urllib.request.urlopen(base + path, timeout=300).read().decode()
def path(url): return re.sub(r"^https?://[^/]+", "", url)
index = get("/sitemap.xml")
months = [path(u) for u in re.findall(r"<loc>([^<]*sitemap-articles-[^<]*)</loc>", index)][:6]
articles = []
for m in months:
    articles += [path(u) for u in re.findall(r"<url>\s*<loc>([^<]*)</loc>", get(m))]
categories = [path(u) for u in re.findall(r"<loc>([^<]*)</loc>", get("/sitemap-categories.xml"))]
with open(out, "w") as f:
    for a in articles: f.write(a + "\n")
    # one request in ten for the home page, one in ten for a category
    extra = max(1, len(articles) // 8)
    for i in range(extra): f.write("/\n"); f.write(categories[i % len(categories)] + "\n")
print(f"{len(articles)} articles from {len(months)} monthly sitemaps, {len(categories)} categories", file=sys.stderr)
PY
    if [ ! -s "$WORK/mix.txt" ]; then not_measured e "memory under mixed load" "no addresses from the sitemaps"
    else
      cat >"$WORK/mix.lua" <<'LUA'
local paths = {}
local counter = 0
function setup(thread) counter = counter + 1; thread:set("id", counter) end
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() * 1000 + id)
end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
LUA
      ADDRESSES=$(wc -l <"$WORK/mix.txt")
      (while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null; sleep 0.5; done) >"$WORK/rss.txt" &
      SAMPLER=$!
      RSS_BEFORE=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
      j=$(run_wrk "e-mix-$E_SET" "http://127.0.0.1:$p" "$CONNECTIONS" 30 "$WORK/mix.lua" "$WORK/mix.txt")
      HWM=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status"); RSS_END=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
      kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true
      PEAK=$(sort -n "$WORK/rss.txt" | tail -1)
      cp "$WORK/rss.txt" "$RESULTS/e-rss-samples-kB.txt"
      mb() { python3 -c 'import sys; print(f"{int(sys.argv[1])/1024:.0f} MB")' "$1"; }
      ok=$(python3 -c 'import sys; print("ok" if int(sys.argv[1]) < 300*1024 else "over 300 MB")' "$HWM")
      row e "memory, $(num "$E_SET") articles, default settings, 30 s of home/categories/$ADDRESSES addresses at random" \
        "$(fmt_rps "$(field "$j" rps)")" "$(fmt_ms "$(field "$j" p50)")" "$(fmt_ms "$(field "$j" p99)")" - \
        "peak VmRSS $(mb "$PEAK") (sampled every 0.5 s), VmHWM $(mb "$HWM") ($ok, acceptance < 300 MB); before $(mb "$RSS_BEFORE"), after $(mb "$RSS_END"); $(field "$j" requests) answers, non-2xx $(field "$j" non2xx), socket errors: $(field "$j" socket)"
      log "(e) peak RSS $(mb "$PEAK"), HWM $(mb "$HWM")"
    fi
    stop_site "$pid"
  else not_measured e "memory under mixed load" "the site did not start"; fi
fi
PIDS=()

# ---------------------------------------------------------------------------------------------------------------
# (f): two nodes on PostgreSQL and Redis behind nginx, and one node alone behind the same nginx.
f_reason=
want f || f_reason=skip
command -v redis-server >/dev/null || f_reason="redis-server is missing (apt-get install redis-server)"
command -v psql >/dev/null || f_reason="psql is missing (apt-get install postgresql-client)"
[ -n "$f_reason" ] || psql_admin -c "SELECT 1" >/dev/null 2>&1 || f_reason="PostgreSQL does not answer ($SCALE_POSTGRES)"
if [ "$f_reason" = skip ]; then :
elif [ -n "$f_reason" ]; then not_measured f "two nodes behind nginx, PostgreSQL + Redis" "$f_reason"
else
  PG_DB=manset_scale_$(date +%s)_$$
  psql_admin -c "CREATE DATABASE $PG_DB" >/dev/null
  PG_CONN=$(python3 -c 'import sys; kv=[p for p in sys.argv[1].split(";") if p and not p.lower().startswith("database=")]; print(";".join(kv + ["Database=" + sys.argv[2]]))' "$SCALE_POSTGRES" "$PG_DB")
  REDIS_PORT=$(port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" >/dev/null
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  NODE_ENV=(ConnectionStrings__Postgres="$PG_CONN" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" Manset__Redis__KeyPrefix=bench:)
  (cd "$APP" && env "${NODE_ENV[@]}" Manset__DataDirectory="$WORK/data-nodes" dotnet Manset.Web.dll db migrate) >"$WORK/migrate.log" 2>&1 \
    || { cat "$WORK/migrate.log"; not_measured f "two nodes behind nginx" "db migrate failed"; }
  if [ -s "$WORK/migrate.log" ] && ! grep -q -i "exception\|error" "$WORK/migrate.log"; then
    N1=$(port); N2=$(port); LB=$(port); LB1=$(port)
    log "(f) starting two nodes at the same moment (PostgreSQL $PG_DB, Redis :$REDIS_PORT)"
    # Both nodes share the data directory: its media folder stands for the shared media volume.
    launch_site node1 "$N1" "$WORK/data-nodes" "${NODE_ENV[@]}"; P1=$SITE_PID
    launch_site node2 "$N2" "$WORK/data-nodes" "${NODE_ENV[@]}"; P2=$SITE_PID
    f_ok=1; wait_site node1 "$N1" "$P1" || f_ok=; wait_site node2 "$N2" "$P2" || f_ok=
    if [ -z "$f_ok" ]; then not_measured f "two nodes behind nginx" "a node did not start (see $WORK/node1.log, node2.log)"
    else
      start_nginx "$WORK/nginx-lb" "  upstream manset_two { server 127.0.0.1:$N1; server 127.0.0.1:$N2; keepalive 64; }
  upstream manset_one { server 127.0.0.1:$N1; keepalive 64; }
  server { listen 127.0.0.1:$LB; location / { proxy_pass http://manset_two; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$host; } }
  server { listen 127.0.0.1:$LB1; location / { proxy_pass http://manset_one; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$host; } }"
      for _ in $(seq 1 20); do curl -fsS -o /dev/null "http://127.0.0.1:$LB/health" && break; sleep 0.2; done
      F_ARTICLE=$(first_article "http://127.0.0.1:$LB/")
      if [ -z "$F_ARTICLE" ]; then not_measured f "two nodes behind nginx" "no article link on the home page"
      else
        for url in "http://127.0.0.1:$LB$F_ARTICLE" "http://127.0.0.1:$LB1$F_ARTICLE"; do wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM}s" "$url" >/dev/null 2>&1 || true; done
        : >"$WORK/f.jsonl"
        for i in $(seq 1 "$ROUNDS"); do
          two=$(run_wrk "f-two-$i" "http://127.0.0.1:$LB$F_ARTICLE" "$CONNECTIONS" "$DURATION")
          one=$(run_wrk "f-one-$i" "http://127.0.0.1:$LB1$F_ARTICLE" "$CONNECTIONS" "$DURATION")
          echo "{\"two\": $two, \"one\": $one}" >>"$WORK/f.jsonl"
        done
        python3 - "$WORK/f.jsonl" "$ROWS" "$F_ARTICLE" "$NGINX_RPS" <<'PY'
import json, statistics, sys
rounds = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
nginx = float(sys.argv[4] or 0)
def f(v, unit=""):
    if v is None: return "-"
    if unit == "": return f"{v:,.0f}" if v >= 10 else f"{v:.1f}"
    return f"{v:.2f} ms" if v < 10 else f"{v:,.0f} ms"
ratios = [r["two"]["rps"] / r["one"]["rps"] for r in rounds if r["two"]["rps"] and r["one"]["rps"]]
med = statistics.median(ratios) if ratios else None
with open(sys.argv[2], "a") as out:
    for key, what in (("two", "two nodes (PostgreSQL + Redis) behind nginx, round-robin, cached article"),
                      ("one", "one of the nodes alone behind the same nginx, cached article")):
        vals = sorted(rounds, key=lambda r: r[key]["rps"] or 0)
        pick = vals[len(vals) // 2][key]
        errors = sum(r[key]["non2xx"] + r[key]["errors"] for r in rounds)
        ratio = (f"{med:.2f}" if key == "two" and med else "1.00") if med else "-"
        notes = (f"two ÷ one, median of rounds: {', '.join(f'{x:.2f}' for x in ratios)}" if key == "two" else "reference for the ratio")
        if nginx: notes += f"; {pick['rps'] / nginx:.2f} of (a)'s nginx static file"
        if errors: notes += f"; {errors} non-2xx/socket errors"
        out.write(f"f\t{what}\t{f(pick['rps'])}\t{f(pick['p50'], 'ms')}\t{f(pick['p99'], 'ms')}\t{ratio}\t{notes}\n")
PY
        log "(f) done"
      fi
    fi
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
# (g): WordPress.
if ! want g; then :
elif [ -n "$SKIP_WORDPRESS" ]; then not_measured g "WordPress (bench/wordpress.sh)" "SKIP_WORDPRESS=1"
elif [ ! -f bench/wordpress.sh ]; then not_measured g "WordPress (bench/wordpress.sh)" "bench/wordpress.sh is not there"
else
  log "(g) bench/wordpress.sh"
  set +e
  DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS bash bench/wordpress.sh >"$WORK/wordpress.out" 2>"$WORK/wordpress.err"
  wp_rc=$?
  set -e
  cp "$WORK/wordpress.out" "$RESULTS/wordpress.txt"; cat "$WORK/wordpress.err" >>"$RESULTS/wordpress.txt"
  WP_RPS=$(sed -n 's/^WORDPRESS_RPS=//p' "$WORK/wordpress.out" | tail -1)
  if [ "$wp_rc" = 0 ] && [ -n "$WP_RPS" ] && [ -z "$CACHED_RPS" ]; then
    row g "WordPress (Debian), the same story, nginx + php-fpm (bench/wordpress.sh)" "$(fmt_rps "$WP_RPS")" - - - "(a) was not measured: no ratio"
  elif [ "$wp_rc" = 0 ] && [ -n "$WP_RPS" ]; then
    wp_line=$(grep '^| WordPress' "$WORK/wordpress.out" | tail -1)
    wp_p50=$(echo "$wp_line" | awk -F'|' '{gsub(/ /,"",$4); print $4}'); wp_p99=$(echo "$wp_line" | awk -F'|' '{gsub(/ /,"",$5); print $5}')
    times=$(python3 -c 'import sys; print(f"{float(sys.argv[1])/float(sys.argv[2]):,.0f}")' "$CACHED_RPS" "$WP_RPS")
    ok=$(python3 -c 'import sys; print("ok" if float(sys.argv[1])/float(sys.argv[2]) >= 100 else "under 100×")' "$CACHED_RPS" "$WP_RPS")
    row g "WordPress (Debian), the same story, nginx + php-fpm (bench/wordpress.sh)" "$(fmt_rps "$WP_RPS")" "${wp_p50:--}" "${wp_p99:--}" "$times" \
      "Manşet cached ÷ WordPress = $times× ($ok, acceptance ≥ 100×); $(grep -o '[0-9]* ms CPU per request[^:]*' "$WORK/wordpress.out" | head -1)"
    log "(g) WordPress $WP_RPS req/s"
  else
    reason=$(grep -o 'not measured: .*' "$WORK/wordpress.err" | head -1 | sed 's/^not measured: //')
    not_measured g "WordPress (bench/wordpress.sh)" "${reason:-exit code $wp_rc (see $RESULTS/wordpress.txt)}"
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
{
  echo "## Manşet scale benchmark, $STAMP"
  echo
  echo "| | what | req/s | p50 | p99 | ratio | notes |"
  echo "|---|---|---:|---:|---:|---:|---|"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7}' "$ROWS"
  echo
  echo "ratio: (a)/(b) requests/s ÷ nginx's on the same bytes (the gzip row ÷ nginx's gzip row; median of $ROUNDS alternating rounds); (d) p50 ÷ the demo newspaper's; (f) two nodes ÷ one; (g) Manşet cached ÷ WordPress."
  echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency unless a row says otherwise; article $ARTICLE. Took $((SECONDS - START)) s; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "nodes started with: ${RUNTIME_ENV:-nothing but the settings each row names} (RUNTIME_ENV; deploy/systemd/manset.service)"
  echo "machine: $(nproc) cores, $(uname -r), $(free -g | awk '/Mem:/ {print $2}') GB; .NET SDK $(dotnet --version); $(nginx -v 2>&1 | sed 's/.*: //'); $(wrk --version 2>&1 | sed -n '1{s/ Copyright.*//;p}')"
} | tee "$RESULTS/summary.md"
echo "raw outputs: $RESULTS"
