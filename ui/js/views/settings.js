// Settings and data. Each card is its own small form; every result or error is shown
// beside the card that caused it.
import { el, field, screen, select, showError } from '../dom.js';
import { restoreForm } from '../widgets/restore.js';
import { secretField } from '../widgets/secret.js';
import { strengthFeedback } from '../widgets/strength.js';

/** The hours of the day, as "22:00", for quiet hours. */
const HOURS = Array.from({ length: 24 }, (_, h) => [String(h), `${String(h).padStart(2, '0')}:00`]);
const password = (id, name, autocomplete) => el('input', { id, name, type: 'password', autocomplete });
const check = (name, text) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name }), text);
const status = () => el('p', { class: 'field-note', role: 'status', dataset: { field: 'status' } });

function say(card, text) {
  card.querySelector('.notice')?.remove();
  card.querySelector('[data-field="status"]').textContent = text;
}

/** Runs `action` for a card: clears old messages, shows an error beside the card. */
function guarded(card, action) {
  return async (event) => {
    event?.preventDefault();
    card.querySelector('.notice')?.remove();
    const note = card.querySelector('[data-field="status"]');
    if (note) note.textContent = '';
    const buttons = [...card.querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await action();
    } catch (error) {
      showError(card, error);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  };
}

function prefsCard() {
  return el('form', { class: 'card stack', dataset: { form: 'prefs' }, novalidate: true },
    el('h2', { text: 'Locking and look' }),
    ...field('Lock after this many idle minutes', el('input', { id: 'set-autolock', name: 'autoLockMinutes',
      type: 'number', min: 1, max: 60, step: 1, inputmode: 'numeric' })),
    ...field('Theme', select('theme', [['dark', 'Dark'], ['light', 'Light'], ['system', 'Match this device']], 'dark')),
    ...field('First check-in after (hours)', el('input', { name: 'followUpHours', type: 'number', min: 1, max: 168,
      step: 1, inputmode: 'numeric' })),
    check('followUpExtra', 'After new, intense or scene moments, also check in two and three days later'),
    check('insights', 'Show “What seems to help” in the history'),
    el('fieldset', { class: 'checks quiet-hours' },
      el('legend', { text: 'Quiet hours' }),
      check('quiet', 'No notifications at night: a check-in that falls due then waits until morning'),
      el('div', { class: 'quiet-range' },
        ...field('From', select('quietFrom', HOURS, '22')),
        ...field('Until', select('quietUntil', HOURS, '8')))),
    el('fieldset', { class: 'checks timer-signals' },
      el('legend', { text: 'Timer sounds and vibration' }),
      check('eyesClosedTone', 'In eyes-closed mode, a soft tone when the time is up'),
      check('sound', 'A soft tone at each change of breath and when the time is up, eyes open or closed'),
      check('haptics', 'A short vibration as well, where the device has one'),
      el('p', { class: 'fine', text: 'Tones are quiet and made on this device. Most computers cannot vibrate, so there a tone is the only signal. With both tones off, timers make no sound.' })),
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Save' })),
    status());
}

export async function mount(root, { api, app, signal }) {
  const prefs = prefsCard();
  const newPass = password('set-new', 'new', 'new-password');
  newPass.setAttribute('aria-describedby', 'set-new-strength');
  const strength = strengthFeedback(api, newPass, { id: 'set-new-strength', meter: false });
  const pass = el('form', { class: 'card stack', dataset: { form: 'passphrase' }, novalidate: true },
    el('h2', { text: 'Change passphrase' }),
    ...field('Current passphrase', password('set-current', 'current', 'current-password')),
    ...field('New passphrase', newPass), strength.node,
    ...field('New passphrase again', password('set-new2', 'again', 'new-password')),
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Change passphrase' })),
    status());
  const recoveryPass = password('set-code-pass', 'passphrase', 'current-password');
  const recovery = el('form', { class: 'card stack', dataset: { form: 'recovery' }, novalidate: true },
    el('h2', { text: 'Recovery code' }),
    el('p', { text: 'A new code replaces the old one, which then stops working. Your passphrase is asked first, so no one else can do this while Tend is open.' }),
    ...field('Your passphrase', recoveryPass),
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Make a new recovery code', dataset: { action: 'new-code' } })),
    status());
  const backupSecret = secretField('Your passphrase', { name: 'backup-secret' });
  const backup = el('form', { class: 'card stack', dataset: { form: 'backup' }, novalidate: true },
    el('h2', { text: 'Encrypted backup' }),
    el('p', { text: 'A single file, still locked with your passphrase and recovery code, that only you can read on this device. Keep it somewhere safe to move Tend to another device.' }),
    backupSecret.nodes,
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Save a backup', dataset: { action: 'export' } })),
    status());
  const restore = el('div', { class: 'card stack', dataset: { form: 'import' } },
    el('h2', { text: 'Restore a backup' }),
    el('p', { text: 'This replaces what is in Tend now with the backup. If anything about the file or its secret is wrong, nothing changes.' }),
    restoreForm(api, { replacing: true, onDone: () => app.loadTheme() }));
  const readable = el('form', { class: 'card stack', dataset: { form: 'readable' }, novalidate: true },
    el('h2', { text: 'Readable copy' }),
    el('p', { class: 'warning', text: 'This writes everything you have kept in Tend as plain, unencrypted text. Anyone who finds that file can read it. Make one only if you need it, and delete it when you are done.' }),
    el('p', { class: 'fine', text: 'Answers other people kept private are not in it: it says only that they kept one. What is in someone\u2019s own space opens only with their passphrase.' }),
    ...field('Your passphrase, to confirm', password('set-readable-pass', 'passphrase', 'current-password')),
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Write a readable copy' })),
    status());
  const wipeInput = el('input', { id: 'set-wipe', name: 'confirmation', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  // What Tend saved to Downloads stays there unless the person says otherwise.
  const removeExports = el('input', { type: 'checkbox', name: 'remove_exports' });
  const exportsSay = el('span');
  const exportsBox = el('label', { class: 'check', hidden: true }, removeExports, exportsSay);
  const wipe = el('form', { class: 'card stack danger-zone', dataset: { form: 'wipe' }, novalidate: true },
    el('h2', { text: 'Wipe everything' }),
    el('p', { text: 'This destroys your vault and everything in it, on this device. It cannot be undone. Backups you saved elsewhere are not touched.' }),
    el('p', { class: 'fine', text: 'Tend first overwrites the keys that open your vault, then deletes its files. On SSDs, phones and some file systems, the old bytes can stay on the storage until they are reused; Tend cannot reach them. What stays was encrypted, and the keys that opened it are gone.' }),
    exportsBox,
    el('label', { for: 'set-wipe' }, 'Type ', el('strong', { text: 'wipe everything' }), ' to confirm'), wipeInput,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'danger', text: 'Wipe everything' })),
    status());
  root.append(screen('settings', 'Settings', prefs, pass, recovery, backup, restore, readable, wipe));

  // The support region is chosen on the support page; a save here keeps it.
  let region = null;
  try {
    const current = await api.getSettings();
    if (signal.aborted) return;
    region = current.region ?? null;
    prefs.autoLockMinutes.value = current.autoLockMinutes;
    prefs.theme.value = current.theme;
    prefs.followUpHours.value = current.followUpHours;
    prefs.followUpExtra.checked = current.followUpExtra;
    prefs.sound.checked = current.sound;
    prefs.eyesClosedTone.checked = current.eyesClosedTone ?? true;
    prefs.haptics.checked = current.haptics;
    prefs.insights.checked = current.insights ?? true;
    const quiet = current.quietHours;
    prefs.quiet.checked = Boolean(quiet);
    if (quiet) {
      prefs.quietFrom.value = String(quiet.from);
      prefs.quietUntil.value = String(quiet.until);
    }
  } catch (error) {
    showError(prefs, error, () => app.show('settings'));
  }
  prefs.addEventListener('submit', guarded(prefs, async () => {
    const settings = {
      autoLockMinutes: Number(prefs.autoLockMinutes.value),
      theme: prefs.theme.value,
      followUpHours: Number(prefs.followUpHours.value),
      followUpExtra: prefs.followUpExtra.checked,
      sound: prefs.sound.checked,
      eyesClosedTone: prefs.eyesClosedTone.checked,
      haptics: prefs.haptics.checked,
      insights: prefs.insights.checked,
      region,
      quietHours: prefs.quiet.checked
        ? { from: Number(prefs.quietFrom.value), until: Number(prefs.quietUntil.value) } : null,
    };
    await api.saveSettings(settings);
    app.applyTheme(settings.theme);
    say(prefs, 'Saved.');
  }));

  pass.addEventListener('submit', guarded(pass, async () => {
    if (pass.new.value !== pass.again.value) {
      say(pass, 'The two new passphrases are not the same yet.');
      return;
    }
    await api.changePassphrase(pass.current.value, pass.new.value);
    pass.reset();
    say(pass, 'Your passphrase is changed. Use the new one from now on.');
  }));

  recovery.addEventListener('submit', guarded(recovery, async () => {
    const code = await api.newRecoveryCode(recoveryPass.value);
    recoveryPass.value = '';
    app.show('recovery', { recovery: code });
  }));

  backup.addEventListener('submit', guarded(backup, async () => {
    const { value, isCode } = backupSecret.value();
    const path = await api.exportBackup(value, isCode);
    backupSecret.clear();
    say(backup, `Saved to ${path}`);
  }));

  readable.addEventListener('submit', guarded(readable, async () => {
    const path = await api.readableExport(readable.passphrase.value);
    readable.reset();
    say(readable, `Written to ${path}. It is not encrypted: delete it when you are done.`);
  }));

  wipe.addEventListener('submit', guarded(wipe, async () => {
    await api.wipeEverything(wipeInput.value, removeExports.checked);
    await app.refresh();
  }));
  api.exportsWritten().then(({ backups, readable: copies }) => {
    if (signal.aborted || !(backups + copies)) return;
    const parts = [copies ? `${copies} readable ${copies === 1 ? 'copy' : 'copies'} (not encrypted)` : null,
      backups ? `${backups} encrypted ${backups === 1 ? 'backup' : 'backups'}` : null].filter(Boolean);
    exportsSay.textContent = `Also delete what Tend saved to your Downloads folder: ${parts.join(' and ')}`;
    removeExports.checked = copies > 0;
    exportsBox.hidden = false;
  }).catch(() => {});
}
