#!/usr/bin/env python3
"""An independent reader for the Tend vault format, version 1.

Written from docs/VAULT-FORMAT.md alone (section numbers below are that
document's), and run against the fixture in tests/fixtures/vault-v1/: it opens the
vault with the passphrase and with the recovery code, compares every record with
expected.json, and checks that the reader refuses what the document says it must.

Prints one line per check ("ok - name" / "not ok - name: reason") and then
"N passed, M failed"; exits 1 if any check failed.

Needs the standard library plus `cryptography` and `argon2-cffi`
(scripts/format-check.sh sets them up).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import re
import shutil
import sqlite3
import struct
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DIR = REPO_ROOT / "tests" / "fixtures" / "vault-v1"


class FormatError(Exception):
    """The file is not a vault this reader accepts (a refusal, not a bug)."""


# ---------------------------------------------------------------------------
# The reader
# ---------------------------------------------------------------------------

# §1: PRAGMA user_version is the schema version.
SCHEMA_VERSION = 1
# §2: the header.
MAGIC = b"TEND-VAULT"
FORMAT_VERSION = 1
HEADER_LENGTHS = {
    "magic": 10,
    "format": 2,
    "kdf": 29,
    "key.passphrase": 60,
    "recovery.salt": 16,
    "key.recovery": 60,
    "unlock.failures": 4,
}
# §3: the floor a reader should enforce.
KDF_ALG_ARGON2ID = 1
KDF_MIN_MEMORY_KIB = 19456
KDF_MIN_PASSES = 2
# §4: sealed keys are nonce (12) || ciphertext || tag (16); the data key is 32 bytes.
NONCE_LEN = 12
GCM_TAG_LEN = 16
KEY_LEN = 32
# §4, the recovery code: Crockford's base-32 alphabet, 32 characters = 160 bits.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_CHARS = 32
RECOVERY_BYTES = 20
# §6: records.
ID_LEN = 16
TAG_LEN = 16
ENVELOPE_MAGIC = b"TR"
RECORD_VERSION = 1
RECORD_KEY_ID = 1
ENVELOPE_HEADER_LEN = 16  # "TR" (2) + version (1) + key id (1) + nonce (12)
KIND_RE = re.compile(r"[a-z_]{1,32}")


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
        settings.check_floor()
        return settings

    def check_floor(self) -> None:
        if self.algorithm != KDF_ALG_ARGON2ID:
            raise FormatError(f"unknown kdf algorithm {self.algorithm}")
        # §3: "Tend refuses to open a vault whose settings are below 19456 KiB ...
        # or 2 passes, or that has 0 lanes: a reader should too."
        if self.memory_kib < KDF_MIN_MEMORY_KIB:
            raise FormatError(f"kdf memory {self.memory_kib} KiB is below {KDF_MIN_MEMORY_KIB}")
        if self.passes < KDF_MIN_PASSES:
            raise FormatError(f"kdf passes {self.passes} is below {KDF_MIN_PASSES}")
        if self.lanes == 0:
            raise FormatError("kdf lanes is 0")

    def derive_kek(self, passphrase: str) -> bytes:
        # §3: Argon2id v0x13 over the passphrase's UTF-8 bytes exactly as typed (no
        # normalisation), no secret, no associated data, 32-byte output.
        return hash_secret_raw(
            secret=passphrase.encode("utf-8"),
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


def aes_gcm_open(key: bytes, nonce: bytes, ciphertext_and_tag: bytes, aad: bytes) -> bytes:
    """AES-256-GCM open; raises cryptography's InvalidTag when authentication fails."""
    return AESGCM(key).decrypt(nonce, ciphertext_and_tag, aad)


def open_sealed(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    # §4: a sealed value is nonce (12) || ciphertext || tag (16).
    if len(sealed) < NONCE_LEN + GCM_TAG_LEN:
        raise FormatError(f"sealed value is only {len(sealed)} bytes")
    return aes_gcm_open(key, sealed[:NONCE_LEN], sealed[NONCE_LEN:], aad)


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


def record_tag(index_key: bytes, kind: str) -> bytes:
    # §6: the first 16 bytes of HMAC-SHA256(IK, kind as ASCII).
    return hmac.new(index_key, kind.encode("ascii"), hashlib.sha256).digest()[:TAG_LEN]


def record_aad(version: int, key_id: int, kind: str, record_id: bytes) -> bytes:
    # §6: "tend.record" || version || key id || len(kind) || kind || id (16).
    kind_bytes = kind.encode("ascii")
    return b"tend.record" + bytes([version, key_id, len(kind_bytes)]) + kind_bytes + record_id


def check_kind(kind: str) -> None:
    # §6: a kind is 1-32 characters of a-z and _.
    if not KIND_RE.fullmatch(kind):
        raise FormatError(f"invalid kind {kind!r}")


def open_envelope(record_key: bytes, kind: str, record_id: bytes, envelope: bytes) -> object:
    """§6: check the envelope header, open it under RK, parse the JSON plaintext."""
    check_kind(kind)
    if len(record_id) != ID_LEN:
        raise FormatError(f"record id is {len(record_id)} bytes, expected {ID_LEN}")
    if len(envelope) < ENVELOPE_HEADER_LEN + GCM_TAG_LEN:
        raise FormatError(f"envelope is only {len(envelope)} bytes")
    if envelope[:2] != ENVELOPE_MAGIC:
        raise FormatError(f"envelope does not start with 'TR': {envelope[:2]!r}")
    version, key_id = envelope[2], envelope[3]
    if version != RECORD_VERSION:
        raise FormatError(f"unknown record format version {version}")
    if key_id != RECORD_KEY_ID:
        raise FormatError(f"unknown key id {key_id}")
    nonce = envelope[4:16]
    plaintext = aes_gcm_open(record_key, nonce, envelope[16:], record_aad(version, key_id, kind, record_id))
    return json.loads(plaintext.decode("utf-8"))


class Vault:
    """An open vault file (§1) with its header checked (§2)."""

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(path)
        user_version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if user_version != SCHEMA_VERSION:
            raise FormatError(f"schema version {user_version}, expected {SCHEMA_VERSION}")
        self.meta = {
            name: _blob(value, f"meta {name}")
            for name, value in self.db.execute("SELECT name, value FROM meta")
        }
        # §2: "A reader must refuse a file without magic = "TEND-VAULT", and a
        # format it does not know."
        if self.meta.get("magic") != MAGIC:
            raise FormatError(f"bad magic {self.meta.get('magic')!r}")
        fmt = self.meta.get("format")
        if fmt is None or len(fmt) != 2:
            raise FormatError(f"bad format field {fmt!r}")
        self.format = struct.unpack(">H", fmt)[0]
        if self.format != FORMAT_VERSION:
            raise FormatError(f"unknown format {self.format}")
        for name, length in HEADER_LENGTHS.items():
            if name not in self.meta:
                raise FormatError(f"meta row {name!r} is missing")
            if len(self.meta[name]) != length:
                raise FormatError(f"meta {name} is {len(self.meta[name])} bytes, expected {length}")
        self.kdf = KdfSettings.parse(self.meta["kdf"])

    def close(self) -> None:
        self.db.close()

    def format_bytes(self) -> bytes:
        return struct.pack(">H", self.format)

    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        # §4: key.passphrase, AAD = "tend.key.passphrase" || u16be(format) || kdf (29).
        kek = self.kdf.derive_kek(passphrase)
        aad = b"tend.key.passphrase" + self.format_bytes() + self.meta["kdf"]
        return open_sealed(kek, self.meta["key.passphrase"], aad)

    def unlock_with_recovery_code(self, code: str) -> bytes:
        # §4: recovery KEK = HKDF-SHA256(code bytes, salt = recovery.salt,
        # info = "tend.recovery.kek.v1"); key.recovery AAD = "tend.key.recovery" ||
        # u16be(format) || recovery.salt (16).
        salt = self.meta["recovery.salt"]
        kek = hkdf_sha256(parse_recovery_code(code), salt, b"tend.recovery.kek.v1")
        aad = b"tend.key.recovery" + self.format_bytes() + salt
        return open_sealed(kek, self.meta["key.recovery"], aad)

    def rows_with_tag(self, tag: bytes) -> list[tuple[bytes, bytes]]:
        rows = self.db.execute("SELECT id, envelope FROM records WHERE tag = ?", (tag,)).fetchall()
        return [(_blob(i, "records.id"), _blob(e, "records.envelope")) for i, e in rows]

    def all_rows(self) -> list[tuple[bytes, bytes, bytes]]:
        rows = self.db.execute("SELECT id, tag, envelope FROM records").fetchall()
        return [(_blob(i, "id"), _blob(t, "tag"), _blob(e, "envelope")) for i, t, e in rows]


@dataclass(frozen=True)
class Keys:
    """§5: the subkeys of the data key."""

    record: bytes
    index: bytes

    @classmethod
    def derive(cls, data_key: bytes) -> "Keys":
        if len(data_key) != KEY_LEN:
            raise FormatError(f"data key is {len(data_key)} bytes, expected {KEY_LEN}")
        # §5: "an empty salt (RFC 5869: a salt of 32 zero bytes)". salt=None in
        # `cryptography` is HashLen zero bytes; an empty salt is the same HMAC key.
        return cls(
            record=hkdf_sha256(data_key, None, b"tend.record.key.v1"),
            index=hkdf_sha256(data_key, None, b"tend.index.key.v1"),
        )


def list_kind(vault: Vault, keys: Keys, kind: str) -> dict[str, object]:
    """§6 "To list one kind": tag -> rows -> open each with that kind and its id.

    Returns {id as 32 lowercase hex digits: JSON value}.
    """
    check_kind(kind)
    return {
        record_id.hex(): open_envelope(keys.record, kind, record_id, envelope)
        for record_id, envelope in vault.rows_with_tag(record_tag(keys.index, kind))
    }


# ---------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------


class Missing(Exception):
    """A check needs something an earlier check failed to produce."""


class Context:
    def __init__(self, vault_path: Path, expected_path: Path, workdir: Path):
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


def expect_refused(what: str, action: Callable[[], object], *errors: type[BaseException]) -> None:
    try:
        action()
    except errors:
        return
    raise AssertionError(f"{what} was accepted")


def check_open_header(ctx: Context) -> None:
    """§1-§3: SQLite file, schema version, magic, format, header lengths, kdf."""
    vault = Vault(ctx.vault_copy)
    ctx.values["vault"] = vault
    kdf = vault.kdf
    assert kdf.algorithm == KDF_ALG_ARGON2ID


def check_schema(ctx: Context) -> None:
    """§1: the tables and index are there with the documented columns."""
    vault: Vault = ctx.need("vault")
    names = {row[0] for row in vault.db.execute("SELECT name FROM sqlite_master")}
    missing = {"meta", "records", "records_by_tag"} - names
    assert not missing, f"missing schema objects: {sorted(missing)}"
    for table, columns in (("meta", ["name", "value"]), ("records", ["id", "tag", "envelope"])):
        found = [row[1] for row in vault.db.execute(f"PRAGMA table_info({table})")]
        assert found == columns, f"{table} columns are {found}, expected {columns}"


def check_kdf_decoded(ctx: Context) -> None:
    """§3: the fields decode to settings at or above the floor."""
    kdf: KdfSettings = ctx.need("vault").kdf
    assert kdf.memory_kib >= KDF_MIN_MEMORY_KIB and kdf.passes >= KDF_MIN_PASSES and kdf.lanes > 0
    assert len(kdf.salt) == 16


def check_unlock_passphrase(ctx: Context) -> None:
    """§3-§4: Argon2id KEK opens key.passphrase to a 32-byte data key."""
    vault: Vault = ctx.need("vault")
    data_key = vault.unlock_with_passphrase(ctx.expected["passphrase"])
    assert len(data_key) == KEY_LEN, f"data key is {len(data_key)} bytes"
    ctx.values["data_key"] = data_key
    ctx.values["keys"] = Keys.derive(data_key)


def make_kind_check(kind: str) -> Callable[[Context], None]:
    def check(ctx: Context) -> None:
        """§6: the rows with the kind's tag open to exactly the expected values."""
        vault: Vault = ctx.need("vault")
        keys: Keys = ctx.need("keys")
        want = ctx.expected_by_kind()[kind]
        got = list_kind(vault, keys, kind)
        assert set(got) == set(want), f"ids {sorted(got)}, expected {sorted(want)}"
        for record_id, value in want.items():
            assert got[record_id] == value, f"{record_id}: {got[record_id]!r} != {value!r}"

    check.__name__ = f"records of kind {kind} match expected.json"
    return check


def check_settings_id(ctx: Context) -> None:
    """§7: settings is one row with an id of 16 zero bytes."""
    keys: Keys = ctx.need("keys")
    settings = list_kind(ctx.need("vault"), keys, "settings")
    assert list(settings) == ["00" * ID_LEN], f"settings ids: {list(settings)}"


def check_every_row_accounted(ctx: Context) -> None:
    """Every row in the file belongs to a kind in expected.json (no stray rows)."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    known_tags = {record_tag(keys.index, kind) for kind in ctx.expected_by_kind()}
    rows = vault.all_rows()
    stray = [i.hex() for i, t, _ in rows if t not in known_tags]
    assert not stray, f"rows with unknown tags: {stray}"
    assert len(rows) == len(ctx.expected["records"]), f"{len(rows)} rows in the file"


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
    """§4: HKDF recovery KEK opens key.recovery to the same data key."""
    vault: Vault = ctx.need("vault")
    data_key = vault.unlock_with_recovery_code(ctx.expected["recovery_code"])
    assert data_key == ctx.need("data_key"), "recovery code gives a different data key"
    # And the records open through that path too.
    keys = Keys.derive(data_key)
    for kind, want in ctx.expected_by_kind().items():
        assert list_kind(vault, keys, kind) == want, f"kind {kind} differs via recovery"


def check_wrong_passphrase(ctx: Context) -> None:
    vault: Vault = ctx.need("vault")
    wrong = ctx.expected["passphrase"] + " "
    expect_refused("a wrong passphrase", lambda: vault.unlock_with_passphrase(wrong), InvalidTag)
    # §3: no normalisation, so a differently-cased passphrase is wrong as well.
    upper = ctx.expected["passphrase"].upper()
    expect_refused("an upper-cased passphrase", lambda: vault.unlock_with_passphrase(upper), InvalidTag)


def check_wrong_recovery_code(ctx: Context) -> None:
    vault: Vault = ctx.need("vault")
    code = ctx.expected["recovery_code"]
    wrong = ("Z" if code[0] != "Z" else "Y") + code[1:]
    expect_refused("a wrong recovery code", lambda: vault.unlock_with_recovery_code(wrong), InvalidTag)
    expect_refused("a short recovery code", lambda: parse_recovery_code(code[:-1]), FormatError)
    expect_refused("a code with U in it", lambda: parse_recovery_code("U" + code[1:]), FormatError)


def check_header_bound_to_key(ctx: Context) -> None:
    """§4: the AADs bind format, kdf and recovery.salt to the sealed keys."""
    vault: Vault = ctx.need("vault")
    keys_passphrase = vault.meta["key.passphrase"]
    # The right KEK, but AAD with another format number or a changed kdf byte.
    kek = vault.kdf.derive_kek(ctx.expected["passphrase"])
    kdf = vault.meta["kdf"]
    bad_salt_kdf = kdf[:-1] + bytes([kdf[-1] ^ 1])
    for label, aad in (
        ("format 2", b"tend.key.passphrase" + struct.pack(">H", 2) + kdf),
        ("a changed kdf salt", b"tend.key.passphrase" + vault.format_bytes() + bad_salt_kdf),
        ("the recovery label", b"tend.key.recovery" + vault.format_bytes() + kdf),
    ):
        expect_refused(f"key.passphrase with AAD of {label}",
                       lambda aad=aad: open_sealed(kek, keys_passphrase, aad), InvalidTag)


def check_envelope_wrong_id(ctx: Context) -> None:
    """§6: an envelope opened with another row's id fails authentication."""
    vault: Vault = ctx.need("vault")
    keys: Keys = ctx.need("keys")
    rows = vault.rows_with_tag(record_tag(keys.index, "test_note"))
    assert len(rows) >= 2, "need two test_note rows"
    for (id_a, envelope_a), (id_b, _) in zip(rows, rows[1:] + rows[:1]):
        expect_refused(f"envelope of {id_a.hex()} with id {id_b.hex()}",
                       lambda: open_envelope(keys.record, "test_note", id_b, envelope_a), InvalidTag)


def check_envelope_moved_row(ctx: Context) -> None:
    """§6: an envelope copied to another row fails when the kind is listed."""
    path = ctx.copy_vault("moved")
    db = sqlite3.connect(path)
    keys: Keys = ctx.need("keys")
    tag = record_tag(keys.index, "test_note")
    (id_a, env_a), (id_b, env_b) = db.execute(
        "SELECT id, envelope FROM records WHERE tag = ? LIMIT 2", (tag,)).fetchall()
    db.execute("UPDATE records SET envelope = ? WHERE id = ?", (env_b, id_a))
    db.execute("UPDATE records SET envelope = ? WHERE id = ?", (env_a, id_b))
    db.commit()
    db.close()
    vault = Vault(path)
    try:
        expect_refused("listing with swapped envelopes", lambda: list_kind(vault, keys, "test_note"), InvalidTag)
    finally:
        vault.close()


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
                               lambda: open_envelope(keys.record, other, record_id, envelope), InvalidTag)


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
                               lambda: open_envelope(keys.record, kind, record_id, flipped),
                               InvalidTag, FormatError)


def check_flipped_record_in_file(ctx: Context) -> None:
    """§6: a record altered in the file makes listing its kind fail."""
    path = ctx.copy_vault("flipped")
    db = sqlite3.connect(path)
    record_id, envelope = db.execute("SELECT id, envelope FROM records LIMIT 1").fetchone()
    middle = len(envelope) // 2
    altered = envelope[:middle] + bytes([envelope[middle] ^ 0x80]) + envelope[middle + 1:]
    db.execute("UPDATE records SET envelope = ? WHERE id = ?", (altered, record_id))
    db.commit()
    db.close()
    vault = Vault(path)
    keys: Keys = ctx.need("keys")
    try:
        def list_all() -> None:
            for kind in ctx.expected_by_kind():
                list_kind(vault, keys, kind)
        expect_refused("a vault with a flipped record byte", list_all, InvalidTag)
    finally:
        vault.close()


def _vault_with_meta(ctx: Context, name: str, meta_name: str, value: bytes) -> Path:
    path = ctx.copy_vault(name)
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = ? WHERE name = ?", (value, meta_name))
    db.commit()
    db.close()
    return path


def check_kdf_floor_refused(ctx: Context) -> None:
    """§3: a reader should refuse settings below 19456 KiB, below 2 passes, or 0 lanes."""
    kdf: bytes = ctx.need("vault").meta["kdf"]
    salt = kdf[13:]
    cases = {
        "memory 19455 KiB": struct.pack(">BIII", 1, KDF_MIN_MEMORY_KIB - 1, 2, 1) + salt,
        "1 pass": struct.pack(">BIII", 1, KDF_MIN_MEMORY_KIB, 1, 1) + salt,
        "0 lanes": struct.pack(">BIII", 1, KDF_MIN_MEMORY_KIB, 2, 0) + salt,
        "algorithm 2": struct.pack(">BIII", 2, KDF_MIN_MEMORY_KIB, 2, 1) + salt,
    }
    for label, raw in cases.items():
        expect_refused(f"kdf with {label}", lambda raw=raw: KdfSettings.parse(raw), FormatError)
    # Exactly at the floor is accepted.
    KdfSettings.parse(struct.pack(">BIII", 1, KDF_MIN_MEMORY_KIB, KDF_MIN_PASSES, 1) + salt)
    # And refused when it comes from a file, before any key derivation.
    path = _vault_with_meta(ctx, "weak-kdf", "kdf", cases["1 pass"])
    expect_refused("a vault file with a weak kdf", lambda: Vault(path).close(), FormatError)


def check_bad_magic_and_format_refused(ctx: Context) -> None:
    """§2: refuse a file without the magic, or with a format it does not know."""
    for name, meta_name, value in (
        ("bad-magic", "magic", b"TEND-VAULX"),
        ("format-2", "format", struct.pack(">H", 2)),
        ("format-0", "format", struct.pack(">H", 0)),
    ):
        path = _vault_with_meta(ctx, name, meta_name, value)
        expect_refused(f"a vault with {meta_name} {value!r}", lambda: Vault(path).close(), FormatError)


def check_fixture_untouched(ctx: Context) -> None:
    """The source vault's bytes are unchanged and no -wal/-shm appeared beside it:
    only copies were opened."""
    digest = hashlib.sha256(ctx.source.read_bytes()).hexdigest()
    assert digest == ctx.source_digest, "the source vault's bytes changed"
    for side in ctx.side_files(ctx.source):
        if side.exists() and side not in ctx.sides_before:
            raise AssertionError(f"{side} appeared next to the source vault")


def build_checks(ctx: Context) -> list[tuple[str, Callable[[Context], None]]]:
    checks: list[tuple[str, Callable[[Context], None]]] = [
        ("file opens: schema version, magic, format, header lengths", check_open_header),
        ("schema has meta, records and records_by_tag", check_schema),
        ("kdf decodes to Argon2id settings at or above the floor", check_kdf_decoded),
        ("passphrase opens key.passphrase", check_unlock_passphrase),
    ]
    for kind in ctx.expected_by_kind():
        check = make_kind_check(kind)
        checks.append((check.__name__, check))
    checks += [
        ("settings row has the all-zero id", check_settings_id),
        ("every record row belongs to an expected kind", check_every_row_accounted),
        ("recovery code parses to 20 bytes", check_recovery_code_parse),
        ("recovery code opens key.recovery to the same data key", check_unlock_recovery),
        ("wrong passphrase is refused", check_wrong_passphrase),
        ("wrong recovery code is refused", check_wrong_recovery_code),
        ("sealed key is bound to format and kdf", check_header_bound_to_key),
        ("envelope with another row's id is refused", check_envelope_wrong_id),
        ("envelopes swapped between rows are refused", check_envelope_moved_row),
        ("envelope read as another kind is refused", check_envelope_wrong_kind),
        ("every single flipped envelope byte is refused", check_envelope_flipped_bytes),
        ("flipped record byte in the file is refused", check_flipped_record_in_file),
        ("kdf below the floor is refused", check_kdf_floor_refused),
        ("bad magic and unknown format are refused", check_bad_magic_and_format_refused),
        ("committed fixture left untouched", check_fixture_untouched),
    ]
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vault", type=Path, default=FIXTURE_DIR / "tend.vault")
    parser.add_argument("--expected", type=Path, default=FIXTURE_DIR / "expected.json")
    args = parser.parse_args(argv)

    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="tend-vault-format-") as tmp:
        ctx = Context(args.vault.resolve(), args.expected.resolve(), Path(tmp))
        try:
            for name, check in build_checks(ctx):
                try:
                    check(ctx)
                except Exception as exc:  # noqa: BLE001 - every failure is reported, not raised
                    failed += 1
                    reason = str(exc) or type(exc).__name__
                    if isinstance(exc, InvalidTag):
                        reason = "AES-GCM authentication failed (InvalidTag)"
                    if not isinstance(exc, (AssertionError, Missing, FormatError, InvalidTag)):
                        reason = f"{type(exc).__name__}: {reason}"
                        traceback.print_exc(file=sys.stderr)
                    print(f"not ok - {name}: {reason}")
                else:
                    passed += 1
                    print(f"ok - {name}")
        finally:
            vault = ctx.values.get("vault")
            if isinstance(vault, Vault):
                vault.close()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
