#!/usr/bin/env bash
# Manşet page quality: Lighthouse (mobile) scores for the demo site's home, article, category, search and video pages.
#   bash bench/lighthouse.sh     (from the repository root; needs Chromium and: npm ci --prefix tools/page-quality --ignore-scripts)
# Environment: RUNS (Lighthouse runs per page, 1; with more, the median performance score's run is kept).
# Publishes the site (Release), starts it on 127.0.0.1 with a temp data directory (the demo newspaper), runs
# Lighthouse in Debian's Chromium and prints a table of the four category scores; the JSON reports are kept under
# bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-1}
LIGHTHOUSE=tools/page-quality/node_modules/.bin/lighthouse
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
for tool in curl python3 node; do command -v "$tool" >/dev/null || { echo "lighthouse: '$tool' is missing"; exit 2; }; done
[ -x "$CHROME_PATH" ] || { echo "lighthouse: Chromium is missing at $CHROME_PATH (apt-get install chromium)"; exit 2; }
[ -x "$LIGHTHOUSE" ] || { echo "lighthouse: run npm ci --prefix tools/page-quality --ignore-scripts"; exit 2; }

WORK=$(mktemp -d /tmp/manset-lighthouse.XXXX)
RESULTS=bench/results/lighthouse-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"

echo "Publishing Manset.Web (Release)…"
dotnet publish src/Manset.Web -c Release -o "$WORK/app" -nologo -v quiet >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }
echo "Starting the site (demo newspaper) on $BASE…"
(cd "$WORK/app" && exec env Manset__DataDirectory="$WORK/data" Logging__LogLevel__Default=Warning \
   dotnet Manset.Web.dll --urls "$BASE" >"$WORK/site.log" 2>&1) &
PID=$!
for _ in $(seq 1 120); do curl -fsS -o /dev/null "$BASE/health" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$BASE/health" || { echo "lighthouse: the site did not start"; cat "$WORK/site.log"; exit 1; }

ARTICLE=$(curl -fsS "$BASE/" | grep -o 'href="/[a-z0-9-]*/[a-z0-9-]*-[0-9]*"' | grep -v '"/video/' | sed -n '1{s/href="//;s/"$//;p}')
VIDEO=$(curl -fsS "$BASE/video" | grep -o 'href="/video/[a-z0-9-]*-[0-9]*"' | sed -n '1{s/href="//;s/"$//;p}')
[ -n "$ARTICLE" ] && [ -n "$VIDEO" ] || { echo "lighthouse: no article or video link on the demo site"; exit 1; }
PAGES=("home /" "article $ARTICLE" "category /gundem" "search /arama?q=eskisehir" "video $VIDEO")
for p in "${PAGES[@]}"; do curl -fsS -o /dev/null "$BASE${p#* }"; done # warm-up: JIT, output cache

for p in "${PAGES[@]}"; do
  name=${p%% *}; path=${p#* }
  for i in $(seq 1 "$RUNS"); do
    echo "  $name ($path), run $i"
    "$LIGHTHOUSE" "$BASE$path" --quiet \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" \
      --form-factor=mobile --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$RESULTS/$name-$i.json" || { echo "lighthouse failed on $name"; exit 1; }
  done
done

{
  echo
  python3 - "$RESULTS" "$RUNS" "${PAGES[@]}" <<'PY'
import json, statistics, sys
folder, runs, pages = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
cats = ("performance", "accessibility", "best-practices", "seo")
print(f"| {'page':<46} | {'performance':>11} | {'accessibility':>13} | {'best practices':>14} | {'SEO':>5} |")
print(f"|{'-'*48}|{'-'*13}|{'-'*15}|{'-'*16}|{'-'*7}|")
notes = []
for p in pages:
    name, path = p.split(" ", 1)
    reports = [json.load(open(f"{folder}/{name}-{i}.json")) for i in range(1, runs + 1)]
    reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
    r = reports[len(reports) // 2]
    s = [round((r["categories"][c]["score"] or 0) * 100) for c in cats]
    label = f"{name} {path}"
    if len(label) > 46: label = label[:45] + "…"
    print(f"| {label:<46} | {s[0]:>11} | {s[1]:>13} | {s[2]:>14} | {s[3]:>5} |")
    for c in cats:
        for ref in r["categories"][c]["auditRefs"]:
            a = r["audits"][ref["id"]]
            if ref["weight"] > 0 and a["score"] is not None and a["score"] < 1:
                notes.append(f"{name}: {c}: {a['id']} ({a['score']}) {a.get('displayValue', '')}".rstrip())
    m = r["audits"]
    notes.append(f"{name}: FCP {m['first-contentful-paint']['displayValue']}, LCP {m['largest-contentful-paint']['displayValue']}, TBT {m['total-blocking-time']['displayValue']}, CLS {m['cumulative-layout-shift']['displayValue']}")
print()
print("\n".join(notes))
PY
  echo
  echo "Lighthouse $("$LIGHTHOUSE" --version), $("$CHROME_PATH" --version), mobile form factor (simulated throttling); $(nproc) cores; .NET SDK $(dotnet --version); $(date -u +%Y-%m-%d)"
} | tee "$RESULTS/summary.md"
