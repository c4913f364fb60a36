//! The one error type that crosses the IPC boundary. It serializes to `{ code, message }`:
//! the UI branches on `code` and shows `message`; it never parses message text.

use serde::Serialize;
use tend_core::{Error, ErrorKind, PassphraseError};

/// Only the codes the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Unlock first.
    Locked,
    /// The passphrase or recovery code did not open the vault.
    WrongPassphrase,
    /// Wrong tries in a row: wait before the next (the status says how long).
    TooManyAttempts,
    /// Another Tend window has the vault open.
    InUse,
    NotFound,
    /// The request was not acceptable; the message says why.
    Invalid,
    /// The vault or a backup is damaged or was tampered with: restore a backup.
    Damaged,
    /// Made by a newer Tend: update Tend.
    NewerVersion,
    Internal,
}

impl From<ErrorKind> for ErrorCode {
    fn from(kind: ErrorKind) -> Self {
        // Exhaustive on purpose: a new kind of error must choose its code here.
        match kind {
            ErrorKind::Locked => ErrorCode::Locked,
            ErrorKind::WrongSecret => ErrorCode::WrongPassphrase,
            ErrorKind::TooManyAttempts => ErrorCode::TooManyAttempts,
            ErrorKind::InUse => ErrorCode::InUse,
            ErrorKind::NotFound => ErrorCode::NotFound,
            ErrorKind::Invalid => ErrorCode::Invalid,
            ErrorKind::Damaged => ErrorCode::Damaged,
            ErrorKind::NewerVersion => ErrorCode::NewerVersion,
            ErrorKind::Internal => ErrorCode::Internal,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        Self::new(e.kind().into(), e.to_string())
    }
}

impl From<tend_core::vault::VaultError> for CommandError {
    fn from(e: tend_core::vault::VaultError) -> Self {
        Error::from(e).into()
    }
}

impl From<PassphraseError> for CommandError {
    fn from(e: PassphraseError) -> Self {
        Error::from(e).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tend_core::vault::VaultError;

    #[test]
    fn serializes_as_code_and_message() {
        let e = CommandError::new(
            ErrorCode::WrongPassphrase,
            "That passphrase did not open it.",
        );
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "wrong_passphrase", "message": "That passphrase did not open it."})
        );
    }

    #[test]
    fn a_damaged_or_newer_vault_is_never_reported_as_a_typo() {
        for (e, code) in [
            (VaultError::Tampered, "damaged"),
            (VaultError::Corrupt("x"), "damaged"),
            (VaultError::NotAVault, "damaged"),
            (VaultError::NewerFormat(9), "newer_version"),
            (VaultError::Storage("disk".into()), "internal"),
            (VaultError::TooLarge, "invalid"),
        ] {
            let json = serde_json::to_value(CommandError::from(e)).unwrap();
            assert_eq!(json["code"], code, "{json}");
        }
        let json = serde_json::to_value(CommandError::from(Error::invalid("Say more."))).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "invalid", "message": "Say more."})
        );
    }
}
