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
})();
