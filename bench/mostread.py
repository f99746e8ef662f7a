#!/usr/bin/env python3
"""ÇOK OKUNANLAR timing check (issue: readers' engagement).

  python3 bench/mostread.py http://127.0.0.1:5080 TOKEN

Publishes two articles X and Y through the content API (TOKEN: an editor's API token), has 12 readers view X and 2
view Y through the view beacon, then polls the home page until X is listed above Y in ÇOK OKUNANLAR, and prints how
long that took. The site's defaults flush views every 10 s and recompute the lists every 60 s: at most ~70 s.
"""
import json, re, sys, time, urllib.request

UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


def main():
    base, token = sys.argv[1].rstrip("/"), sys.argv[2]
    def api(method, path, body=None):
        request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                         headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        return json.load(urllib.request.urlopen(request, timeout=30))
    slug = "okunma-" + str(int(time.time()))
    api("POST", "/api/v1/categories", {"name": "Okunma " + slug[-4:], "slug": slug})
    stamp = time.strftime("%H%M%S")
    x = api("POST", "/api/v1/articles", {"title": f"X haberi {stamp}", "category": slug, "status": "published"})
    y = api("POST", "/api/v1/articles", {"title": f"Y haberi {stamp}", "category": slug, "status": "published"})
    def view(article, times):
        for _ in range(times):
            urllib.request.urlopen(urllib.request.Request(base + x["url"] if article is x else base + y["url"], headers={"User-Agent": UA}), timeout=30).read()
            urllib.request.urlopen(urllib.request.Request(base + f"/okunma/{article['id']}", headers={"User-Agent": UA}), timeout=30).read()
    began = time.perf_counter()
    view(x, 12)
    view(y, 2)
    while True:
        home = urllib.request.urlopen(urllib.request.Request(base + "/", headers={"User-Agent": UA}), timeout=30).read().decode()
        block = home[home.find('class="block most-read"'):]
        block = block[:block.find("</section>")]
        titles = re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', block)
        xi, yi = (titles.index(t) if t in titles else None for t in (x["title"], y["title"]))
        if xi is not None and yi is not None and xi < yi:
            print(f"X above Y in ÇOK OKUNANLAR after {time.perf_counter() - began:.1f} s (positions {xi + 1} and {yi + 1})")
            return 0
        if time.perf_counter() - began > 180:
            print("X was not above Y after 180 s:", titles)
            return 1
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
