//! Layout checks on the real window, by measuring element boxes: text cut off by its box
//! (without an ellipsis and a title holding the whole text), text outside the window, text
//! squeezed to a column a few letters wide, a page wider than the window, siblings whose
//! boxes overlap, and in drawn pictures (SVG) text outside its box and boxes over boxes. A
//! layout that clips or overlaps is a failing test.

use serde_json::{json, Value};

use crate::webdriver::Session;

/// The checks, run in the page; returns a list of `{kind, where, text}`.
const CHECK: &str = r#"
const problems = [];
const vw = window.innerWidth;
const shown = (el) => {
  const cs = getComputedStyle(el);
  if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false;
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1;
};
const label = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
  (el.classList.length ? '.' + [...el.classList].filter((c) => !c.startsWith('svelte-')).slice(0, 2).join('.') : '');
const where = (el) => {
  const parts = [];
  for (let e = el, i = 0; e && e !== document.body && i < 4; e = e.parentElement, i++) parts.unshift(label(e));
  return parts.join(' > ');
};
const ownText = (el) => [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
const add = (kind, el, extra) => problems.push({ kind, where: where(el), text: (extra || ownText(el) || el.textContent || '').trim().slice(0, 80) });
// Inside a scrolled area, what is scrolled out of view is not "outside the window".
const clippedByScroller = (el) => {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const cs = getComputedStyle(p);
    if (/(auto|scroll|hidden)/.test(cs.overflowX + cs.overflowY)) return true;
  }
  return false;
};
if (document.documentElement.scrollWidth > vw + 1) {
  problems.push({ kind: 'page wider than the window', where: 'html', text: document.documentElement.scrollWidth + ' px > ' + vw + ' px' });
}
const all = [...document.querySelectorAll('body *')].filter((el) => !el.closest('[data-layout-skip]'));
for (const el of all) {
  if (!shown(el)) continue;
  const cs = getComputedStyle(el);
  const text = ownText(el);
  if (!text) continue;
  const r = el.getBoundingClientRect();
  const titled = el.closest('[title]') || el.getAttribute('aria-label');
  const hides = (o) => o === 'hidden' || o === 'clip';
  if (hides(cs.overflowX) && el.scrollWidth > el.clientWidth + 1 && !(cs.textOverflow === 'ellipsis' && titled)) add('text cut off at the side', el);
  const clamped = cs.webkitLineClamp && cs.webkitLineClamp !== 'none';
  if (hides(cs.overflowY) && el.scrollHeight > el.clientHeight + 2 && !(clamped && titled) && el.tagName !== 'TEXTAREA') add('text cut off at the bottom', el);
  if ((r.right > vw + 1 || r.left < -1) && !clippedByScroller(el)) add('text outside the window', el);
  const fs = parseFloat(cs.fontSize) || 16;
  if (text.length > 4 && r.width < fs * 2.2 && r.height > fs * 4) add('text squeezed to a few letters per line', el);
}
// A drawn picture (SVG): inside a box (a group of a rect and its lines of text) the text lies on
// the rect on purpose, and arrows run under boxes; what must hold is that every line of text
// stays inside its own rect — with the fonts this window really has — and that boxes do not
// overlap one another (compared below as the picture's groups).
for (const g of document.querySelectorAll('svg g')) {
  if (!shown(g) || g.closest('[data-layout-skip]')) continue;
  const rect = g.querySelector(':scope > rect');
  if (!rect) continue;
  const box = rect.getBoundingClientRect();
  for (const t of g.querySelectorAll(':scope > text')) {
    const r = t.getBoundingClientRect();
    if (r.width < 1) continue;
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
      problems.push({ kind: 'text outside its box in a picture', where: where(t), text: (t.textContent || '').trim().slice(0, 80) + ' (' + Math.round(r.width) + ' px in a ' + Math.round(box.width) + ' px box)' });
  }
}
const drawnLayer = (k) => k.closest('svg') && ['path', 'title', 'defs', 'marker', 'desc'].includes(k.tagName.toLowerCase());
for (const parent of [document.body, ...all]) {
  if (parent !== document.body && !shown(parent)) continue;
  if (parent.tagName.toLowerCase() === 'g') continue;
  const kids = [...parent.children].filter((k) => shown(k) && !drawnLayer(k) && getComputedStyle(k).position !== 'fixed' && !k.closest('[data-layout-skip]'));
  if (kids.length < 2 || kids.length > 300) continue;
  // A sticky bar (a form's Save buttons) floats over what scrolls under it, on purpose.
  // An inline element that wraps has one box per line (its bounding box would cover both
  // lines whole): compare those.
  const boxesOf = (k) => getComputedStyle(k).display === 'inline' ? [...k.getClientRects()] : [k.getBoundingClientRect()];
  const boxes = kids.filter((k) => getComputedStyle(k).position !== 'sticky')
    .map((k) => [k, boxesOf(k), getComputedStyle(k).position === 'absolute']);
  const overlap = (ra, rb) => {
    const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    return w > 2 && h > 2;
  };
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, ra, absA] = boxes[i];
      const [b, rb, absB] = boxes[j];
      // A badge or tick box laid over a picture on purpose: one absolute over a static one.
      if (absA !== absB) continue;
      if (ra.some((x) => rb.some((y) => overlap(x, y)))) problems.push({ kind: 'overlapping boxes', where: where(a) + '  ×  ' + label(b), text: ((a.textContent || '').trim().slice(0, 40) + ' | ' + (b.textContent || '').trim().slice(0, 40)) });
    }
  }
}
return problems.slice(0, 60);
"#;

/// What the checks found on the current screen, one line each (empty: the layout holds).
pub fn problems(s: &Session) -> Vec<String> {
    let found: Value = s.execute(CHECK, json!([])).expect("run the layout checks");
    found
        .as_array()
        .map(|list| {
            list.iter()
                .map(|p| {
                    format!(
                        "{}: {} — {:?}",
                        p["kind"].as_str().unwrap_or(""),
                        p["where"].as_str().unwrap_or(""),
                        p["text"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Runs axe-core (from the UI's npm packages) on the current screen; returns its serious and
/// critical violations, one line each.
pub fn accessibility_problems(s: &Session) -> Vec<String> {
    let axe = std::fs::read_to_string(
        crate::workspace_root().join("ui/node_modules/axe-core/axe.min.js"),
    )
    .expect("axe-core is installed with the UI's npm packages");
    s.execute(
        &format!("if (!window.axe) {{ {axe} }} return true;"),
        json!([]),
    )
    .expect("load axe-core");
    let result = s
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                 .map((v) => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))))
               .catch((e) => done(['axe failed: ' + e]));",
            json!([]),
        )
        .expect("run axe-core");
    result
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}
