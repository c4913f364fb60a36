// "Care for your body": when to get urgent care, and the times that can matter after a
// broken barrier or an assault. Every word comes from Rust (`body_care`), each fact with
// the public page it comes from. Addresses are shown as text to copy, never as links: the
// app does not go online. It needs no vault, so it opens while Tend is locked too.
//
// Two ways in: as its own screen (from Support), and in place of a form that must not be
// lost (the reflection), which `openInPlace` keeps aside and puts back as it was.
import { el, focusHeading, screen, setAside, showError } from '../dom.js';

const TITLE = 'Care for your body';

/** "Source: publisher" and the page's address, as text that can be selected and copied. */
function sourceLine(fact) {
  return el('p', { class: 'care-source fine' },
    `Source: ${fact.publisher} `,
    el('span', { class: 'care-url', text: fact.source }));
}

function factBody(fact) {
  return [
    el('p', { class: 'care-text', text: fact.text }),
    fact.window ? el('p', { class: 'care-window' }, el('span', { class: 'care-window-label', text: 'Time: ' }), fact.window) : null,
    fact.advice ? null : sourceLine(fact),
  ];
}

/** A paragraph (or a list item) for one fact, with its time and source when it has them. */
function fact(f, tag = 'div') {
  return el(tag, { class: `care-fact${f.advice ? ' care-advice' : ''}`, dataset: { fact: f.id } }, factBody(f));
}

/** The page's content under its h1: h2 per section, h3 per topic. */
export function renderCare(page) {
  return [
    ...page.intro.map((f) => fact(f)),
    ...page.sections.map((s) => el('section', { class: 'care-section', dataset: { section: s.id }, 'aria-labelledby': `care-${s.id}` },
      el('h2', { id: `care-${s.id}`, text: s.heading }),
      s.intro.map((f) => fact(f)),
      s.list.length ? el('ul', { class: 'care-list' }, s.list.map((f) => fact(f, 'li'))) : null,
      s.topics.map((t) => el('article', { class: 'card care-topic', dataset: { topic: t.id }, 'aria-labelledby': `care-${t.id}` },
        el('h3', { id: `care-${t.id}`, text: t.title }),
        t.facts.map((f) => fact(f)))))),
  ];
}

/** Draws the page into `body`, asking Rust for it. */
async function fill(body, api, signal, retry) {
  const loading = el('p', { class: 'loading', text: 'Opening…' });
  body.replaceChildren(loading);
  try {
    const page = await api.bodyCare();
    if (signal?.aborted) return;
    body.replaceChildren(...renderCare(page));
  } catch (error) {
    loading.remove();
    showError(body, error, retry);
  }
}

/**
 * The screen, reached from Support. `params.back` names the screen Back returns to;
 * without one, Back goes to Support, or (while locked) to where the vault's state calls for.
 */
export function mount(root, { api, app, signal }, params = {}) {
  const body = el('div', { class: 'care' });
  const back = () => {
    if (params.back) app.show(params.back);
    else if (app.unlocked) app.show('support');
    else app.refresh();
  };
  root.append(screen('body-care', TITLE, body,
    el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Back', dataset: { back: '' }, on: { click: back } }))));
  const load = () => fill(body, api, signal, load);
  return load();
}

/**
 * Shows the page in `root` in place of what is there, which is kept aside untouched (a
 * half-filled form keeps every answer) and put back by "Back", with focus on `opener`.
 */
export function openInPlace(root, api, { opener, signal } = {}) {
  const backTo = setAside(root, opener);
  const body = el('div', { class: 'care' });
  const done = el('button', { type: 'button', class: 'primary', text: 'Back to where I was', dataset: { back: '' }, on: { click: backTo } });
  root.append(screen('body-care', TITLE, body, el('div', { class: 'actions' }, done)));
  focusHeading(root);
  const load = () => fill(body, api, signal, load);
  return load();
}
