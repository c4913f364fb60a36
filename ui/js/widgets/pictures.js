// Small, calm SVG pictures for "What seems to help", built with the DOM like everything
// else (no chart library). Each is a <figure>: the picture is one image for screen readers
// (role="img", named by its caption), and the same facts follow it as a plain list, its
// text equivalent, which everyone can read.
import { el } from '../dom.js';

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element from a tag, attributes and children. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child) node.append(child);
  }
  return node;
}

let count = 0;

/** A figure: `caption` names the picture; `lines` say the same in words. */
export function figure(caption, picture, lines) {
  const id = `picture-${++count}`;
  picture.setAttribute('role', 'img');
  picture.setAttribute('aria-labelledby', id);
  picture.setAttribute('focusable', 'false');
  return el('figure', { class: 'picture' },
    el('figcaption', { id, text: caption }),
    picture,
    el('ul', { class: 'picture-words' }, lines.map((line) => el('li', { text: line }))));
}

/**
 * Horizontal bars, one row each under its `label`: `parts` are [count, class] drawn end to
 * end, on a scale shared by every row (the largest total fills the width).
 */
export function bars(rows) {
  const width = 300, rowHeight = 38, barHeight = 14;
  const most = Math.max(1, ...rows.map((r) => r.parts.reduce((sum, [n]) => sum + n, 0)));
  const picture = svg('svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight}`, class: 'bars' });
  rows.forEach((row, i) => {
    picture.append(text(row.label, 0, i * rowHeight + 13, 'bar-label', 'start'));
    let x = 0;
    for (const [n, kind] of row.parts) {
      if (!n) continue;
      const w = (n / most) * width;
      picture.append(svg('rect', { x, y: i * rowHeight + 18, width: Math.max(w - 2, 1), height: barHeight, rx: 4, class: kind }));
      x += w;
    }
  });
  return picture;
}

function text(words, x, y, kind, anchor = 'middle') {
  const node = svg('text', { x, y, 'text-anchor': anchor, class: kind });
  node.textContent = words;
  return node;
}

const label = (words, x, y) => text(words, x, y, 'plane-label');

/**
 * The energy × pleasantness plane (both from -2 to 2) with an arrow for each move, from
 * where the first check-in sat to where the one after sat.
 */
export function plane(moves) {
  const size = 260, pad = 22, span = size - 2 * pad;
  const at = (p) => [pad + ((p.pleasantness + 2) / 4) * span, pad + ((2 - p.energy) / 4) * span];
  const picture = svg('svg', { viewBox: `0 0 ${size} ${size}`, class: 'plane' },
    svg('defs', {}, svg('marker', { id: 'arrow-head', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L8,4 L0,8 z', class: 'arrow-head' }))),
    svg('rect', { x: pad, y: pad, width: span, height: span, rx: 8, class: 'plane-ground' }),
    svg('line', { x1: size / 2, y1: pad, x2: size / 2, y2: size - pad, class: 'axis' }),
    svg('line', { x1: pad, y1: size / 2, x2: size - pad, y2: size / 2, class: 'axis' }),
    label('more energy', size / 2, pad - 8), label('less energy', size / 2, size - 8),
    label('unpleasant', pad + 30, size / 2 - 6), label('pleasant', size - pad - 26, size / 2 - 6));
  for (const m of moves) {
    const [x1, y1] = at(m.before), [x2, y2] = at(m.after);
    picture.append(svg('circle', { cx: x1, cy: y1, r: 3, class: 'from' }));
    if (Math.hypot(x2 - x1, y2 - y1) > 4) {
      picture.append(svg('line', { x1, y1, x2, y2, class: 'move', 'marker-end': 'url(#arrow-head)' }));
    }
  }
  return picture;
}
