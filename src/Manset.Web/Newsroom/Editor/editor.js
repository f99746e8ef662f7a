// Manşet newsroom rich-text editor: turns every textarea[data-editor] into a
// Tiptap editor and keeps the textarea's value (HTML) in sync, so the form
// posts exactly as it does without JavaScript. Built by esbuild (see README).
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { Placeholder } from '@tiptap/extensions';

const editors = new Map();

const LINK_RE = /^(https?:\/\/|mailto:)\S+$/i;
const IMAGE_RE = /^(https?:\/\/\S+|\/media\/\S*)$/i;

// ---------------------------------------------------------------- helpers

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
}

function unwrap(node) {
  const parent = node.parentNode;
  if (!parent) return;
  while (node.firstChild) parent.insertBefore(node.firstChild, node);
  parent.removeChild(node);
}

function rename(node, tag) {
  const repl = node.ownerDocument.createElement(tag);
  for (const a of Array.from(node.attributes)) repl.setAttribute(a.name, a.value);
  while (node.firstChild) repl.appendChild(node.firstChild);
  node.parentNode.replaceChild(repl, node);
  return repl;
}

// Inert parse (DOMParser runs no scripts and loads no images).
function parse(html) {
  return new DOMParser().parseFromString(html, 'text/html').body;
}

// The page's single <h1> is the headline: headings in the body start at h2.
export function prepareInitialHtml(html) {
  if (!html || !/<h1[\s>]/i.test(html)) return html || '';
  const body = parse(html);
  for (const h1 of Array.from(body.querySelectorAll('h1'))) rename(h1, 'h2');
  return body.innerHTML;
}

// Strip Word / web cruft from pasted HTML before ProseMirror parses it.
export function cleanPastedHtml(html) {
  let s = String(html || '');
  // Conditional comments, "hidden" (<!--[if x]>…<![endif]-->) and "revealed"
  // (<!--[if x]-->…<!--[endif]--> or <![if x]>…<![endif]>: Word's fake list
  // bullets, local-file image fallbacks, &nbsp; spacers).
  s = s.replace(/<!--\[if[^\]]*\]>[\s\S]*?<!\[endif\]-->/gi, '');
  s = s.replace(/<!--\[if[^\]]*\]-->[\s\S]*?<!--\[endif\]-->/gi, '');
  s = s.replace(/<!\[if[^\]]*\]>[\s\S]*?<!\[endif\]>/gi, ''); // Word: <![if !supportLists]>
  s = s.replace(/<!\[(?:end)?if[^>]*>/gi, '');
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<o:p\b[^>]*>[\s\S]*?<\/o:p>/gi, '');
  s = s.replace(/<(style|script|xml|title)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
  s = s.replace(/<(?:meta|link)\b[^>]*>/gi, '');
  // Rename style attributes before parsing: under a strict CSP (no
  // 'unsafe-inline' styles) even an inert parse of style="…" is reported as a
  // violation. The raw text is still read below for bold / italic.
  s = s.replace(TAG_RE, (tag) => tag.replace(/(\s)style(\s*=)/gi, '$1data-rte-style$2'));

  const body = parse(s);
  const all = Array.from(body.querySelectorAll('*'));
  for (const node of all) {
    if (!node.parentNode) continue;
    // Namespaced Office tags (o:p, v:shape, st1:place …): keep the text only.
    if (node.tagName.includes(':')) {
      if (/^o:p$/i.test(node.tagName)) node.remove();
      else unwrap(node);
      continue;
    }
    const style = node.getAttribute('data-rte-style');
    if (style != null) {
      node.removeAttribute('data-rte-style');
      const weight = cssValue(style, 'font-weight');
      const fontStyle = cssValue(style, 'font-style');
      const bold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
      const notBold = weight === 'normal' || weight === 'lighter' || (Number(weight) > 0 && Number(weight) < 600);
      const italic = fontStyle === 'italic' || fontStyle === 'oblique';
      const tag = node.tagName;
      // Google Docs wraps whole fragments in <b style="font-weight:normal">.
      if ((tag === 'B' || tag === 'STRONG') && notBold) {
        unwrap(node);
        continue;
      }
      // Keep bold / italic expressed as styles on spans (Google Docs, web).
      if (tag === 'SPAN' && (bold || italic)) {
        let inner = node;
        if (bold) inner = wrapChildren(inner, 'strong');
        if (italic) wrapChildren(inner, 'em');
      }
    }
    node.removeAttribute('style'); // any the rename above did not reach
    const cls = node.getAttribute('class');
    if (cls != null) {
      const kept = cls.split(/\s+/).filter((c) => c && !/^mso/i.test(c));
      if (kept.length) node.setAttribute('class', kept.join(' '));
      else node.removeAttribute('class');
    }
  }
  return body.innerHTML;
}

// A start tag, attribute values quoted or not (values may contain ">").
const TAG_RE = /<[a-z][^\s/>]*(?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*\s*\/?>/gi;

function cssValue(style, prop) {
  const m = new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;!]+)`, 'i').exec(style);
  return m ? m[1].trim().toLowerCase() : '';
}

function wrapChildren(node, tag) {
  const w = node.ownerDocument.createElement(tag);
  while (node.firstChild) w.appendChild(node.firstChild);
  node.appendChild(w);
  return w;
}

export function countText(editor) {
  const doc = editor.state.doc;
  const text = doc.textBetween(0, doc.content.size, '\n', ' ');
  const words = text.split(/\s+/).filter(Boolean).length;
  const chars = Array.from(doc.textContent).length;
  const fmt = (n) => n.toLocaleString('tr-TR');
  return `${fmt(words)} kelime · ${fmt(chars)} karakter`;
}

// ---------------------------------------------------------------- toolbar

function toolbarButtons(editor, textarea) {
  const chain = () => editor.chain().focus();
  return [
    { name: 'bold', label: 'Kalın', text: 'B', toggle: true,
      run: () => chain().toggleBold().run(), active: () => editor.isActive('bold') },
    { name: 'italic', label: 'İtalik', text: 'I', toggle: true,
      run: () => chain().toggleItalic().run(), active: () => editor.isActive('italic') },
    { sep: true },
    { name: 'h2', label: 'Ara başlık', text: 'H2', toggle: true,
      run: () => chain().toggleHeading({ level: 2 }).run(), active: () => editor.isActive('heading', { level: 2 }) },
    { name: 'h3', label: 'Alt başlık', text: 'H3', toggle: true,
      run: () => chain().toggleHeading({ level: 3 }).run(), active: () => editor.isActive('heading', { level: 3 }) },
    { name: 'paragraph', label: 'Paragraf', text: '¶', toggle: true,
      run: () => chain().setParagraph().run(), active: () => editor.isActive('paragraph') },
    { name: 'blockquote', label: 'Alıntı', text: '“ ”', toggle: true,
      run: () => chain().toggleBlockquote().run(), active: () => editor.isActive('blockquote') },
    { name: 'bulletList', label: 'Madde listesi', text: '•', toggle: true,
      run: () => chain().toggleBulletList().run(), active: () => editor.isActive('bulletList') },
    { name: 'orderedList', label: 'Numaralı liste', text: '1.', toggle: true,
      run: () => chain().toggleOrderedList().run(), active: () => editor.isActive('orderedList') },
    { sep: true },
    { name: 'link', label: 'Bağlantı', text: '🔗', toggle: true,
      run: () => promptLink(editor), active: () => editor.isActive('link') },
    { name: 'unlink', label: 'Bağlantıyı kaldır', text: '🔗✕',
      run: () => chain().extendMarkRange('link').unsetLink().run(), enabled: () => editor.isActive('link') },
    { name: 'image', label: 'Görsel', text: '🖼',
      run: () => pickImage(editor, textarea) },
    { name: 'hr', label: 'Yatay çizgi', text: '—',
      run: () => chain().setHorizontalRule().run() },
    { sep: true },
    { name: 'undo', label: 'Geri al', text: '↶',
      run: () => chain().undo().run(), enabled: () => editor.can().undo() },
    { name: 'redo', label: 'Yinele', text: '↷',
      run: () => chain().redo().run(), enabled: () => editor.can().redo() },
  ];
}

function promptLink(editor) {
  const current = editor.getAttributes('link').href || '';
  const answer = window.prompt('Bağlantı adresi (https://…)', current);
  if (answer === null) return; // cancelled
  const url = answer.trim();
  if (url === '') {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    return;
  }
  if (!LINK_RE.test(url)) {
    window.alert('Bağlantı adresi http://, https:// ya da mailto: ile başlamalı.');
    editor.commands.focus();
    return;
  }
  const { empty } = editor.state.selection;
  if (empty && !editor.isActive('link')) {
    editor.chain().focus()
      .insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] })
      .run();
  } else {
    editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
  }
}

function insertImage(editor, src, alt) {
  const url = String(src || '').trim();
  if (!IMAGE_RE.test(url)) return false;
  const attrs = { src: url };
  if (alt) attrs.alt = String(alt);
  return editor.chain().focus().setImage(attrs).run();
}

function pickImage(editor, textarea) {
  const event = new CustomEvent('rte:pick-image', {
    bubbles: true,
    cancelable: true,
    detail: {
      insert: (src, alt) => insertImage(editor, src, alt),
      pickerUrl: textarea.getAttribute('data-media-picker') || null,
      editor,
    },
  });
  textarea.dispatchEvent(event);
  if (event.defaultPrevented) return; // the page's media library took over
  const answer = window.prompt('Görsel adresi');
  if (answer === null || answer.trim() === '') return;
  if (!insertImage(editor, answer)) {
    window.alert('Görsel adresi http://, https:// ya da /media/ ile başlamalı.');
    editor.commands.focus();
  }
}

function buildToolbar(editor, textarea) {
  const bar = el('div', { class: 'rte-toolbar', role: 'toolbar', 'aria-label': 'Metin biçimlendirme' });
  const items = [];
  for (const spec of toolbarButtons(editor, textarea)) {
    if (spec.sep) {
      bar.appendChild(el('span', { class: 'rte-sep', 'aria-hidden': 'true' }));
      continue;
    }
    const b = el('button', {
      type: 'button',
      class: `rte-btn rte-${spec.name}`,
      'aria-label': spec.label,
      title: spec.label,
      tabindex: items.length === 0 ? '0' : '-1',
      'data-command': spec.name,
    });
    b.appendChild(el('span', { 'aria-hidden': 'true' }, spec.text));
    if (spec.toggle) b.setAttribute('aria-pressed', 'false');
    // Keep the editor's focus and selection when clicking with a mouse.
    b.addEventListener('mousedown', (e) => e.preventDefault());
    b.addEventListener('click', () => {
      if (b.getAttribute('aria-disabled') === 'true') return;
      setRoving(items, b);
      spec.run();
    });
    bar.appendChild(b);
    items.push({ b, spec });
  }

  // Roving tabindex: Tab reaches the toolbar once, arrows move inside it.
  bar.addEventListener('keydown', (e) => {
    const buttons = items.map((i) => i.b);
    const idx = buttons.indexOf(document.activeElement);
    if (idx < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (idx + 1) % buttons.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (idx - 1 + buttons.length) % buttons.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    else if (e.key === 'Escape') { e.preventDefault(); editor.commands.focus(); return; }
    if (next < 0) return;
    e.preventDefault();
    setRoving(items, buttons[next]);
    buttons[next].focus();
  });

  const update = () => {
    for (const { b, spec } of items) {
      if (spec.toggle) b.setAttribute('aria-pressed', String(!!spec.active()));
      if (spec.enabled) {
        const on = editor.isEditable && !!spec.enabled();
        if (on) b.removeAttribute('aria-disabled');
        else b.setAttribute('aria-disabled', 'true');
      } else if (!editor.isEditable) {
        b.setAttribute('aria-disabled', 'true');
      }
    }
  };
  return { bar, update, first: () => items.find((i) => i.b.tabIndex === 0)?.b || items[0].b };
}

function setRoving(items, current) {
  for (const { b } of items) b.tabIndex = b === current ? 0 : -1;
}

// ---------------------------------------------------------------- editor

function enhance(textarea) {
  if (editors.has(textarea)) return editors.get(textarea);

  const wrapper = el('div', { class: 'rte' });
  const count = el('p', { class: 'rte-count', 'aria-live': 'polite' });
  textarea.parentNode.insertBefore(wrapper, textarea);

  const contentAttrs = {
    class: 'rte-content',
    role: 'textbox',
    'aria-label': 'Haber metni',
    'aria-multiline': 'true',
  };
  // A hidden required textarea would block submission ("not focusable"):
  // move the requirement to the editor and let the server validate.
  if (textarea.required) {
    textarea.required = false;
    contentAttrs['aria-required'] = 'true';
  }
  if (textarea.getAttribute('aria-describedby')) {
    contentAttrs['aria-describedby'] = textarea.getAttribute('aria-describedby');
  }
  if (textarea.getAttribute('aria-invalid')) {
    contentAttrs['aria-invalid'] = textarea.getAttribute('aria-invalid');
  }

  let toolbar;
  const sync = (notify) => {
    // Empty editor posts ''; drop the trailing empty paragraph that Tiptap's
    // TrailingNode keeps after a final heading, image or rule.
    const html = editor.isEmpty ? '' : editor.getHTML().replace(/(?:<p><\/p>)+$/, '');
    if (textarea.value === html) return;
    textarea.value = html;
    if (notify) textarea.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const editor = new Editor({
    element: wrapper,
    injectCSS: false, // styles live in editor.css (CSP: no inline <style>)
    editable: !(textarea.readOnly || textarea.disabled),
    content: prepareInitialHtml(textarea.value),
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        codeBlock: false,
        code: false,
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ['http', 'https', 'mailto'],
          HTMLAttributes: { rel: 'noopener noreferrer' },
        },
      }),
      Image.configure({ inline: false, allowBase64: false }),
      Placeholder.configure({ placeholder: 'Haber metnini yazın…' }),
    ],
    editorProps: {
      attributes: contentAttrs,
      transformPastedHTML: cleanPastedHtml,
      handleKeyDown: (_view, event) => {
        // Alt+F10: jump to the toolbar (common rich-text editor convention).
        if (event.altKey && event.key === 'F10') {
          event.preventDefault();
          toolbar.first().focus();
          return true;
        }
        return false;
      },
    },
    onUpdate: () => {
      sync(true);
      count.textContent = countText(editor);
    },
    onTransaction: () => toolbar && toolbar.update(),
    onFocus: () => wrapper.classList.add('rte-focused'),
    onBlur: () => wrapper.classList.remove('rte-focused'),
  });

  toolbar = buildToolbar(editor, textarea);
  wrapper.insertBefore(toolbar.bar, wrapper.firstChild);
  wrapper.appendChild(count);
  toolbar.update();
  count.textContent = countText(editor);

  textarea.hidden = true;
  sync(false); // normalised HTML (h1 → h2) without triggering autosave

  const form = textarea.form;
  if (form) form.addEventListener('submit', () => sync(false), true);

  // Clicking the textarea's <label> focuses the editor.
  if (textarea.id) {
    for (const label of document.querySelectorAll('label[for]')) {
      if (label.htmlFor === textarea.id) {
        label.addEventListener('click', (e) => { e.preventDefault(); editor.commands.focus(); });
      }
    }
  }

  editors.set(textarea, editor);
  return editor;
}

function init(root = document) {
  for (const ta of root.querySelectorAll('textarea[data-editor]')) {
    try {
      enhance(ta);
    } catch (err) {
      // Leave the plain textarea working if anything goes wrong.
      ta.hidden = false;
      console.error('Manşet editörü başlatılamadı', err);
    }
  }
}

window.MansetEditor = { editors, init, cleanPastedHtml };

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => init());
} else {
  init();
}
