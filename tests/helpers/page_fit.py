"""Whether a page fits a phone's screen at large text (the browser tests' measure): nothing
wider than the screen outside a scrolling region, and where an element's text breaks."""

from __future__ import annotations

from typing import Any

ENLARGE = "document.documentElement.style.fontSize = '200%'"
# A phone's browser widens its layout to the widest content and zooms out (innerWidth grows
# with it): measured against the screen's own width.
OVERFLOW = """() => {
  const w = Math.min(window.innerWidth, screen.width);
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 1 && !e.closest('[role=region]')) {
      out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
    }
  }
  return {scroll: document.scrollingElement.scrollWidth, width: w, out: out.slice(0, 5)};
}"""
# Where the lines of an element's text break: the indexes (spaces left out) where a new line
# starts, and the text itself.
BREAKS = """(el) => {
  const tops = [], chars = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (let i = 0; i < n.data.length; i++) {
      if (/\\s/.test(n.data[i])) continue;
      const range = document.createRange();
      range.setStart(n, i); range.setEnd(n, i + 1);
      const rects = range.getClientRects();
      if (!rects.length) continue;
      tops.push(rects[0].top); chars.push(n.data[i]);
    }
  }
  const breaks = [];
  for (let i = 1; i < tops.length; i++) if (tops[i] > tops[i - 1] + 2) breaks.push(i);
  return {text: chars.join(''), breaks};
}"""


def large(page: Any) -> dict[str, Any]:
    page.evaluate(ENLARGE)
    page.wait_for_timeout(50)  # a layout after the change (not a timing assertion)
    found: dict[str, Any] = page.evaluate(OVERFLOW)
    return found


def fits(page: Any) -> None:
    found = large(page)
    assert found["scroll"] <= found["width"], found
    assert found["out"] == [], found
