// Manşet newsroom: progressive enhancement. Every form works without this file.
(() => {
  "use strict";
  const token = document.querySelector('meta[name="csrf-token"]')?.content;

  // Character counters: "42 / 200".
  for (const field of document.querySelectorAll("[data-count]")) {
    const max = Number(field.dataset.count);
    const out = document.createElement("span");
    out.className = "counter";
    out.setAttribute("aria-live", "polite");
    const update = () => {
      out.textContent = `${field.value.length} / ${max}`;
      out.classList.toggle("over", field.value.length > max * 0.9);
    };
    field.after(out);
    field.addEventListener("input", update);
    update();
  }

  // Search-result preview of headline and spot.
  const title = document.getElementById("Input_Title");
  const spot = document.getElementById("Input_Spot");
  const seoTitle = document.querySelector("[data-seo-title]");
  const seoText = document.querySelector("[data-seo-text]");
  const clip = (text, max) => (text.length > max ? text.slice(0, max - 1) + "…" : text);
  if (title && seoTitle) title.addEventListener("input", () => { seoTitle.textContent = clip(title.value || "Başlık", 60); });
  if (spot && seoText) spot.addEventListener("input", () => { seoText.textContent = clip(spot.value, 160); });

  // Autosave of drafts: every 30 seconds when something changed, to the page's Autosave handler.
  const form = document.querySelector("form.editor-form");
  if (form && form.dataset.autosave === "on") {
    const status = form.querySelector(".autosave");
    let dirty = false;
    let saving = false;
    form.addEventListener("input", () => { dirty = true; });
    form.addEventListener("change", () => { dirty = true; });
    form.addEventListener("submit", () => { dirty = false; });
    const save = async () => {
      if (!dirty || saving) return;
      saving = true;
      dirty = false;
      const data = new FormData(form);
      data.delete("Input.Upload");
      try {
        const url = new URL(location.href);
        url.searchParams.set("handler", "Autosave");
        const response = await fetch(url, { method: "POST", body: data, credentials: "same-origin" });
        const result = await response.json().catch(() => ({}));
        if (response.ok && result.id) {
          form.querySelector('input[name="Input.Version"]').value = result.version;
          if (!/\/yonetim\/haberler\/\d+/.test(location.pathname)) history.replaceState(null, "", `/yonetim/haberler/${result.id}`);
          if (status) status.textContent = `Taslak otomatik kaydedildi (${result.savedAt}).`;
        } else if (response.status === 409) {
          if (status) status.textContent = "Bu haber başka biri tarafından kaydedildi; otomatik kayıt durdu. Kaydet'e bastığınızda farklar gösterilecek.";
          clearInterval(timer);
        } else if (!result.skipped) {
          dirty = true;
          if (status) status.textContent = "Otomatik kayıt yapılamadı; çalışmanız sayfada duruyor.";
        }
      } catch {
        dirty = true;
        if (status) status.textContent = "Bağlantı yok; otomatik kayıt yeniden denenecek.";
      } finally {
        saving = false;
      }
    };
    const timer = setInterval(save, 30000);
    window.addEventListener("beforeunload", (event) => { if (dirty) { event.preventDefault(); event.returnValue = ""; } });
  }

  // Soft edit lock: check in every 30 seconds, show who else has the article open.
  const presence = document.querySelector("[data-presence]");
  const articleId = presence?.dataset.presence;
  if (presence && articleId && token) {
    const ping = async () => {
      try {
        const response = await fetch(`/yonetim/haberler/${articleId}/kilit`, { method: "POST", headers: { RequestVerificationToken: token }, credentials: "same-origin" });
        if (!response.ok) return;
        const { others } = await response.json();
        presence.hidden = others.length === 0;
        presence.textContent = others.length === 0 ? "" :
          "Bu haber şu anda başkası tarafından da açık: " + others.map((o) => `${o.name} (${o.since}'den beri)`).join(", ") +
          ". Kaydederken üzerine yazılmaz; çakışma olursa karşılaştırma gösterilir.";
      } catch { /* next time */ }
    };
    setInterval(ping, 30000);
  }

  // Media picker: a dialog over the library, for the article image and for images in the text.
  const openPicker = (onPick) => {
    const dialog = document.createElement("dialog");
    dialog.className = "picker";
    dialog.innerHTML = '<form method="dialog" class="picker-head"><label>Görsel ara <input type="search" name="q"></label><button class="button small secondary" value="close">Kapat</button></form><ul class="media-grid"></ul><p class="picker-more"></p>';
    document.body.append(dialog);
    const list = dialog.querySelector("ul");
    const more = dialog.querySelector(".picker-more");
    const search = dialog.querySelector('input[name="q"]');
    const load = async (q) => {
      const response = await fetch(`/yonetim/medya/liste?q=${encodeURIComponent(q || "")}`, { credentials: "same-origin" });
      const { items, total } = await response.json();
      list.replaceChildren(...items.map((item) => {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "pick";
        const img = document.createElement("img");
        img.src = item.thumb;
        img.alt = item.caption || item.name || "";
        img.width = 160;
        img.height = Math.round(160 * item.height / item.width);
        const label = document.createElement("span");
        label.textContent = `#${item.id} ${item.caption || item.name || ""}`;
        button.append(img, label);
        button.addEventListener("click", () => { onPick(item); dialog.close(); });
        li.append(button);
        return li;
      }));
      more.textContent = total > items.length ? `${total} görselden ${items.length} tanesi gösteriliyor; aramayı daraltın.` : "";
    };
    let debounce;
    search.addEventListener("input", () => { clearTimeout(debounce); debounce = setTimeout(() => load(search.value), 250); });
    dialog.addEventListener("close", () => dialog.remove());
    load("");
    dialog.showModal();
    search.focus();
  };

  const pickButton = document.querySelector("[data-pick-image]");
  const imageId = document.querySelector("[data-image-id]");
  const preview = document.querySelector("[data-image-preview]");
  if (pickButton && imageId && !imageId.disabled) {
    pickButton.hidden = false;
    pickButton.addEventListener("click", () => openPicker((item) => {
      imageId.value = item.id;
      const img = document.createElement("img");
      img.src = item.thumb;
      img.alt = item.caption || "";
      img.width = 320;
      img.height = Math.round(320 * item.height / item.width);
      preview.replaceChildren(img);
      const caption = document.getElementById("Input_ImageCaption");
      const credit = document.getElementById("Input_ImageCredit");
      if (caption && !caption.value && item.caption) caption.value = item.caption;
      if (credit && !credit.value && item.credit) credit.value = item.credit;
      imageId.dispatchEvent(new Event("change", { bubbles: true }));
    }));
  }
  document.addEventListener("rte:pick-image", (event) => {
    event.preventDefault();
    openPicker((item) => event.detail.insert(item.src, item.caption || ""));
  });

  // Drag and drop ordering (manşet rows, category siblings); the hidden inputs follow the order, the form posts it.
  for (const list of document.querySelectorAll("ol.sortable")) {
    let dragged = null;
    list.addEventListener("dragstart", (event) => {
      dragged = event.target.closest("li");
      if (!dragged || dragged.parentElement !== list) { dragged = null; return; }
      event.stopPropagation();
      dragged.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
    });
    list.addEventListener("dragover", (event) => {
      if (!dragged) return;
      event.preventDefault();
      const over = event.target.closest("li");
      if (!over || over === dragged || over.parentElement !== list) return;
      const box = over.getBoundingClientRect();
      over[event.clientY > box.top + box.height / 2 ? "after" : "before"](dragged);
    });
    list.addEventListener("dragend", () => {
      if (!dragged) return;
      dragged.classList.remove("dragging");
      dragged = null;
      const formId = list.dataset.form;
      const form = formId ? document.getElementById(formId) : list.closest("form");
      if (form && !list.closest("[data-leads]")) form.requestSubmit();
    });
  }
  const leads = document.querySelector("[data-leads]");
  if (leads) {
    // Dropping an item in the other row moves it there.
    for (const row of leads.querySelectorAll("ol.sortable")) {
      row.addEventListener("drop", (event) => event.preventDefault());
      row.addEventListener("dragend", () => {
        for (const input of row.querySelectorAll('input[type="hidden"]')) input.name = row.dataset.row;
      });
    }
    leads.addEventListener("dragover", (event) => {
      const row = event.target.closest("ol.sortable");
      const dragging = leads.querySelector("li.dragging");
      if (row && dragging && dragging.parentElement !== row && row.children.length === 0) { event.preventDefault(); row.append(dragging); }
    });
  }
})();
