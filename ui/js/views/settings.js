// Settings and data. Each card is its own small form; every result or error is shown
// beside the card that caused it.
import { $, clone, showError } from '../dom.js';
import { strengthFeedback } from './create.js';

function status(card, text) {
  card.querySelector('.notice')?.remove();
  $(card, '[data-field="status"]').textContent = text;
}

/** Runs `action` for a card: clears old messages, shows an error beside the card. */
function guarded(card, action) {
  return async (event) => {
    event?.preventDefault();
    card.querySelector('.notice')?.remove();
    const field = card.querySelector('[data-field="status"]');
    if (field) field.textContent = '';
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

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

export async function mount(root, { api, app }) {
  root.append(clone('tpl-settings'));
  const card = (name) => $(root, `[data-form="${name}"]`);

  const prefs = card('prefs');
  try {
    const current = await api.getSettings();
    prefs.auto_lock_minutes.value = current.auto_lock_minutes;
    prefs.theme.value = current.theme;
    prefs.follow_up_hours.value = current.follow_up_hours;
    prefs.follow_up_extra.checked = current.follow_up_extra;
    prefs.sound.checked = current.sound;
    prefs.haptics.checked = current.haptics;
  } catch (error) {
    showError(prefs, error, () => app.show('settings'));
  }
  prefs.addEventListener('submit', guarded(prefs, async () => {
    const settings = {
      auto_lock_minutes: Number(prefs.auto_lock_minutes.value),
      theme: prefs.theme.value,
      follow_up_hours: Number(prefs.follow_up_hours.value),
      follow_up_extra: prefs.follow_up_extra.checked,
      sound: prefs.sound.checked,
      haptics: prefs.haptics.checked,
    };
    await api.saveSettings(settings);
    app.applyTheme(settings.theme);
    status(prefs, 'Saved.');
  }));

  const pass = card('passphrase');
  strengthFeedback(api, pass.new, $(pass, '.strength'));
  pass.addEventListener('submit', guarded(pass, async () => {
    if (pass.new.value !== pass.again.value) {
      status(pass, 'The two new passphrases are not the same yet.');
      return;
    }
    await api.changePassphrase(pass.current.value, pass.new.value);
    pass.reset();
    status(pass, 'Your passphrase is changed. Use the new one from now on.');
  }));

  const recovery = card('recovery');
  $(recovery, '[data-action="new-code"]').addEventListener('click', guarded(recovery, async () => {
    const code = await api.newRecoveryCode();
    app.show('recovery', { recovery: code });
  }));

  const backup = card('backup');
  $(backup, '[data-action="export"]').addEventListener('click', guarded(backup, async () => {
    const path = await api.exportBackup();
    status(backup, `Saved to ${path}`);
  }));

  const restore = card('import');
  restore.addEventListener('submit', guarded(restore, async () => {
    const file = restore.file.files[0];
    if (!file) {
      status(restore, 'Choose a backup file first.');
      return;
    }
    const data = toBase64(await file.arrayBuffer());
    await api.importBackup(data, restore.secret.value, restore.is_code.checked);
    restore.reset();
    status(restore, 'Restored. Tend now holds what the backup held.');
    await app.loadTheme();
  }));

  const readable = card('readable');
  readable.addEventListener('submit', guarded(readable, async () => {
    const path = await api.readableExport(readable.passphrase.value);
    readable.reset();
    status(readable, `Written to ${path}. It is not encrypted: delete it when you are done.`);
  }));

  const wipe = card('wipe');
  wipe.addEventListener('submit', guarded(wipe, async () => {
    await api.wipeEverything(wipe.confirmation.value);
    await app.refresh();
  }));
}
