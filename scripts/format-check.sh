#!/usr/bin/env bash
# Reads the frozen fixture vaults (tests/fixtures/vault-v1, vault-v2, every-kind-v1,
# space-v2 and decomposed-v2: formats 1 and 2, a partner's own space, a passphrase typed
# with a combining accent) with tests/vault_format.py, a
# reader written from docs/VAULT-FORMAT.md alone. Extra arguments (--vault PATH
# [--expected PATH], to check one file instead) pass through.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${TEND_VENV:-$HOME/.cache/tend-venv}"

if [ ! -x "$venv/bin/python" ]; then
  # Debian ships the venv module separately; install it only when it is missing.
  if ! python3 -m venv --help >/dev/null 2>&1; then
    # shellcheck source=scripts/lib.sh
    source scripts/lib.sh
    ensure_packages python3-venv
  fi
  echo "==> creating Python venv at $venv"
  python3 -m venv "$venv"
fi

if ! "$venv/bin/python" -c 'import cryptography, argon2' >/dev/null 2>&1; then
  echo "==> installing cryptography and argon2-cffi into $venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    'cryptography==50.0.2' 'argon2-cffi==25.1.0'
fi

exec "$venv/bin/python" tests/vault_format.py "$@"
