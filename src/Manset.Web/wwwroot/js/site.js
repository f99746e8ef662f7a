// Manşet: progressive enhancement for the public site. Everything works without this file.
(() => {
  "use strict";

  // Manşet slider: arrows, dots that follow the scroll, arrow keys, gentle auto-advance that stops on interaction.
  for (const carousel of document.querySelectorAll("[data-carousel]")) {
    const track = carousel.querySelector(".slides");
    const slides = [...carousel.querySelectorAll(".slide")];
    const dots = [...carousel.querySelectorAll(".dots a")];
    if (!track || slides.length < 2) continue;
    let current = 0;
    let timer = null;
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

    const show = (index, focus) => {
      current = (index + slides.length) % slides.length;
      track.scrollTo({ left: slides[current].offsetLeft - track.offsetLeft, behavior: reduced ? "auto" : "smooth" });
      dots.forEach((d, i) => d.setAttribute("aria-current", i === current ? "true" : "false"));
      if (focus) slides[current].querySelector("a")?.focus({ preventScroll: true });
    };
    const stop = () => { if (timer) { clearInterval(timer); timer = null; } };

    const arrows = document.createElement("div");
    arrows.className = "arrows";
    arrows.innerHTML = '<button type="button" class="prev" aria-label="Önceki manşet">‹</button><button type="button" class="next" aria-label="Sonraki manşet">›</button>';
    carousel.append(arrows);
    arrows.querySelector(".prev").addEventListener("click", () => { stop(); show(current - 1); });
    arrows.querySelector(".next").addEventListener("click", () => { stop(); show(current + 1); });
    dots.forEach((dot, i) => dot.addEventListener("click", (e) => { e.preventDefault(); stop(); show(i, true); }));
    track.addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight") { e.preventDefault(); stop(); show(current + 1, true); }
      if (e.key === "ArrowLeft") { e.preventDefault(); stop(); show(current - 1, true); }
    });
    track.addEventListener("scroll", () => {
      const index = Math.round(track.scrollLeft / track.clientWidth);
      if (index !== current && index >= 0 && index < slides.length) {
        current = index;
        dots.forEach((d, i) => d.setAttribute("aria-current", i === current ? "true" : "false"));
      }
    }, { passive: true });
    for (const type of ["pointerdown", "focusin", "mouseenter", "touchstart"]) carousel.addEventListener(type, stop, { passive: true });
    if (!reduced) timer = setInterval(() => show(current + 1), 7000);
  }

  // Reactions: counts refreshed after load (the page itself may come from a shared cache), the reader's choice
  // remembered in this browser, clicks sent with fetch and the counts updated in place. Without JavaScript the form
  // posts and the server redirects back with the new counts.
  for (const form of document.querySelectorAll("form[data-reactions]")) {
    const id = form.dataset.reactions;
    const memory = "manset:tepki:" + id;
    const note = form.querySelector(".note");
    const remember = (mine) => {
      try { mine ? localStorage.setItem(memory, mine) : localStorage.removeItem(memory); } catch { /* private mode */ }
    };
    const recall = () => {
      try { return localStorage.getItem(memory); } catch { return null; }
    };
    const paint = (counts, mine) => {
      for (const button of form.querySelectorAll("button[name=tepki]")) {
        const count = button.querySelector(".count");
        if (counts && count && button.value in counts) count.textContent = Number(counts[button.value]).toLocaleString("tr-TR");
        if (mine !== undefined) button.setAttribute("aria-pressed", button.value === mine ? "true" : "false");
      }
    };
    if (!new URLSearchParams(location.search).has("tepki")) paint(null, recall());
    fetch("/tepki/" + id, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null))
      .then((d) => d && paint(d.counts))
      .catch(() => {});
    form.addEventListener("submit", async (event) => {
      const button = event.submitter;
      if (!button || button.name !== "tepki") return;
      event.preventDefault();
      form.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: new URLSearchParams({ tepki: button.value }),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        const data = await response.json().catch(() => ({}));
        if (response.ok) {
          paint(data.counts, data.mine ?? null);
          remember(data.mine ?? null);
          if (note) note.textContent = data.mine ? "Tepkiniz kaydedildi." : "Tepkiniz geri alındı.";
        } else if (note) {
          note.textContent = data.error || "Tepkiniz kaydedilemedi; yeniden deneyin.";
        }
      } catch {
        if (note) note.textContent = "Bağlantı kurulamadı; yeniden deneyin.";
      } finally {
        form.removeAttribute("aria-busy");
      }
    });
  }

  // SON DAKİKA: the band follows the live stream, so an open page shows breaking news as it is published.
  const band = document.querySelector(".band");
  if (band && "EventSource" in window) {
    const stream = new EventSource("/son-dakika/akis");
    stream.addEventListener("band", (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch { return; }
      const wrap = band.querySelector(".wrap");
      const label = wrap.querySelector(".band-label");
      for (const old of wrap.querySelectorAll("ul, p:not(.band-label)")) old.remove();
      band.classList.toggle("live", !!data.live);
      if (!data.items || data.items.length === 0) {
        const empty = document.createElement("p");
        const link = document.createElement("a");
        link.href = "/son-dakika";
        link.textContent = "Şu anda son dakika gelişmesi yok. Son dakika arşivi için tıklayın.";
        empty.append(link);
        label.after(empty);
        return;
      }
      const list = document.createElement("ul");
      for (const item of data.items) {
        const li = document.createElement("li");
        const time = document.createElement("time");
        time.dateTime = item.iso;
        time.textContent = item.time;
        const link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.title;
        li.append(time, " ", link);
        list.append(li);
      }
      label.after(list);
    });
  }

  // Embedded videos (YouTube and the like) load only when the reader asks: until then, no third-party request.
  for (const facade of document.querySelectorAll("a[data-embed]")) {
    facade.addEventListener("click", (event) => {
      event.preventDefault();
      const frame = document.createElement("iframe");
      frame.src = facade.dataset.embed + (facade.dataset.embed.includes("?") ? "&" : "?") + "autoplay=1";
      frame.title = facade.dataset.title || "Video";
      frame.width = "960";
      frame.height = "540";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.setAttribute("allowfullscreen", "");
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      facade.replaceWith(frame);
      frame.focus();
    });
  }
})();
