#!/usr/bin/env bash
# Manşet soak: one node on SQLite for DURATION seconds (default 1800) with, at the same time,
#   readers   wrk, 16 connections each pausing 5 ms between requests, over the home page, every category and every
#             article of the demo newspaper (the list is read again from the sitemaps every minute, as articles are added);
#   reactions fresh readers reacting to the newest stories, 4 a second (bench/soak.py);
#   editor    an article saved through the API every 2 s, a new published story every tenth save (purges pages);
#   wires     an İHA feed served by bench/soak.py that gains 5 items a minute, pulled by the site every 30 s and
#             published by rule.
# Prints a table per five minutes (requests, latency, 5xx, the writers' outcomes, memory) and a verdict: no 5xx, no
# growth of memory after the first five minutes beyond 20 %, the readers' p99 in the last five minutes within twice
# that of the second five. Raw minutes in bench/results/<time>-soak/.
#   bash bench/soak.sh                 (from the repository root; needs wrk, python3, curl)
# Environment: DURATION (1800), CONNECTIONS (16).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-1800}; CONNECTIONS=${CONNECTIONS:-16}
for tool in wrk python3 curl; do command -v "$tool" >/dev/null || { echo "soak: '$tool' is missing (apt-get install wrk python3 curl)"; exit 2; }; done
WORK=$(mktemp -d /tmp/manset-soak.XXXX)
RESULTS=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-soak
mkdir -p "$RESULTS"
SITE=""; WRITERS=""
cleanup() { for p in $WRITERS $SITE; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

echo "Publishing Manset.Web (Release)…"
dotnet publish src/Manset.Web -c Release -o "$WORK/app" -nologo -v quiet >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }
DATA="$WORK/data"; PORT=$(port); FEED_PORT=$(port); BASE="http://127.0.0.1:$PORT"
site_env=(Manset__DataDirectory="$DATA" Manset__Site__BaseUrl="$BASE" Logging__LogLevel__Default=Warning
  Manset__Wires__Sources__0__Name=iha Manset__Wires__Sources__0__Type=iha
  Manset__Wires__Sources__0__Url="http://127.0.0.1:$FEED_PORT/abone/rss" Manset__Wires__Sources__0__UserCode=KOD-SOAK
  Manset__Wires__Sources__0__UserName=soak Manset__Wires__Sources__0__Password=soak-parola
  Manset__Wires__Sources__0__IntervalSeconds=30 Manset__Wires__Sources__0__Mode=publish
  Manset__Wires__Sources__0__DefaultCategory=gundem)
(cd "$WORK/app" && exec env "${site_env[@]}" dotnet Manset.Web.dll --urls "$BASE") >"$RESULTS/site.log" 2>&1 &
SITE=$!
for _ in $(seq 1 120); do curl -fsS -o /dev/null "$BASE/health" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$BASE/health" || { echo "soak: the site did not start"; tail -20 "$RESULTS/site.log"; exit 1; }
# The newsroom account and its token, made while the site serves (it wrote the demo newspaper on its first start).
(cd "$WORK/app" && env "${site_env[@]}" dotnet Manset.Web.dll admin create --email soak@example.com --password 'Soak-Parola-2026' --name "Soak Editör" --role editor) >"$WORK/admin.log" 2>&1 \
  || { cat "$WORK/admin.log"; exit 1; }
TOKEN=$(cd "$WORK/app" && env "${site_env[@]}" dotnet Manset.Web.dll token create --email soak@example.com --name soak 2>/dev/null | tail -1)
# The process itself, not the subshell around it.
PID=$(pgrep -n -f "Manset.Web.dll --urls $BASE")

addresses() { # the home page, every category, every article, read from the sitemaps
  python3 - "$BASE" >"$WORK/paths.new" <<'PY'
import re, sys, urllib.request
base = sys.argv[1]
def get(path): return urllib.request.urlopen(base + path, timeout=60).read().decode()
def path(url): return re.sub(r"^https?://[^/]+", "", url)
paths = ["/"] + [path(u) for u in re.findall(r"<loc>([^<]*)</loc>", get("/sitemap-categories.xml"))]
for m in [path(u) for u in re.findall(r"<loc>([^<]*sitemap-articles-[^<]*)</loc>", get("/sitemap.xml"))]:
    paths += [path(u) for u in re.findall(r"<url>\s*<loc>([^<]*)</loc>", get(m))]
print("\n".join(paths))
PY
  mv "$WORK/paths.new" "$WORK/paths.txt"
}
addresses
cat >"$WORK/readers.lua" <<'LUA'
local paths, threads, counter = {}, {}, 0
function setup(thread) counter = counter + 1; thread:set("id", counter); table.insert(threads, thread) end
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() * 1000 + id)
  failures = 0
end
function delay() return 5 end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function response(status, headers, body) if status >= 500 then failures = failures + 1 end end
function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failures") end
  local e = summary.errors
  io.write(string.format('JSON {"requests":%d,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"5xx":%d,"socket":%d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, failed, e.connect + e.read + e.write + e.timeout))
end
LUA

echo "Soak: $DURATION s on $BASE (pid $PID), $(wc -l <"$WORK/paths.txt") addresses, writers and wires beside…"
python3 bench/soak.py "$BASE" "$TOKEN" "$PID" "$RESULTS/writers.jsonl" "$DURATION" "$FEED_PORT" &
WRITERS=$!
: >"$RESULTS/readers.jsonl"
END=$(( $(date +%s) + DURATION ))
while [ "$(date +%s)" -lt "$END" ]; do
  left=$(( END - $(date +%s) )); slice=$(( left < 60 ? left : 60 ))
  [ "$slice" -ge 5 ] || break
  wrk -t2 -c"$CONNECTIONS" -d"${slice}s" --timeout 10s -s "$WORK/readers.lua" "$BASE" -- "$WORK/paths.txt" 2>&1 \
    | sed -n 's/^JSON //p' >>"$RESULTS/readers.jsonl"
  addresses || true
done
wait "$WRITERS" || true; WRITERS=""
kill -0 "$PID" 2>/dev/null || { echo "soak: the site died"; tail -30 "$RESULTS/site.log"; exit 1; }
ARTICLES=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/articles?source=%C4%B0HA" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
grep -c " fail: \| crit: " "$RESULTS/site.log" >"$RESULTS/errors-logged.txt" || true

python3 - "$RESULTS" "$ARTICLES" "$DURATION" <<'PY'
import json, sys
results, wired, duration = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
readers = [json.loads(l) for l in open(f"{results}/readers.jsonl") if l.strip()]
writers = [json.loads(l) for l in open(f"{results}/writers.jsonl") if l.strip()]
logged = int(open(f"{results}/errors-logged.txt").read().strip() or 0)
def total(rows, kind, key): return sum(r.get(kind, {}).get(key, 0) for r in rows)
lines = ["| minutes | reader req/s | p50 | p99 | max | 5xx | reactions ok / 429 / 5xx | saves ok / 5xx | feed reads | peak RSS |",
         "|---|---|---|---|---|---|---|---|---|---|"]
windows = []
for start in range(0, max(len(readers), len(writers)), 5):
    r, w = readers[start:start + 5], writers[start:start + 5]
    if not r: break
    n = sum(x["requests"] for x in r)
    p99 = max(x["p99_ms"] for x in r)
    rss = max((x.get("rss_peak_kb", 0) for x in w), default=0) / 1024
    windows.append((p99, rss))
    ok = lambda kind, *codes: sum(total(w, kind, c) for c in codes)
    lines.append(f"| {start + 1}–{start + len(r)} | {n / sum(x['requests'] / x['rps'] for x in r if x['rps']):,.0f} | "
                 f"{sorted(x['p50_ms'] for x in r)[len(r) // 2]:.1f} ms | {p99:.1f} ms | {max(x['max_ms'] for x in r):.0f} ms | "
                 f"{sum(x['5xx'] + x['socket'] for x in r)} | {ok('reaction', '200')} / {ok('reaction', '429')} / {ok('reaction', '5xx')} | "
                 f"{ok('editor', '200', '201')} / {ok('editor', '5xx')} | {sum(x.get('feed_reads', 0) for x in w)} | {rss:.0f} MB |")
print("\n".join(lines))
failures = sum(x["5xx"] + x["socket"] for x in readers) + sum(total(writers, k, "5xx") for k in ("reaction", "editor", "beacon"))
verdicts = [("no 5xx or dropped connection", failures == 0, f"{failures}"),
            ("nothing logged as fail/crit", logged == 0, f"{logged} lines")]
if len(windows) >= 3:
    (p99_2, rss_2), (p99_last, rss_last) = windows[1], windows[-1]
    verdicts.append(("memory: last five minutes within 20 % of the second five", rss_last <= rss_2 * 1.2, f"{rss_2:.0f} → {rss_last:.0f} MB"))
    verdicts.append(("readers' p99: last five minutes within 2× the second five", p99_last <= 2 * p99_2, f"{p99_2:.1f} → {p99_last:.1f} ms"))
verdicts.append(("wire items published", wired > 0, f"{wired} articles from İHA"))
for name, good, value in verdicts: print(f"{'ok  ' if good else 'FAIL'} {name}: {value}")
print(f"{len(readers)} minutes of readers ({sum(x['requests'] for x in readers):,} requests), "
      f"{sum(total(writers, 'reaction', k) for k in ('200', '429', '5xx', 'other', '400', '403'))} reactions, "
      f"{sum(total(writers, 'editor', k) for k in ('200', '201', '5xx', 'other', '400', '409', '412', '429'))} editor calls")
sys.exit(0 if all(g for _, g, _ in verdicts) else 1)
PY
