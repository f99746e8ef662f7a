#!/usr/bin/env python3
"""The writers of the soak (bench/soak.sh runs this beside wrk's readers): for DURATION seconds,

  * reactions: fresh readers (a cookie from the view beacon each) react to the newest articles, REACTIONS a second;
  * the editor: every SAVE_EVERY seconds an article is saved through the API (a new version of one of a handful of
    stories, and every tenth save a new published story, which purges the home and category pages);
  * the wire feed: an İHA abone RSS served here that gains FEED_NEW items every minute (the site pulls it itself).

Every minute it writes one JSON line per window to OUT: counts by outcome, the slowest answers, and the site's
memory (VmRSS of PID). Uses only the Python standard library.
  python3 bench/soak.py BASE TOKEN PID OUT DURATION FEED_PORT
"""
import http.cookiejar, http.server, json, random, sys, threading, time, urllib.error, urllib.parse, urllib.request
from datetime import datetime, timedelta, timezone

BASE, TOKEN, PID, OUT = sys.argv[1].rstrip("/"), sys.argv[2], int(sys.argv[3]), sys.argv[4]
DURATION, FEED_PORT = int(sys.argv[5]), int(sys.argv[6])
REACTIONS, SAVE_EVERY, FEED_NEW = 4, 2.0, 5
UA = "Mozilla/5.0 (X11; Linux x86_64) soak"
REACTION_NAMES = ["begendim", "sevdim", "begenmedim", "uzgun", "inanilmaz"]
CITIES = ["Eskişehir", "Kütahya", "Bilecik", "Ankara", "Bursa", "İzmir", "Iğdır", "Şanlıurfa", "Çanakkale", "Muğla"]

lock = threading.Lock()
window = {}
stop = threading.Event()


def count(kind, status, seconds):
    group = "5xx" if status >= 500 else str(status) if status in (200, 201, 204, 303, 400, 403, 409, 412, 429) else "other"
    with lock:
        w = window.setdefault(kind, {"slowest_ms": 0})
        w[group] = w.get(group, 0) + 1
        w["slowest_ms"] = max(w["slowest_ms"], round(seconds * 1000))


def call(kind, request, opener=None):
    began = time.perf_counter()
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=30) as response:
            body = response.read()
            count(kind, response.status, time.perf_counter() - began)
            return response.status, body
    except urllib.error.HTTPError as error:
        count(kind, error.code, time.perf_counter() - began)
        return error.code, error.read()
    except Exception:  # a refused or dropped connection counts as a server failure
        count(kind, 599, time.perf_counter() - began)
        return 599, b""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def api(method, path, payload=None):
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={
        "Authorization": "Bearer " + TOKEN, "Content-Type": "application/json", "Accept": "application/json"})
    return call("editor", request)


def newest_articles():
    status, body = api("GET", "/api/v1/articles?status=published")
    return [item["id"] for item in json.loads(body)["items"][:10]] if status == 200 else []


def reactions():
    articles = newest_articles()
    while not stop.is_set():
        began = time.perf_counter()
        if articles:
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
            call("beacon", urllib.request.Request(BASE + "/okunma", headers={"User-Agent": UA}), opener)
            body = urllib.parse.urlencode({"tepki": random.choice(REACTION_NAMES)}).encode()
            call("reaction", urllib.request.Request(BASE + f"/tepki/{random.choice(articles)}", data=body, method="POST", headers={
                "User-Agent": UA, "Accept": "application/json", "Origin": BASE, "Sec-Fetch-Site": "same-origin",
                "Content-Type": "application/x-www-form-urlencoded"}), opener)
        time.sleep(max(0, 1 / REACTIONS - (time.perf_counter() - began)))


def editor():
    stories = []
    saves = 0
    while not stop.is_set():
        began = time.perf_counter()
        saves += 1
        city = random.choice(CITIES)
        body = "".join(f"<p>{city} için {saves}. güncelleme: ekipler bölgede çalışmalarını sürdürüyor ({n}).</p>" for n in range(8))
        if not stories or saves % 10 == 0:
            status, answer = api("POST", "/api/v1/articles", {
                "title": f"{city}'da gelişme {saves}: belediye açıklama yaptı", "spot": "Soak ölçümünün haberi.",
                "body": body, "category": "gundem", "tags": [city], "source": "Manşet", "status": "published"})
            if status == 201:
                stories = (stories + [json.loads(answer)["id"]])[-5:]
        else:
            story = random.choice(stories)
            status, answer = api("GET", f"/api/v1/articles/{story}")
            if status == 200:
                article = json.loads(answer)
                article["body"] = body
                article["spot"] = f"Son güncelleme {saves}."
                api("PUT", f"/api/v1/articles/{story}", {k: article[k] for k in
                    ("title", "spot", "body", "category", "tags", "source", "publishedAt", "breaking", "status")})
        time.sleep(max(0, SAVE_EVERY - (time.perf_counter() - began)))


started = datetime.now(timezone.utc)


SUBJECTS = ["belediye meclisi", "il sağlık müdürlüğü", "üniversite rektörlüğü", "ticaret odası", "valilik", "itfaiye ekipleri",
            "tarım müdürlüğü", "emniyet müdürlüğü", "spor kulübü", "muhtarlar derneği", "ziraat odası", "esnaf odası"]
VERBS = ["yeni bir proje başlattı", "açıklama yaptı", "toplantı düzenledi", "uyarıda bulundu", "yatırım planını duyurdu",
         "çalışma başlattı", "ödül aldı", "denetim yaptı", "kampanya başlattı", "protokol imzaladı"]


def feed_xml():
    """The last 50 items of an İHA abone feed that gains FEED_NEW items a minute (İstanbul times, as İHA writes them)."""
    minutes = int((datetime.now(timezone.utc) - started).total_seconds() // 60) + 1
    items = []
    for n in range(max(0, minutes * FEED_NEW - 50), minutes * FEED_NEW):
        rnd = random.Random(n)
        city, subject, verb = rnd.choice(CITIES), rnd.choice(SUBJECTS), rnd.choice(VERBS)
        number = rnd.randint(2, 90000)
        at = started + timedelta(hours=3, seconds=60 * n / FEED_NEW)
        items.append(f"<item><HaberKodu>SOAK{started:%Y%m%d%H%M}{n:06d}</HaberKodu><title>{city} {subject} {number} kişilik etkinlikte {verb}</title>"
                     f"<description><![CDATA[{city}'da {subject}, {number} kişinin katıldığı etkinlikte {verb}.<br/>"
                     f"Haber kodu {n}: yetkililer gelişmeleri yakından takip ettiklerini söyledi.]]></description>"
                     f"<Sehir>{city.upper()}</Sehir><Kategori>Asayiş</Kategori><UstKategori>Gündem</UstKategori><SonDakika>Hayır</SonDakika>"
                     f"<pubDate>{at:%d.%m.%Y %H:%M:%S}</pubDate><SonHaberGuncellenmeTarihi>-</SonHaberGuncellenmeTarihi>"
                     f"<SonFotografEklenmeTarihi>-</SonFotografEklenmeTarihi><images></images><videos></videos><Aciklamalar></Aciklamalar></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>İHA Abone Haber Akışı</title>'
            '<link>https://www.iha.com.tr</link>' + "".join(items) + "</channel></rss>").encode()


class Feed(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = feed_xml()
        with lock:
            window["feed_reads"] = window.get("feed_reads", 0) + 1
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def rss_kb():
    try:
        with open(f"/proc/{PID}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
    except (OSError, StopIteration):
        return 0


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", FEED_PORT), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    for work in (reactions, editor):
        threading.Thread(target=work, daemon=True).start()
    end = time.time() + DURATION
    minute = 0
    with open(OUT, "w") as out:
        while time.time() < end:
            peak = 0
            until = min(end, time.time() + 60)
            while time.time() < until:
                peak = max(peak, rss_kb())
                time.sleep(2)
            minute += 1
            global window
            with lock:
                taken, window = window, {}
            taken["minute"] = minute
            taken["rss_peak_kb"] = peak
            out.write(json.dumps(taken) + "\n")
            out.flush()
    stop.set()
    server.shutdown()


if __name__ == "__main__":
    main()
