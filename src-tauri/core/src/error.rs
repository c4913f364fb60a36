//! The domain's error: what went wrong above the vault (a request the person can correct,
//! something that is not there), with the vault's own errors carried inside unchanged.
//! Messages are written for the person using Tend and never carry their content.

use crate::passphrase::PassphraseError;
use crate::vault::{ErrorKind, VaultError};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Passphrase(#[from] PassphraseError),
    /// A request the person can correct; the message says how.
    #[error("{0}")]
    Invalid(String),
    /// Something the request names is not in Tend (a person, a card, a session).
    #[error("{0}")]
    Unknown(String),
}

impl Error {
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    /// What the person (or the screen) can do about it; see [`ErrorKind`].
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Vault(e) => e.kind(),
            Error::Passphrase(_) | Error::Invalid(_) => ErrorKind::Invalid,
            Error::Unknown(_) => ErrorKind::NotFound,
        }
    }

    /// Whether this is "nothing stored under that id".
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Vault(VaultError::NotFound))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_says_what_can_be_done_about_it() {
        let cases = [
            (Error::invalid("x"), ErrorKind::Invalid),
            (Error::Unknown("no such card".into()), ErrorKind::NotFound),
            (Error::from(PassphraseError::Empty), ErrorKind::Invalid),
            (VaultError::Locked.into(), ErrorKind::Locked),
            (VaultError::WrongRecoveryCode.into(), ErrorKind::WrongSecret),
            (VaultError::Tampered.into(), ErrorKind::Damaged),
            (VaultError::Corrupt("x").into(), ErrorKind::Damaged),
            (VaultError::NotAVault.into(), ErrorKind::Damaged),
            (VaultError::WeakKdf.into(), ErrorKind::Damaged),
            (VaultError::NewerFormat(9).into(), ErrorKind::NewerVersion),
            (
                VaultError::Storage("disk".into()).into(),
                ErrorKind::Internal,
            ),
            (VaultError::NotFound.into(), ErrorKind::NotFound),
        ];
        for (error, kind) in cases {
            assert_eq!(error.kind(), kind, "{error:?}");
        }
        assert!(Error::from(VaultError::NotFound).is_not_found());
        assert!(!Error::Unknown("x".into()).is_not_found());
    }
}
