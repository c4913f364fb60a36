// "Calm now": one tap from every screen (the top bar's button, or any other
// [data-action="calm-now"]), and it opens at once, with no question first: slow breathing,
// then the 5-4-3-2-1 grounding, then "What would help now?". Every step can be skipped,
// and "Back to where I was" (or Escape) closes it and returns to what was there.
//
// It needs no vault, so it works on the unlock screen as well as inside a session: the
// breathing pattern is fixed here (in 5 s, out 5 s, about six breaths a minute, the
// pattern the app calls "resonance"), the support list comes from `support`, which answers
// while locked, and nothing here writes. Settings are read only while the vault is open
// (a soft tone at each breath if `sound` is on); locked, it stays silent. Motion follows
// the system's reduced-motion preference: the circle then stays still and a count carries
// the rhythm.
//
// It is a modal <dialog> on <body>, outside #view: the router replaces #view on every
// screen change and on auto-lock, so the unlock screen can arrive behind it while it stays
// open and keeps breathing. "Hide" closes it too (main.js calls closeCalmNow).
import { el } from '../dom.js';
import { REGION, SUPPORT } from '../labels.js';
import { runs } from '../views/support.js';
import { softTone, signals } from '../views/timer.js';
import { groundingWalk } from './grounding.js';

/** The breathing pattern: each phase, its length and the words that lead it. */
export const PATTERN = [
  { breath: 'in', seconds: 5, cue: 'Breathe in', tone: 432 },
  { breath: 'out', seconds: 5, cue: 'Breathe out slowly', tone: 360 },
];

/** What may help, each with a short line that offers and does not promise. */
const HELP = [
  ['space', 'Space', 'Wanting some room is fine. A word or a gesture can let others know, if you like; then find a quiet spot and let your breath settle.'],
  ['closeness', 'Closeness', 'If someone you trust is near, you could ask them to stay close, in whatever way feels right. It is fine to ask, and fine to change your mind.'],
  ['water', 'Water', 'A few slow sips of water. Notice how it feels, and take your time.'],
  ['blanket', 'A blanket', 'Something soft and warm around you may help you feel held and settled.'],
];

const stillness = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)');

/**
 * The pacer: a circle that grows on the in-breath and shrinks on the out-breath, the cue
 * in words (read out politely, changed only when the phase changes) and, with reduced
 * motion, a count of the seconds left instead of the movement. `onPhase` runs at each
 * change of phase after the first. One clock (requestAnimationFrame) drives it all;
 * `stop` ends it.
 */
export function pacer(onPhase = () => {}) {
  const dot = el('div', { class: 'calm-pacer-dot' });
  const circle = el('div', { class: 'calm-pacer', 'aria-hidden': 'true' }, dot);
  const cue = el('p', { class: 'calm-cue', 'aria-live': 'polite' });
  const count = el('p', { class: 'calm-count', 'aria-hidden': 'true' });
  const cycle = PATTERN.reduce((sum, p) => sum + p.seconds * 1000, 0);
  const start = performance.now();
  let shown = -1;
  let frame = 0;

  function draw(now) {
    const elapsed = Math.max(0, now - start);
    let at = elapsed % cycle;
    let i = 0;
    while (at >= PATTERN[i].seconds * 1000) at -= PATTERN[i++].seconds * 1000;
    const phase = PATTERN[i];
    const index = Math.floor(elapsed / cycle) * PATTERN.length + i;
    if (index !== shown) {
      cue.textContent = phase.cue;
      if (shown !== -1) onPhase(phase);
      shown = index;
    }
    const still = stillness?.matches ?? false;
    circle.dataset.still = String(still);
    count.hidden = !still;
    if (still) {
      const left = String(Math.ceil((phase.seconds * 1000 - at) / 1000));
      if (count.textContent !== left) count.textContent = left;
    } else {
      // A gentle ease in and out, so the circle never jumps.
      const eased = (1 - Math.cos(Math.PI * (at / (phase.seconds * 1000)))) / 2;
      const size = phase.breath === 'in' ? eased : 1 - eased;
      dot.style.setProperty('--breath', (0.4 + 0.6 * size).toFixed(3));
    }
    frame = requestAnimationFrame(draw);
  }
  draw(start);
  return { circle, cue, count, stop: () => cancelAnimationFrame(frame) };
}

/** One service, briefly: its name, what it is for, how to reach it, when. */
const service = (r) => el('article', { class: 'calm-service', dataset: { region: r.region, category: r.category } },
  el('p', { class: 'calm-service-name', text: r.name }),
  el('p', { class: 'fine', text: SUPPORT[r.category] ?? r.category }),
  el('p', { class: 'resource-contact', text: r.contact }),
  el('p', { text: r.about }),
  el('p', { class: 'fine', text: `Hours: ${r.hours}` }));

/**
 * The support list: the person's trusted contacts first (only while unlocked), then the
 * services, one fold per region; the person's region first and open when one is set.
 */
function supportList({ resources, region, contacts }) {
  const groups = runs(resources, 'region');
  groups.sort((a, b) => (b[0] === region) - (a[0] === region));
  return [
    contacts.length ? el('h3', { text: 'People you trust' }) : null,
    contacts.length ? el('ul', { class: 'calm-contacts' },
      contacts.map((c) => el('li', {}, el('span', { class: 'calm-contact-name', text: `${c.name}:` }), ' ', el('span', { text: c.how })))) : null,
    el('h3', { text: 'Services' }),
    region ? null : el('p', { class: 'fine', text: 'Open your region to see its services.' }),
    groups.map(([r, items]) => el('details', { class: 'calm-region', open: r === region, dataset: { region: r } },
      el('summary', { text: REGION[r] ?? r }),
      items.map(service))),
  ];
}

let current = null; // the one overlay open, if any

/** Closes the overlay if one is open; `returnFocus: false` leaves the focus to the caller. */
export function closeCalmNow({ returnFocus = true } = {}) {
  current?.shut(returnFocus);
}

/**
 * Opens the overlay at its first step (breathing), or, if one is open already, brings the
 * focus back to it. `opener` is where the focus goes back to when it closes.
 */
export function openCalmNow({ api, app, opener = document.activeElement }) {
  if (current) {
    current.title.focus();
    return current.dialog;
  }
  let sound = false;
  if (app.unlocked) api.getSettings().then((s) => { sound = s?.sound === true; }).catch(() => {});
  const chime = (phase) => {
    // Locked now (an auto-lock while open) means no settings: silent.
    if (app.unlocked && sound && softTone(phase.tone, 0.7)) signals.calmTones = (signals.calmTones ?? 0) + 1;
  };

  const title = el('h2', { id: 'calm-now-title', class: 'calm-title', tabindex: '-1' });
  const body = el('div', { class: 'calm-body' });
  const back = el('button', { type: 'button', class: 'quiet calm-back', text: 'Back to where I was' });
  // The top bar is out of reach behind a modal, so its Hide is offered here too.
  const hide = el('button', { type: 'button', class: 'quiet', text: 'Hide', hidden: !app.unlocked,
    dataset: { action: 'hide', when: 'unlocked' }, 'aria-keyshortcuts': 'Control+Shift+H' });
  const dialog = el('dialog', { class: 'calm-now', 'aria-labelledby': title.id },
    el('div', { class: 'calm-top' }, back, hide), title, body);

  let stopStep = () => {};
  const button = (text, onClick, cls) => el('button', { type: 'button', class: cls, text, on: { click: onClick } });

  /** Shows a step: stops the one before, names the dialog after it, and moves the focus there. */
  function go(step) {
    stopStep();
    const made = step();
    stopStep = made.stop ?? (() => {});
    dialog.dataset.step = made.name;
    title.textContent = made.title;
    body.replaceChildren(...made.nodes.flat().filter(Boolean));
    title.focus();
  }

  function breathe() {
    const p = pacer(chime);
    return { name: 'breathe', title: 'Breathe slowly', stop: p.stop, nodes: [
      el('p', { class: 'calm-intro', text: 'In for about five seconds, out for about five. Nothing else is needed right now.' }),
      p.circle, p.cue, p.count,
      el('div', { class: 'actions' },
        button('Next: grounding', () => go(ground), 'primary'),
        button('Skip to what would help', () => go(help), 'quiet')),
    ] };
  }

  function ground() {
    const walk = groundingWalk(() => go(help));
    return { name: 'ground', title: 'Back to here and now', nodes: [
      el('p', { class: 'fine', text: 'Go slowly; there is no right answer.' }),
      walk.count, walk.text,
      el('div', { class: 'actions' }, walk.next,
        button('Skip to what would help', () => go(help), 'quiet'),
        button('Breathe again', () => go(breathe), 'quiet')),
    ] };
  }

  function help() {
    const say = el('p', { class: 'calm-say', 'aria-live': 'polite' });
    const choices = HELP.map(([key, label, line]) => el('button', { type: 'button', class: 'calm-choice',
      'aria-pressed': 'false', dataset: { help: key }, text: label, on: { click: (event) => {
        for (const c of choices) c.setAttribute('aria-pressed', String(c === event.currentTarget));
        say.textContent = line;
      } } }));
    return { name: 'help', title: 'What would help now?', nodes: [
      el('p', { class: 'fine', text: 'Take whatever fits, or nothing at all.' }),
      el('div', { class: 'calm-choices' }, choices,
        el('button', { type: 'button', class: 'calm-choice', dataset: { help: 'support' }, text: 'Support', on: { click: () => go(support) } })),
      say,
      el('div', { class: 'actions' }, button('Breathe again', () => go(breathe), 'quiet')),
    ] };
  }

  function support() {
    let live = true;
    const list = el('div', { class: 'calm-support' });
    const load = async () => {
      list.replaceChildren(el('p', { class: 'loading', role: 'status', text: 'Looking\u2026' }));
      try {
        const s = await api.support();
        if (live) list.replaceChildren(...supportList(s).flat().filter(Boolean));
      } catch {
        if (!live) return;
        const again = button('Try again', load, 'quiet');
        list.replaceChildren(el('div', { class: 'notice', role: 'status' },
          el('p', { text: 'The list could not be shown just now. Everything else here still works.' }), again));
      }
    };
    load();
    return { name: 'support', title: 'Support', stop: () => { live = false; }, nodes: [
      el('p', { class: 'fine', text: 'If talking to someone may help, here is who you can reach.' }),
      list,
      el('div', { class: 'actions' }, button('Back to what would help', () => go(help), 'quiet')),
    ] };
  }

  /** Ends the overlay: stops the step, closes and removes the dialog, returns the focus. */
  function shut(returnFocus) {
    if (current?.dialog !== dialog) return;
    current = null;
    stopStep();
    if (dialog.open) dialog.close();
    dialog.remove();
    if (!returnFocus) return;
    // Back where it was opened from, if that is still there; else the screen's heading.
    const target = opener instanceof HTMLElement && opener !== document.body && opener.isConnected
      && opener.checkVisibility?.() !== false ? opener : document.querySelector('#view h1');
    if (target?.matches('h1')) target.tabIndex = -1;
    target?.focus();
  }

  back.addEventListener('click', () => shut(true));
  dialog.addEventListener('close', () => shut(true)); // Escape
  current = { dialog, title, shut };
  document.body.append(dialog);
  dialog.showModal();
  go(breathe);
  return dialog;
}
