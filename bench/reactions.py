#!/usr/bin/env python3
"""Reaction load check (issue: readers' engagement).

  python3 bench/reactions.py http://127.0.0.1:5080 [--readers 200]

Each simulated reader loads the view beacon (to get its reader cookie), then all of them post the same reaction to
one article at the same moment; the script checks that exactly that many were counted. Then one reader replays its
post as many times, at once, and the script checks that it counted once. Prints a short report; exits 1 on a
wrong count. Uses only the Python standard library.
"""
import argparse, concurrent.futures, http.cookiejar, json, re, sys, threading, time, urllib.error, urllib.parse, urllib.request

UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


class Reader:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def get(self, path):
        return self.opener.open(urllib.request.Request(self.base + path, headers={"User-Agent": UA}), timeout=60)

    def react(self, article, reaction):
        body = urllib.parse.urlencode({"tepki": reaction}).encode()
        request = urllib.request.Request(self.base + f"/tepki/{article}", data=body, method="POST", headers={
            "User-Agent": UA, "Accept": "application/json", "Origin": self.base, "Sec-Fetch-Site": "same-origin",
            "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def counts(base, article):
    time.sleep(0.2)  # the counts endpoint is cached briefly, and evicted by every reaction
    with urllib.request.urlopen(base + f"/tepki/{article}", timeout=30) as response:
        return json.load(response)["counts"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--article", type=int, help="article id (default: the first article on the home page)")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    article = args.article
    if article is None:
        home = urllib.request.urlopen(urllib.request.Request(base + "/", headers={"User-Agent": UA}), timeout=30).read().decode()
        article = int(re.search(r'href="/[a-z0-9-]+/[a-z0-9-]+-(\d+)"', home).group(1))

    readers = [Reader(base) for _ in range(args.readers)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
        list(pool.map(lambda r: r.get("/okunma").read(), readers))
    before = counts(base, article)["inanilmaz"]

    start = threading.Barrier(args.readers)
    def fire(reader):
        start.wait()
        return reader.react(article, "inanilmaz")
    began = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.readers) as pool:
        statuses = list(pool.map(fire, readers))
    took = time.perf_counter() - began
    after = counts(base, article)["inanilmaz"]
    counted = after - before
    ok = statuses.count(200)
    print(f"article {article}: {args.readers} readers posted at once in {took:.2f} s: {ok} answered 200, "
          f"{args.readers - ok} other ({sorted(set(statuses))}); counted {counted}")

    replayer = Reader(base)
    replayer.get("/okunma").read()
    before_love = counts(base, article)["sevdim"]
    start = threading.Barrier(args.readers)
    def replay(_):
        start.wait()
        return replayer.react(article, "sevdim")
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.readers) as pool:
        replays = list(pool.map(replay, range(args.readers)))
    love = counts(base, article)["sevdim"] - before_love
    print(f"one reader replayed its post {args.readers} times at once: {replays.count(200)} answered 200, "
          f"{replays.count(429)} answered 429; counted {love}")

    good = counted == ok == args.readers and love == 1
    print("OK" if good else "WRONG COUNT")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
