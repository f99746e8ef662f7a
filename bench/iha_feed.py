#!/usr/bin/env python3
"""Writes an İHA abone RSS feed with N varied stories (no media) to stdout: the wire benchmark's input.
   python3 bench/iha_feed.py 10000 > feed.xml"""
import random, sys
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
rnd = random.Random(2026)
cities = ["ESKİŞEHİR", "KÜTAHYA", "BİLECİK", "AFYONKARAHİSAR", "ANKARA", "BURSA", "KONYA", "UŞAK", "SAKARYA", "BOLU",
          "İSTANBUL", "İZMİR", "ADANA", "TRABZON", "DİYARBAKIR", "ERZURUM", "ŞANLIURFA", "MUĞLA", "ÇANAKKALE", "IĞDIR"]
cats = [("Futbol", "Spor"), ("Ulaşım", "Gündem"), ("Asayiş", "Gündem"), ("Ekonomi", "Ekonomi"), ("Tarım", "Ekonomi"),
        ("Kültür Sanat", "Kültür Sanat"), ("Sağlık", "Sağlık"), ("Eğitim", "Eğitim"), ("Dünya", "Dünya"), ("Politika", "Politika")]
subjects = ["belediye meclisi", "il sağlık müdürlüğü", "üniversite rektörlüğü", "ticaret odası", "valilik", "itfaiye ekipleri",
            "tarım müdürlüğü", "emniyet müdürlüğü", "spor kulübü", "muhtarlar derneği", "ziraat odası", "esnaf odası"]
verbs = ["yeni bir proje başlattı", "açıklama yaptı", "toplantı düzenledi", "uyarıda bulundu", "yatırım planını duyurdu",
         "çalışma başlattı", "ödül aldı", "denetim yaptı", "kampanya başlattı", "protokol imzaladı"]
details = ["çalışmaların yıl sonuna kadar süreceği belirtildi", "vatandaşlardan destek istendi",
           "bütçenin büyük bölümünün altyapıya ayrıldığı açıklandı", "ilk etabın tamamlandığı bildirildi",
           "konuya ilişkin raporun bakanlığa gönderildiği öğrenildi", "yetkililer gelişmeleri yakından takip ettiklerini söyledi",
           "ekiplerin gece boyunca görev yaptığı öğrenildi", "projenin çevre ilçelere de yayılacağı kaydedildi"]
start = datetime(2026, 11, 29, 6, 0, 0)
out = sys.stdout
out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>İHA Abone Haber Akışı</title><link>https://www.iha.com.tr</link>\n')
for n in range(count):
    city = rnd.choice(cities); cat, parent = rnd.choice(cats); subject = rnd.choice(subjects); verb = rnd.choice(verbs)
    number = rnd.randint(2, 9000)
    title = f"{city.title()} {subject} {number} kişilik etkinlikte {verb}"
    lines = [f"{city.title()}'de {subject}, {number} kişinin katıldığı etkinlikte {verb}.",
             f"Açıklamada {rnd.choice(details)}; {rnd.choice(details)}.",
             f"\"{rnd.choice(['Yeni dönem', 'İlk adım', 'Hedef büyük', 'Süreç devam ediyor'])}\"",
             f"Haber kodu {n}: {rnd.choice(details)}, {rnd.choice(details)}.",
             f"Yetkililer, {rnd.choice(details)}."]
    at = start + timedelta(seconds=n * 3)
    out.write(f"<item><HaberKodu>20261129AW{n:06d}</HaberKodu><title>{escape(title)}</title>"
              f"<description><![CDATA[{'<br/>'.join(lines)}]]></description><Sehir>{escape(city)}</Sehir>"
              f"<Kategori>{escape(cat)}</Kategori><UstKategori>{escape(parent)}</UstKategori>"
              f"<SonDakika>{'Evet' if n % 97 == 0 else 'Hayır'}</SonDakika><pubDate>{at:%d.%m.%Y %H:%M:%S}</pubDate>"
              f"<SonHaberGuncellenmeTarihi>-</SonHaberGuncellenmeTarihi><SonFotografEklenmeTarihi>-</SonFotografEklenmeTarihi>"
              f"<images></images><videos></videos><Aciklamalar></Aciklamalar></item>\n")
out.write("</channel></rss>\n")
