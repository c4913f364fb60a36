// A phone's on-screen keyboard takes the lower part of the screen. Android resizes the page
// to what is left (index.html asks for interactive-widget=resizes-content, and the app's
// window resizes the same way); iOS lays the keyboard over the page and only the visual
// viewport shrinks, so `--keyboard` says how much of the page it covers and the body
// leaves that out (styles.css). Either way the field being typed into is brought into
// sight, clear of the top bar and of a row of buttons that sticks to the bottom, with the
// button that sends its form when both fit (a form's row of buttons sticks, so it mostly
// is in sight already).

const TYPING = 'input:not([type="checkbox"], [type="radio"], [type="range"], [type="file"], [type="button"], [type="submit"], [type="reset"], [type="color"]), textarea';
const MARGIN = 8;

const typing = (el) => el instanceof HTMLElement && el.matches(TYPING) && !el.disabled;

/** The box that scrolls `el` (main, or a dialog), if any. */
function scroller(el) {
  for (let a = el.parentElement; a; a = a.parentElement) {
    if (/auto|scroll/.test(getComputedStyle(a).overflowY) && a.scrollHeight > a.clientHeight) return a;
  }
  return document.scrollingElement;
}

/** The button that sends the field's form; else the next primary button on its screen. */
function buttonFor(field) {
  const submit = field.form?.querySelector('button[type="submit"]');
  if (submit) return submit;
  const screen = field.closest('#view > *, dialog') ?? document.body;
  return [...screen.querySelectorAll('button.primary')].find((b) =>
    field.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING && b.getClientRects().length > 0) ?? null;
}

/** Scrolls the field (and, when both fit, its button) into the part of the screen in sight. */
function keepInSight(field) {
  if (!typing(field) || !field.isConnected) return;
  const box = scroller(field);
  const vv = window.visualViewport;
  const edges = box === document.scrollingElement ? { top: 0, bottom: window.innerHeight } : box.getBoundingClientRect();
  let top = Math.max(edges.top, vv ? vv.offsetTop : 0);
  let bottom = Math.min(edges.bottom, vv ? vv.offsetTop + vv.height : window.innerHeight);
  const bar = document.querySelector('.topbar')?.getBoundingClientRect();
  if (bar && box === document.scrollingElement) top = Math.max(top, bar.bottom);
  const r = field.getBoundingClientRect();
  // A row of buttons stuck to the bottom covers what scrolls behind it.
  let stuck = null;
  for (const row of box.querySelectorAll('.actions')) {
    if (row.contains(field) || getComputedStyle(row).position !== 'sticky') continue;
    const b = row.getBoundingClientRect();
    if (b.height && b.bottom >= bottom - 1 && b.top < bottom) {
      bottom = Math.min(bottom, b.top);
      stuck = row;
    }
  }
  let want = { top: r.top, bottom: r.bottom };
  const button = buttonFor(field);
  if (button && !stuck?.contains(button)) {
    const b = button.getBoundingClientRect();
    const both = { top: Math.min(r.top, b.top), bottom: Math.max(r.bottom, b.bottom) };
    if (b.height && both.bottom - both.top <= bottom - top - 2 * MARGIN) want = both;
  }
  let by = 0;
  if (want.bottom > bottom - MARGIN) by = want.bottom - (bottom - MARGIN);
  if (want.top - by < top + MARGIN) by = want.top - (top + MARGIN);
  if (Math.abs(by) >= 1) box.scrollBy({ top: by, behavior: 'instant' });
}

/** How much of the page an overlaid keyboard covers (0 when the page was resized instead). */
function covered() {
  const vv = window.visualViewport;
  if (!vv || Math.abs(vv.scale - 1) > 0.01) return 0; // zoomed in: not a keyboard
  return Math.max(0, Math.round(window.innerHeight - (vv.offsetTop + vv.height)));
}

let frame = 0;
let again = 0;
function onResize() {
  document.documentElement.style.setProperty('--keyboard', `${covered()}px`);
  // Once the page has its new size, and once more when a keyboard's slide has ended and
  // what sticks has found its place (the second does nothing when the first was right).
  cancelAnimationFrame(frame);
  clearTimeout(again);
  frame = requestAnimationFrame(() => keepInSight(document.activeElement));
  again = setTimeout(() => keepInSight(document.activeElement), 150);
}

export function install() {
  window.visualViewport?.addEventListener('resize', onResize);
  window.addEventListener('resize', onResize);
  // Focus scrolls a field into view, but not out from under a row that sticks to the bottom.
  document.addEventListener('focusin', (event) => {
    if (typing(event.target)) requestAnimationFrame(() => keepInSight(event.target));
  });
}
