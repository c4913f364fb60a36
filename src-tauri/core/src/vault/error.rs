use crate::passphrase::PassphraseError;

pub type Result<T, E = VaultError> = std::result::Result<T, E>;

/// Everything that can go wrong with the vault. Messages are written for the person using
/// Tend and never carry their content.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    #[error("That passphrase did not open the vault. Nothing has changed; try again.")]
    WrongPassphrase,
    #[error("That recovery code did not open the vault. Check it and try again.")]
    WrongRecoveryCode,
    /// A vault opened with its recovery code has no passphrase until a new one is chosen.
    #[error("Tend has no passphrase at the moment. Open it with your recovery code, then choose a new passphrase.")]
    NoPassphrase,
    #[error(
        "That does not look like a recovery code: it has eight groups of four letters and digits."
    )]
    BadRecoveryCode,
    #[error("Too many tries. You can try again in {} seconds.", retry_after_ms.div_ceil(1000))]
    TooManyAttempts { retry_after_ms: u64 },
    #[error("Tend is locked.")]
    Locked,
    #[error("There is no vault here yet.")]
    NoVault,
    #[error("A vault already exists here.")]
    AlreadyExists,
    #[error("Nothing was found with that id.")]
    NotFound,
    #[error("This file is not a Tend vault.")]
    NotAVault,
    #[error(
        "This vault was made by a newer version of Tend (format {0}). Update Tend to open it."
    )]
    NewerFormat(u16),
    #[error("This vault's key settings are weaker than Tend allows, so it was not opened.")]
    WeakKdf,
    #[error("The vault is damaged ({0}). Nothing was changed.")]
    Corrupt(&'static str),
    #[error("A stored item failed its integrity check and was not read.")]
    Tampered,
    /// The set of rows is not what Tend last wrote: rows were removed, replaced, rolled back
    /// or added outside Tend.
    #[error("This vault was changed outside Tend: {0}. Nothing has been changed or deleted. If you saved an encrypted backup, you can restore it.")]
    Altered(&'static str),
    #[error("Tend is already open in another window.")]
    InUse,
    /// An id already used by a record of another kind.
    #[error("That id already belongs to another kind of record.")]
    IdTaken,
    /// A kind the vault was not told about: a defect in the caller, refused before any write.
    #[error("Tend does not keep that kind of record.")]
    UnknownKind,
    #[error("That file is too large to be a Tend backup.")]
    TooLarge,
    /// A file chosen for import that is not a Tend backup at all.
    #[error("That file is not a Tend backup.")]
    NotABackup,
    #[error(transparent)]
    Passphrase(#[from] PassphraseError),
    #[error("The vault could not be read or written ({0}).")]
    Storage(String),
}

/// What the person (or the screen) can do about an error. Every error has exactly one,
/// chosen by an exhaustive match, so a damaged vault can never pass for a typo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Unlock first.
    Locked,
    /// The passphrase or recovery code did not open the vault.
    WrongSecret,
    /// Wrong tries in a row: wait before the next.
    TooManyAttempts,
    /// Another Tend window has the vault open.
    InUse,
    NotFound,
    /// Input the person can correct; the message says how.
    Invalid,
    /// The vault or a backup is damaged or was tampered with: restore a backup.
    Damaged,
    /// Written by a newer Tend: update Tend.
    NewerVersion,
    /// Reading or writing failed on this device.
    Internal,
}

impl VaultError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            VaultError::Locked => ErrorKind::Locked,
            VaultError::WrongPassphrase
            | VaultError::WrongRecoveryCode
            | VaultError::NoPassphrase => ErrorKind::WrongSecret,
            VaultError::TooManyAttempts { .. } => ErrorKind::TooManyAttempts,
            VaultError::InUse => ErrorKind::InUse,
            VaultError::NotFound | VaultError::NoVault => ErrorKind::NotFound,
            VaultError::BadRecoveryCode
            | VaultError::AlreadyExists
            | VaultError::TooLarge
            | VaultError::NotABackup
            | VaultError::Passphrase(_) => ErrorKind::Invalid,
            VaultError::NotAVault
            | VaultError::WeakKdf
            | VaultError::Corrupt(_)
            | VaultError::Tampered
            | VaultError::Altered(_) => ErrorKind::Damaged,
            VaultError::NewerFormat(_) => ErrorKind::NewerVersion,
            VaultError::IdTaken | VaultError::UnknownKind | VaultError::Storage(_) => {
                ErrorKind::Internal
            }
        }
    }
}

impl From<rusqlite::Error> for VaultError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => VaultError::NotAVault,
            Some(ErrorCode::DatabaseCorrupt) => VaultError::Corrupt("the database is malformed"),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => VaultError::InUse,
            // SQLite's messages name tables and statements, never stored values.
            _ => VaultError::Storage(e.to_string()),
        }
    }
}

impl From<std::io::Error> for VaultError {
    fn from(e: std::io::Error) -> Self {
        VaultError::Storage(e.kind().to_string())
    }
}
