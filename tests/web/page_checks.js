// Run in the page by tests/web/conftest.py: text contrast against its background (WCAG
// relative luminance), text too small to read, controls without a name or too small to touch,
// a page wider than the phone, landmarks and the page's language.
(() => {
  function rgb(text) {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(',').map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  }
  function lum(c) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function background(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  const worst = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.offsetParent) continue;
    const fg = rgb(getComputedStyle(el).color), bg = background(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 7) worst.push(el.tagName + ' ' + el.textContent.trim().slice(0, 20) + ' ' + ratio.toFixed(2));
  }
  const unlabelled = Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
    .filter(e => e.offsetParent && !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
    .map(e => e.outerHTML.slice(0, 60));
  const small = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (own && el.offsetParent && parseFloat(getComputedStyle(el).fontSize) < 16) {
      small.push(el.tagName + ' ' + el.textContent.trim().slice(0, 20));
    }
  }
  const tiny = Array.from(document.querySelectorAll('button, select, input:not([type=hidden])'))
    .filter(e => e.offsetParent && e.getBoundingClientRect().height < 44)
    .map(e => e.outerHTML.slice(0, 60));
  return {worst, unlabelled, small, tiny, main: document.querySelectorAll('main').length,
          h1: document.querySelectorAll('h1').length,
          wide: document.documentElement.scrollWidth > window.innerWidth,
          lang: document.documentElement.getAttribute('lang') || ''};
})
