#!/usr/bin/env python3
"""Search latency through the API, one request at a time, against a running site.
   python3 bench/search.py http://127.0.0.1:5080 TOKEN [ROUNDS]
Prints median and p95 for one-word and two-word queries (each query asked ROUNDS times, default 20, after a warm-up)."""
import json, statistics, sys, time, urllib.parse, urllib.request

base, token = sys.argv[1].rstrip('/'), sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
one = ["istanbul", "igdir", "belediye", "deprem", "fındık", "ekonomi", "kursları", "şampiyonluk", "trabzon", "ulaşım",
       "cocuk", "öğretmen", "valilik", "festival", "KONYA", "Iğdır'da", "ihracat", "turizm", "itfaiye", "kar"]
two = ["istanbul belediye", "deprem hazırlığı", "fındık hasadı", "çocuk parkı", "kar yağışı", "tarihi konaklar", "yaz kursu",
       "sokak lezzetleri", "orman yangını", "trabzon valilik", "Şanlıurfa ihracat", "su kesintisi", "kış lastiği",
       "eskisehir tramvay", "ticaret odası", "sağlık taraması", "izmir festival", "van turizm", "ankara protokol", "kars kar"]

def ask(q):
    url = f"{base}/api/v1/articles?status=published&q={urllib.parse.quote(q)}"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
    return (time.perf_counter() - started) * 1000, body["total"]

def measure(name, queries):
    for q in queries: ask(q)  # warm-up
    times, totals = [], {}
    for _ in range(rounds):
        for q in queries:
            ms, total = ask(q)
            times.append(ms)
            totals[q] = total
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{name:9} {len(times):5} requests  median {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
          f"matches per query {min(totals.values()):,}–{max(totals.values()):,}")
    return statistics.median(times), p95

measure("one word", one)
measure("two words", two)
