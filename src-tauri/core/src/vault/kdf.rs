//! Passphrase → key-encryption key with Argon2id. The cost is chosen when a passphrase is
//! set, so an unlock takes about a quarter to one second on the device, and stored with the
//! vault. A stored cost below OWASP's floor is refused (a tampered file must not make the
//! passphrase cheap to guess), and so is one above what any build writes (a hostile file
//! must not make Tend spend minutes and gigabytes before it can say no).

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Params, Version};
use zeroize::Zeroizing;

use super::crypto::Key;
use super::{Result, VaultError};

/// Identifies Argon2id version 0x13 in the stored parameters.
pub const ALG_ARGON2ID_13: u8 = 1;
pub const SALT_LEN: usize = 16;
/// Serialized size: algorithm, memory, passes, lanes, salt.
pub const ENCODED_LEN: usize = 1 + 4 + 4 + 4 + SALT_LEN;

/// OWASP's minimum for Argon2id: 19 MiB and 2 passes.
pub const FLOOR_MEMORY_KIB: u32 = 19 * 1024;
pub const FLOOR_PASSES: u32 = 2;
/// Where calibration starts: 64 MiB, 3 passes, 1 lane.
pub const START: Cost = Cost {
    memory_kib: 64 * 1024,
    passes: 3,
    lanes: 1,
};
/// The most any build writes, and so the most a file may ask for: 1 GiB, 16 passes, 4 lanes.
pub const CEILING: Cost = Cost {
    memory_kib: 1024 * 1024,
    passes: 16,
    lanes: 4,
};
// Aim inside 0.25–1 s with room for noise: a measurement just over a quarter second can
// be just under it at the next unlock.
const TARGET_LOW: Duration = Duration::from_millis(320);
const TARGET_HIGH: Duration = Duration::from_millis(900);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl Cost {
    /// The cheapest cost Tend accepts; tests use it to stay quick.
    pub const FLOOR: Cost = Cost {
        memory_kib: FLOOR_MEMORY_KIB,
        passes: FLOOR_PASSES,
        lanes: 1,
    };

    fn is_below_floor(&self) -> bool {
        self.memory_kib < FLOOR_MEMORY_KIB || self.passes < FLOOR_PASSES || self.lanes == 0
    }

    fn is_above_ceiling(&self) -> bool {
        self.memory_kib > CEILING.memory_kib
            || self.passes > CEILING.passes
            || self.lanes > CEILING.lanes
    }
}

/// The stored key-derivation settings: cost and salt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KdfParams {
    pub cost: Cost,
    pub salt: [u8; SALT_LEN],
}

impl KdfParams {
    pub fn new(cost: Cost) -> Self {
        Self {
            cost,
            salt: super::crypto::random(),
        }
    }

    pub fn encode(&self) -> [u8; ENCODED_LEN] {
        let mut out = [0u8; ENCODED_LEN];
        out[0] = ALG_ARGON2ID_13;
        out[1..5].copy_from_slice(&self.cost.memory_kib.to_be_bytes());
        out[5..9].copy_from_slice(&self.cost.passes.to_be_bytes());
        out[9..13].copy_from_slice(&self.cost.lanes.to_be_bytes());
        out[13..].copy_from_slice(&self.salt);
        out
    }

    /// Reads stored parameters, refusing unknown algorithms and any cost below the floor or
    /// above the ceiling, before any work is done.
    pub fn decode(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != ENCODED_LEN {
            return Err(VaultError::Corrupt(
                "key-derivation settings have the wrong length",
            ));
        }
        if bytes[0] != ALG_ARGON2ID_13 {
            return Err(VaultError::Corrupt("unknown key-derivation algorithm"));
        }
        let word = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
        let cost = Cost {
            memory_kib: word(1),
            passes: word(5),
            lanes: word(9),
        };
        if cost.is_below_floor() {
            return Err(VaultError::WeakKdf);
        }
        if cost.is_above_ceiling() {
            return Err(VaultError::Corrupt(
                "key-derivation settings are out of range",
            ));
        }
        Ok(Self {
            cost,
            salt: bytes[13..].try_into().unwrap(),
        })
    }

    /// Argon2id(passphrase, salt) → a 256-bit key-encryption key.
    pub fn derive(&self, passphrase: &[u8]) -> Result<Key> {
        let c = self.cost;
        let params = Params::new(c.memory_kib, c.passes, c.lanes, Some(32))
            .map_err(|_| VaultError::Corrupt("key-derivation settings are invalid"))?;
        let mut out = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase, &self.salt, &mut out[..])
            .map_err(|_| VaultError::Corrupt("key derivation failed"))?;
        Ok(Key::from_bytes(out))
    }
}

/// Picks a cost that takes a quarter to one second here, never below the floor.
/// `measure` times one derivation at a cost (injected so tests need not wait).
pub fn calibrate(mut measure: impl FnMut(Cost) -> Duration) -> Cost {
    let mut cost = START;
    let mut took = measure(cost);
    for _ in 0..8 {
        if took < TARGET_LOW && cost.memory_kib < CEILING.memory_kib {
            cost.memory_kib = (cost.memory_kib * 2).min(CEILING.memory_kib);
        } else if took < TARGET_LOW && cost.passes < CEILING.passes {
            cost.passes += 1;
        } else if took > TARGET_HIGH && cost.passes > FLOOR_PASSES {
            cost.passes -= 1;
        } else if took > TARGET_HIGH && cost.memory_kib > FLOOR_MEMORY_KIB {
            cost.memory_kib = (cost.memory_kib / 2).max(FLOOR_MEMORY_KIB);
        } else {
            break;
        }
        took = measure(cost);
    }
    cost
}

/// Times a real derivation on this machine.
pub fn measure_here(cost: Cost) -> Duration {
    let params = KdfParams::new(cost);
    let start = Instant::now();
    let _ = params.derive(b"calibration");
    start.elapsed()
}

/// Calibrates on the passphrase itself and keeps the last run's key: the cost that run
/// used is the cost chosen, so the real derivation is never done twice.
pub fn derive_calibrated(passphrase: &[u8]) -> Result<(KdfParams, Key)> {
    let mut last = None;
    let cost = calibrate(|cost| {
        let params = KdfParams::new(cost);
        let start = Instant::now();
        let key = params.derive(passphrase);
        let took = start.elapsed();
        last = Some((params, key));
        took
    });
    let (params, key) = last.expect("calibration measures at least once");
    debug_assert_eq!(params.cost, cost);
    Ok((params, key?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trips() {
        let p = KdfParams::new(START);
        assert_eq!(KdfParams::decode(&p.encode()).unwrap(), p);
    }

    #[test]
    fn a_cost_below_the_floor_is_refused() {
        for weak in [
            Cost {
                memory_kib: FLOOR_MEMORY_KIB - 1,
                ..Cost::FLOOR
            },
            Cost {
                passes: 1,
                ..Cost::FLOOR
            },
            Cost {
                lanes: 0,
                ..Cost::FLOOR
            },
        ] {
            let bytes = KdfParams {
                cost: weak,
                salt: [0; SALT_LEN],
            }
            .encode();
            assert!(
                matches!(KdfParams::decode(&bytes), Err(VaultError::WeakKdf)),
                "{weak:?}"
            );
        }
    }

    #[test]
    fn a_cost_above_what_any_build_writes_is_refused_at_once() {
        let hostile = KdfParams {
            cost: Cost {
                memory_kib: 4 * 1024 * 1024,
                passes: 64,
                lanes: 16,
            },
            salt: [0; SALT_LEN],
        };
        let start = Instant::now();
        assert!(matches!(
            KdfParams::decode(&hostile.encode()),
            Err(VaultError::Corrupt(_))
        ));
        assert!(start.elapsed() < Duration::from_millis(100));
        for one_over in [
            Cost {
                memory_kib: CEILING.memory_kib + 1,
                ..Cost::FLOOR
            },
            Cost {
                passes: CEILING.passes + 1,
                ..Cost::FLOOR
            },
            Cost {
                lanes: CEILING.lanes + 1,
                ..Cost::FLOOR
            },
        ] {
            let bytes = KdfParams {
                cost: one_over,
                salt: [0; SALT_LEN],
            }
            .encode();
            assert!(KdfParams::decode(&bytes).is_err(), "{one_over:?}");
        }
        let at_ceiling = KdfParams {
            cost: CEILING,
            salt: [0; SALT_LEN],
        };
        assert!(KdfParams::decode(&at_ceiling.encode()).is_ok());
    }

    #[test]
    fn calibration_never_asks_for_more_than_the_ceiling() {
        let cost = calibrate(|_| Duration::from_millis(1));
        assert!(
            cost.memory_kib <= CEILING.memory_kib && cost.passes <= CEILING.passes,
            "{cost:?}"
        );
    }

    #[test]
    fn the_calibrated_key_is_the_one_its_stored_settings_derive() {
        // Calibration here runs real Argon2id at the start cost (64 MiB) at least once.
        let (params, key) = derive_calibrated(b"copper lantern").unwrap();
        assert_eq!(
            key.expose(),
            params.derive(b"copper lantern").unwrap().expose()
        );
        assert!(KdfParams::decode(&params.encode()).is_ok());
    }

    #[test]
    fn unknown_algorithms_and_lengths_are_refused() {
        let mut bytes = KdfParams::new(START).encode();
        bytes[0] = 2;
        assert!(matches!(
            KdfParams::decode(&bytes),
            Err(VaultError::Corrupt(_))
        ));
        assert!(KdfParams::decode(&bytes[1..]).is_err());
    }

    #[test]
    fn same_passphrase_and_salt_give_the_same_key_and_others_do_not() {
        let p = KdfParams::new(Cost::FLOOR);
        let a = p.derive(b"copper lantern").unwrap();
        assert_eq!(a.expose(), p.derive(b"copper lantern").unwrap().expose());
        assert_ne!(a.expose(), p.derive(b"copper lanterm").unwrap().expose());
        assert_ne!(
            a.expose(),
            KdfParams::new(Cost::FLOOR)
                .derive(b"copper lantern")
                .unwrap()
                .expose()
        );
    }

    #[test]
    fn calibration_raises_cost_on_a_fast_machine() {
        // Pretend each MiB-pass costs 1 µs: 64 MiB × 3 = 0.19 s, too quick.
        let cost =
            calibrate(|c| Duration::from_micros(u64::from(c.memory_kib / 1024 * c.passes) * 1000));
        assert!(cost.memory_kib > START.memory_kib, "{cost:?}");
    }

    #[test]
    fn calibration_lowers_cost_on_a_slow_machine_but_never_below_the_floor() {
        let cost = calibrate(|_| Duration::from_secs(5));
        assert_eq!(
            cost,
            Cost {
                memory_kib: FLOOR_MEMORY_KIB,
                passes: FLOOR_PASSES,
                lanes: 1
            }
        );
    }

    #[test]
    fn calibration_keeps_a_cost_already_in_range() {
        assert_eq!(calibrate(|_| Duration::from_millis(500)), START);
    }
}
