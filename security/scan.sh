#!/usr/bin/env bash
# Scans a running Manşet from the outside with two scanners from Debian: sqlmap on every parameterised endpoint
# (public pages, search, reactions, the login form, newsroom filters, the content API) and wapiti over the whole
# site, signed in to the newsroom. Builds the site (Release), starts it on a throwaway data directory (the demo
# newspaper is written on the first start), makes a newsroom user and an API token, scans, stops the site and prints
# a summary. Exit 0 only when sqlmap finds no injectable parameter, no request in the sqlmap runs made the site answer
# 500, and wapiti reports nothing of medium severity or higher.
#
#   bash security/scan.sh
#
# Needs sqlmap, wapiti, curl and python3 (Debian: apt-get install -y sqlmap wapiti curl python3); as root with
# apt-get they are installed when missing, otherwise the script says so and stops. Raw reports go to
# security/.reports/TIMESTAMP/ (ignored by git). Settings (environment):
#   SCAN_PORT (5391)  SCAN_LEVEL (2) and SCAN_RISK (1) for sqlmap  SCAN_THREADS (2, requests in flight per scanner)
#   SCAN_CRAWL_SECONDS (300, wapiti's crawl)  SCAN_MODULE_SECONDS (150, each wapiti attack module)
#   SCAN_ONLY (sqlmap or wapiti: run one scanner)  SCAN_NO_BUILD=1 (use the Release build as it is)
# The site's rate limits on search, login and the API are raised for the scan (their own tests are in
# tests/Manset.Tests/Infrastructure/RateLimitTests.cs); everything else runs with the production defaults.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port="${SCAN_PORT:-5391}"
level="${SCAN_LEVEL:-2}"
risk="${SCAN_RISK:-1}"
threads="${SCAN_THREADS:-2}"
crawl_seconds="${SCAN_CRAWL_SECONDS:-300}"
module_seconds="${SCAN_MODULE_SECONDS:-150}"
only="${SCAN_ONLY:-}"
base="http://127.0.0.1:$port"
started=$(date +%s)

# ---- tools
missing=()
for tool in sqlmap wapiti curl python3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if (( ${#missing[@]} > 0 )); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "== installing ${missing[*]} from Debian"
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    else
        echo "missing: ${missing[*]}. On Debian: sudo apt-get install -y sqlmap wapiti curl python3" >&2
        exit 2
    fi
fi
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is needed (dotnet)" >&2; exit 2; }
sqlmap_version=$(sqlmap --version 2>/dev/null | head -1)
wapiti_version=$(wapiti --version 2>/dev/null | grep -o 'Wapiti[- ][0-9][0-9.a-z]*' | tail -1)

reports="$root/security/.reports/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$reports/sqlmap"
echo "== reports in $reports"

# ---- the site
if [[ "${SCAN_NO_BUILD:-}" != 1 ]]; then
    echo "== building (Release)"
    dotnet build "$root/src/Manset.Web" -c Release --nologo -v quiet -m:1
fi
dll="$root/src/Manset.Web/bin/Release/net10.0/Manset.Web.dll"
[[ -f "$dll" ]] || { echo "no build at $dll" >&2; exit 2; }
if curl -s -o /dev/null "$base/health"; then echo "something already answers on port $port (SCAN_PORT)" >&2; exit 2; fi

data=$(mktemp -d /tmp/manset-scan-XXXXXX)
export Manset__DataDirectory="$data"
export Manset__Site__BaseUrl="$base"
# The limits are tested elsewhere; here they would only turn the scanners' requests into 429s.
export Manset__Site__SearchesPerAddressPerMinute=1000000
export Manset__Newsroom__LoginsPerAddressPerMinute=1000000
export Manset__Newsroom__ApiRequestsPerClientPerMinute=1000000
export Manset__Engagement__ReactionsPerAddressPerMinute=100000
export Manset__Engagement__ReactionsPerReaderPerMinute=1000
export ASPNETCORE_ENVIRONMENT=Production

site_pid=""
stop_site() {
    if [[ -n "$site_pid" ]] && kill -0 "$site_pid" 2>/dev/null; then
        kill "$site_pid" 2>/dev/null || true
        wait "$site_pid" 2>/dev/null || true
    fi
    site_pid=""
}
cleanup() { stop_site; rm -rf "$data"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

manset() { dotnet "$dll" "$@"; }

echo "== newsroom users and an API token (data in $data)"
password='Tarama-Parola-2026!'
manset admin create --email tarama@example.com --password "$password" --name "Tarama Yöneticisi" --role yonetici >/dev/null
# sqlmap's login-form run gets this account locked (five wrong passwords): it is not the one wapiti signs in with.
manset admin create --email kapi@example.com --password "$password" --name "Giriş Denemesi" --role muhabir >/dev/null
token=$(manset token create --email tarama@example.com --name tarama | tail -1)

echo "== starting the site on $base"
dotnet "$dll" --urls "$base" >"$reports/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 120); do
    curl -sf -o /dev/null "$base/health" && break
    kill -0 "$site_pid" 2>/dev/null || { echo "the site stopped; see $reports/site.log" >&2; exit 1; }
    sleep 1
done
curl -sf -o /dev/null "$base/health" || { echo "the site did not answer /health in 120 s" >&2; exit 1; }

# ---- what to scan: real slugs and ids from the demo newspaper
api() { curl -sf -H "Authorization: Bearer $token" "$base$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
category=$(api /api/v1/categories | json 'd[0]["slug"]')
article_url=$(api '/api/v1/articles?status=published&pageSize=1' | json 'd["items"][0]["url"]')
article_id=$(api '/api/v1/articles?status=published&pageSize=1' | json 'd["items"][0]["id"]')
article_html=$(curl -sf "$base$article_url")
tag=$(grep -o 'href="/etiket/[^"]*"' <<<"$article_html" | head -1 | sed 's|href="/etiket/||; s|"$||')
author=$(grep -o 'href="/yazar/[^"]*"' <<<"$article_html" | head -1 | sed 's|href="/yazar/||; s|"$||')
echo "   category /$category, tag /etiket/$tag, author /yazar/$author, article $article_url"

# A reader cookie (the view beacon gives it) for reactions.
curl -sf -o /dev/null -c "$reports/reader.jar" "$base/okunma/$article_id"
reader=$(awk '$6 == ".Manset.Okur" { print $7 }' "$reports/reader.jar")

# A newsroom session, signed in through the form as a person would (antiforgery token from the page).
login_jar="$reports/newsroom.jar"
form_token=$(curl -sf -c "$login_jar" -b "$login_jar" "$base/giris" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$login_jar" -b "$login_jar" \
    --data-urlencode "Email=tarama@example.com" --data-urlencode "Password=$password" \
    --data-urlencode "__RequestVerificationToken=$form_token" "$base/giris")
[[ "$status" == "302 $base/yonetim" ]] || { echo "newsroom sign-in failed: $status" >&2; exit 1; }
# curl writes HttpOnly cookies as "#HttpOnly_host"; sqlmap wants a header, wapiti its own JSON.
session_cookies=$(sed -n -e 's/^#HttpOnly_//' -e '/^[^#]/p' "$login_jar" | awk -F'\t' 'NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')
python3 - "$login_jar" "$reports/wapiti-cookies.json" <<'PY'
import json, sys
cookies = {}
for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    if line.startswith("#HttpOnly_"): line = line[len("#HttpOnly_"):]
    elif line.startswith("#") or not line.strip(): continue
    domain, _, path, secure, expires, name, value = line.split("\t")
    cookies.setdefault(domain, {}).setdefault(path, {})[name] = {
        "value": value, "expires": int(expires) or None, "secure": secure == "TRUE", "port": None, "version": 0}
json.dump(cookies, open(sys.argv[2], "w"), indent=1)
PY
session_alive() { [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $session_cookies" "$base/yonetim") == 200 ]]; }

# ---- sqlmap
# Level and risk as set; risk 1 keeps out the OR-based and heavy time-based payloads that could change or load
# every row. --flush-session: no answers remembered from an earlier run. Every target has its own output folder.
sqlmap_common=(--batch --level="$level" --risk="$risk" --threads="$threads" --flush-session --disable-coloring
    --timeout=15 --retries=1 -v 1)
declare -a sqlmap_names=()
sq() {
    local name=$1; shift
    sqlmap_names+=("$name")
    echo "== sqlmap $name"
    sqlmap "${sqlmap_common[@]}" --output-dir="$reports/sqlmap/$name" "$@" >"$reports/sqlmap/$name.txt" 2>&1 || true
    tail -n 3 "$reports/sqlmap/$name.txt" | grep -E 'injectable|injection point|CRITICAL' || true
}
newsroom=(--cookie="$session_cookies")
# Level 2 tests cookies too: the sign-in and antiforgery cookies are the same on every newsroom page, so they are
# tested once (newsroom-articles) and skipped on the other newsroom targets.
newsroom_same=("${newsroom[@]}" --skip=".Manset.Oturum,.Manset.Form")
bearer=(--headers="Authorization: Bearer $token")
if [[ "$only" != wapiti ]]; then
    # The untouched request of each target finds something in the demo newspaper ("eskisehir", "kaza" in a gündem
    # story from İHA): sqlmap compares every answer with it, and an empty list would look the same whatever happened.
    # Public site
    sq search -u "$base/arama?q=eskisehir&kategori=$category&baslangic=2020-01-01&bitis=2030-12-31&sayfa=1"
    sq category-page -u "$base/$category?sayfa=1"
    sq category-slug -u "$base/${category}*?sayfa=1"
    sq tag-page -u "$base/etiket/$tag?sayfa=1"
    sq author-page -u "$base/yazar/$author?sayfa=1"
    sq videos-page -u "$base/video?sayfa=1"
    sq breaking-page -u "$base/son-dakika?sayfa=1"
    sq article-reaction-notice -u "$base$article_url?tepki=begendim"
    sq article-id -u "$base${article_url}*"
    sq feed -u "$base/rss/$category?tam=1"
    sq view-beacon -u "$base/okunma/${article_id}*"
    sq reaction-counts -u "$base/tepki/${article_id}*"
    sq reaction-post -u "$base/tepki/$article_id" --data="tepki=begendim" --cookie=".Manset.Okur=$reader" \
        --headers="$(printf 'Origin: %s\nAccept: application/json' "$base")" --delay=0.07 --threads=1
    # (sqlmap refuses --csrf-url with threads; --delay keeps a reader within its 1,000 reactions a minute.)
    # Newsroom door
    sq login -u "$base/giris" --data="Email=kapi%40example.com&Password=yanlis-parola&RememberMe=false&ReturnUrl=%2Fyonetim&__RequestVerificationToken=x" \
        --csrf-token=__RequestVerificationToken --csrf-url="$base/giris" --threads=1
    sq forgot-password -u "$base/giris/sifremi-unuttum" --data="Email=kapi%40example.com&__RequestVerificationToken=x" \
        --csrf-token=__RequestVerificationToken --csrf-url="$base/giris/sifremi-unuttum" --threads=1
    sq reset-password-link -u "$base/giris/sifre-sifirla?e=kapi%40example.com&t=abc"
    sq two-factor-link -u "$base/giris/iki-adim?RememberMe=false&ReturnUrl=%2Fyonetim"
    # Newsroom lists (signed in)
    sq newsroom-articles -u "$base/yonetim/haberler?durum=published&kategori=$category&yazar=$author&kaynak=%C4%B0HA&baslangic=2020-01-01&bitis=2030-12-31&q=kaza&sayfa=1" "${newsroom[@]}"
    sq newsroom-wires -u "$base/yonetim/ajans?kaynak=iha&kategori=$category&sehir=Eskisehir&sondakika=false&zaman=24s&durum=yeni&q=ekonomi&sayfa=1" "${newsroom_same[@]}"
    sq newsroom-media -u "$base/yonetim/medya?q=a&tur=resim&sayfa=1" "${newsroom_same[@]}"
    sq newsroom-media-list -u "$base/yonetim/medya/liste?q=a&sayfa=1" "${newsroom_same[@]}"
    sq newsroom-tags -u "$base/yonetim/etiketler?q=a" "${newsroom_same[@]}"
    sq newsroom-audit -u "$base/yonetim/denetim?islem=giris&kisi=tarama&sayfa=1" "${newsroom_same[@]}"
    sq newsroom-revisions -u "$base/yonetim/haberler/${article_id}*/surumler" "${newsroom_same[@]}"
    # Content API (bearer token)
    sq api-articles-search -u "$base/api/v1/articles?status=published&category=$category&q=eskisehir&page=1&pageSize=20" "${bearer[@]}"
    sq api-articles-source -u "$base/api/v1/articles?status=published&category=$category&source=IHA&q=kaza&page=1&pageSize=20" "${bearer[@]}"
    sq api-article -u "$base/api/v1/articles/${article_id}*" "${bearer[@]}"
    sq api-create-article -u "$base/api/v1/articles" "${bearer[@]}" \
        --data='{"title":"Tarama haberi","spot":"Tarama spotu","body":"<p>Tarama metni</p>","category":"'"$category"'","tags":["tarama"],"source":"IHA","breaking":false,"status":"draft"}'
    # The drafts api-create-article has just written.
    sq api-articles-drafts -u "$base/api/v1/articles?status=draft&category=$category&source=IHA&q=Tarama&page=1&pageSize=20" "${bearer[@]}"
    sq api-create-category -u "$base/api/v1/categories" "${bearer[@]}" --data='{"name":"Tarama","slug":"tarama","parentSlug":"'"$category"'"}'
fi

# ---- wapiti
wapiti_session=unknown
if [[ "$only" != sqlmap ]]; then
    session_alive || { echo "the newsroom session ended before wapiti's run" >&2; exit 1; }
    echo "== wapiti over $base/ (crawl ${crawl_seconds}s, each module at most ${module_seconds}s)"
    # -x: never sign out. The API token is sent with every request so the content API is scanned too.
    # Debian's wapiti 3.0.4 compiles every -x pattern as 'PATTERN\Z(?ms)', which Python 3.11 refuses (global flags
    # must come first) and the run ends before it starts; this runs the same wapiti (with the interpreter its own
    # script names) with that one function mended.
    wapiti_python=$(head -1 "$(command -v wapiti)" | sed -n 's/^#! *//p' | cut -d' ' -f1)
    "$wapiti_python" -c '
import re, sys
import wapitiCore.net.crawler as crawler
crawler.wildcard_translate = lambda pattern: re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")
from wapitiCore.main.wapiti import wapiti_main
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())' -u "$base/" --scope folder -c "$reports/wapiti-cookies.json" \
        -s "$base/yonetim" -s "$base/arama?q=ekonomi" -s "$base/api/v1/articles?status=published&q=ekonomi&page=1" \
        -s "$base/api/v1/categories" -s "$base/openapi/v1.json" \
        -x "$base/cikis" -H "Authorization: Bearer $token" \
        --max-scan-time "$crawl_seconds" --max-attack-time "$module_seconds" --max-files-per-dir 40 \
        --flush-session --store-session "$reports/wapiti-session" --store-config "$reports/wapiti-config" \
        --no-bugreport -v 1 -f json -o "$reports/wapiti.json" >"$reports/wapiti.txt" 2>&1 || true
    if session_alive; then wapiti_session=kept; else
        wapiti_session="ended ($(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Cookie: $session_cookies" "$base/yonetim"))"
    fi
    # What wapiti's form posts changed in the newsroom (it is a throwaway database): the audit log, by action.
    "$wapiti_python" - "$data/manset.db" >"$reports/wapiti-audit.txt" 2>&1 <<'PY' || true
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for action, count in db.execute('SELECT "Action", count(*) FROM "AuditEntries" GROUP BY "Action" ORDER BY 2 DESC'):
    print(f"{count:6} {action}")
PY
fi

stop_site
duration=$(( $(date +%s) - started ))

# ---- summary
python3 - "$reports" "$only" "$duration" "$sqlmap_version" "$wapiti_version" "$wapiti_session" "${sqlmap_names[@]}" <<'PY'
import json, os, re, sys
reports, only, duration, sqlmap_version, wapiti_version, session = sys.argv[1:7]
names = sys.argv[7:]
failed = []

if only != "wapiti":
    print()
    print(f"sqlmap {sqlmap_version}")
    print(f"{'target':<26} {'parameters':>10} {'injectable':>10} {'HTTP 500':>8} {'XSS hint':>8}  finished")
    total_params = total_inject = total_500 = 0
    for name in names:
        text = open(os.path.join(reports, "sqlmap", name + ".txt"), errors="replace").read()
        params = set(re.findall(r"testing for SQL injection on (.+? parameter '[^']+')", text))
        # Injection points sqlmap found are written to the target's log file.
        log = ""
        for folder, _, files in os.walk(os.path.join(reports, "sqlmap", name)):
            if "log" in files: log += open(os.path.join(folder, "log"), errors="replace").read()
        inject = len(re.findall(r"^Parameter: ", log, re.M)) + len(re.findall(r"parameter '[^']+' is vulnerable", text))
        errors = sum(int(n) for n in re.findall(r"^500 \(Internal Server Error\) - (\d+) times", text, re.M))
        xss = len(set(re.findall(r"heuristic \(XSS\) test shows that (.+?) might be vulnerable", text)))
        done = ("do not appear to be injectable" in text or "identified the following injection point" in text
                or "is vulnerable" in text)
        total_params += len(params); total_inject += inject; total_500 += errors
        print(f"{name:<26} {len(params):>10} {inject:>10} {errors:>8} {xss:>8}  {'yes' if done else 'NO'}")
        if inject or errors or not done or not params: failed.append(f"sqlmap {name}")
    print(f"{'all ' + str(len(names)) + ' targets':<26} {total_params:>10} {total_inject:>10} {total_500:>8}")

if only != "sqlmap":
    print()
    print(f"wapiti {wapiti_version} (newsroom session {session} at the end)")
    path = os.path.join(reports, "wapiti.json")
    if not os.path.exists(path):
        print("no wapiti report"); failed.append("wapiti report")
    else:
        report = json.load(open(path))
        levels = {"4": "critical", "3": "high", "2": "medium", "1": "low", "0": "info"}
        counts = {(kind, lvl): 0 for kind in ("vulnerabilities", "anomalies") for lvl in levels}
        rows = []
        for kind in ("vulnerabilities", "anomalies"):
            for category, items in report.get(kind, {}).items():
                for item in items:
                    lvl = str(item.get("level", 0))
                    counts[(kind, lvl)] += 1
                    rows.append((lvl, category, item.get("method", ""), item.get("path", ""), item.get("parameter", "")))
        infos = report.get("infos", {})
        crawled = sum(1 for line in open(os.path.join(reports, "wapiti.txt"), errors="replace") if line.startswith("[+] "))
        print(f"crawled: {crawled} requests (GET pages and forms found)")
        print(f"{'severity':<10} {'vulnerabilities':>15} {'anomalies':>10}")
        for lvl in ("4", "3", "2", "1", "0"):
            print(f"{levels[lvl]:<10} {counts[('vulnerabilities', lvl)]:>15} {counts[('anomalies', lvl)]:>10}")
        for lvl, category, method, where, parameter in sorted(rows, reverse=True):
            print(f"  [{levels.get(lvl, lvl)}] {category}: {method} {where} {parameter}".rstrip())
        if any(counts[(k, l)] for k in ("vulnerabilities", "anomalies") for l in ("4", "3", "2")):
            failed.append("wapiti medium or higher")
        if os.path.exists(os.path.join(reports, "wapiti-audit.txt")):
            print("newsroom audit log after the scan (count, action): " + "; ".join(l.strip() for l in open(os.path.join(reports, "wapiti-audit.txt")) if l.strip()))

print()
print(f"duration {int(duration) // 60} min {int(duration) % 60} s; reports in {reports}")
if failed:
    print("TARGETS MISSED: " + ", ".join(failed))
    sys.exit(1)
print("targets met: " + "; ".join(part for skip, part in (
    ("wapiti", "no injectable parameter and no server error under sqlmap"), ("sqlmap", "nothing medium or higher from wapiti"))
    if only != skip))
PY
