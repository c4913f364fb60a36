// The replies (and a few requests) Rust wrote in tests/contract/ (by `cargo test -p tend
// --test contract`). UI tests build their mocked answers from these, changing only values,
// so a shape that changes on one side fails the other side's tests.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../contract');

/** A fresh copy of `cmd`'s sample reply. */
export function reply(cmd) {
  return JSON.parse(readFileSync(join(dir, `${cmd}.json`), 'utf8'));
}

/** A fresh copy of a request Rust accepted for `cmd`. */
export function request(cmd) {
  return JSON.parse(readFileSync(join(dir, 'requests', `${cmd}.json`), 'utf8'));
}

/** The sample reply as a mock answer, with `over` laid on top (objects only). */
export const ok = (cmd, over) => ({ ok: over === undefined ? reply(cmd) : { ...reply(cmd), ...over } });

/**
 * Fails unless everything the UI sends is something Rust reads: each key of `sent`, at
 * every level, is a key of the request Rust accepted (`sample`), with the same kind of
 * value (a null on either side may stand for anything). Keys the UI leaves out take
 * Rust's defaults; a key Rust does not know (a typo, the other casing) fails here.
 */
export function assertSentShape(sent, sample, path = '$') {
  if (sent === null || sample === null) return;
  if (Array.isArray(sample)) {
    assert.ok(Array.isArray(sent), `${path}: expected a list`);
    if (sample.length) sent.forEach((a, i) => assertSentShape(a, sample[0], `${path}[${i}]`));
    return;
  }
  if (typeof sample === 'object') {
    assert.equal(typeof sent, 'object', `${path}: expected an object`);
    for (const key of Object.keys(sent)) {
      assert.ok(key in sample, `${path}.${key} is not a field Rust reads (it reads ${Object.keys(sample).join(', ')})`);
      assertSentShape(sent[key], sample[key], `${path}.${key}`);
    }
    return;
  }
  assert.equal(typeof sent, typeof sample, `${path}: ${JSON.stringify(sent)} is not a ${typeof sample}`);
}
