// The back gesture (Android's back, a mouse's back button, Alt+Left): one step back in the
// flow, never out of the app half-way, and never into what a lock closed.
//
// The history holds no screens, only how many steps back there are: each screen shown after
// a tap adds an entry (made during the tap, as Chromium's history intervention wants, so
// Android's WebView goes back through them), and going back asks the screen now shown what
// one step back is:
//   1. an open dialog closes ("Calm now", or the question in 2);
//   2. a form with answers typed or chosen and not sent yet asks first: stay, or go back;
//   3. a step that said how to go back from it (`onBack`: the steps of "Aftercare now");
//   4. else the screen's own way back: its visible button marked data-back (Back, Cancel,
//      Not now, Stop…), the last one if there are several (an overlay comes last);
//   5. else the screen the vault's state calls for (home, or unlock).
// A root screen (home, welcome, unlock, the neutral screen…) keeps no entries, so back there
// is the platform's own (Android leaves the app, as at any app's first screen). Lock and
// Hide show a root screen, so the entries go with them; going forward onto one again is
// undone at once: what a screen showed lives in memory only, and a lock drops it.
import { el } from './dom.js';

export function installBack({ view, isRoot, fallback }) {
  const handlers = new WeakMap(); // a step's screen element → its way back
  const changed = new WeakSet(); // forms with answers typed or chosen, not sent yet
  let at = Number(history.state?.tend) || 0; // entries above the app's first
  let moving = 0; // our own traversal under way (its popstate is ours)
  let waiting = []; // history changes that wait for it
  let giveUp = 0;
  let backing = false; // the next screen shown is a step back, not a new one
  let backingEnds = 0;
  let calmEntry = false; // "Calm now" has an entry of its own
  let asking = null; // the question in 2, while it is open

  // ---- the history, one change at a time ----
  const still = (op) => (moving ? waiting.push(op) : op());
  const push = () => still(() => {
    at += 1;
    history.pushState({ tend: at }, '');
  });
  const rewind = (to) => still(() => {
    const target = typeof to === 'function' ? to() : to;
    if (at <= target) return;
    const by = target - at;
    at = target;
    moving = 1;
    history.go(by);
    clearTimeout(giveUp);
    giveUp = setTimeout(arrived, 1000); // no popstate came: go on
  });
  function arrived() {
    clearTimeout(giveUp);
    moving = 0;
    while (waiting.length && !moving) waiting.shift()();
  }

  /** Puts the entries right for what is shown: none at a root, at least one elsewhere. */
  function settle() {
    still(() => {
      const least = (isRoot() ? 0 : 1) + (calmEntry ? 1 : 0);
      if (isRoot()) rewind(least);
      for (let i = at; i < least; i++) push();
    });
  }

  // ---- what a step back is ----
  const current = () => view.querySelector(':scope > .screen') ?? view.firstElementChild;
  const shown = (b) => !b.disabled && b.getClientRects().length > 0;
  const unsent = (screen) => [...(screen?.querySelectorAll('form') ?? [])]
    .some((form) => changed.has(form) || form.querySelector('[role="alert"]'));

  function stepBack() {
    if (asking) {
      asking.close('stay');
      return;
    }
    const dialog = document.querySelector('dialog.calm-now[open]');
    if (dialog) {
      calmEntry = false;
      dialog.close();
      settle();
      return;
    }
    const screen = current();
    if (unsent(screen)) ask(screen);
    else go(screen);
  }

  function go(screen) {
    backing = true;
    clearTimeout(backingEnds);
    backingEnds = setTimeout(() => { if (backing) { backing = false; settle(); } }, 1500);
    const own = screen && handlers.get(screen);
    const button = [...view.querySelectorAll('[data-back]')].filter(shown).at(-1);
    if (own) own();
    else if (button) button.click();
    else if (!isRoot()) fallback();
    else {
      backing = false;
      settle();
    }
  }

  /** Answers not sent yet: going back would lose them, so it asks (stay is the first choice). */
  function ask(screen) {
    const stay = el('button', { type: 'button', class: 'primary', text: 'Stay here', on: { click: () => dialog.close('stay') } });
    const leave = el('button', { type: 'button', text: 'Go back', dataset: { action: 'leave' }, on: { click: () => dialog.close('leave') } });
    const dialog = el('dialog', { class: 'leave-check', 'aria-labelledby': 'leave-check-title', 'aria-describedby': 'leave-check-says' },
      el('h2', { id: 'leave-check-title', text: 'Go back?' }),
      el('p', { id: 'leave-check-says', text: 'What you entered on this screen has not been saved yet.' }),
      el('div', { class: 'actions' }, stay, leave));
    asking = dialog;
    dialog.addEventListener('close', () => {
      asking = null;
      dialog.remove();
      if (dialog.returnValue === 'leave' && screen?.isConnected) go(screen);
      else settleStay();
    });
    document.body.append(dialog);
    dialog.showModal();
    stay.focus();
  }
  // Staying puts back the entry the gesture took.
  function settleStay() {
    if (!isRoot()) push();
    settle();
  }

  // ---- events ----
  window.addEventListener('popstate', (event) => {
    const depth = Number(event.state?.tend) || 0;
    if (moving) {
      at = depth;
      arrived();
      return;
    }
    if (depth > at) { // forward onto an entry left behind: undo it
      const was = at;
      at = depth;
      rewind(was);
      return;
    }
    at = depth;
    stepBack();
  });

  // A screen shown: a new entry, unless it is a step back or a root screen.
  new MutationObserver((records) => {
    if (!records.some((r) => [...r.addedNodes].some((n) => n.nodeType === Node.ELEMENT_NODE))) return;
    asking?.close(); // the screen it asked about is gone (a lock, say)
    if (backing) {
      backing = false;
      clearTimeout(backingEnds);
      settle();
    } else if (isRoot() || calmEntry) settle();
    else push();
  }).observe(view, { childList: true });

  // A tap or a key: whatever comes next is the person's own step.
  for (const type of ['pointerdown', 'keydown']) {
    document.addEventListener(type, (event) => {
      if (event.isTrusted && !asking) backing = false;
    }, true);
  }

  // Answers typed or chosen in a form on the screen, until it is sent or emptied.
  const mark = (event) => {
    const form = event.isTrusted && event.target.closest?.('form');
    if (form && view.contains(form)) changed.add(form);
  };
  document.addEventListener('input', mark, true);
  document.addEventListener('change', mark, true);
  document.addEventListener('click', (event) => { if (event.target.closest?.('form [aria-pressed]')) mark(event); }, true);
  document.addEventListener('submit', (event) => changed.delete(event.target), true);
  document.addEventListener('reset', (event) => changed.delete(event.target), true);

  // "Calm now" closed by its own button or Escape: its entry goes.
  document.addEventListener('close', (event) => {
    if (!event.target.matches?.('dialog.calm-now') || !calmEntry) return;
    calmEntry = false;
    rewind(() => Math.max(isRoot() ? 0 : 1, at - 1));
  }, true);

  // An in-page link ("Skip to content") moves the focus, without an entry of its own.
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href^="#"]');
    const target = link && document.getElementById(link.getAttribute('href').slice(1));
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'start' });
  });

  return {
    /** Going back from this step's `screen` element runs `fn` (it shows the step before). */
    onBack(screen, fn) {
      if (screen) handlers.set(screen, fn);
    },
    /** "Calm now" opened: an entry of its own, so back closes it. */
    calmOpened() {
      if (calmEntry) return;
      calmEntry = true;
      push();
    },
  };
}
