#!/usr/bin/env python3
"""An independent reader for the Tend vault format, versions 1 and 2.

Written from docs/VAULT-FORMAT.md alone (section numbers below are that
document's; nothing here is taken from Tend's own code), and run against the
frozen fixtures in tests/fixtures/: vault-v1/ (format 1), vault-v2/ (format 2),
every-kind-v1/ (format 1, one record of each kind) and space-v2/ (format 2, with a
partner's own space, section 11). For each fixture it opens a copy of the vault with
the passphrase and with the recovery code, checks the rows' guard (format 2),
compares every record with expected.json field by field, and checks, on altered
copies, that the reader refuses what the document says it must. Where expected.json
has `spaces`, it also opens each person's space with its own passphrase, checks the
space's guard and compares its answers, and checks that the owner's key (and the
file's raw bytes) show none of the `canaries`.

Prints one line per check ("ok - <fixture>: name" / "not ok - <fixture>: name:
reason") and then one line for the whole run, "N passed, M failed"; exits 1 if any
check failed. `--vault PATH [--expected PATH]` runs the checks on one file instead
of the fixtures (expected.json defaults to the one beside the vault).

Needs the standard library plus `cryptography` and `argon2-cffi`
(scripts/format-check.sh sets them up).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import re
import shutil
import sqlite3
import struct
import sys
import tempfile
import time
import traceback
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = REPO_ROOT / "tests" / "fixtures"
# §13: "the frozen fixtures in tests/fixtures/: vault-v1/, vault-v2/, every-kind-v1/
# and space-v2/".
FIXTURES = ("vault-v1", "vault-v2", "every-kind-v1", "space-v2", "decomposed-v2")


class FormatError(Exception):
    """The file is not a vault this reader accepts (a refusal, not a bug)."""


class GuardMismatch(FormatError):
    """§7: the rows' guard does not match: the vault was changed outside Tend."""


class WrongRecoveryCode(Exception):
    """§4: the code's public key is not `recovery.public` (format 2)."""


# ---------------------------------------------------------------------------
# The reader
# ---------------------------------------------------------------------------

# §1: PRAGMA user_version is the schema version.
SCHEMA_VERSION = 1
# §1: "sqlite_master holds exactly these three rows (type, name, table and SQL text
# as above)". The SQL is copied from the document as printed; see _sql_text for how
# it is compared with what SQLite stores.
SCHEMA = (
    ("table", "meta", "meta",
     "CREATE TABLE meta    (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;"),
    ("table", "records", "records",
     "CREATE TABLE records (id BLOB PRIMARY KEY, tag BLOB NOT NULL, envelope BLOB NOT NULL) WITHOUT ROWID;"),
    ("index", "records_by_tag", "records",
     "CREATE INDEX records_by_tag ON records (tag);"),
)
# §2 and §12: the header.
MAGIC = b"TEND-VAULT"
FORMAT_1 = 1
FORMAT_2 = 2
# The rows each format has, with their lengths (§2's table; §12 for format 1).
HEADER = {
    FORMAT_1: {
        "magic": 10,
        "format": 2,
        "kdf": 29,
        "key.passphrase": 60,
        "recovery.salt": 16,
        "key.recovery": 60,
        "unlock.failures": 4,
    },
    FORMAT_2: {
        "magic": 10,
        "format": 2,
        "key.id": 1,
        "kdf": 29,
        "key.passphrase": 60,
        "recovery.salt": 16,
        "recovery.public": 32,
        "key.recovery": 92,
        "integrity": 40,
        "unlock.failures": 4,
    },
}
# §2: key.passphrase is "absent while a vault upgraded by its recovery code waits for
# a new passphrase"; §12: in format 1 it "is always present".
OPTIONAL_HEADER = {FORMAT_1: frozenset(), FORMAT_2: frozenset({"key.passphrase"})}
# Every name §2 gives. Any other meta row is ignored ("Tend ignores meta rows it does
# not name here"); a named row that the file's format does not have is refused.
NAMED_HEADER = frozenset(name for rows in HEADER.values() for name in rows)
# §3: the floor and the ceiling a reader should enforce.
KDF_ALG_ARGON2ID = 1
KDF_MIN_MEMORY_KIB = 19456
KDF_MIN_PASSES = 2
KDF_MAX_MEMORY_KIB = 1_048_576
KDF_MAX_PASSES = 16
KDF_MAX_LANES = 4
# §4: sealed keys are nonce (12) || ciphertext || tag (16); the data key is 32 bytes.
NONCE_LEN = 12
GCM_TAG_LEN = 16
KEY_LEN = 32
X25519_LEN = 32
# §4, the recovery code: Crockford's base-32 alphabet, 32 characters = 160 bits.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_CHARS = 32
RECOVERY_BYTES = 20
# §6 and §12: records.
ID_LEN = 16
TAG_LEN = 16
ENVELOPE_MAGIC = b"TR"
RECORD_VERSION = {FORMAT_1: 1, FORMAT_2: 2}
ENVELOPE_HEADER_LEN = 16  # "TR" (2) + version (1) + key id (1) + nonce (12)
LENGTH_PREFIX = 4  # §6: the format-2 plaintext starts with u32be(n)
PAD_CLASSES = (224, 480, 928)  # §6: "Tend pads 4 + n up to 224, 480 or 928 bytes,
PAD_PAGE = 4096  # or else to the next multiple of 4,096"
KIND_RE = re.compile(r"[a-z_]{1,32}")
# §10: the kinds (and so, §7, the only tags a row may have).
KNOWN_KINDS = (
    "settings", "profiles", "custom_cards", "plans", "feedback",
    "sessions", "follow_ups", "timers", "contacts", "spaces", "space_items", "test_note",
)
# §10: kinds whose JSON "id" is the row id in hex.
KINDS_WITH_HEX_ID = ("profiles", "plans", "sessions", "follow_ups", "timers", "contacts")
# §10's table gives spaces and space_items an "id" too (not in the paragraph's list);
# the fixture's is the row id in hex.
KINDS_WITH_HEX_ID_TABLE_ONLY = ("spaces", "space_items")
FEEDBACK_ID_XOR = 0xA5

# How many Argon2id derivations this process has run (so a check can tell that a
# refusal came before any).
ARGON2_RUNS = 0


def u16be(value: int) -> bytes:
    return struct.pack(">H", value)


def _blob(value: object, name: str) -> bytes:
    # §1: meta.value and the records columns are BLOBs.
    if not isinstance(value, bytes):
        raise FormatError(f"{name} is {type(value).__name__}, not a BLOB")
    return value


@dataclass(frozen=True)
class KdfSettings:
    """§3: the 29-byte `kdf` value."""

    algorithm: int
    memory_kib: int
    passes: int
    lanes: int
    salt: bytes

    @classmethod
    def parse(cls, raw: bytes) -> "KdfSettings":
        if len(raw) != 29:
            raise FormatError(f"kdf is {len(raw)} bytes, expected 29")
        algorithm, memory_kib, passes, lanes = struct.unpack(">BIII", raw[:13])
        settings = cls(algorithm, memory_kib, passes, lanes, raw[13:29])
        settings.check_range()
        return settings

    def check_range(self) -> None:
        if self.algorithm != KDF_ALG_ARGON2ID:
            raise FormatError(f"unknown kdf algorithm {self.algorithm}")
        # §3: "Tend refuses settings below 19,456 KiB (19 MiB) of memory or 2 passes,
        # or with 0 lanes ... and settings above 1,048,576 KiB (1 GiB) of memory, 16
        # passes or 4 lanes ... A reader should refuse the same range."
        if self.memory_kib < KDF_MIN_MEMORY_KIB:
            raise FormatError(f"kdf memory {self.memory_kib} KiB is below {KDF_MIN_MEMORY_KIB}")
        if self.passes < KDF_MIN_PASSES:
            raise FormatError(f"kdf passes {self.passes} is below {KDF_MIN_PASSES}")
        if self.lanes == 0:
            raise FormatError("kdf lanes is 0")
        if self.memory_kib > KDF_MAX_MEMORY_KIB:
            raise FormatError(f"kdf memory {self.memory_kib} KiB is above {KDF_MAX_MEMORY_KIB}")
        if self.passes > KDF_MAX_PASSES:
            raise FormatError(f"kdf passes {self.passes} is above {KDF_MAX_PASSES}")
        if self.lanes > KDF_MAX_LANES:
            raise FormatError(f"kdf lanes {self.lanes} is above {KDF_MAX_LANES}")

    def derive_kek(self, passphrase: str, as_typed: bool = False) -> bytes:
        # §3: "Both checks come before any derivation" - checked again here, so no
        # path reaches Argon2id with settings outside the range.
        self.check_range()
        global ARGON2_RUNS
        ARGON2_RUNS += 1
        # §3: Argon2id v0x13 over the passphrase in NFC as UTF-8 (or, for vaults sealed
        # before 2026-11-28, the bytes exactly as typed), no secret, no associated data,
        # 32-byte output.
        text = passphrase if as_typed else unicodedata.normalize("NFC", passphrase)
        return hash_secret_raw(
            secret=text.encode("utf-8"),
            salt=self.salt,
            time_cost=self.passes,
            memory_cost=self.memory_kib,
            parallelism=self.lanes,
            hash_len=KEY_LEN,
            type=Type.ID,
            version=0x13,
        )


def hkdf_sha256(ikm: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=salt, info=info).derive(ikm)


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def aes_gcm_open(key: bytes, nonce: bytes, ciphertext_and_tag: bytes, aad: bytes) -> bytes:
    """AES-256-GCM open; raises cryptography's InvalidTag when authentication fails."""
    return AESGCM(key).decrypt(nonce, ciphertext_and_tag, aad)


def open_sealed(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    # §4: a sealed value is nonce (12) || ciphertext || tag (16).
    if len(sealed) < NONCE_LEN + GCM_TAG_LEN:
        raise FormatError(f"sealed value is only {len(sealed)} bytes")
    return aes_gcm_open(key, sealed[:NONCE_LEN], sealed[NONCE_LEN:], aad)


def passphrase_aad(fmt: int, key_id: int, kdf_raw: bytes) -> bytes:
    # §4: "tend.key.passphrase" || u16be(format) || key id (1 byte) || kdf (29);
    # §12: format 1 has no key id byte.
    key_id_byte = b"" if fmt == FORMAT_1 else bytes([key_id])
    return b"tend.key.passphrase" + u16be(fmt) + key_id_byte + kdf_raw


def recovery_aad(fmt: int, key_id: int, salt: bytes, public: bytes) -> bytes:
    # §4: "tend.key.recovery" || u16be(format) || key id (1 byte) || recovery.salt (16)
    # || recovery.public (32); §12: format 1 is "tend.key.recovery" || u16be(1) ||
    # recovery.salt.
    if fmt == FORMAT_1:
        return b"tend.key.recovery" + u16be(fmt) + salt
    return b"tend.key.recovery" + u16be(fmt) + bytes([key_id]) + salt + public


def parse_recovery_code(code: str) -> bytes:
    """§4 "The recovery code": Crockford base-32, 32 characters -> 20 bytes."""
    text = code.replace("-", "").replace(" ", "").upper()
    text = text.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(text) != RECOVERY_CHARS:
        raise FormatError(f"recovery code has {len(text)} characters, expected {RECOVERY_CHARS}")
    bits = 0
    for ch in text:
        index = CROCKFORD.find(ch)
        if index < 0:
            raise FormatError(f"recovery code has a character outside the alphabet: {ch!r}")
        bits = (bits << 5) | index  # 5 bits each, most significant first
    return bits.to_bytes(RECOVERY_BYTES, "big")


def recovery_private_key(code_bytes: bytes, salt: bytes) -> X25519PrivateKey:
    # §4 step 1: seed = HKDF(code bytes, salt = recovery.salt,
    # info = "tend.recovery.x25519.v2"), used as an X25519 private key (RFC 7748;
    # `cryptography` clamps it when it is used).
    seed = hkdf_sha256(code_bytes, salt, b"tend.recovery.x25519.v2")
    return X25519PrivateKey.from_private_bytes(seed)


def x25519_public(private: X25519PrivateKey) -> bytes:
    return private.public_key().public_bytes_raw()


def x25519_seal_key(private: X25519PrivateKey, ephemeral: bytes, public: bytes, info: bytes) -> bytes:
    """§4 step 2: the AES key of a value sealed to `public`, from the private key and
    the seal's E: HKDF(X25519(private, E), salt = E || public, info). §11 seals each
    space answer "exactly as the recovery route seals the data key", with its own info."""
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    except ValueError as exc:
        # `cryptography` refuses an all-zero result itself (E of low order).
        raise FormatError(f"X25519(private key, E) is all zeros: {exc}") from None
    if shared == bytes(X25519_LEN):
        raise FormatError("X25519(private key, E) is all zeros")
    return hkdf_sha256(shared, ephemeral + public, info)


def recovery_seal_key(private: X25519PrivateKey, ephemeral: bytes, public: bytes) -> bytes:
    """§4 step 2: the AES key of `key.recovery` from the seed and its E."""
    return x25519_seal_key(private, ephemeral, public, b"tend.recovery.seal.v2")


def record_tag(index_key: bytes, kind: str) -> bytes:
    # §6: the first 16 bytes of HMAC-SHA256(IK, kind as ASCII).
    return hmac_sha256(index_key, kind.encode("ascii"))[:TAG_LEN]


def record_aad(version: int, key_id: int, kind: str, record_id: bytes) -> bytes:
    # §6: "tend.record" || version || key id || len(kind) || kind || id (16).
    kind_bytes = kind.encode("ascii")
    return b"tend.record" + bytes([version, key_id, len(kind_bytes)]) + kind_bytes + record_id


def check_kind(kind: str) -> None:
    # §6: a kind is 1-32 characters of a-z and _.
    if not KIND_RE.fullmatch(kind):
        raise FormatError(f"invalid kind {kind!r}")


def unpad(plaintext: bytes) -> bytes:
    """§6: a format-2 plaintext is u32be(n) || json (n bytes) || zeros."""
    if len(plaintext) < LENGTH_PREFIX:
        raise FormatError(f"plaintext is {len(plaintext)} bytes, too short for its length")
    (n,) = struct.unpack(">I", plaintext[:LENGTH_PREFIX])
    if LENGTH_PREFIX + n > len(plaintext):
        raise FormatError(f"plaintext length {n} runs past the end ({len(plaintext) - LENGTH_PREFIX} bytes)")
    padding = plaintext[LENGTH_PREFIX + n:]
    if any(padding):
        raise FormatError("a padding byte is not zero")
    return plaintext[LENGTH_PREFIX:LENGTH_PREFIX + n]


def _refuse_constant(name: str) -> object:
    raise FormatError(f"{name} is not JSON")


def parse_json(data: bytes) -> object:
    # §6: "n bytes of UTF-8 JSON (one value)".
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatError(f"record is not UTF-8 JSON: {exc}") from None


def open_envelope_plaintext(record_key: bytes, kind: str, record_id: bytes, envelope: bytes,
                            version: int, key_id: int) -> bytes:
    """§6: check the envelope's header against the version and key id the file's
    format requires, and open it under RK. Returns the raw plaintext."""
    check_kind(kind)
    if len(record_id) != ID_LEN:
        raise FormatError(f"record id is {len(record_id)} bytes, expected {ID_LEN}")
    if len(envelope) < ENVELOPE_HEADER_LEN + GCM_TAG_LEN:
        raise FormatError(f"envelope is only {len(envelope)} bytes")
    if envelope[:2] != ENVELOPE_MAGIC:
        raise FormatError(f"envelope does not start with 'TR': {envelope[:2]!r}")
    # §6: "In a format-2 file every envelope has version 2 and the header's key id;
    # refuse any other"; §12: format-1 envelopes have version 1 and key id 1.
    if envelope[2] != version:
        raise FormatError(f"envelope version {envelope[2]}, expected {version}")
    if envelope[3] != key_id:
        raise FormatError(f"envelope key id {envelope[3]}, expected {key_id}")
    nonce = envelope[4:ENVELOPE_HEADER_LEN]
    aad = record_aad(envelope[2], envelope[3], kind, record_id)
    return aes_gcm_open(record_key, nonce, envelope[ENVELOPE_HEADER_LEN:], aad)


def open_envelope(record_key: bytes, kind: str, record_id: bytes, envelope: bytes,
                  version: int, key_id: int) -> object:
    """§6 (§12 for version 1): open an envelope and parse its JSON."""
    plaintext = open_envelope_plaintext(record_key, kind, record_id, envelope, version, key_id)
    # §12: a version-1 plaintext is the JSON alone, with no length and no padding.
    return parse_json(unpad(plaintext) if version == 2 else plaintext)


def _sql_text(sql: object) -> object:
    """§1's SQL text, compared up to the amount of whitespace between tokens and a
    final ';' (SQLite stores statements as written but without the ';', and the
    document lines its two CREATE TABLEs up with extra spaces). Only SQL's own
    whitespace characters count."""
    if not isinstance(sql, str):
        return sql
    text = re.sub(r"[ \t\n\f\r]+", " ", sql).strip()
    return text[:-1].rstrip() if text.endswith(";") else text


def check_sqlite_master(db: sqlite3.Connection) -> None:
    """§1: sqlite_master holds exactly the three documented rows."""
    found = sorted(
        (tuple(_sql_text(c) for c in row) for row in
         db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")),
        key=repr,
    )
    want = sorted((tuple(_sql_text(c) for c in row) for row in SCHEMA), key=repr)
    if found != want:
        extra = [row[:2] for row in found if row not in want]
        missing = [row[:2] for row in want if row not in found]
        raise FormatError(f"sqlite_master differs: unexpected {extra}, missing or changed {missing}")


def open_read_only(path: Path) -> sqlite3.Connection:
    """§1: open a copy read-only, with as much of Tend's hardening as Python offers."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        # Connection.setconfig is Python 3.12+; on older Pythons the file is still
        # only read (mode=ro, so no trigger can fire) and no view is queried before
        # sqlite_master has been checked.
        setconfig = getattr(db, "setconfig", None)
        if setconfig is not None:
            for name, on in (("SQLITE_DBCONFIG_ENABLE_TRIGGER", False),
                             ("SQLITE_DBCONFIG_ENABLE_VIEW", False),
                             ("SQLITE_DBCONFIG_TRUSTED_SCHEMA", False),
                             ("SQLITE_DBCONFIG_DEFENSIVE", True)):
                if hasattr(sqlite3, name):
                    setconfig(getattr(sqlite3, name), on)
        db.execute("PRAGMA trusted_schema = OFF")
    except BaseException:
        db.close()
        raise
    return db


class Vault:
    """An open copy of a vault file (§1) with its header checked (§2, §3, §12)."""

    def __init__(self, path: Path):
        self.path = path
        self.db = open_read_only(path)
        try:
            self._check()
        except BaseException:
            self.db.close()
            raise

    def _check(self) -> None:
        # §13 step 1: sqlite_master, user_version, magic, format, field lengths.
        check_sqlite_master(self.db)
        user_version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if user_version != SCHEMA_VERSION:
            raise FormatError(f"schema version {user_version}, expected {SCHEMA_VERSION}")
        self.meta: dict[str, bytes] = {
            name: _blob(value, f"meta {name}")
            for name, value in self.db.execute("SELECT name, value FROM meta")
            if name in NAMED_HEADER  # §2: other meta rows are ignored
        }
        # §2: "A reader must refuse a file without magic = "TEND-VAULT", a format it
        # does not know ..., a key.id of 0, and any field of the wrong length."
        if self.meta.get("magic") != MAGIC:
            raise FormatError(f"bad magic {self.meta.get('magic')!r}")
        fmt = self.meta.get("format")
        if fmt is None or len(fmt) != 2:
            raise FormatError(f"bad format field {fmt!r}")
        self.format: int = struct.unpack(">H", fmt)[0]
        if self.format not in HEADER:
            if self.format > max(HEADER):
                raise FormatError(f"format {self.format} was made by a newer version of Tend")
            raise FormatError(f"unknown format {self.format}")
        lengths = HEADER[self.format]
        for name, value in self.meta.items():
            if name not in lengths:
                # §12: "there is no key.id ..., no recovery.public and no integrity row".
                raise FormatError(f"a format-{self.format} file has a {name!r} row")
            if len(value) != lengths[name]:
                raise FormatError(f"meta {name} is {len(value)} bytes, expected {lengths[name]}")
        for name in lengths:
            if name not in self.meta and name not in OPTIONAL_HEADER[self.format]:
                raise FormatError(f"meta row {name!r} is missing")
        # §8, §12: format 1 has the single key id 1; format 2 stores it, 1-255.
        self.key_id: int = self.meta["key.id"][0] if self.format == FORMAT_2 else 1
        if self.key_id == 0:
            raise FormatError("key.id is 0")
        self.record_version: int = RECORD_VERSION[self.format]
        # §3 / §13 step 2: the floor and the ceiling, before any derivation.
        self.kdf = KdfSettings.parse(self.meta["kdf"])

    def close(self) -> None:
        self.db.close()

    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        # §4 (§12): key.passphrase under the Argon2id KEK.
        sealed = self.meta.get("key.passphrase")
        if sealed is None:
            raise FormatError("no key.passphrase: this vault waits for a new passphrase (§12)")
        aad = passphrase_aad(self.format, self.key_id, self.meta["kdf"])
        try:
            # §3: the NFC form first ...
            return open_sealed(self.kdf.derive_kek(passphrase), sealed, aad)
        except InvalidTag:
            # ... then, if it differs, the bytes exactly as typed.
            if unicodedata.normalize("NFC", passphrase) == passphrase:
                raise
            return open_sealed(self.kdf.derive_kek(passphrase, as_typed=True), sealed, aad)

    def unlock_with_recovery_code(self, code: str) -> bytes:
        code_bytes = parse_recovery_code(code)
        salt = self.meta["recovery.salt"]
        if self.format == FORMAT_1:
            # §12: recovery KEK = HKDF(code bytes, salt = recovery.salt,
            # info = "tend.recovery.kek.v1"); key.recovery is DK sealed under it.
            kek = hkdf_sha256(code_bytes, salt, b"tend.recovery.kek.v1")
            return open_sealed(kek, self.meta["key.recovery"], recovery_aad(FORMAT_1, 1, salt, b""))
        # §4, the recovery route of format 2.
        public = self.meta["recovery.public"]
        private = recovery_private_key(code_bytes, salt)
        if not hmac.compare_digest(x25519_public(private), public):
            raise WrongRecoveryCode("the code's public key is not recovery.public")
        sealed = self.meta["key.recovery"]
        ephemeral, rest = sealed[:X25519_LEN], sealed[X25519_LEN:]
        key = recovery_seal_key(private, ephemeral, public)
        return open_sealed(key, rest, recovery_aad(self.format, self.key_id, salt, public))

    def integrity(self) -> tuple[int, bytes]:
        # §2: integrity = u64be generation || 32-byte tag.
        raw = self.meta["integrity"]
        return struct.unpack(">Q", raw[:8])[0], raw[8:]

    def rows_with_tag(self, tag: bytes) -> list[tuple[bytes, bytes]]:
        rows = self.db.execute("SELECT id, envelope FROM records WHERE tag = ?", (tag,)).fetchall()
        return [(_row_id(i), _blob(e, "records.envelope")) for i, e in rows]

    def all_rows(self) -> list[tuple[bytes, bytes, bytes]]:
        rows = self.db.execute("SELECT id, tag, envelope FROM records").fetchall()
        result = []
        for i, t, e in rows:
            tag = _blob(t, "records.tag")
            if len(tag) != TAG_LEN:
                raise FormatError(f"row {_row_id(i).hex()} has a {len(tag)}-byte tag")
            result.append((_row_id(i), tag, _blob(e, "records.envelope")))
        return result


def _row_id(value: object) -> bytes:
    # §6: "id: 16 bytes".
    record_id = _blob(value, "records.id")
    if len(record_id) != ID_LEN:
        raise FormatError(f"a row id is {len(record_id)} bytes, expected {ID_LEN}")
    return record_id


@dataclass(frozen=True)
class Keys:
    """§5: the subkeys of the data key."""

    record: bytes
    index: bytes
    integrity: bytes

    @classmethod
    def derive(cls, data_key: bytes) -> "Keys":
        if len(data_key) != KEY_LEN:
            raise FormatError(f"data key is {len(data_key)} bytes, expected {KEY_LEN}")
        # §5: "no salt (which RFC 5869 defines as 32 zero bytes ...)". salt=None in
        # `cryptography` is HashLen zero bytes.
        return cls(
            record=hkdf_sha256(data_key, None, b"tend.record.key.v1"),
            index=hkdf_sha256(data_key, None, b"tend.index.key.v1"),
            integrity=hkdf_sha256(data_key, None, b"tend.integrity.key.v2"),
        )


def row_mac(integrity_key: bytes, record_id: bytes, tag: bytes, envelope: bytes) -> bytes:
    # §7: R = HMAC(MK, "tend.row" || id (16) || tag (16) || envelope).
    return hmac_sha256(integrity_key, b"tend.row" + record_id + tag + envelope)


def rows_digest(integrity_key: bytes, rows: list[tuple[bytes, bytes, bytes]]) -> bytes:
    # §7: D = XOR of every row's R (32 zero bytes for no rows).
    digest = 0
    for record_id, tag, envelope in rows:
        digest ^= int.from_bytes(row_mac(integrity_key, record_id, tag, envelope), "big")
    return digest.to_bytes(32, "big")


def guard_tag(integrity_key: bytes, fmt: int, key_id: int, generation: int, digest: bytes) -> bytes:
    # §7: HMAC(MK, "tend.integrity" || u16be(format) || key id || u64be(generation) || D).
    message = b"tend.integrity" + u16be(fmt) + bytes([key_id]) + struct.pack(">Q", generation) + digest
    return hmac_sha256(integrity_key, message)


def check_guard(vault: Vault, keys: Keys) -> int:
    """§7: recompute the guard over every row; returns the generation."""
    generation, stored = vault.integrity()
    digest = rows_digest(keys.integrity, vault.all_rows())
    computed = guard_tag(keys.integrity, vault.format, vault.key_id, generation, digest)
    if not hmac.compare_digest(computed, stored):
        raise GuardMismatch("the rows' guard does not match: the vault was changed outside Tend")
    return generation


def list_kind(vault: Vault, keys: Keys, kind: str) -> dict[str, object]:
    """§6 "To list one kind": tag -> rows -> open each with that kind and its id.

    Returns {id as 32 lowercase hex digits: JSON value}.
    """
    check_kind(kind)
    return {
        record_id.hex(): open_envelope(keys.record, kind, record_id, envelope,
                                       vault.record_version, vault.key_id)
        for record_id, envelope in vault.rows_with_tag(record_tag(keys.index, kind))
    }


@dataclass(frozen=True)
class Reading:
    """What §13 yields: the records by kind, and the rows under no known kind's tag."""

    generation: int | None
    records: dict[str, dict[str, object]]
    unplaced: list[str]


def read_vault(vault: Vault, data_key: bytes) -> Reading:
    """§13 steps 4-5: subkeys, the guard (format 2) before anything is shown, the rows'
    tags, then every kind. Rows under no tag of §10 are listed, not dropped (§7)."""
    keys = Keys.derive(data_key)
    generation = check_guard(vault, keys) if vault.format == FORMAT_2 else None
    known_tags = {record_tag(keys.index, kind) for kind in KNOWN_KINDS}
    unplaced = sorted(record_id.hex() for record_id, tag, _ in vault.all_rows() if tag not in known_tags)
    records: dict[str, dict[str, object]] = {}
    for kind in KNOWN_KINDS:
        found = list_kind(vault, keys, kind)
        if found:
            records[kind] = found
    return Reading(generation, records, unplaced)


# The writer's side, from the same sections; the checks use it to build altered
# copies (they have the keys once a fixture is unlocked).

def seal_envelope(record_key: bytes, version: int, key_id: int, kind: str, record_id: bytes,
                  plaintext: bytes) -> bytes:
    nonce = os.urandom(NONCE_LEN)
    aad = record_aad(version, key_id, kind, record_id)
    return ENVELOPE_MAGIC + bytes([version, key_id]) + nonce + AESGCM(record_key).encrypt(nonce, plaintext, aad)


def padded_size(length: int) -> int:
    # §6: 4 + n goes up to 224, 480 or 928 bytes, or else to the next multiple of 4,096.
    for size in PAD_CLASSES:
        if length <= size:
            return size
    return -(-length // PAD_PAGE) * PAD_PAGE


def encode_plaintext(value: object, version: int) -> bytes:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if version == 1:
        return data
    body = struct.pack(">I", len(data)) + data
    return body + bytes(padded_size(len(body)) - len(body))


# ---------------------------------------------------------------------------
# §11: people's own spaces
# ---------------------------------------------------------------------------

SPACE_ID_XOR = 0x5A  # §10: a space's row id = its person's profile id XOR 0x5A
SPACE_KDF_LEN = 29  # §11: lock.kdf "(29 bytes, hex)"
SPACE_SEALED_LEN = 60  # §11: lock.sealed "nonce || ciphertext || tag, 60 bytes"
SPACE_ITEM_MIN_LEN = X25519_LEN + NONCE_LEN + GCM_TAG_LEN  # E || nonce || ciphertext || tag
SPACE_ANSWERS = {  # §11: "The JSON is one answer", by its "what": the fields it has
    "check_in": ("session", "entry"),
    "reflection": ("session", "reflection"),
    "follow_up": ("followUp", "session", "answer"),
}
HELD_MARKERS = ("space", "memory", "removed")  # §10: the values of "held"


class SpaceGuardMismatch(FormatError):
    """§11: the space's guard does not hold: answers were "taken out or changed since
    you last opened your space"."""


def _hex_bytes(value: object, name: str, length: int | None = None) -> bytes:
    """A JSON field that holds bytes as hex (§11's `lock.*`, `sealed`, `guard.tag`)."""
    if not isinstance(value, str) or not re.fullmatch(r"(?:[0-9a-fA-F]{2})*", value):
        raise FormatError(f"{name} is not hex: {value!r}")
    raw = bytes.fromhex(value)
    if length is not None and len(raw) != length:
        raise FormatError(f"{name} is {len(raw)} bytes, expected {length}")
    return raw


def _row_id_hex(value: object, name: str) -> bytes:
    # §10: ids in the JSON are 32 lower-case hex digits.
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{32}", value):
        raise FormatError(f"{name} is not 32 lower-case hex digits: {value!r}")
    return bytes.fromhex(value)


def space_key_aad(person: bytes, public: bytes, kdf_raw: bytes) -> bytes:
    # §11: "tend.space.key" || person id (16) || lock.public (32) || lock.kdf (29).
    return b"tend.space.key" + person + public + kdf_raw


def space_item_aad(person: bytes, item_id: bytes) -> bytes:
    # §11: "tend.space.item" || person id (16) || the item's row id (16).
    return b"tend.space.item" + person + item_id


@dataclass(frozen=True)
class SpaceLock:
    """§11 "Keys": a `spaces` record's person and `lock`, decoded and range-checked."""

    person: bytes
    kdf_raw: bytes
    kdf: KdfSettings
    public: bytes
    sealed: bytes

    @classmethod
    def parse(cls, space: object) -> "SpaceLock":
        if not isinstance(space, dict) or not isinstance(space.get("lock"), dict):
            raise FormatError("a spaces record without a lock")
        lock = space["lock"]
        person = _row_id_hex(space.get("person"), "spaces.person")
        kdf_raw = _hex_bytes(lock.get("kdf"), "lock.kdf", SPACE_KDF_LEN)
        # §11: "exactly as in section 3 (same floor and ceiling)"; §3: "Both checks
        # come before any derivation".
        kdf = KdfSettings.parse(kdf_raw)
        public = _hex_bytes(lock.get("public"), "lock.public", X25519_LEN)
        sealed = _hex_bytes(lock.get("sealed"), "lock.sealed", SPACE_SEALED_LEN)
        return cls(person, kdf_raw, kdf, public, sealed)


@dataclass(frozen=True)
class SpaceKeys:
    """§11: S opened with the space passphrase, and what comes from it."""

    lock: SpaceLock
    secret: bytes
    private: X25519PrivateKey
    guard: bytes


def space_keys_from_secret(lock: SpaceLock, secret: bytes) -> SpaceKeys:
    if len(secret) != KEY_LEN:
        raise FormatError(f"space secret is {len(secret)} bytes, expected {KEY_LEN}")
    # §11: "with HKDF as in section 5 (no salt)": X = HKDF(S, "tend.space.x25519.v1"),
    # G = HKDF(S, "tend.space.guard.v1").
    private = X25519PrivateKey.from_private_bytes(hkdf_sha256(secret, None, b"tend.space.x25519.v1"))
    # §11: "After opening S, check that X's public key equals lock.public."
    if not hmac.compare_digest(x25519_public(private), lock.public):
        raise FormatError("the space key's public half is not lock.public")
    return SpaceKeys(lock, secret, private, hkdf_sha256(secret, None, b"tend.space.guard.v1"))


def open_space_keys(space: object, passphrase: str) -> SpaceKeys:
    """§11 "Keys": KEK_s = Argon2id(space passphrase, lock.kdf); S = lock.sealed
    opened under KEK_s; X and G from S; X's public key must be lock.public. A wrong
    passphrase fails authentication (InvalidTag)."""
    lock = SpaceLock.parse(space)  # the kdf's range, before any derivation
    kek = lock.kdf.derive_kek(passphrase)
    secret = open_sealed(kek, lock.sealed, space_key_aad(lock.person, lock.public, lock.kdf_raw))
    return space_keys_from_secret(lock, secret)


def open_space_item_plaintext(keys: SpaceKeys, person: bytes, item_id: bytes, sealed: bytes) -> bytes:
    """§11 "Answers": sealed = E (32) || nonce (12) || ciphertext || tag (16), opened
    as §4 opens key.recovery (X for the seed, lock.public for recovery.public), with
    info "tend.space.seal.v1" and the item's own AAD. Returns the padded plaintext."""
    if len(sealed) < SPACE_ITEM_MIN_LEN:
        raise FormatError(f"sealed answer is only {len(sealed)} bytes")
    ephemeral, rest = sealed[:X25519_LEN], sealed[X25519_LEN:]
    key = x25519_seal_key(keys.private, ephemeral, keys.lock.public, b"tend.space.seal.v1")
    return open_sealed(key, rest, space_item_aad(person, item_id))


def open_space_item(keys: SpaceKeys, person: bytes, item_id: bytes, sealed: bytes) -> object:
    # §11: "the plaintext is padded as in section 6 (u32be(n) || JSON || zeros)".
    return parse_json(unpad(open_space_item_plaintext(keys, person, item_id, sealed)))


def space_guard_tag(guard_key: bytes, person: bytes, seen: list[tuple[bytes, str]]) -> bytes:
    # §11: HMAC(G, "tend.space.guard" || person id (16) || for each seen item, in
    # order: id (16) || the 64 ASCII hex digits of its SHA-256).
    message = b"tend.space.guard" + person
    for item_id, digest_hex in seen:
        message += item_id + digest_hex.encode("ascii")
    return hmac_sha256(guard_key, message)


def sealed_digest(sealed: bytes) -> str:
    # §11: "the SHA-256 of its sealed bytes (lower-case hex)".
    return hashlib.sha256(sealed).hexdigest()


def parse_space_guard(space: dict) -> tuple[list[tuple[bytes, str]], bytes]:
    guard = space.get("guard")
    if not isinstance(guard, dict) or not isinstance(guard.get("seen"), list):
        raise SpaceGuardMismatch("the space has no guard")
    seen = []
    for pair in guard["seen"]:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)
                and re.fullmatch(r"[0-9a-f]{64}", pair[1])):
            raise SpaceGuardMismatch(f"guard.seen has a malformed entry {pair!r}")
        seen.append((_row_id_hex(pair[0], "a guard.seen id"), pair[1]))
    try:
        tag = _hex_bytes(guard.get("tag"), "guard.tag", 32)
    except FormatError as exc:
        # §11: "a guard not made with G" is reported like any other change.
        raise SpaceGuardMismatch(str(exc)) from None
    return seen, tag


@dataclass(frozen=True)
class SpaceReading:
    """What a person's space shows them: its answers by item id (hex)."""

    person: str
    answers: dict[str, object]
    unseen: list[str]  # items written since the last opening (not in the guard yet)


def space_items_of(records: dict[str, dict[str, object]], person: str) -> dict[str, bytes]:
    """§13 step 6: "each of their space_items": {item id hex: sealed bytes}."""
    items = {}
    for record_id, item in records.get("space_items", {}).items():
        if item.get("person") == person:
            items[record_id] = _hex_bytes(item.get("sealed"), f"space item {record_id} sealed")
    return items


def open_space(records: dict[str, dict[str, object]], person: str, passphrase: str) -> SpaceReading:
    """§13 step 6 / §11: open S with the space passphrase, check lock.public and the
    guard, then open each of the person's space_items. Anything the guard does not
    hold (an item removed or replaced, a tag not made with G, an item that does not
    open) raises SpaceGuardMismatch."""
    person_id = _row_id_hex(person, "person")
    space_row = bytes(b ^ SPACE_ID_XOR for b in person_id).hex()
    space = records.get("spaces", {}).get(space_row)
    if not isinstance(space, dict) or space.get("person") != person:
        raise FormatError(f"no space for person {person}")
    keys = open_space_keys(space, passphrase)
    items = space_items_of(records, person)
    seen, stored_tag = parse_space_guard(space)
    if not hmac.compare_digest(space_guard_tag(keys.guard, person_id, seen), stored_tag):
        raise SpaceGuardMismatch("the space's guard tag was not made with G")
    for item_id, digest_hex in seen:
        if item_id.hex() not in items:
            raise SpaceGuardMismatch(f"seen item {item_id.hex()} was taken out")
        if not hmac.compare_digest(sealed_digest(items[item_id.hex()]), digest_hex):
            raise SpaceGuardMismatch(f"seen item {item_id.hex()} was changed")
    answers = {}
    for item_id, sealed in items.items():
        try:
            answers[item_id] = open_space_item(keys, person_id, bytes.fromhex(item_id), sealed)
        except (InvalidTag, FormatError) as exc:
            raise SpaceGuardMismatch(f"item {item_id} does not open: {exc or type(exc).__name__}") from None
    seen_ids = {item_id.hex() for item_id, _ in seen}
    return SpaceReading(person, answers, sorted(set(items) - seen_ids))


def seal_space_item(public: bytes, person: bytes, item_id: bytes, plaintext: bytes) -> bytes:
    """The writer's side of §11 "Answers" (as §4's sender): E = X25519(e, 9) for a
    random e, the AES key from X25519(e, lock.public). Needs no passphrase."""
    ephemeral = X25519PrivateKey.generate()
    e_public = x25519_public(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    key = hkdf_sha256(shared, e_public + public, b"tend.space.seal.v1")
    nonce = os.urandom(NONCE_LEN)
    return e_public + nonce + AESGCM(key).encrypt(nonce, plaintext, space_item_aad(person, item_id))


# ---------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------


class Missing(Exception):
    """A check needs something an earlier check failed to produce."""


class Context:
    def __init__(self, label: str, vault_path: Path, expected_path: Path, workdir: Path):
        self.label = label
        self.source = vault_path
        self.workdir = workdir
        self.expected = json.loads(expected_path.read_text(encoding="utf-8"))
        # Note any -wal/-shm already beside the source, so a check can tell that this
        # run created none there.
        self.sides_before = {p for p in self.side_files(vault_path) if p.exists()}
        self.source_digest = hashlib.sha256(vault_path.read_bytes()).hexdigest()
        self.vault_copy = self.copy_vault("main")
        self.values: dict[str, object] = {}

    @staticmethod
    def side_files(path: Path) -> list[Path]:
        # §1: WAL mode keeps tend.vault-wal and tend.vault-shm beside the file.
        return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]

    def copy_vault(self, name: str) -> Path:
        """A private copy of the vault (with any -wal/-shm beside it, §1), so that
        opening it never touches the committed fixture."""
        folder = self.workdir / name
        folder.mkdir()
        target = folder / "tend.vault"
        shutil.copyfile(self.source, target)
        for side, copy in zip(self.side_files(self.source), self.side_files(target)):
            if side.exists():
                shutil.copyfile(side, copy)
        return target

    def need(self, name: str):
        if name not in self.values:
            raise Missing(f"needs {name!r}, which an earlier check did not produce")
        return self.values[name]

    def expected_by_kind(self) -> dict[str, dict[str, object]]:
        by_kind: dict[str, dict[str, object]] = {}
        for record in self.expected["records"]:
            by_kind.setdefault(record["kind"], {})[record["id"].lower()] = record["value"]
        return by_kind

    def kind_with_two_rows(self) -> str:
        for kind, records in self.expected_by_kind().items():
            if len(records) >= 2:
                return kind
        raise Missing("expected.json has no kind with two records")


def expect_refused(what: str, action: Callable[[], object], *errors: type[BaseException]) -> BaseException:
    try:
        action()
    except errors as exc:
        return exc
    raise AssertionError(f"{what} was accepted")


@contextmanager
def opened(path: Path) -> Iterator[Vault]:
    vault = Vault(path)
    try:
        yield vault
    finally:
        vault.close()


def first_difference(got: object, want: object, path: str = "$") -> str | None:
    """Compare two JSON values field by field; describe the first difference."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"{path} is {type(got).__name__}, expected an object"
        for key in sorted(set(want) | set(got)):
            if key not in got:
                return f"{path}.{key} is missing"
            if key not in want:
                return f"{path}.{key} is not expected"
            found = first_difference(got[key], want[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(want, list):
        if not isinstance(got, list):
            return f"{path} is {type(got).__name__}, expected an array"
        if len(got) != len(want):
            return f"{path} has {len(got)} items, expected {len(want)}"
        for index, (g, w) in enumerate(zip(got, want)):
            found = first_difference(g, w, f"{path}[{index}]")
            if found:
                return found
        return None
    if type(got) is not type(want) or got != want:
        return f"{path} is {got!r}, expected {want!r}"
    return None


def assert_records_match(ctx: Context, records: dict[str, dict[str, object]], route: str) -> None:
    want = ctx.expected_by_kind()
    assert set(records) == set(want), f"{route}: kinds {sorted(records)}, expected {sorted(want)}"
    for kind, values in want.items():
        got = records[kind]
        assert set(got) == set(values), f"{route}: {kind} ids {sorted(got)}, expected {sorted(values)}"
        for record_id, value in values.items():
            diff = first_difference(got[record_id], value)
            assert diff is None, f"{route}: {kind} {record_id}: {diff}"


def _edit_copy(ctx: Context, name: str, edit: Callable[[sqlite3.Connection], None],
               reguard: bool = False) -> Path:
    """A copy of the vault changed by `edit`; with `reguard`, the guard is then
    rewritten with the vault's MK at the next generation, as Tend would (§7), so
    the change is caught (or not) by the rule under test, not by the guard."""
    path = ctx.copy_vault(name)
    db = sqlite3.connect(path)
    try:
        edit(db)
        if reguard:
            _write_guard(ctx, db)
        db.commit()
    finally:
        db.close()
    return path


def _write_guard(ctx: Context, db: sqlite3.Connection) -> None:
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    (raw,) = db.execute("SELECT value FROM meta WHERE name = 'integrity'").fetchone()
    generation = struct.unpack(">Q", raw[:8])[0] + 1
    rows = db.execute("SELECT id, tag, envelope FROM records").fetchall()
    tag = guard_tag(keys.integrity, vault.format, vault.key_id, generation, rows_digest(keys.integrity, rows))
    db.execute("UPDATE meta SET value = ? WHERE name = 'integrity'", (struct.pack(">Q", generation) + tag,))


def _set_meta(db: sqlite3.Connection, name: str, value: bytes | None) -> None:
    if value is None:
        db.execute("DELETE FROM meta WHERE name = ?", (name,))
    else:
        db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (name, value))


def _vault_with_meta(ctx: Context, name: str, meta_name: str, value: bytes | None) -> Path:
    return _edit_copy(ctx, name, lambda db: _set_meta(db, meta_name, value))


def _flip_last_bit(raw: bytes) -> bytes:
    return raw[:-1] + bytes([raw[-1] ^ 1])


def _read_copy(ctx: Context, path: Path) -> Reading:
    with opened(path) as vault:
        return read_vault(vault, ctx.need("data_key"))


def _two_rows(ctx: Context) -> tuple[str, tuple[bytes, bytes], tuple[bytes, bytes]]:
    """Two rows of one kind: (kind, (id, envelope), (id, envelope))."""
    kind = ctx.kind_with_two_rows()
    keys: Keys = ctx.need("keys")
    rows = ctx.need("vault").rows_with_tag(record_tag(keys.index, kind))
    return kind, rows[0], rows[1]


# -- §1-§3: the file and its header -----------------------------------------


def check_open_header(ctx: Context) -> None:
    """§1-§3: sqlite_master, schema version, magic, format, header lengths, kdf."""
    vault = Vault(ctx.vault_copy)
    ctx.values["vault"] = vault
    assert vault.format in HEADER


def check_schema(ctx: Context) -> None:
    """§1: sqlite_master is exactly the documented rows, with the documented columns."""
    vault: Vault = ctx.need("vault")
    check_sqlite_master(vault.db)
    for table, columns in (("meta", ["name", "value"]), ("records", ["id", "tag", "envelope"])):
        found = [row[1] for row in vault.db.execute(f"PRAGMA table_info({table})")]
        assert found == columns, f"{table} columns are {found}, expected {columns}"


def check_header_rows(ctx: Context) -> None:
    """§2 / §12: the header has exactly the rows its format names."""
    vault: Vault = ctx.need("vault")
    want = set(HEADER[vault.format])
    assert set(vault.meta) == want, f"meta rows {sorted(vault.meta)}, expected {sorted(want)}"
    if vault.format == FORMAT_2:
        assert 1 <= vault.key_id <= 255, f"key.id {vault.key_id}"
        generation, _ = vault.integrity()
        assert generation >= 1, f"generation {generation}"  # §7: "1 when a vault is made"


def check_kdf_decoded(ctx: Context) -> None:
    """§3: the fields decode to settings between the floor and the ceiling."""
    kdf: KdfSettings = ctx.need("vault").kdf
    assert KDF_MIN_MEMORY_KIB <= kdf.memory_kib <= KDF_MAX_MEMORY_KIB, f"memory {kdf.memory_kib}"
    assert KDF_MIN_PASSES <= kdf.passes <= KDF_MAX_PASSES, f"passes {kdf.passes}"
    assert 1 <= kdf.lanes <= KDF_MAX_LANES, f"lanes {kdf.lanes}"
    assert len(kdf.salt) == 16


# -- §4-§7: unlocking and reading -------------------------------------------


def check_unlock_passphrase(ctx: Context) -> None:
    """§3-§4: Argon2id KEK opens key.passphrase to a 32-byte data key."""
    vault: Vault = ctx.need("vault")
    data_key = vault.unlock_with_passphrase(ctx.expected["passphrase"])
    assert len(data_key) == KEY_LEN, f"data key is {len(data_key)} bytes"
    ctx.values["data_key"] = data_key
    ctx.values["keys"] = Keys.derive(data_key)


def check_guard_verifies(ctx: Context) -> None:
    """§7: the guard computed over every row matches the stored tag."""
    generation = check_guard(ctx.need("vault"), ctx.need("keys"))
    ctx.values["generation"] = generation


def check_read_all(ctx: Context) -> None:
    """§13: every row's tag is a kind of §10 (none unplaced), and every kind opens."""
    vault: Vault = ctx.need("vault")
    reading = read_vault(vault, ctx.need("data_key"))
    assert not reading.unplaced, f"rows under no known kind's tag: {reading.unplaced}"
    rows = vault.all_rows()
    assert len(rows) == len(ctx.expected["records"]), \
        f"{len(rows)} rows in the file, {len(ctx.expected['records'])} in expected.json"
    ctx.values["reading"] = reading


def make_kind_check(kind: str) -> Callable[[Context], None]:
    def check(ctx: Context) -> None:
        """§6: the rows with the kind's tag open to exactly the expected values."""
        reading: Reading = ctx.need("reading")
        want = ctx.expected_by_kind()[kind]
        got = reading.records.get(kind, {})
        assert set(got) == set(want), f"ids {sorted(got)}, expected {sorted(want)}"
        for record_id, value in want.items():
            diff = first_difference(got[record_id], value)
            assert diff is None, f"{record_id}: {diff}"

    check.__name__ = f"records of kind {kind} match expected.json field by field"
    return check


def check_settings_id(ctx: Context) -> None:
    """§10: settings is one row with an id of 16 zero bytes."""
    settings = ctx.need("reading").records.get("settings", {})
    assert list(settings) == ["00" * ID_LEN], f"settings ids: {list(settings)}"


def check_no_settings_row(ctx: Context) -> None:
    """§10: "a vault with no settings row has every default": none is stored, and
    no row sits under the all-zero id."""
    records = ctx.need("reading").records
    assert "settings" not in records, f"settings ids: {list(records['settings'])}"
    assert all("00" * ID_LEN not in rows for rows in records.values()), "a row under the all-zero id"


def check_json_ids(ctx: Context) -> None:
    """§10 "Ids in the JSON and the row", and the ids records name."""
    records: dict[str, dict[str, object]] = ctx.need("reading").records

    def ids(kind: str) -> set[str]:
        return set(records.get(kind, {}))

    for kind, rows in records.items():
        for record_id, value in rows.items():
            where = f"{kind} {record_id}"
            if kind in KINDS_WITH_HEX_ID:
                assert value.get("id") == record_id, f"{where}: JSON id {value.get('id')!r}"
            elif kind == "custom_cards":
                assert value.get("id") == "custom-" + record_id, f"{where}: JSON id {value.get('id')!r}"
            elif kind == "settings":
                assert "id" not in value and record_id == "00" * ID_LEN, f"{where}: not the settings row"
            elif kind == "feedback":
                person = bytes(b ^ FEEDBACK_ID_XOR for b in bytes.fromhex(record_id)).hex()
                assert "id" not in value, f"{where}: has an id"
                assert person in ids("profiles"), f"{where}: id XOR 0xA5 = {person}, not a profile"
            if kind in KINDS_WITH_HEX_ID_TABLE_ONLY:
                assert value.get("id") == record_id, f"{where}: JSON id {value.get('id')!r}"
                assert value.get("person") in ids("profiles"), f"{where}: person {value.get('person')!r}"
            if kind == "spaces":
                # §10: "id = the person's profile id with every byte XOR 0x5A".
                person = bytes(b ^ SPACE_ID_XOR for b in bytes.fromhex(record_id)).hex()
                assert value.get("person") == person, f"{where}: id XOR 0x5A = {person}, not its person"
            if kind == "space_items":
                # §10: "one answer sealed to a space": its person has one.
                space_row = bytes(b ^ SPACE_ID_XOR for b in bytes.fromhex(value["person"])).hex()
                assert space_row in ids("spaces"), f"{where}: its person has no space"
    # "Other ids inside records (a session's people[].person, a plan's people) are
    # row ids of the kind they name, in hex."
    profiles, sessions, plans = ids("profiles"), ids("sessions"), ids("plans")
    for record_id, plan in records.get("plans", {}).items():
        for person in plan["people"]:
            assert person in profiles, f"plan {record_id} names {person}, not a profile"
    for record_id, session in records.get("sessions", {}).items():
        for person in [p["person"] for p in session["people"]] + \
                [c["person"] for c in session.get("checkIns", [])] + \
                [r["person"] for r in session.get("reflections", [])]:
            assert person in profiles, f"session {record_id} names {person}, not a profile"
        assert session.get("plan") in plans | {None}, f"session {record_id} names plan {session.get('plan')}"
    for kind in ("follow_ups", "timers"):
        for record_id, value in records.get(kind, {}).items():
            assert value.get("session") in sessions | {None}, \
                f"{kind} {record_id} names session {value.get('session')}"


def check_recovery_code_parse(ctx: Context) -> None:
    """§4: the code reads to 20 bytes, forgivingly (case, spaces, O/I/L)."""
    code = ctx.expected["recovery_code"]
    code_bytes = parse_recovery_code(code)
    assert len(code_bytes) == RECOVERY_BYTES
    sloppy = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert parse_recovery_code(sloppy) == code_bytes, "sloppy spelling reads differently"
    # Eight groups of four, joined by '-'.
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){7}", code), "code is not 8 groups of 4"


def check_unlock_recovery(ctx: Context) -> None:
    """§4 (§12): the recovery route opens key.recovery to the same data key, and
    every record reads through it, field by field."""
    vault: Vault = ctx.need("vault")
    data_key = vault.unlock_with_recovery_code(ctx.expected["recovery_code"])
    assert data_key == ctx.need("data_key"), "recovery code gives a different data key"
    reading = read_vault(vault, data_key)
    assert not reading.unplaced, f"rows under no known kind's tag: {reading.unplaced}"
    assert_records_match(ctx, reading.records, "via the recovery code")


def check_wrong_passphrase(ctx: Context) -> None:
    vault: Vault = ctx.need("vault")
    wrong = ctx.expected["passphrase"] + " "
    expect_refused("a wrong passphrase", lambda: vault.unlock_with_passphrase(wrong), InvalidTag)
    # §3: no normalisation, so a differently-cased passphrase is wrong as well.
    upper = ctx.expected["passphrase"].upper()
    expect_refused("an upper-cased passphrase", lambda: vault.unlock_with_passphrase(upper), InvalidTag)


def check_wrong_recovery_code(ctx: Context) -> None:
    """§4: format 2 refuses a wrong code by comparing its public key with
    recovery.public, before any decryption; format 1 by authentication (§12)."""
    vault: Vault = ctx.need("vault")
    code = ctx.expected["recovery_code"]
    last = code[-1]
    for wrong in (("Z" if code[0] != "Z" else "Y") + code[1:],
                  code[:-1] + CROCKFORD[CROCKFORD.index(last) ^ 1]):  # one bit differs
        if vault.format == FORMAT_2:
            salt = vault.meta["recovery.salt"]
            public = x25519_public(recovery_private_key(parse_recovery_code(wrong), salt))
            assert public != vault.meta["recovery.public"], "a wrong code has the right public key"
            expect_refused(f"recovery code {wrong}", lambda: vault.unlock_with_recovery_code(wrong),
                           WrongRecoveryCode)
        else:
            expect_refused(f"recovery code {wrong}", lambda: vault.unlock_with_recovery_code(wrong), InvalidTag)
    expect_refused("a short recovery code", lambda: parse_recovery_code(code[:-1]), FormatError)
    expect_refused("a long recovery code", lambda: parse_recovery_code(code + "0"), FormatError)
    expect_refused("a code with U in it", lambda: parse_recovery_code("U" + code[1:]), FormatError)


def check_sealed_keys_bound(ctx: Context) -> None:
    """§4 / §12: each sealed key opens only with its own AAD: format, key id (format
    2), kdf for the passphrase route, recovery.salt/public for the recovery route."""
    vault: Vault = ctx.need("vault")
    fmt, key_id, kdf = vault.format, vault.key_id, vault.meta["kdf"]
    salt = vault.meta["recovery.salt"]
    public = vault.meta.get("recovery.public", b"")
    other_fmt = FORMAT_1 if fmt == FORMAT_2 else FORMAT_2

    sealed = vault.meta["key.passphrase"]
    passphrase = ctx.expected["passphrase"]
    # §3: sealed under the NFC form, or (before 2026-11-28) under the bytes as typed.
    as_typed = unicodedata.normalize("NFC", passphrase) != passphrase
    kek = vault.kdf.derive_kek(passphrase, as_typed=as_typed)
    assert open_sealed(kek, sealed, passphrase_aad(fmt, key_id, kdf)) == ctx.need("data_key")
    if as_typed:
        expect_refused("the NFC form, before the vault is sealed again under it",
                       lambda: open_sealed(vault.kdf.derive_kek(passphrase), sealed,
                                           passphrase_aad(fmt, key_id, kdf)), InvalidTag)
    cases = {
        f"format {other_fmt}": passphrase_aad(other_fmt, key_id, kdf),
        "key id + 1": b"tend.key.passphrase" + u16be(fmt) + bytes([key_id + 1]) + kdf,
        "a changed kdf salt": passphrase_aad(fmt, key_id, _flip_last_bit(kdf)),
        "the recovery label": passphrase_aad(fmt, key_id, kdf).replace(b"passphrase", b"recovery"),
    }
    if fmt == FORMAT_2:
        cases["no key id byte (format 1's layout)"] = b"tend.key.passphrase" + u16be(fmt) + kdf
    for label, aad in cases.items():
        expect_refused(f"key.passphrase with AAD of {label}",
                       lambda aad=aad: open_sealed(kek, sealed, aad), InvalidTag)

    code_bytes = parse_recovery_code(ctx.expected["recovery_code"])
    if fmt == FORMAT_1:
        key = hkdf_sha256(code_bytes, salt, b"tend.recovery.kek.v1")
        sealed = vault.meta["key.recovery"]
    else:
        private = recovery_private_key(code_bytes, salt)
        key = recovery_seal_key(private, vault.meta["key.recovery"][:X25519_LEN], public)
        sealed = vault.meta["key.recovery"][X25519_LEN:]
    assert open_sealed(key, sealed, recovery_aad(fmt, key_id, salt, public)) == ctx.need("data_key")
    cases = {
        f"format {other_fmt}": recovery_aad(other_fmt, key_id, salt, public or bytes(32)),
        "a changed recovery.salt": recovery_aad(fmt, key_id, _flip_last_bit(salt), public),
    }
    if fmt == FORMAT_2:
        cases["key id + 1"] = recovery_aad(fmt, key_id + 1, salt, public)
        cases["a changed recovery.public"] = recovery_aad(fmt, key_id, salt, _flip_last_bit(public))
        cases["format 1's layout"] = b"tend.key.recovery" + u16be(fmt) + salt
    for label, aad in cases.items():
        expect_refused(f"key.recovery with AAD of {label}",
                       lambda aad=aad: open_sealed(key, sealed, aad), InvalidTag)


def check_fields_per_route(ctx: Context) -> None:
    """§2 "What is authenticated, and by which route": a changed field makes the
    routes that bind it fail, and leaves the others working."""
    vault: Vault = ctx.need("vault")
    data_key = ctx.need("data_key")
    # field -> (passphrase route opens?, recovery route opens?)
    cases = {
        "kdf": (False, True),
        "recovery.salt": (True, False),
        "unlock.failures": (True, True),
    }
    if vault.format == FORMAT_2:
        cases.update({
            "key.id": (False, False),
            "recovery.public": (True, False),
            "integrity": (True, True),  # the routes open; the guard then fails
        })
    for field, (passphrase_opens, recovery_opens) in cases.items():
        value = vault.meta[field]
        if field == "key.id":
            value = bytes([value[0] % 255 + 1])
        elif field == "unlock.failures":
            value = struct.pack(">I", 7)
        else:
            value = _flip_last_bit(value)
        path = _vault_with_meta(ctx, f"route-{field}", field, value)
        with opened(path) as altered:
            routes = (
                ("passphrase", passphrase_opens,
                 lambda: altered.unlock_with_passphrase(ctx.expected["passphrase"])),
                ("recovery code", recovery_opens,
                 lambda: altered.unlock_with_recovery_code(ctx.expected["recovery_code"])),
            )
            for route, opens, unlock in routes:
                if opens:
                    assert unlock() == data_key, f"changed {field}: the {route} route gives another key"
                else:
                    expect_refused(f"the {route} route with a changed {field}", unlock,
                                   InvalidTag, WrongRecoveryCode)
            if field == "integrity":
                expect_refused("a changed integrity row", lambda: read_vault(altered, data_key), GuardMismatch)


# -- §6: envelopes ------------------------------------------------------------


def check_envelope_wrong_id(ctx: Context) -> None:
    """§6: an envelope opened with another row's id fails authentication."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    kind = ctx.kind_with_two_rows()
    rows = vault.rows_with_tag(record_tag(keys.index, kind))
    for (id_a, envelope_a), (id_b, _) in zip(rows, rows[1:] + rows[:1]):
        expect_refused(f"envelope of {id_a.hex()} with id {id_b.hex()}",
                       lambda: open_envelope(keys.record, kind, id_b, envelope_a,
                                             vault.record_version, vault.key_id), InvalidTag)


def check_envelope_moved_row(ctx: Context) -> None:
    """§6: an envelope copied to another row fails when the kind is listed (in
    format 2 with the guard rewritten, so that it is the envelope that refuses)."""
    keys: Keys = ctx.need("keys")
    kind, (id_a, env_a), (id_b, env_b) = _two_rows(ctx)

    def swap(db: sqlite3.Connection) -> None:
        db.execute("UPDATE records SET envelope = ? WHERE id = ?", (env_b, id_a))
        db.execute("UPDATE records SET envelope = ? WHERE id = ?", (env_a, id_b))

    path = _edit_copy(ctx, "moved", swap, reguard=ctx.need("vault").format == FORMAT_2)
    with opened(path) as vault:
        if vault.format == FORMAT_2:
            check_guard(vault, keys)  # the rewritten guard holds
        expect_refused("listing with swapped envelopes", lambda: list_kind(vault, keys, kind), InvalidTag)


def check_envelope_wrong_kind(ctx: Context) -> None:
    """§6: an envelope read as another kind fails authentication."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    kinds = list(ctx.expected_by_kind())
    for kind in kinds:
        others = [k for k in kinds if k != kind] + ["test_notes", "other"]
        for record_id, envelope in vault.rows_with_tag(record_tag(keys.index, kind)):
            for other in others:
                expect_refused(f"{kind} row {record_id.hex()} read as {other}",
                               lambda: open_envelope(keys.record, other, record_id, envelope,
                                                     vault.record_version, vault.key_id), InvalidTag)


def check_envelope_flipped_bytes(ctx: Context) -> None:
    """§6: flipping any single bit in any byte of any envelope is refused."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    for kind in ctx.expected_by_kind():
        for record_id, envelope in vault.rows_with_tag(record_tag(keys.index, kind)):
            for pos in range(len(envelope)):
                flipped = envelope[:pos] + bytes([envelope[pos] ^ 0x01]) + envelope[pos + 1:]
                # Header bytes are refused as malformed; nonce, ciphertext and GCM
                # tag bytes by authentication.
                expect_refused(f"{kind} {record_id.hex()} with byte {pos} flipped",
                               lambda: open_envelope(keys.record, kind, record_id, flipped,
                                                     vault.record_version, vault.key_id),
                               InvalidTag, FormatError)


def check_flipped_record_in_file(ctx: Context) -> None:
    """§6: a record altered in the file makes reading it fail (in format 2 the guard
    refuses first; with the guard rewritten, the envelope still refuses)."""
    source: Vault = ctx.need("vault")
    record_id, _, envelope = source.all_rows()[0]
    middle = len(envelope) // 2
    altered = envelope[:middle] + bytes([envelope[middle] ^ 0x80]) + envelope[middle + 1:]

    def flip(db: sqlite3.Connection) -> None:
        db.execute("UPDATE records SET envelope = ? WHERE id = ?", (altered, record_id))

    if source.format == FORMAT_2:
        path = _edit_copy(ctx, "flipped-unguarded", flip)
        expect_refused("a flipped record byte (guard as it was)", lambda: _read_copy(ctx, path), GuardMismatch)
    path = _edit_copy(ctx, "flipped", flip, reguard=source.format == FORMAT_2)
    expect_refused("a vault with a flipped record byte", lambda: _read_copy(ctx, path), InvalidTag)


def check_envelope_version_and_key_id(ctx: Context) -> None:
    """§6 / §12: an envelope with another version or key id byte is refused, even
    when it authenticates (sealed here with the vault's own RK)."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    kind, (record_id, envelope), _ = _two_rows(ctx)
    value = ctx.need("reading").records[kind][record_id.hex()]
    version, key_id = vault.record_version, vault.key_id
    # The writer's side is right: the same value sealed with the right bytes opens.
    good = seal_envelope(keys.record, version, key_id, kind, record_id, encode_plaintext(value, version))
    assert open_envelope(keys.record, kind, record_id, good, version, key_id) == value
    others = [(v, k) for v in (1, 2, 3) for k in (0, 1, 2, 3, key_id + 1, 255) if (v, k) != (version, key_id)]
    for other_version, other_key_id in others:
        # The plaintext has the shape the file's format expects, so that only the
        # header bytes can be what refuses it.
        spliced = seal_envelope(keys.record, other_version, other_key_id, kind, record_id,
                                encode_plaintext(value, version))
        expect_refused(f"an envelope with version {other_version} and key id {other_key_id}",
                       lambda: open_envelope(keys.record, kind, record_id, spliced, version, key_id),
                       FormatError)
    # And in a file (guard rewritten in format 2): listing refuses it.
    spliced = seal_envelope(keys.record, version, key_id % 255 + 1, kind, record_id,
                            encode_plaintext(value, version))
    path = _edit_copy(ctx, "other-key-id", lambda db: db.execute(
        "UPDATE records SET envelope = ? WHERE id = ?", (spliced, record_id)), reguard=vault.format == FORMAT_2)
    expect_refused("a file with an envelope of another key id", lambda: _read_copy(ctx, path), FormatError)


# -- §3: the kdf range ----------------------------------------------------------


def check_kdf_floor_refused(ctx: Context) -> None:
    """§3: a reader should refuse settings below 19456 KiB, below 2 passes, or 0 lanes."""
    kdf: bytes = ctx.need("vault").meta["kdf"]
    salt = kdf[13:]
    cases = {
        "memory 19455 KiB": struct.pack(">BIII", 1, KDF_MIN_MEMORY_KIB - 1, 2, 1) + salt,
        "1 pass": struct.pack(">BIII", 1, KDF_MIN_MEMORY_KIB, 1, 1) + salt,
        "0 lanes": struct.pack(">BIII", 1, KDF_MIN_MEMORY_KIB, 2, 0) + salt,
        "algorithm 2": struct.pack(">BIII", 2, KDF_MIN_MEMORY_KIB, 2, 1) + salt,
        "algorithm 0": struct.pack(">BIII", 0, KDF_MIN_MEMORY_KIB, 2, 1) + salt,
    }
    for label, raw in cases.items():
        expect_refused(f"kdf with {label}", lambda raw=raw: KdfSettings.parse(raw), FormatError)
    # Exactly at the floor is accepted.
    KdfSettings.parse(struct.pack(">BIII", 1, KDF_MIN_MEMORY_KIB, KDF_MIN_PASSES, 1) + salt)
    # And refused when it comes from a file, before any key derivation.
    path = _vault_with_meta(ctx, "weak-kdf", "kdf", cases["1 pass"])
    expect_refused("a vault file with a weak kdf", lambda: Vault(path).close(), FormatError)


def check_kdf_ceiling_refused(ctx: Context) -> None:
    """§3: settings above 1 GiB, 16 passes or 4 lanes are refused, before any
    derivation (no Argon2id run, and back within 100 ms)."""
    kdf: bytes = ctx.need("vault").meta["kdf"]
    salt = kdf[13:]
    ceiling = (KDF_MAX_MEMORY_KIB, KDF_MAX_PASSES, KDF_MAX_LANES)
    # Exactly at the ceiling parses (it is not derived here: that would take 1 GiB).
    KdfSettings.parse(struct.pack(">BIII", 1, *ceiling) + salt)
    cases = {
        "4 GiB, 64 passes, 16 lanes": (4 * 1024 * 1024, 64, 16),
        "memory 1 GiB + 1 KiB": (KDF_MAX_MEMORY_KIB + 1, KDF_MIN_PASSES, 1),
        "17 passes": (KDF_MIN_MEMORY_KIB, KDF_MAX_PASSES + 1, 1),
        "5 lanes": (KDF_MIN_MEMORY_KIB, KDF_MIN_PASSES, KDF_MAX_LANES + 1),
        "every field 2^32 - 1": (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF),
    }
    for label, (memory, passes, lanes) in cases.items():
        raw = struct.pack(">BIII", 1, memory, passes, lanes) + salt
        expect_refused(f"kdf with {label}", lambda raw=raw: KdfSettings.parse(raw), FormatError)
        settings = KdfSettings(1, memory, passes, lanes, salt)  # built without parse's check
        path = _vault_with_meta(ctx, f"huge-kdf-{label}", "kdf", raw)

        def attempt() -> None:
            settings.derive_kek(ctx.expected["passphrase"])

        def attempt_file() -> None:
            with opened(path) as vault:
                vault.unlock_with_passphrase(ctx.expected["passphrase"])

        for what, action in ((f"deriving with {label}", attempt),
                             (f"a vault file with kdf {label}", attempt_file)):
            runs, start = ARGON2_RUNS, time.perf_counter()
            expect_refused(what, action, FormatError)
            elapsed = time.perf_counter() - start
            assert ARGON2_RUNS == runs, f"{what}: Argon2id ran before the refusal"
            assert elapsed < 0.1, f"{what}: refused only after {elapsed * 1000:.0f} ms"


# -- §1-§2: refusals of the file and header ---------------------------------------


def check_bad_magic_and_format_refused(ctx: Context) -> None:
    """§2: refuse a file without the magic, or with a format it does not know
    (a larger one as made by a newer version); §12: a format number changed in
    place leaves a header of the wrong shape."""
    fmt = ctx.need("vault").format
    other = FORMAT_1 if fmt == FORMAT_2 else FORMAT_2
    for name, meta_name, value in (
        ("bad-magic", "magic", b"TEND-VAULX"),
        ("no-magic", "magic", None),
        ("no-format", "format", None),
        ("format-0", "format", u16be(0)),
        ("format-3", "format", u16be(3)),
        ("format-65535", "format", u16be(0xFFFF)),
        (f"format-{other}", "format", u16be(other)),
    ):
        path = _vault_with_meta(ctx, name, meta_name, value)
        exc = expect_refused(f"a vault with {meta_name} {value!r}", lambda: Vault(path).close(), FormatError)
        if name == "format-3":
            assert "newer" in str(exc), f"format 3 is not named as newer: {exc}"


def check_header_fields_refused(ctx: Context) -> None:
    """§2: refuse any field of the wrong length, a missing field, a key.id of 0;
    §12: a format-1 file has no key.id, recovery.public or integrity row."""
    vault: Vault = ctx.need("vault")
    fmt = vault.format
    for name, length in HEADER[fmt].items():
        value = vault.meta[name]
        for label, changed in (("one byte longer", value + b"\0"), ("one byte shorter", value[:-1])):
            if name == "magic":
                continue  # the magic is compared whole
            path = _vault_with_meta(ctx, f"len-{name}-{len(changed)}", name, changed)
            expect_refused(f"meta {name} {label}", lambda: Vault(path).close(), FormatError)
        if name not in OPTIONAL_HEADER[fmt]:
            path = _vault_with_meta(ctx, f"missing-{name}", name, None)
            expect_refused(f"a vault without meta {name}", lambda: Vault(path).close(), FormatError)
    if fmt == FORMAT_2:
        path = _vault_with_meta(ctx, "key-id-0", "key.id", b"\0")
        expect_refused("key.id 0", lambda: Vault(path).close(), FormatError)
        path = _vault_with_meta(ctx, "text-key-id", "key.id", None)
        db = sqlite3.connect(path)
        db.execute("INSERT INTO meta (name, value) VALUES ('key.id', '2')")  # TEXT, not a BLOB
        db.commit()
        db.close()
        expect_refused("a TEXT key.id", lambda: Vault(path).close(), FormatError)
    else:
        for name in sorted(NAMED_HEADER - set(HEADER[FORMAT_1])):
            # A well-formed format-2 value (key.id 1), so that only its presence refuses it.
            path = _vault_with_meta(ctx, f"v1-with-{name}", name, b"\1" * HEADER[FORMAT_2][name])
            expect_refused(f"a format-1 vault with a {name} row", lambda: Vault(path).close(), FormatError)


def check_unknown_meta_ignored(ctx: Context) -> None:
    """§2: "Tend ignores meta rows it does not name here"."""
    def add(db: sqlite3.Connection) -> None:
        _set_meta(db, "future.field", b"\1\2\3")
        _set_meta(db, "keyid", b"")
        db.execute("INSERT INTO meta (name, value) VALUES ('note', 'a TEXT value')")

    path = _edit_copy(ctx, "unknown-meta", add)
    with opened(path) as vault:
        data_key = vault.unlock_with_passphrase(ctx.expected["passphrase"])
        assert data_key == ctx.need("data_key")
        assert_records_match(ctx, read_vault(vault, data_key).records, "with unknown meta rows")


def check_schema_version_refused(ctx: Context) -> None:
    """§1: a reader should refuse any user_version other than 1."""
    for version in (0, 2):
        path = _edit_copy(ctx, f"user-version-{version}",
                          lambda db, version=version: db.execute(f"PRAGMA user_version = {version}"))
        expect_refused(f"user_version {version}", lambda: Vault(path).close(), FormatError)


def check_smuggled_schema_refused(ctx: Context) -> None:
    """§1: any other table, index, view or trigger, or any of the three changed, is
    refused before anything is read from the file."""
    cases = {
        "a trigger": ["CREATE TRIGGER wipe AFTER INSERT ON records BEGIN DELETE FROM meta; END"],
        "a view": ["CREATE VIEW v AS SELECT * FROM meta"],
        "a table": ["CREATE TABLE extra (x BLOB)"],
        "an index": ["CREATE INDEX meta_by_value ON meta (value)"],
        "meta replaced by a view": ["ALTER TABLE meta RENAME TO meta_store",
                                    "CREATE VIEW meta AS SELECT name, value FROM meta_store"],
        "records_by_tag dropped": ["DROP INDEX records_by_tag"],
        "records_by_tag on another column": ["DROP INDEX records_by_tag",
                                             "CREATE INDEX records_by_tag ON records (id)"],
        "a column added to records": ["ALTER TABLE records ADD COLUMN extra BLOB"],
    }
    for label, statements in cases.items():
        def edit(db: sqlite3.Connection, statements: list[str] = statements) -> None:
            for statement in statements:
                db.execute(statement)
        path = _edit_copy(ctx, "schema-" + re.sub(r"\W+", "-", label), edit)
        expect_refused(f"a vault with {label}", lambda: Vault(path).close(), FormatError)


# -- §7: unknown tags and the guard -------------------------------------------------


def check_unknown_tag_reported(ctx: Context) -> None:
    """§7: a row under a tag of no known kind is listed, not dropped (in format 2
    with the guard rewritten, so that the guard does not hide the rule)."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    # id -> (kind sealed under, tag): a kind §10 does not name, and a made-up tag.
    planted = {
        hashlib.sha256(b"unknown kind").digest()[:ID_LEN]:
            ("mystery_kind", record_tag(keys.index, "mystery_kind")),
        hashlib.sha256(b"made-up tag").digest()[:ID_LEN]:
            ("test_note", hashlib.sha256(b"tag").digest()[:TAG_LEN]),
    }

    def plant(db: sqlite3.Connection) -> None:
        for record_id, (kind, tag) in planted.items():
            plaintext = encode_plaintext({"text": "hidden"}, vault.record_version)
            envelope = seal_envelope(keys.record, vault.record_version, vault.key_id, kind, record_id, plaintext)
            db.execute("INSERT INTO records (id, tag, envelope) VALUES (?, ?, ?)", (record_id, tag, envelope))

    path = _edit_copy(ctx, "unknown-tag", plant, reguard=vault.format == FORMAT_2)
    reading = _read_copy(ctx, path)
    want = sorted(record_id.hex() for record_id in planted)
    assert reading.unplaced == want, f"unplaced rows {reading.unplaced}, expected {want}"
    assert_records_match(ctx, reading.records, "beside unplaced rows")


def _guard_refuses(ctx: Context, name: str, edit: Callable[[sqlite3.Connection], None]) -> None:
    path = _edit_copy(ctx, name, edit)
    expect_refused(f"a vault with {name}", lambda: _read_copy(ctx, path), GuardMismatch)


def check_guard_row_deleted(ctx: Context) -> None:
    """§7: deleting a row makes the guard check fail."""
    record_id = ctx.need("vault").all_rows()[-1][0]
    _guard_refuses(ctx, "a deleted row", lambda db: db.execute("DELETE FROM records WHERE id = ?", (record_id,)))


def check_guard_envelopes_swapped(ctx: Context) -> None:
    """§7: swapping the envelopes of two rows makes the guard check fail."""
    _, (id_a, env_a), (id_b, env_b) = _two_rows(ctx)

    def swap(db: sqlite3.Connection) -> None:
        db.execute("UPDATE records SET envelope = ? WHERE id = ?", (env_b, id_a))
        db.execute("UPDATE records SET envelope = ? WHERE id = ?", (env_a, id_b))

    _guard_refuses(ctx, "swapped envelopes", swap)


def check_guard_row_retagged(ctx: Context) -> None:
    """§7: moving a row under another kind's tag (or a made-up one) makes the guard
    check fail."""
    keys: Keys = ctx.need("keys")
    kind, (record_id, _), _ = _two_rows(ctx)
    other = "settings" if kind != "settings" else "test_note"
    for label, tag in (("another kind's tag", record_tag(keys.index, other)),
                       ("a made-up tag", bytes(TAG_LEN))):
        _guard_refuses(ctx, f"a row retagged with {label}", lambda db, tag=tag: db.execute(
            "UPDATE records SET tag = ? WHERE id = ?", (tag, record_id)))


def check_guard_row_duplicated(ctx: Context) -> None:
    """§7: adding a row (a copy of another's tag and envelope under a new id) makes
    the guard check fail."""
    record_id, tag, envelope = ctx.need("vault").all_rows()[-1]
    new_id = bytes(b ^ 0xFF for b in record_id)
    _guard_refuses(ctx, "a duplicated row", lambda db: db.execute(
        "INSERT INTO records (id, tag, envelope) VALUES (?, ?, ?)", (new_id, tag, envelope)))


def check_guard_row_rolled_back(ctx: Context) -> None:
    """§7: an edit written as Tend would (new envelope, guard at generation + 1)
    reads back; putting the row's envelope from before the edit back fails the guard."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    kind, (record_id, old_envelope), _ = _two_rows(ctx)
    edited_value = {"edited": True, "text": "a newer version"}
    new_envelope = seal_envelope(keys.record, vault.record_version, vault.key_id, kind, record_id,
                                 encode_plaintext(edited_value, vault.record_version))
    path = _edit_copy(ctx, "edited", lambda db: db.execute(
        "UPDATE records SET envelope = ? WHERE id = ?", (new_envelope, record_id)), reguard=True)
    reading = _read_copy(ctx, path)
    assert reading.generation == ctx.need("generation") + 1, f"generation {reading.generation}"
    assert reading.records[kind][record_id.hex()] == edited_value, "the edit does not read back"
    # Now roll that row back in the edited copy, leaving its guard as the edit wrote it.
    db = sqlite3.connect(path)
    db.execute("UPDATE records SET envelope = ? WHERE id = ?", (old_envelope, record_id))
    db.commit()
    db.close()
    expect_refused("a row rolled back to its envelope from before an edit",
                   lambda: _read_copy(ctx, path), GuardMismatch)


def check_guard_generation_changed(ctx: Context) -> None:
    """§7: the generation is under the tag: another generation with the same tag fails."""
    generation, tag = ctx.need("vault").integrity()
    for other in (generation - 1, generation + 1, 0):
        _guard_refuses(ctx, f"generation {other}", lambda db, other=other: _set_meta(
            db, "integrity", struct.pack(">Q", other) + tag))


# -- §6: padding (format 2) -------------------------------------------------------


def check_padding_rules(ctx: Context) -> None:
    """§6: any amount of zero padding is accepted; a non-zero padding byte, or an n
    running past the end, is refused (envelopes sealed with the vault's RK)."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    kind, (record_id, _), _ = _two_rows(ctx)
    value = {"text": "padded", "at": "2026-11-20T21:30:00Z"}
    data = json.dumps(value).encode("utf-8")
    body = struct.pack(">I", len(data)) + data

    def opens(plaintext: bytes) -> object:
        envelope = seal_envelope(keys.record, 2, vault.key_id, kind, record_id, plaintext)
        return open_envelope(keys.record, kind, record_id, envelope, 2, vault.key_id)

    for pad in (0, 1, 224 - len(body), 5000):
        assert opens(body + bytes(pad)) == value, f"{pad} zero bytes of padding refused"
    refused = {
        "the last padding byte 0x01": body + bytes(40) + b"\x01",
        "the first padding byte 0x80": body + b"\x80" + bytes(40),
        "n one past the end": struct.pack(">I", len(data) + 1) + data,
        "n past the end into zero padding": struct.pack(">I", len(data) + 41) + data + bytes(40),
        "n = 2^32 - 1": struct.pack(">I", 0xFFFFFFFF) + data + bytes(40),
        "a 3-byte plaintext": b"\0\0\0",
        "no plaintext": b"",
        "n = 0": struct.pack(">I", 0) + bytes(40),
    }
    for label, plaintext in refused.items():
        expect_refused(f"a plaintext with {label}", lambda plaintext=plaintext: opens(plaintext), FormatError)
    # And in a file, with the guard rewritten: reading the vault refuses it.
    for label in ("the last padding byte 0x01", "n one past the end"):
        envelope = seal_envelope(keys.record, 2, vault.key_id, kind, record_id, refused[label])
        path = _edit_copy(ctx, "padding-" + re.sub(r"\W+", "-", label), lambda db, envelope=envelope: db.execute(
            "UPDATE records SET envelope = ? WHERE id = ?", (envelope, record_id)), reguard=True)
        expect_refused(f"a vault with {label}", lambda: _read_copy(ctx, path), FormatError)


def check_size_classes(ctx: Context) -> None:
    """§6: every envelope's plaintext is 4 + n padded to 224, 480, 928 or a multiple
    of 4,096 bytes (the smallest that fits)."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    for kind in ctx.expected_by_kind():
        for record_id, envelope in vault.rows_with_tag(record_tag(keys.index, kind)):
            plaintext = open_envelope_plaintext(keys.record, kind, record_id, envelope, 2, vault.key_id)
            n = struct.unpack(">I", plaintext[:4])[0]
            want = padded_size(LENGTH_PREFIX + n)
            assert len(plaintext) == want, \
                f"{kind} {record_id.hex()}: 4 + {n} padded to {len(plaintext)}, not {want}"


# -- §4: the recovery route, format 2 ------------------------------------------------


def check_recovery_all_zero_refused(ctx: Context) -> None:
    """§4: "an all-zero X25519 result must be refused" (E of low order)."""
    vault: Vault = ctx.need("vault")
    rest = vault.meta["key.recovery"][X25519_LEN:]
    p = 2**255 - 19
    for label, u in (("0", 0), ("1", 1), ("p - 1", p - 1), ("p", p)):
        path = _vault_with_meta(ctx, f"low-order-e-{label.replace(' ', '')}", "key.recovery",
                                u.to_bytes(X25519_LEN, "little") + rest)
        with opened(path) as altered:
            expect_refused(f"key.recovery with E = {label}",
                           lambda: altered.unlock_with_recovery_code(ctx.expected["recovery_code"]), FormatError)


def check_passphrase_route_absent(ctx: Context) -> None:
    """§2 / §12: a format-2 vault without key.passphrase opens with the recovery code,
    and its passphrase route is refused without a derivation."""
    path = _vault_with_meta(ctx, "no-passphrase-route", "key.passphrase", None)
    with opened(path) as vault:
        runs = ARGON2_RUNS
        expect_refused("the passphrase route of a vault without key.passphrase",
                       lambda: vault.unlock_with_passphrase(ctx.expected["passphrase"]), FormatError)
        assert ARGON2_RUNS == runs, "Argon2id ran for a route that is not there"
        data_key = vault.unlock_with_recovery_code(ctx.expected["recovery_code"])
        assert data_key == ctx.need("data_key")
        assert_records_match(ctx, read_vault(vault, data_key).records, "without key.passphrase")


# -- §12: format 1 ---------------------------------------------------------------------


def check_format1_unguarded(ctx: Context) -> None:
    """§12: "Nothing guards the set of rows": a deleted row goes unnoticed."""
    record_id = ctx.need("vault").all_rows()[-1][0]
    path = _edit_copy(ctx, "v1-deleted-row",
                      lambda db: db.execute("DELETE FROM records WHERE id = ?", (record_id,)))
    reading = _read_copy(ctx, path)
    count = sum(len(rows) for rows in reading.records.values())
    assert count == len(ctx.expected["records"]) - 1, f"{count} records after deleting one"


# -- §11: people's own spaces ------------------------------------------------------


def _canaries(ctx: Context) -> list[str]:
    canaries = ctx.expected["canaries"]
    return list(canaries["kept"]) + list(canaries["not_kept"])


def _canary_forms(canary: str) -> list[tuple[str, bytes]]:
    """A canary as UTF-8 and as the lower-case hex of its UTF-8 (as a hex JSON field
    such as `sealed` would hold it)."""
    raw = canary.encode("utf-8")
    return [("as UTF-8", raw), ("as lower-case hex", raw.hex().encode("ascii"))]


def _space_expected(ctx: Context) -> dict:
    return ctx.expected["spaces"][0]


def _space_reading(ctx: Context) -> SpaceReading:
    return ctx.need("space")


def _answer_body(answer: dict) -> dict:
    """§11: the session's check-in entry, reflection or follow-up answer inside."""
    what = answer.get("what")
    if what not in SPACE_ANSWERS:
        raise FormatError(f"an answer with what = {what!r}")
    return answer[{"check_in": "entry", "reflection": "reflection", "follow_up": "answer"}[what]]


def _oldest_first(answers: dict[str, object]) -> list[object]:
    # The document gives a space item no time of its own; the answer inside has its
    # atMs, which is what "oldest first" is taken to mean here (ties by item id).
    return [answer for _, answer in sorted(answers.items(), key=lambda kv: (_answer_body(kv[1])["atMs"], kv[0]))]


def _owner_plaintexts(ctx: Context, path: Path | None = None) -> list[tuple[str, str, bytes, object]]:
    """Every row of the vault opened with the owner's key: (kind, id hex, padded
    plaintext, JSON). Every row must be placed under a known kind and open."""
    keys: Keys = ctx.need("keys")
    by_tag = {record_tag(keys.index, kind): kind for kind in KNOWN_KINDS}
    result = []
    with opened(path or ctx.vault_copy) as vault:
        check_guard(vault, keys)
        for record_id, tag, envelope in vault.all_rows():
            kind = by_tag.get(tag)
            assert kind is not None, f"row {record_id.hex()} is under no known kind's tag"
            version = vault.record_version
            plaintext = open_envelope_plaintext(keys.record, kind, record_id, envelope, version, vault.key_id)
            result.append((kind, record_id.hex(), plaintext,
                           parse_json(unpad(plaintext) if version == 2 else plaintext)))
    return result


def check_space_owner_sees_no_canary(ctx: Context) -> None:
    """§11 "What the owner's key sees": every record, of every kind, opened with the
    owner's key holds no canary (kept or not), in its plaintext or its JSON."""
    rows = _owner_plaintexts(ctx)
    assert len(rows) == len(ctx.expected["records"]), f"{len(rows)} rows opened"
    kinds = {kind for kind, _, _, _ in rows}
    assert {"spaces", "space_items"} <= kinds, f"kinds opened: {sorted(kinds)}"
    for kind, record_id, plaintext, value in rows:
        texts = (plaintext, json.dumps(value, ensure_ascii=False).encode("utf-8"))
        for canary in _canaries(ctx):
            for form, needle in _canary_forms(canary):
                assert not any(needle in text for text in texts), \
                    f"{kind} {record_id} holds {canary} {form} under the owner's key"


def check_space_file_has_no_canary(ctx: Context) -> None:
    """§9: the file's raw bytes (and any -wal/-shm beside it) hold no canary, as
    UTF-8, as the lower-case hex of its UTF-8, or seen as lower-case hex."""
    files = [ctx.source] + [side for side in ctx.side_files(ctx.source) if side.exists()]
    for path in files:
        raw = path.read_bytes()
        raw_hex = raw.hex()
        for canary in _canaries(ctx):
            for form, needle in _canary_forms(canary):
                assert needle not in raw, f"{path.name} holds {canary} {form}"
            assert canary.encode("utf-8").hex() not in raw_hex, f"{path.name}, read as hex, holds {canary}"


def check_space_opens(ctx: Context) -> None:
    """§11 / §13 step 6: the partner's passphrase opens S (Argon2id from lock.kdf),
    X's public key is lock.public, the guard holds, and every item opens."""
    want = _space_expected(ctx)
    reading = open_space(ctx.need("reading").records, want["person"], want["passphrase"])
    ctx.values["space"] = reading
    assert len(reading.answers) == len(want["entries"]), \
        f"{len(reading.answers)} answers, expected {len(want['entries'])}"


def check_space_kdf_cost(ctx: Context) -> None:
    """§11: "Tend uses the vault's own cost and a fresh salt" for lock.kdf."""
    want = _space_expected(ctx)
    lock = SpaceLock.parse(ctx.need("reading").records["spaces"][_space_row(want["person"])])
    vault_kdf: bytes = ctx.need("vault").meta["kdf"]
    assert lock.kdf_raw[:13] == vault_kdf[:13], \
        f"lock.kdf cost {lock.kdf_raw[:13].hex()}, the vault's {vault_kdf[:13].hex()}"
    assert lock.kdf_raw[13:] != vault_kdf[13:], "lock.kdf reuses the vault's salt"


def check_space_entries_match(ctx: Context) -> None:
    """§11: the answers, oldest first, equal expected.json's entries field by field."""
    got = _oldest_first(_space_reading(ctx).answers)
    diff = first_difference(got, _space_expected(ctx)["entries"])
    assert diff is None, diff


def check_space_canaries(ctx: Context) -> None:
    """§11: the partner's space holds every kept canary and not the one not kept."""
    reading = _space_reading(ctx)
    text = json.dumps(list(reading.answers.values()), ensure_ascii=False)
    for canary in ctx.expected["canaries"]["kept"]:
        assert canary in text, f"kept canary {canary} is not in the space"
    for canary in ctx.expected["canaries"]["not_kept"]:
        assert canary not in text, f"canary {canary}, not kept, is in the space"


def check_space_answers_shape(ctx: Context) -> None:
    """§11 "Answers": each is one of the three shapes, names a session (and
    follow-up) of the vault, its person is the space's person (the answer's and the
    space_items record's), and its plaintext is padded as in §6."""
    records = ctx.need("reading").records
    reading = _space_reading(ctx)
    space = records["spaces"][_space_row(reading.person)]
    keys = open_space_keys(space, _space_expected(ctx)["passphrase"])
    person = bytes.fromhex(reading.person)
    for item_id, answer in reading.answers.items():
        where = f"item {item_id}"
        assert isinstance(answer, dict), f"{where} is not an object"
        fields = SPACE_ANSWERS.get(answer.get("what"))
        assert fields is not None, f"{where}: what = {answer.get('what')!r}"
        for field in fields:
            assert field in answer, f"{where}: no {field!r}"
        assert answer["session"] in records.get("sessions", {}), f"{where}: session {answer['session']}"
        if answer["what"] == "follow_up":
            follow_up = records.get("follow_ups", {}).get(answer["followUp"])
            assert follow_up is not None, f"{where}: followUp {answer['followUp']}"
            assert follow_up["session"] == answer["session"], f"{where}: follow-up of another session"
        assert _answer_body(answer).get("person") == reading.person, f"{where}: the answer's person"
        assert records["space_items"][item_id]["person"] == reading.person, f"{where}: the record's person"
        sealed = _hex_bytes(records["space_items"][item_id]["sealed"], "sealed")
        plaintext = open_space_item_plaintext(keys, person, bytes.fromhex(item_id), sealed)
        n = struct.unpack(">I", plaintext[:4])[0]
        assert len(plaintext) == padded_size(LENGTH_PREFIX + n), \
            f"{where}: 4 + {n} padded to {len(plaintext)}, not {padded_size(LENGTH_PREFIX + n)}"


def _space_row(person: str) -> str:
    return bytes(b ^ SPACE_ID_XOR for b in bytes.fromhex(person)).hex()


def _held_entries(records: dict[str, dict[str, object]]) -> list[tuple[str, dict, str, str | None]]:
    """Every session check-in and reflection and follow-up answer that carries a
    "held" key: (what, entry, session id, follow-up id)."""
    found = []
    for session_id, session in records.get("sessions", {}).items():
        for entry in session.get("checkIns", []):
            if "held" in entry:
                found.append(("check_in", entry, session_id, None))
        for entry in session.get("reflections", []):
            if "held" in entry:
                found.append(("reflection", entry, session_id, None))
    for follow_up_id, follow_up in records.get("follow_ups", {}).items():
        for entry in follow_up.get("answers", []):
            if "held" in entry:
                found.append(("follow_up", entry, follow_up["session"], follow_up_id))
    return found


def _is_empty(value: object) -> bool:
    if isinstance(value, dict):
        return all(_is_empty(v) for v in value.values())
    return value is None or value is False or value == "" or value == []


# §10: what a marker keeps: who, when, which stage, the marker itself, and (for a
# reflection) its ritual ratings. Everything else of the entry is its answer.
HELD_KEEPS = {
    "check_in": ("person", "atMs", "stage", "held"),
    "reflection": ("person", "atMs", "held", "rituals"),
    "follow_up": ("person", "atMs", "held"),
}


def check_held_markers_carry_no_answer(ctx: Context) -> None:
    """§10: an entry with "held" ("space", "memory" or "removed") carries no answer:
    every other field is empty (absent, null, false, "" or [])."""
    held = _held_entries(ctx.need("reading").records)
    assert held, "no held markers in the fixture"
    for what, entry, session_id, _ in held:
        where = f"{what} of {entry.get('person')} at {entry.get('atMs')} in session {session_id}"
        assert entry["held"] in HELD_MARKERS, f"{where}: held = {entry['held']!r}"
        for field, value in entry.items():
            if field not in HELD_KEEPS[what]:
                assert _is_empty(value), f"{where} (held: {entry['held']}) carries {field} = {value!r}"


def check_held_space_markers_have_answers(ctx: Context) -> None:
    """§11: "Where the session (or follow-up) itself keeps only a marker ("held":
    "space"), the answer is this one": each such marker of the space's person has
    exactly one answer in the space (matched by what, session, follow-up, person and
    atMs), every answer has its marker, and no other marker has an answer."""
    reading = _space_reading(ctx)

    def key(what: str, session: str, follow_up: str | None, body: dict) -> tuple:
        return what, session, follow_up, body.get("person"), body.get("atMs")

    answers = [key(a["what"], a["session"], a.get("followUp"), _answer_body(a)) for a in reading.answers.values()]
    assert len(set(answers)) == len(answers), "two answers for one entry"
    markers = {"space": [], "other": []}
    for what, entry, session_id, follow_up_id in _held_entries(ctx.need("reading").records):
        if entry.get("person") == reading.person:
            group = "space" if entry["held"] == "space" else "other"
            markers[group].append(key(what, session_id, follow_up_id, entry))
    assert sorted(markers["space"]) == sorted(answers), \
        f"markers {sorted(markers['space'])}, answers {sorted(answers)}"
    assert not set(markers["other"]) & set(answers), "a memory or removed marker has an answer in the space"


def check_space_guard_as_stored(ctx: Context) -> None:
    """§11 "The guard": the stored tag is HMAC(G, ...) over guard.seen in its order;
    every seen item is there with the SHA-256 of its sealed bytes; seen is in id
    order and, in this fixture, covers every item."""
    records = ctx.need("reading").records
    want = _space_expected(ctx)
    space = records["spaces"][_space_row(want["person"])]
    keys = open_space_keys(space, want["passphrase"])
    seen, tag = parse_space_guard(space)
    assert hmac.compare_digest(space_guard_tag(keys.guard, keys.lock.person, seen), tag), "guard.tag"
    items = space_items_of(records, want["person"])
    assert [i.hex() for i, _ in seen] == sorted(i.hex() for i, _ in seen), "guard.seen is not in id order"
    assert {i.hex(): d for i, d in seen} == {i: sealed_digest(b) for i, b in items.items()}, \
        "guard.seen is not the SHA-256 of every item's sealed bytes"
    assert _space_reading(ctx).unseen == [], f"items not in the guard: {_space_reading(ctx).unseen}"
    # The guard key is not a key of the vault's.
    keys_vault: Keys = ctx.need("keys")
    for other in (keys_vault.record, keys_vault.index, keys_vault.integrity, keys.secret):
        assert not hmac.compare_digest(space_guard_tag(other, keys.lock.person, seen), tag), \
            "the guard verifies under a key other than G"


def _reseal(ctx: Context, db: sqlite3.Connection, kind: str, record_id: str, value: object) -> None:
    """Write `value` as the record `record_id` of `kind`, sealed with the vault's RK
    (§6), as Tend would write it."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    envelope = seal_envelope(keys.record, 2, vault.key_id, kind, bytes.fromhex(record_id),
                             encode_plaintext(value, 2))
    db.execute("INSERT OR REPLACE INTO records (id, tag, envelope) VALUES (?, ?, ?)",
               (bytes.fromhex(record_id), record_tag(keys.index, kind), envelope))


def _space_copy(ctx: Context, name: str, edit: Callable[[sqlite3.Connection], None]) -> dict:
    """A copy of the vault with its space records changed by `edit` (re-sealed with
    RK, the vault's guard rewritten); returns its records as the owner reads them
    (the vault's guard holds, so what follows tests the space's own rules)."""
    path = _edit_copy(ctx, name, edit, reguard=True)
    reading = _read_copy(ctx, path)
    assert not reading.unplaced
    return reading.records


def _expect_space_refused(ctx: Context, what: str, records: dict, *errors: type[BaseException]) -> BaseException:
    want = _space_expected(ctx)
    return expect_refused(what, lambda: open_space(records, want["person"], want["passphrase"]),
                          *(errors or (SpaceGuardMismatch,)))


def _space_items_sorted(ctx: Context) -> list[tuple[str, dict]]:
    return sorted(ctx.need("reading").records["space_items"].items())


def check_space_guard_item_removed(ctx: Context) -> None:
    """§11: a seen item taken out fails the space's guard (the vault's guard
    rewritten, as a writer with the vault's key could)."""
    for item_id, _ in _space_items_sorted(ctx):
        records = _space_copy(ctx, f"space-removed-{item_id[:8]}", lambda db, item_id=item_id: db.execute(
            "DELETE FROM records WHERE id = ?", (bytes.fromhex(item_id),)))
        exc = _expect_space_refused(ctx, f"a space without item {item_id}", records)
        assert "taken out" in str(exc), str(exc)


def check_space_guard_items_swapped(ctx: Context) -> None:
    """§11: swapping two items' sealed values fails the guard; with a guard remade
    over the swapped bytes with G, the items themselves refuse (their AAD names
    their row id)."""
    (id_a, item_a), (id_b, item_b) = _space_items_sorted(ctx)[:2]

    def swap(db: sqlite3.Connection) -> None:
        _reseal(ctx, db, "space_items", id_a, dict(item_a, sealed=item_b["sealed"]))
        _reseal(ctx, db, "space_items", id_b, dict(item_b, sealed=item_a["sealed"]))

    records = _space_copy(ctx, "space-swapped", swap)
    exc = _expect_space_refused(ctx, "a space with two items' sealed values swapped", records)
    assert "changed" in str(exc), str(exc)
    # Remake the guard over the swapped bytes with the space's own G.
    want = _space_expected(ctx)
    space_id = _space_row(want["person"])
    space = records["spaces"][space_id]
    keys = open_space_keys(space, want["passphrase"])
    items = sorted(space_items_of(records, want["person"]).items())
    seen = [(bytes.fromhex(i), sealed_digest(b)) for i, b in items]
    reguarded = json.loads(json.dumps(space))
    reguarded["guard"] = {"seen": [[i.hex(), d] for i, d in seen],
                          "tag": space_guard_tag(keys.guard, keys.lock.person, seen).hex()}
    records = dict(records, spaces={space_id: reguarded})
    exc = _expect_space_refused(ctx, "swapped items under a guard remade with G", records)
    assert "does not open" in str(exc), str(exc)


def check_space_guard_wrong_tag(ctx: Context) -> None:
    """§11: a guard tag not made with G (a flipped bit, another key, or a seen list
    changed under the old tag) fails."""
    want = _space_expected(ctx)
    space_id = _space_row(want["person"])
    space = ctx.need("reading").records["spaces"][space_id]
    tag = bytes.fromhex(space["guard"]["tag"])
    keys: Keys = ctx.need("keys")
    seen = [(bytes.fromhex(i), d) for i, d in space["guard"]["seen"]]
    person = bytes.fromhex(want["person"])
    cases = {
        "a flipped tag bit": dict(space["guard"], tag=_flip_last_bit(tag).hex()),
        "a tag made with MK": dict(space["guard"], tag=space_guard_tag(keys.integrity, person, seen).hex()),
        "a seen item dropped under the old tag": dict(space["guard"], seen=space["guard"]["seen"][1:]),
        "seen reordered under the old tag": dict(space["guard"], seen=space["guard"]["seen"][::-1]),
        "no tag": {"seen": space["guard"]["seen"]},
    }
    for label, guard in cases.items():
        records = _space_copy(ctx, "space-tag-" + re.sub(r"\W+", "-", label),
                              lambda db, guard=guard: _reseal(ctx, db, "spaces", space_id,
                                                              dict(space, guard=guard)))
        _expect_space_refused(ctx, f"a space guard with {label}", records)


def check_space_new_item_unseen(ctx: Context) -> None:
    """§11: "Writing needs no passphrase": an answer sealed to lock.public (this
    reader's writer side) opens, and is not in the guard yet; the guard still holds."""
    want = _space_expected(ctx)
    records = ctx.need("reading").records
    space = records["spaces"][_space_row(want["person"])]
    lock = SpaceLock.parse(space)
    item_id = hashlib.sha256(b"a new answer").digest()[:ID_LEN]
    answer = json.loads(json.dumps(_oldest_first(_space_reading(ctx).answers)[0]))
    _answer_body(answer)["atMs"] += 1
    sealed = seal_space_item(lock.public, lock.person, item_id, encode_plaintext(answer, 2))
    item = {"id": item_id.hex(), "person": want["person"], "sealed": sealed.hex()}
    records = _space_copy(ctx, "space-new-item", lambda db: _reseal(ctx, db, "space_items", item_id.hex(), item))
    reading = open_space(records, want["person"], want["passphrase"])
    assert reading.unseen == [item_id.hex()], f"unseen items {reading.unseen}"
    assert reading.answers[item_id.hex()] == answer, "the new answer reads differently"


def check_space_wrong_passphrase(ctx: Context) -> None:
    """§11: a wrong space passphrase (or the owner's, or another case) is refused."""
    want = _space_expected(ctx)
    records = ctx.need("reading").records
    space = records["spaces"][_space_row(want["person"])]
    for label, passphrase in (("a wrong space passphrase", want["passphrase"] + " "),
                              ("an upper-cased space passphrase", want["passphrase"].upper()),
                              ("the owner's passphrase", ctx.expected["passphrase"]),
                              ("an empty passphrase", "")):
        expect_refused(label, lambda passphrase=passphrase: open_space_keys(space, passphrase), InvalidTag)
        expect_refused(f"opening the space with {label}",
                       lambda passphrase=passphrase: open_space(records, want["person"], passphrase),
                       InvalidTag)


def check_space_lock_bound(ctx: Context) -> None:
    """§11: lock.sealed is bound to the person, lock.public and lock.kdf; a changed
    lock.public is refused (by the AAD, or by X's public key)."""
    want = _space_expected(ctx)
    space = ctx.need("reading").records["spaces"][_space_row(want["person"])]
    lock = SpaceLock.parse(space)
    kek = lock.kdf.derive_kek(want["passphrase"])
    aad = space_key_aad(lock.person, lock.public, lock.kdf_raw)
    secret = open_sealed(kek, lock.sealed, aad)
    assert space_keys_from_secret(lock, secret).secret == secret
    owner = next(i for i, p in ctx.need("reading").records["profiles"].items() if p.get("is_me"))
    cases = {
        "the owner as its person": space_key_aad(bytes.fromhex(owner), lock.public, lock.kdf_raw),
        "a changed lock.public": space_key_aad(lock.person, _flip_last_bit(lock.public), lock.kdf_raw),
        "a changed kdf salt": space_key_aad(lock.person, lock.public, _flip_last_bit(lock.kdf_raw)),
        "the item label": aad.replace(b"tend.space.key", b"tend.space.item"),
        "the vault's passphrase AAD": passphrase_aad(2, ctx.need("vault").key_id, lock.kdf_raw),
    }
    for label, other in cases.items():
        expect_refused(f"lock.sealed with AAD of {label}",
                       lambda other=other: open_sealed(kek, lock.sealed, other), InvalidTag)
    # In the record: a space moved to another person, or another lock.public.
    changed = json.loads(json.dumps(space))
    changed["lock"]["public"] = x25519_public(X25519PrivateKey.generate()).hex()
    expect_refused("a space with another lock.public",
                   lambda: open_space_keys(changed, want["passphrase"]), InvalidTag)
    changed = dict(space, person=owner)
    expect_refused("a space with another person", lambda: open_space_keys(changed, want["passphrase"]), InvalidTag)
    # The public-key check itself: S whose X is not lock.public.
    expect_refused("an S whose public key is not lock.public",
                   lambda: space_keys_from_secret(lock, bytes(32)), FormatError)


def check_space_item_bound(ctx: Context) -> None:
    """§11: an item opened as another person, or under another item id, is refused
    (AAD = "tend.space.item" || person id || row id); so is an item moved to another
    row in the file."""
    want = _space_expected(ctx)
    records = ctx.need("reading").records
    keys = open_space_keys(records["spaces"][_space_row(want["person"])], want["passphrase"])
    person = bytes.fromhex(want["person"])
    others = [bytes.fromhex(i) for i in records["profiles"] if i != want["person"]]
    items = _space_items_sorted(ctx)
    for index, (item_id, item) in enumerate(items):
        sealed = bytes.fromhex(item["sealed"])
        raw_id = bytes.fromhex(item_id)
        assert open_space_item(keys, person, raw_id, sealed) == _space_reading(ctx).answers[item_id]
        cases = {f"as person {p.hex()}": (p, raw_id) for p in others + [bytes(ID_LEN)]}
        other_id = bytes.fromhex(items[(index + 1) % len(items)][0])
        cases[f"under item id {other_id.hex()}"] = (person, other_id)
        cases["under the space's row id"] = (person, bytes.fromhex(_space_row(want["person"])))
        cases["with person and id swapped"] = (raw_id, person)
        for label, (p, i) in cases.items():
            expect_refused(f"item {item_id} {label}",
                           lambda p=p, i=i: open_space_item(keys, p, i, sealed), InvalidTag)
    # In the file: the first item moved to a new row id (re-sealed with RK).
    item_id, item = items[0]
    new_id = bytes(b ^ 0xFF for b in bytes.fromhex(item_id)).hex()

    def move(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM records WHERE id = ?", (bytes.fromhex(item_id),))
        _reseal(ctx, db, "space_items", new_id, dict(item, id=new_id))

    moved = _space_copy(ctx, "space-item-moved", move)
    _expect_space_refused(ctx, "a space item moved to another row", moved)


def check_space_kdf_range(ctx: Context) -> None:
    """§11: lock.kdf has §3's floor and ceiling; settings above the ceiling are
    refused before any derivation (no Argon2id run, back within 100 ms), in the
    record as in the file."""
    want = _space_expected(ctx)
    space_id = _space_row(want["person"])
    space = ctx.need("reading").records["spaces"][space_id]
    salt = bytes.fromhex(space["lock"]["kdf"])[13:]
    cases = {
        "4 GiB, 64 passes, 16 lanes": (4 * 1024 * 1024, 64, 16),
        "memory 1 GiB + 1 KiB": (KDF_MAX_MEMORY_KIB + 1, KDF_MIN_PASSES, 1),
        "17 passes": (KDF_MIN_MEMORY_KIB, KDF_MAX_PASSES + 1, 1),
        "5 lanes": (KDF_MIN_MEMORY_KIB, KDF_MIN_PASSES, KDF_MAX_LANES + 1),
        "every field 2^32 - 1": (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF),
        "memory 19455 KiB (below the floor)": (KDF_MIN_MEMORY_KIB - 1, KDF_MIN_PASSES, 1),
        "1 pass (below the floor)": (KDF_MIN_MEMORY_KIB, 1, 1),
        "0 lanes (below the floor)": (KDF_MIN_MEMORY_KIB, KDF_MIN_PASSES, 0),
    }
    for label, (memory, passes, lanes) in cases.items():
        raw = struct.pack(">BIII", 1, memory, passes, lanes) + salt
        changed = json.loads(json.dumps(space))
        changed["lock"]["kdf"] = raw.hex()
        runs, start = ARGON2_RUNS, time.perf_counter()
        expect_refused(f"lock.kdf with {label}", lambda: open_space_keys(changed, want["passphrase"]), FormatError)
        assert ARGON2_RUNS == runs and time.perf_counter() - start < 0.1, f"{label}: derived before refusing"
    raw = struct.pack(">BIII", 1, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF) + salt
    changed = json.loads(json.dumps(space))
    changed["lock"]["kdf"] = raw.hex()
    records = _space_copy(ctx, "space-huge-kdf", lambda db: _reseal(ctx, db, "spaces", space_id, changed))
    runs, start = ARGON2_RUNS, time.perf_counter()
    exc = _expect_space_refused(ctx, "a space in the file with a huge lock.kdf", records, FormatError)
    assert not isinstance(exc, SpaceGuardMismatch), f"refused by the guard: {exc}"
    assert ARGON2_RUNS == runs and time.perf_counter() - start < 0.1, "derived before refusing"
    # Malformed lock fields are refused too.
    for field, value in (("kdf", space["lock"]["kdf"][:-2]), ("public", space["lock"]["public"] + "00"),
                         ("sealed", space["lock"]["sealed"][:-2]), ("kdf", "zz" * 29)):
        changed = json.loads(json.dumps(space))
        changed["lock"][field] = value
        expect_refused(f"lock.{field} = {value[:12]}...", lambda: open_space_keys(changed, want["passphrase"]),
                       FormatError)


def check_fixture_untouched(ctx: Context) -> None:
    """The source vault's bytes are unchanged and no -wal/-shm appeared beside it:
    only copies were opened."""
    digest = hashlib.sha256(ctx.source.read_bytes()).hexdigest()
    assert digest == ctx.source_digest, "the source vault's bytes changed"
    for side in ctx.side_files(ctx.source):
        if side.exists() and side not in ctx.sides_before:
            raise AssertionError(f"{side} appeared next to the source vault")


OPEN_CHECK = ("file opens: sqlite_master, schema version, magic, format, header lengths, kdf", check_open_header)


def build_checks(ctx: Context) -> list[tuple[str, Callable[[Context], None]]]:
    """The checks after OPEN_CHECK, for the format the file turned out to have."""
    vault = ctx.values.get("vault")
    fmt = vault.format if isinstance(vault, Vault) else None
    checks: list[tuple[str, Callable[[Context], None]]] = [
        ("sqlite_master is exactly meta, records and records_by_tag", check_schema),
        ("header has exactly the rows of its format", check_header_rows),
        ("kdf decodes to Argon2id settings between the floor and the ceiling", check_kdf_decoded),
        ("passphrase opens key.passphrase", check_unlock_passphrase),
    ]
    if fmt == FORMAT_2:
        checks.append(("the rows' guard verifies", check_guard_verifies))
    checks.append(("every row's tag is a known kind and every record opens", check_read_all))
    for kind in ctx.expected_by_kind():
        check = make_kind_check(kind)
        checks.append((check.__name__, check))
    checks += [
        ("settings row has the all-zero id", check_settings_id) if "settings" in ctx.expected_by_kind()
        else ("no settings row: every setting takes its default", check_no_settings_row),
        ("ids in the JSON follow the row ids", check_json_ids),
        ("recovery code parses to 20 bytes", check_recovery_code_parse),
        ("recovery code opens key.recovery to the same data key and every record", check_unlock_recovery),
        ("wrong passphrase is refused", check_wrong_passphrase),
        ("wrong recovery code is refused" + (" by the public-key comparison" if fmt == FORMAT_2 else ""),
         check_wrong_recovery_code),
        ("sealed keys are bound to their header fields", check_sealed_keys_bound),
        ("a changed header field fails exactly the routes that bind it", check_fields_per_route),
        ("envelope with another row's id is refused", check_envelope_wrong_id),
        ("envelopes swapped between rows are refused", check_envelope_moved_row),
        ("envelope read as another kind is refused", check_envelope_wrong_kind),
        ("every single flipped envelope byte is refused", check_envelope_flipped_bytes),
        ("flipped record byte in the file is refused", check_flipped_record_in_file),
        ("envelope with another version or key id is refused", check_envelope_version_and_key_id),
        ("kdf below the floor is refused", check_kdf_floor_refused),
        ("kdf above the ceiling is refused before any derivation", check_kdf_ceiling_refused),
        ("bad magic and unknown format are refused", check_bad_magic_and_format_refused),
        ("header fields of the wrong length, missing or out of range are refused", check_header_fields_refused),
        ("unknown meta rows are ignored", check_unknown_meta_ignored),
        ("schema version other than 1 is refused", check_schema_version_refused),
        ("extra trigger, view, table or index in sqlite_master is refused", check_smuggled_schema_refused),
        ("a row under an unknown tag is reported, not skipped", check_unknown_tag_reported),
    ]
    if fmt == FORMAT_2:
        checks += [
            ("guard fails when a row is deleted", check_guard_row_deleted),
            ("guard fails when two rows' envelopes are swapped", check_guard_envelopes_swapped),
            ("guard fails when a row is retagged", check_guard_row_retagged),
            ("guard fails when a duplicate row is added", check_guard_row_duplicated),
            ("guard fails when a row is rolled back to before an edit", check_guard_row_rolled_back),
            ("guard fails when the generation changes", check_guard_generation_changed),
            ("zero padding is accepted; non-zero padding or n past the end is refused", check_padding_rules),
            ("envelopes are padded to the documented size classes", check_size_classes),
            ("an all-zero X25519 result is refused", check_recovery_all_zero_refused),
            ("without key.passphrase the recovery code still opens", check_passphrase_route_absent),
        ]
    if fmt == FORMAT_1:
        checks.append(("format 1: nothing guards the set of rows", check_format1_unguarded))
    if "spaces" in ctx.expected:
        checks += [
            ("held markers carry no answer", check_held_markers_carry_no_answer),
            ("owner's key: no canary in any record of any kind", check_space_owner_sees_no_canary),
            ("no canary in the file's raw bytes, as UTF-8 or as hex", check_space_file_has_no_canary),
            ("space passphrase opens the space: S, lock.public, guard, every item", check_space_opens),
            ("lock.kdf has the vault's cost and a salt of its own", check_space_kdf_cost),
            ("space answers, oldest first, match expected.json field by field", check_space_entries_match),
            ("space holds every kept canary and not the one not kept", check_space_canaries),
            ("space answers have their shape, person and padding", check_space_answers_shape),
            ("every held: space marker has its answer in the space, and only those",
             check_held_space_markers_have_answers),
            ("space guard verifies as stored", check_space_guard_as_stored),
            ("space guard fails when an item is removed", check_space_guard_item_removed),
            ("space guard fails when two items' sealed values are swapped", check_space_guard_items_swapped),
            ("space guard fails with a wrong tag", check_space_guard_wrong_tag),
            ("a new answer sealed to lock.public opens and is not in the guard yet", check_space_new_item_unseen),
            ("wrong space passphrase is refused", check_space_wrong_passphrase),
            ("lock.sealed is bound to its person, lock.public and lock.kdf", check_space_lock_bound),
            ("space item as another person or under another id is refused", check_space_item_bound),
            ("lock.kdf outside the floor and ceiling is refused before any derivation", check_space_kdf_range),
        ]
    checks.append(("committed fixture left untouched", check_fixture_untouched))
    return checks


def run_check(label: str, name: str, check: Callable[[Context], None], ctx: Context) -> bool:
    name = f"{label}: {name}"
    try:
        check(ctx)
    except Exception as exc:  # noqa: BLE001 - every failure is reported, not raised
        reason = str(exc) or type(exc).__name__
        if isinstance(exc, InvalidTag):
            reason = "AES-GCM authentication failed (InvalidTag)"
        if not isinstance(exc, (AssertionError, Missing, FormatError, InvalidTag, WrongRecoveryCode)):
            reason = f"{type(exc).__name__}: {reason}"
            traceback.print_exc(file=sys.stderr)
        print(f"not ok - {name}: {reason}")
        return False
    print(f"ok - {name}")
    return True


def run_fixture(label: str, vault_path: Path, expected_path: Path, workdir: Path) -> tuple[int, int]:
    """Run every check on one vault; returns (passed, failed)."""
    results: list[bool] = []
    try:
        ctx = Context(label, vault_path, expected_path, workdir)
    except Exception as exc:  # noqa: BLE001
        print(f"not ok - {label}: fixture loads: {type(exc).__name__}: {exc}")
        return 0, 1
    try:
        results.append(run_check(label, OPEN_CHECK[0], OPEN_CHECK[1], ctx))
        for name, check in build_checks(ctx):
            results.append(run_check(label, name, check, ctx))
    finally:
        vault = ctx.values.get("vault")
        if isinstance(vault, Vault):
            vault.close()
    return results.count(True), results.count(False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vault", type=Path, help="check this one file instead of the fixtures")
    parser.add_argument("--expected", type=Path, help="its expected.json (default: the one beside it)")
    args = parser.parse_args(argv)

    if args.vault is None and args.expected is None:
        runs = [(name, FIXTURES_DIR / name / "tend.vault", FIXTURES_DIR / name / "expected.json")
                for name in FIXTURES]
    else:
        if args.vault is None:
            parser.error("--expected needs --vault")
        vault_path = args.vault.resolve()
        expected = (args.expected or vault_path.parent / "expected.json").resolve()
        runs = [(vault_path.parent.name, vault_path, expected)]

    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="tend-vault-format-") as tmp:
        for index, (label, vault_path, expected_path) in enumerate(runs):
            workdir = Path(tmp) / f"{index}-{label}"
            workdir.mkdir()
            p, f = run_fixture(label, vault_path, expected_path, workdir)
            passed += p
            failed += f
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
