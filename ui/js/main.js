// Composition root: wires the API into the views, decides which screen the vault's state
// calls for, and keeps the lock behaviour (hide now, activity, visibility, auto-lock).
// "Calm now" (widgets/calm-now.js) opens over any screen and stays open while the screen
// behind changes, an auto-lock included; Hide closes it.
//
// Each screen is a module exporting `mount(root, { api, app, signal }, params)`. The router
// aborts the screen's `signal` when another screen takes over, so its timers, polls and
// pending answers stop with it.
//
// The back gesture is back.js's (one step back in a flow, never into what a lock closed);
// a phone's on-screen keyboard is keyboard.js's.
import * as api from './api.js';
import * as welcome from './views/welcome.js';
import * as about from './views/about.js';
import * as create from './views/create.js';
import * as unlock from './views/unlock.js';
import * as neutral from './views/neutral.js';
import * as message from './views/message.js';
import * as restore from './views/restore.js';
import { installBack } from './back.js';
import { install as installKeyboard } from './keyboard.js';

// The screens a locked Tend can show load with the page; an open vault's screens
// (views/unlocked.js) load when a vault is first opened, so a locked Tend holds only what
// it can show, and its first screen appears sooner.
const views = {
  welcome, about, create, unlock, neutral, message, restore,
};
let loading = null;
/** Loads an open vault's screens once (a promise; `app.prepare` starts it early). */
function loadUnlocked() {
  loading ??= import('./views/unlocked.js').then((loaded) => {
    Object.assign(views, loaded.views);
    listenToCore();
  }, (error) => {
    loading = null;
    throw error;
  });
  return loading;
}
// "Calm now" loads on its first opening, from the moment a pointer lands on its button or
// focus reaches it (a tap's click follows about then).
let calmNow = null;
const loadCalmNow = () => import('./widgets/calm-now.js').then((loaded) => { calmNow = loaded; return loaded; });
for (const type of ['pointerdown', 'focusin']) {
  document.addEventListener(type, (event) => {
    if (!calmNow && event.target.closest?.('[data-action="calm-now"]')) loadCalmNow().catch(() => {});
  }, { passive: true });
}
const view = document.getElementById('view');
// The screens the vault's state calls for: back goes no further than these (back.js).
const ROOT = new Set(['welcome', 'unlock', 'home', 'neutral', 'message', 'recovery', 'new-passphrase']);
const back = installBack({ view, isRoot: () => ROOT.has(view.dataset.view), fallback: () => app.refresh() });
installKeyboard();

// Fields with a limit say how much room is left as it nears, instead of cutting text off
// silently: "12 characters left", read out politely.
document.addEventListener('input', (event) => {
  const field = event.target;
  if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) || field.maxLength <= 0) return;
  const left = field.maxLength - field.value.length;
  let counter = field.nextElementSibling?.classList.contains('char-count') ? field.nextElementSibling : null;
  if (left > Math.min(100, Math.ceil(field.maxLength / 4))) {
    counter?.remove();
    return;
  }
  if (!counter) {
    counter = document.createElement('p');
    counter.className = 'char-count';
    counter.setAttribute('aria-live', 'polite');
    field.after(counter);
  }
  counter.textContent = left === 0 ? 'That is as long as it can be.' : `${left} character${left === 1 ? '' : 's'} left`;
});
const systemLight = window.matchMedia('(prefers-color-scheme: light)');
systemLight.addEventListener('change', () => app.applyTheme(app.theme));
let current = null;

function mount(next, params, focus, signal) {
  const mounted = next.mount(view, { api, app, signal }, params);
  // Screen readers hear the new screen's heading; keyboard focus starts at the top,
  // unless the screen put it in a field itself, or "Calm now" is open over it.
  const heading = view.querySelector('h1');
  if (focus && heading && !view.contains(document.activeElement) && !document.querySelector('dialog[open]')) {
    heading.tabIndex = -1;
    heading.focus();
  }
  return mounted;
}

const app = {
  unlocked: false,

  /**
   * Shows a screen (the one before it is stopped and cleared at once). `params` are handed
   * to its mount. An open vault's screen not loaded yet is mounted once it is (a promise).
   */
  show(name, params = {}, { focus = true } = {}) {
    current?.abort();
    current = new AbortController();
    const { signal } = current;
    view.replaceChildren();
    view.dataset.view = name;
    if (views[name]) return mount(views[name], params, focus, signal);
    return loadUnlocked().then(() => {
      if (!views[name]) throw new Error(`unknown view ${name}`);
      if (!signal.aborted) return mount(views[name], params, focus, signal);
    });
  },

  /** Starts loading an open vault's screens while its key is derived (unlock, create). */
  prepare() {
    loadUnlocked().catch(() => {});
  },
  /** Going back (the back gesture) from this step's `screen` element runs `fn` (back.js). */
  onBack: back.onBack,

  setUnlocked(unlocked) {
    app.unlocked = unlocked;
    for (const el of document.querySelectorAll('[data-when="unlocked"]')) el.hidden = !unlocked;
  },

  theme: 'dark',

  /** 'dark', 'light', or 'system' (follows the device, also when it changes). */
  applyTheme(theme) {
    app.theme = theme;
    const light = theme === 'light' || (theme === 'system' && systemLight.matches);
    document.documentElement.dataset.theme = light ? 'light' : 'dark';
  },

  async loadTheme() {
    const s = await api.getSettings().catch(() => null);
    if (s) app.applyTheme(s.theme);
  },

  /** Asks the core where things stand and shows the screen that fits. */
  async refresh({ focus = true } = {}) {
    let status;
    try {
      status = await api.vaultStatus();
    } catch (error) {
      app.setUnlocked(false);
      return app.show('message', { error }, { focus });
    }
    app.setUnlocked(status.unlocked);
    if (!status.exists) {
      app.applyTheme('dark');
      return app.show('welcome', {}, { focus });
    }
    if (!status.unlocked) {
      app.applyTheme('dark');
      return app.show('unlock', { status }, { focus });
    }
    await app.loadTheme();
    if (status.passphraseNeeded) return app.show('new-passphrase', {}, { focus });
    if (status.recoveryPending) return app.show('recovery', {}, { focus });
    return app.show('home', {}, { focus });
  },

  /** Locks at once and shows a neutral screen. */
  async hide() {
    calmNow?.closeCalmNow({ returnFocus: false });
    app.setUnlocked(false);
    app.applyTheme('dark');
    app.show('neutral');
    await api.lock().catch(() => {});
  },
};

document.addEventListener('click', (event) => {
  const nav = event.target.closest('[data-nav]');
  if (nav) {
    app.show(nav.dataset.nav);
    return;
  }
  const calm = event.target.closest('[data-action="calm-now"]');
  if (calm) {
    loadCalmNow().then((loaded) => {
      loaded.openCalmNow({ api, app, opener: calm });
      back.calmOpened();
    });
    return;
  }
  const action = event.target.closest('[data-action="hide"], .topbar [data-action="home"]');
  if (!action) return;
  if (action.dataset.action === 'hide') app.hide();
  else app.refresh();
});

// Ctrl+Shift+H hides at once, from anywhere.
document.addEventListener('keydown', (event) => {
  if (event.ctrlKey && event.shiftKey && event.key.toLowerCase() === 'h') {
    event.preventDefault();
    app.hide();
  }
});

// Activity postpones the idle lock; report it at most every 15 s.
let lastReport = 0;
for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) {
  document.addEventListener(type, () => {
    if (!app.unlocked || Date.now() - lastReport < 15000) return;
    lastReport = Date.now();
    api.reportActivity().catch(() => {});
  }, { passive: true });
}

// A hidden window (minimised, switched away, app in the background) locks after a short grace.
document.addEventListener('visibilitychange', () => {
  api.reportVisibility(document.hidden).catch(() => {});
});

/** The core's two events, which only an opened vault raises. */
function listenToCore() {
  api.onFollowUpDue(() => {
    if (view.dataset.view === 'home') app.show('home', {}, { focus: false });
  }).catch(() => {});
  api.onLocked(() => {
    if (view.dataset.view !== 'neutral') app.refresh();
  }).catch(() => {});
}

app.refresh({ focus: false });
