//! What the vault stores: typed records, each of one kind and under one id. The vault
//! knows kinds only as names handed to it; the domain's types say which kind they are.

use std::fmt;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::crypto;

/// An opaque record id: 16 random bytes, written as 32 lower-case hex digits wherever Tend
/// shows, stores or sends one.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId([u8; 16]);

impl RecordId {
    pub fn generate() -> Self {
        Self(crypto::random())
    }

    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    pub fn to_hex(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecordId({self})")
    }
}

/// Text that is not 32 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("that is not a record id (32 hex digits)")]
pub struct BadId;

impl FromStr for RecordId {
    type Err = BadId;

    fn from_str(s: &str) -> Result<Self, BadId> {
        if s.len() != 32 || !s.is_ascii() {
            return Err(BadId);
        }
        let mut out = [0u8; 16];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| BadId)?;
        }
        Ok(Self(out))
    }
}

impl Serialize for RecordId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RecordId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A kind of record: its name (1–32 of `a`–`z` and `_`, part of every envelope's
/// associated data) and the id it is stored under. A record's id is its row: saving can
/// never put it anywhere else.
pub trait Record: Serialize + DeserializeOwned {
    const KIND: &'static str;

    fn id(&self) -> RecordId;
}

/// The kinds a vault holds. The domain hands the list down when it opens a vault, so
/// backups and readable exports can walk every kind without the vault knowing the domain.
pub type Kinds = &'static [&'static str];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_hex_and_json() {
        let id = RecordId::generate();
        let hex = id.to_hex();
        assert_eq!(hex.len(), 32);
        assert!(hex
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(hex.parse::<RecordId>(), Ok(id));
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{hex}\""));
        assert_eq!(serde_json::from_str::<RecordId>(&json).unwrap(), id);
        assert_eq!(format!("{id:?}"), format!("RecordId({hex})"));
    }

    #[test]
    fn text_that_is_not_an_id_is_refused() {
        for bad in [
            "",
            "abc",
            &"g".repeat(32),
            &"a".repeat(31),
            &"a".repeat(33),
            &"é".repeat(16),
        ] {
            assert_eq!(bad.parse::<RecordId>(), Err(BadId), "{bad:?}");
            assert!(serde_json::from_value::<RecordId>(bad.into()).is_err());
        }
        assert!(serde_json::from_value::<RecordId>(serde_json::json!(7)).is_err());
        assert_eq!(
            "0123456789ABCDEF0123456789abcdef"
                .parse::<RecordId>()
                .unwrap()
                .to_hex(),
            "0123456789abcdef0123456789abcdef",
            "either case reads; lower case is written"
        );
    }
}
