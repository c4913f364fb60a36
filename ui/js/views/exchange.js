// A profile passed between two devices with no server. "Share my profile" shows it as a
// QR code for the room (open: it travels only through the screen) and, if asked, as a
// text code sealed under a phrase to say aloud or send separately. "Add from a shared
// profile" reads a code (scanned on a phone, pasted, or from a picture of it), shows
// exactly what would be saved, and what changes for someone already here, and asks first.
import { copyText, el, field, focusHeading, screen, showError } from '../dom.js';
import { svg } from '../widgets/pictures.js';
import { LEANING, profileFacts } from './profile-card.js';
import { CATEGORY, NEED, TOUCH } from '../labels.js';

// A guard before a huge picture is read into memory; Rust sets and checks the real limit.
const LARGEST_PICTURE = 16 * 1024 * 1024;

/** A note on the cards made here, which stay here: none, or one paragraph (to spread). */
const leftOutNote = (n) => (n ? [el('p', { class: 'fine',
  text: n === 1 ? 'One ritual card was made on this device, so it stays here.'
    : `${n} ritual cards were made on this device, so they stay here.` })] : []);

/** The QR code, dark on white in either theme (readers expect it so), drawn from Rust's path. */
function qrPicture({ size, path }, label) {
  return svg('svg', { class: 'qr', viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': label,
    'shape-rendering': 'crispEdges' },
  svg('rect', { width: size, height: size, fill: '#ffffff' }),
  svg('path', { d: path, fill: '#000000' }));
}

/**
 * "Share my profile": the QR code at once; on request, a sealed text code in its place,
 * with the phrase to say aloud (the QR code makes room, so the phrase is in view).
 */
export async function mountShare(root, { api, app, signal }, { profile: p } = {}) {
  if (!p?.id) return app.show('people');
  const back = () => app.show('profile', { profile: p });
  const intro = el('p', { text: 'A partner can scan this with Tend on their own device, under People \u2192 Add from a shared profile. The code holds what this profile says. It is not sealed, so show it only to them.' });
  const holder = el('div', { class: 'qr-holder' });
  const textPart = el('div', { class: 'stack' });
  const more = el('button', { type: 'button', text: 'Send it as a text code instead',
    on: { click: () => showTextCode() } });
  root.append(screen('share', 'Share my profile', intro, holder, textPart,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Done', dataset: { back: '' }, on: { click: back } }),
      more)));
  try {
    const shown = await api.shareProfile(p.id);
    if (signal.aborted) return;
    holder.append(qrPicture(shown, 'A QR code of your profile'), ...leftOutNote(shown.leftOut));
  } catch (error) {
    if (!signal.aborted) showError(holder, error, () => app.show('share', { profile: p }));
  }

  async function showTextCode() {
    more.disabled = true;
    textPart.replaceChildren(el('p', { role: 'status', text: 'Sealing the code\u2026' }));
    try {
      const made = await api.shareTextCode(p.id);
      if (signal.aborted) return;
      const code = el('textarea', { id: 'share-code', name: 'code', rows: 4, readonly: true, spellcheck: 'false' });
      code.value = made.code;
      const said = el('p', { class: 'fine', role: 'status' });
      intro.textContent = 'A text code can be sent any way you like. It is sealed: it opens only with the phrase below, so say the phrase aloud, or send it another way than the code.';
      holder.hidden = true;
      more.hidden = true;
      textPart.replaceChildren(
        ...field('The code', code),
        el('div', { class: 'actions' }, el('button', { type: 'button', text: 'Copy the code', on: { click: async () => {
          said.textContent = (await copyText(code)) ? 'Copied. Tend has sent nothing.'
            : 'It could not be copied here; select the code and copy it yourself.';
        } } })),
        said,
        el('p', { class: 'field-note', text: 'The phrase' }),
        el('p', { class: 'share-phrase', text: made.phrase }),
        ...leftOutNote(made.leftOut));
      code.focus();
    } catch (error) {
      textPart.replaceChildren();
      showError(textPart, error);
      more.disabled = false;
    }
  }
}

/** The phone's camera, through Tauri's barcode-scanner plugin; null where there is none. */
function scanner() {
  const core = window.__TAURI__?.core;
  if (!core || !window.__TAURI__?.barcodeScanner) return null;
  return async () => {
    // The camera is asked for only now, when the person chose to scan.
    let camera = (await core.checkPermissions('barcode-scanner')).camera;
    if (camera !== 'granted') camera = (await core.requestPermissions('barcode-scanner')).camera;
    if (camera !== 'granted') {
      throw new Error('Tend may not use the camera. Pasting the text code or opening a picture of the QR code works too.');
    }
    const { content } = await core.invoke('plugin:barcode-scanner|scan', { formats: ['QR_CODE'], windowed: false });
    return content;
  };
}

/** "Add from a shared profile": read a code, show what would be saved, save on yes. */
export async function mountReceive(root, { api, app, signal }) {
  const code = el('textarea', { id: 'receive-code', name: 'code', rows: 3, spellcheck: 'false', autocomplete: 'off' });
  const phrase = el('input', { id: 'receive-phrase', name: 'phrase', autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'characters' });
  const picture = el('input', { name: 'picture', type: 'file', accept: 'image/png,image/jpeg' });
  const status = el('p', { class: 'field-note', role: 'status' });
  const form = el('form', { class: 'stack', novalidate: true },
    ...field('A text code', code),
    ...field('Its phrase (ten letters and digits)', phrase),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', text: 'Read the code' })),
    ...field('Or open a picture of a QR code', picture),
    status);
  const scan = scanner();
  const scanButton = scan ? el('button', { type: 'button', class: 'primary', text: 'Scan a QR code',
    on: { click: () => read(async () => ({ code: await scan(), phrase: null })) } }) : null;
  const cancel = el('button', { type: 'button', text: 'Cancel', dataset: { back: '' }, on: { click: () => app.show('people') } });
  root.append(screen('receive', 'Add from a shared profile',
    el('p', { text: 'A partner opens their own profile in Tend and chooses Share my profile. Their code holds what they chose to write there.' }),
    scanButton ? el('div', { class: 'actions' }, scanButton) : null,
    form,
    el('div', { class: 'actions' }, cancel)));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    read(async () => ({ code: code.value, phrase: phrase.value }));
  });
  picture.addEventListener('change', () => {
    const chosen = picture.files[0];
    if (!chosen) return;
    read(async () => {
      if (chosen.size > LARGEST_PICTURE) throw new Error('That picture is larger than 16 MB. A screenshot of the code is enough.');
      return { code: await api.readSharePicture(new Uint8Array(await chosen.arrayBuffer())), phrase: null };
    });
  });

  /** Gets a code from `source`, previews it, and shows the preview in place of the form. */
  async function read(source) {
    root.querySelector('.notice')?.remove();
    status.textContent = 'Reading the code\u2026';
    for (const b of root.querySelectorAll('button')) b.disabled = true;
    try {
      const got = await source();
      const preview = await api.previewShare(got.code, got.phrase);
      if (signal.aborted) return;
      showPreview(preview);
    } catch (error) {
      if (signal.aborted) return;
      status.textContent = '';
      picture.value = '';
      showError(form, error);
    } finally {
      for (const b of root.querySelectorAll('button')) b.disabled = false;
    }
  }

  async function showPreview({ profile: p, before, leftOut, code: open }) {
    let titles = [];
    try { titles = await api.listCards(null, null); } catch { /* cards show by id */ }
    if (signal.aborted) return;
    const title = (id) => titles.find((c) => c.id === id)?.title ?? id;
    const save = el('button', { type: 'button', class: 'primary', text: `Save ${p.name}\u2019s profile` });
    const changes = before ? changed(before, p, title) : null;
    root.replaceChildren(screen('receive', before ? `An update from ${p.name}` : `${p.name}\u2019s profile`,
      el('p', { text: before
        ? `This replaces what is saved for ${before.name}. Their own hard limits stay as they set them; limits added here stay too.`
        : 'This is exactly what will be saved. Their hard limits stay as they set them.' }),
      changes,
      before ? el('h2', { text: 'As it will be saved' }) : null,
      el('div', { class: 'profile-card-body' }, profileFacts(p, title, 'Only a name, nothing more yet.')),
      leftOut ? el('p', { class: 'fine', text: leftOut === 1 ? 'One ritual card from their device is not known here, so it is left out.'
        : `${leftOut} ritual cards from their device are not known here, so they are left out.` }) : null,
      el('div', { class: 'actions' }, save,
        el('button', { type: 'button', text: 'Not now', dataset: { back: '' }, on: { click: () => app.show('people') } }))));
    focusHeading(root);
    save.addEventListener('click', async () => {
      save.disabled = true;
      root.querySelector('.notice')?.remove();
      try {
        const saved = await api.importShare(open);
        app.show('profile', { profile: saved });
      } catch (error) {
        save.disabled = false;
        showError(root.querySelector('.screen'), error);
      }
    });
  }
}

const none = (list) => (list.length ? list.join(', ') : 'None');

/** One part of a profile in words, for setting before beside after. */
const PARTS = {
  name: ['Name', (p) => p.name],
  helps: ['What helps them', (p) => p.helps || 'Nothing written'],
  closeness: ['Afterwards', (p) => (p.closeness === null ? 'No preference' : LEANING.closeness[p.closeness])],
  talk: ['Talking', (p) => (p.talk === null ? 'No preference' : LEANING.talk[p.talk])],
  touchComfort: ['Touch that is usually welcome', (p) => (p.touchComfort ? TOUCH[p.touchComfort] : 'No preference')],
  needs: ['Likes to have', (p) => none(p.needs.map((n) => NEED[n]))],
  traumaSensitive: ['Calm, predictable rituals', (p) => (p.traumaSensitive ? 'Preferred' : 'No preference')],
  favourites: ['Favourite rituals', (p, title) => none(p.favourites.map(title))],
  hardLimits: ['Hard limits', (p, title) => none([
    ...p.hardLimits.categories.map((c) => CATEGORY[c]),
    p.hardLimits.maxTouch ? `no more touch than: ${TOUCH[p.hardLimits.maxTouch].toLowerCase()}` : null,
    ...p.hardLimits.items.map((i) => `anything that needs ${i}`),
    ...p.hardLimits.cards.map(title),
  ].filter(Boolean))],
};

/** What changes between the profile saved now and the one that would replace it. */
function changed(before, after, title) {
  const rows = Object.values(PARTS)
    .map(([label, say]) => [label, say(before, title), say(after, title)])
    .filter(([, was, now]) => was !== now);
  if (!rows.length) return el('p', { text: 'Nothing has changed since what is saved now.' });
  return el('section', { class: 'share-changes', 'aria-labelledby': 'share-changes-title' },
    el('h2', { id: 'share-changes-title', text: 'What changes' }),
    el('dl', { class: 'card-facts' }, rows.map(([label, was, now]) => [
      el('dt', { text: label }),
      el('dd', {}, el('span', { class: 'was', text: `Before: ${was}` })),
      el('dd', {}, el('span', { class: 'now', text: `Now: ${now}` })),
    ])));
}
