// The only module that talks to Rust. One named function per command; every failure
// becomes an ApiError with a `code` the UI can branch on and a `message` it can show.

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

/** Strength feedback for a passphrase being chosen. */
export const assessPassphrase = (passphrase) => call('assess_passphrase', { passphrase });
