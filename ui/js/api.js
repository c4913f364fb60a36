// The only module that talks to Rust. One named function per command (the list is kept
// in step with src-tauri/src/commands/list.rs by tests/commands.rs); every failure becomes
// an ApiError with a `code` the UI can branch on and a `message` it can show. Shapes on the
// wire are camelCase; samples of every reply are in tests/contract/.

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

function toApiError(raw) {
  if (raw && typeof raw === 'object' && typeof raw.code === 'string') {
    return new ApiError(raw.code, String(raw.message ?? ''));
  }
  // Tauri's own refusals (unknown command, arguments of the wrong type) arrive as text.
  return new ApiError('internal', 'Tend could not do that just now. Please try again.');
}

async function call(command, args) {
  const tauri = window.__TAURI__;
  if (!tauri?.core?.invoke) throw new ApiError('internal', 'Tend’s core is not available.');
  try {
    return await tauri.core.invoke(command, args);
  } catch (raw) {
    throw toApiError(raw);
  }
}

/** Versions of the app, the core and the vault format. */
export const about = () => call('about');

/** "Care for your body": { intro, sections }, each fact with its source page; works while locked. */
export const bodyCare = () => call('body_care');
/** Every source the cards cite, in full; readable while locked. */
export const sources = () => call('sources');

/** Strength feedback for a passphrase being chosen. */
export const assessPassphrase = (passphrase) => call('assess_passphrase', { passphrase });

const passphraseSecret = (value) => ({ kind: 'passphrase', value });
const recoverySecret = (value) => ({ kind: 'recovery_code', value });

/** { exists, unlocked, failures, retryAfterMs, recoveryPending, passphraseNeeded, hasPassphrase } */
export const vaultStatus = () => call('vault_status');
/** Creates the vault; returns { code, confirmGroups } to show once. */
export const createVault = (passphrase) => call('create_vault', { passphrase });
export const confirmRecoveryCode = (answers) => call('confirm_recovery_code', { answers });
export const pendingRecoveryCode = () => call('pending_recovery_code');
export const unlockWithPassphrase = (value) => call('unlock', { secret: passphraseSecret(value) });
export const unlockWithRecoveryCode = (value) => call('unlock', { secret: recoverySecret(value) });
export const lock = () => call('lock');
export const reportActivity = () => call('report_activity');
export const reportVisibility = (hidden) => call('report_visibility', { hidden });

export const getSettings = () => call('get_settings');
export const saveSettings = (settings) => call('save_settings', { settings });
export const changePassphrase = (current, next) => call('change_passphrase', { current, new: next });
/** After opening with the recovery code: the new passphrase. */
export const chooseNewPassphrase = (passphrase) => call('choose_new_passphrase', { passphrase });
/** A new recovery code, once the passphrase is given again. */
export const newRecoveryCode = (passphrase) => call('new_recovery_code', { passphrase });
const secretOf = (value, isRecoveryCode) => (isRecoveryCode ? recoverySecret(value) : passphraseSecret(value));
/** Writes an encrypted backup once a secret is given again; returns its path. */
export const exportBackup = (secret, isRecoveryCode) => call('export_backup', { secret: secretOf(secret, isRecoveryCode) });
/** Hands a backup file's bytes to Rust (as the raw body: no secret travels with them). */
export const stageBackup = (bytes) => call('stage_backup', bytes);
/**
 * Restores the staged backup. `current` ({ value, isCode } or null) opens the vault here,
 * if there is one; `backup` ({ value, isCode }) opens the backup.
 */
export const importBackup = (current, backup) => call('import_backup', {
  current: current ? secretOf(current.value, current.isCode) : null,
  backup: secretOf(backup.value, backup.isCode),
});
export const readableExport = (passphrase) => call('readable_export', { passphrase });
/** `removeExports`: also delete the backups and readable copies Tend wrote to Downloads. */
export const wipeEverything = (confirmation, removeExports) => call('wipe_everything', { confirmation, removeExports });
/** { backups, readable }: how many files Tend wrote to the exports folder. */
export const exportsWritten = () => call('exports_written');

/** Calls `handler` when the core locks the vault by itself. Returns a stop function. */
export async function onLocked(handler) {
  const listen = window.__TAURI__?.event?.listen;
  if (!listen) return () => {};
  return listen('vault-locked', () => handler());
}

/** Cards, optionally of one category and/or one kind of moment (null for any). */
export const listCards = (category, context) => call('list_cards', { category, context });
export const getCard = (id) => call('get_card', { id });
export const saveCustomCard = (card) => call('save_custom_card', { card });
export const deleteCustomCard = (id) => call('delete_custom_card', { id });
/** verdict: 'helped' | 'neutral' | 'not_for_me' */
export const recordFeedback = (person, card, verdict) => call('record_feedback', { person, card, verdict });
/** ask: { people: [{ id, checkIn?, role?, private? }], context, intensity, seed, exclude?, shownCategories?, count? } */
export const suggest = (ask) => call('suggest', { ask });

export const listProfiles = () => call('list_profiles');
export const saveProfile = (profile) => call('save_profile', { profile });
export const deleteProfile = (id) => call('delete_profile', { id });
export const listPlans = () => call('list_plans');
export const savePlan = (plan) => call('save_plan', { plan });
export const deletePlan = (id) => call('delete_plan', { id });

/** A profile's QR code, open for showing in the room: { size, path, leftOut }. */
export const shareProfile = (id) => call('share_profile', { id });
/** A sealed text code and the phrase that opens it: { code, phrase, leftOut }. */
export const shareTextCode = (id) => call('share_text_code', { id });
/** The text of the QR code in a picture's bytes (a Uint8Array). */
export const readSharePicture = (bytes) => call('read_share_picture', bytes);
/** What importing a code would save: { profile, before, leftOut, code }; nothing is written. */
export const previewShare = (code, phrase) => call('preview_share', { code, phrase: phrase || null });
/** Saves what previewShare showed, from the open `code` it returned. */
export const importShare = (code) => call('import_share', { code });

export const feelings = () => call('feelings');
/** start: { people: [{ person, role }], context, intensity, passDevice } */
export const startSession = (start) => call('start_session', { start });
export const openSession = () => call('open_session');
/** A session as the device's owner may see it (Rust withholds others' private answers). */
export const getSession = (id) => call('get_session', { id });
export const sessionFollowUps = (id) => call('session_follow_ups', { id });
/** privacy: 'shared' | 'kept' | 'not_kept' (who may see it, chosen by the person answering). */
export const sessionCheckIn = (id, person, stage, checkIn, note, privacy) =>
  call('session_check_in', { id, person, stage, checkIn, note, privacy });
export const sessionStep = (id, step) => call('session_step', { id, step });
/** "We stopped": the session takes the gentle path (to its cards, asking nothing). */
export const sessionStop = (id) => call('session_stop', { id });
/** moments (after a stop, optional, never kept): e.g. ['panic', 'pain'] */
export const sessionSuggest = (id, exclude, shownCategories, count, moments = []) =>
  call('session_suggest', { id, exclude, shownCategories, count, moments });
export const sessionChoose = (id, card, accept) => call('session_choose', { id, card, accept });
/** reflection: { person, feltGood, change, uncomfortable, uncomfortableNote, appreciation, rituals, privacy } */
export const sessionReflect = (id, reflection) => call('session_reflect', { id, reflection });
/** talkLater: who chose to talk about it later (after a stop); the reflection comes to them. */
export const endSession = (id, talkTomorrow, talkLater = []) => call('end_session', { id, talkTomorrow, talkLater });
export const history = () => call('history');
/** "What seems to help": { sessions, enough, rituals, moves, nextDay, drop }, or null when hidden in settings. */
export const insights = () => call('insights');
export const deleteSession = (id) => call('delete_session', { id });

/** timer: { kind: { kind: 'countdown' } | { kind: 'breathing', pattern }, minutes, label, session?, card? } */
export const startTimer = (timer) => call('start_timer', { timer });
export const currentTimer = () => call('current_timer');
export const timerView = (id) => call('timer_view', { id });
/** action: 'pause' | 'resume' | 'stop' | 'extend' (with minutes) */
export const timerAction = (id, action, minutes) => call('timer_action', { id, action, minutes: minutes ?? null });

export const dueFollowUps = () => call('due_follow_ups');
/**
 * Returns true when the person is low (said so, or their words lean that way). drop:
 * 'no' | 'a_little' | 'yes' | null; notRight: whether anything did not sit right, or null.
 */
export const answerFollowUp = (id, person, checkIn, low, need, privacy, { drop = null, notRight = null } = {}) =>
  call('answer_follow_up', { id, person, checkIn, low, need, privacy, drop, notRight });
export const completeFollowUp = (id) => call('complete_follow_up', { id });
/** { region (the person's, or null; null while locked), resources (their region first), contacts (none while locked) } */
export const support = () => call('support');
export const saveContact = (contact) => call('save_contact', { contact });
export const deleteContact = (id) => call('delete_contact', { id });

/** { exists, answers, earlierPrivate } for a person's own space, without opening it. */
export const spaceInfo = (person) => call('space_info', { person });
/** Makes a person's own space under their passphrase; `moveEarlier` moves their earlier private answers in. */
export const makeSpace = (person, passphrase, moveEarlier) => call('make_space', { person, passphrase, moveEarlier });
/** { entries, changed }: everything in the space, for its person. */
export const openSpace = (person, passphrase) => call('open_space', { person, passphrase });
export const deleteSpace = (person, passphrase) => call('delete_space', { person, passphrase });
/** The owner's way, after a warning: deletes a space without opening it. */
export const deleteSpaceUnread = (person) => call('delete_space_unread', { person });
export const moveEarlierPrivate = (person) => call('move_earlier_private', { person });
export const deleteEarlierPrivate = (person) => call('delete_earlier_private', { person });

/** Calls `handler` when a follow-up falls due while Tend is open. */
export async function onFollowUpDue(handler) {
  const listen = window.__TAURI__?.event?.listen;
  if (!listen) return () => {};
  return listen('follow-up-due', () => handler());
}
