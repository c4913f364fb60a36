#!/usr/bin/env python3
"""Writes ui/licenses.html from cargo-about's findings (JSON on stdin).

cargo-about finds each crate's licence and its full text (the crate's own file, with its
copyright line, where it ships one). It cannot leave out procedural macros and what only
they use, which run at compile time and are not in the binary, so scripts/licenses.sh
hands over the crates that are (`bundled`, one name@version a line) and only those are
listed. A bundled crate cargo-about did not report, or one whose licence it could not
settle, stops the run rather than leaving a gap in the notice.

Usage: cargo about generate --format json … | licenses.py BUNDLED OUTPUT
"""
import json
import sys
from html import escape


def main(bundled_path, out_path):
    bundled = {line.strip() for line in open(bundled_path, encoding="utf-8") if line.strip()}
    about = json.load(sys.stdin)

    declared = {}  # name@version -> licence expression
    for entry in about["crates"]:
        package = entry["package"]
        declared[f"{package['name']}@{package['version']}"] = entry["license"]
    missing = sorted(bundled - declared.keys())
    if missing:
        sys.exit(f"cargo-about did not report these bundled crates: {', '.join(missing)}\n"
                 "(are about.toml's targets the ones in scripts/licenses.sh?)")
    unsettled = sorted(k for k in bundled if declared[k] in ("Unknown", "Ignore", ""))
    if unsettled:
        sys.exit(f"no licence settled for: {', '.join(unsettled)} (clarify it in about.toml)")

    # One block per distinct text, listing only the bundled crates it covers.
    texts = []
    for licence in about["licenses"]:
        users = sorted({f"{u['crate']['name']}@{u['crate']['version']}" for u in licence["used_by"]} & bundled,
                       key=crate_order)
        if users:
            texts.append({"id": licence["id"], "name": licence["name"], "text": licence["text"].strip("\n"),
                          "users": users})
    texts.sort(key=lambda t: (t["name"], crate_order(t["users"][0]), t["text"]))
    covered = {}
    for n, t in enumerate(texts, 1):
        t["anchor"] = f"licence-{n}"
        for user in t["users"]:
            covered.setdefault(user, []).append(t)
    uncovered = sorted(bundled - covered.keys(), key=crate_order)
    if uncovered:
        sys.exit(f"no licence text found for: {', '.join(uncovered)}")

    crates = sorted(bundled, key=crate_order)
    out = [HEAD.format(count=len(crates))]
    for key in crates:
        name, version = key.split("@", 1)
        links = " ".join(f'<a href="#{t["anchor"]}">{escape(t["id"])}</a>' for t in covered[key])
        out.append(f'        <li id="crate-{escape(name)}-{escape(version)}" data-crate="{escape(key)}">'
                   f'<span class="crate-name">{escape(name)}</span> {escape(version)} '
                   f'<span class="fine">{escape(declared[key])}</span> · text: {links}</li>\n')
    out.append(MIDDLE)
    for t in texts:
        used_by = ", ".join(escape(u.replace("@", " ")) for u in t["users"])
        out.append(f'      <article class="licence" id="{t["anchor"]}">\n'
                   f'        <h3>{escape(t["name"])}</h3>\n'
                   f'        <p class="fine">Used by {used_by}</p>\n'
                   f'        <pre class="licence-text">{escape(t["text"])}</pre>\n'
                   f'      </article>\n')
    out.append(TAIL)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("".join(out))


def crate_order(key):
    name, _, version = key.partition("@")
    parts = version.replace("+", ".").replace("-", ".").split(".")
    return (name, [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts])


HEAD = """<!doctype html>
<!-- Written by scripts/licenses.sh (cargo-about); do not edit by hand. Plain and static: the
     content security policy allows no inline script or style, and this page needs neither. -->
<html lang="en" data-theme="dark">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="color-scheme" content="dark light">
  <title>Open-source licences · Tend</title>
  <link rel="stylesheet" href="styles.css">
</head>
<body>
  <a class="skip-link" href="#licences">Skip to content</a>
  <header class="topbar">
    <a class="button" href="index.html">Back to Tend</a>
  </header>
  <main id="licences" class="licences" tabindex="-1">
    <section class="screen" aria-labelledby="licences-title">
      <h1 id="licences-title">Open-source licences</h1>
      <p>Tend is free software: you may use, change and share it under the MIT licence or the
        Apache License 2.0, as you choose.</p>
      <p>It is built on the work of others. These {count} open-source Rust crates are part of the
        app on at least one of the platforms it ships for, and their licences ask that the notices
        below travel with it. The source code of each, as built into Tend, is published at
        https://crates.io/crates/NAME/VERSION.</p>
      <h2>Crates</h2>
      <ul class="licence-crates">
"""

MIDDLE = """      </ul>
      <h2>Licence texts</h2>
"""

TAIL = """      <div class="actions">
        <a class="button" href="index.html">Back to Tend</a>
      </div>
    </section>
  </main>
</body>
</html>
"""

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
