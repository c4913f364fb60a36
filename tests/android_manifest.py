#!/usr/bin/env python3
"""Checks the hardening of the committed Android project (gen/android) and where Tend asks
for permission to notify.

No Android SDK, NDK or Gradle can be had on the machines that run the tests, so nothing
here builds or merges anything: it reads the committed files as Gradle would be handed
them, and the Android manifests of the Rust crates whose Android libraries Gradle would
merge in (found through `cargo metadata`, offline).

  - backups: `android:allowBackup="false"` and `android:fullBackupContent="false"` (up to
    Android 11), and `android:dataExtractionRules` naming rules that exclude every domain
    from both cloud backup and device-to-device transfer (Android 12 and later);
  - no screenshots: MainActivity's onCreate sets FLAG_SECURE before anything is drawn;
  - no network: no INTERNET in the app's manifest (a debug build's own manifest may add
    it, for `tauri android dev`), cleartext traffic off outside debug builds, and the
    permissions declared are exactly the lists below;
  - notifications: the permission is requested in one place only, notify.rs's mobile
    `schedule`, which runs when a session's follow-ups are scheduled; the window's
    capability lets the page ask for nothing of the notification plugin;
  - git: the project files are committed, Gradle's outputs and the machine-specific files
    the Tauri CLI writes are not.

Prints "ok - name" or "not ok - name: reason" per check, then "N passed, M failed"; exits
1 if any check failed. Standard library only (Python 3.11).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANDROID = ROOT / "gen/android"
APP_SRC = ANDROID / "app/src"
MANIFEST = APP_SRC / "main/AndroidManifest.xml"
DEBUG_MANIFEST = APP_SRC / "debug/AndroidManifest.xml"
RULES = APP_SRC / "main/res/xml/data_extraction_rules.xml"
ACTIVITY = APP_SRC / "main/java/org/tendcare/companion/MainActivity.kt"
GRADLE_APP = ANDROID / "app/build.gradle.kts"
NOTIFY = ROOT / "src-tauri/src/notify.rs"
SCANNING = ROOT / "ui/js/views/exchange.js"
CAPABILITIES = ROOT / "src-tauri/capabilities"

# The permissions Tend's own manifest declares. Today none: everything Tend needs comes
# from the libraries below. A feature that needs one (a later CAMERA, say) adds it here,
# in the same change as the manifest, with the reason beside it.
APP_PERMISSIONS: frozenset[str] = frozenset()

# Only in src/debug/AndroidManifest.xml, merged into debug builds alone: `tauri android
# dev` serves ui/ from the computer, and the WebView needs the network to reach it.
DEBUG_ONLY_PERMISSIONS = frozenset({"android.permission.INTERNET"})

# What the Android libraries of Tend's Rust dependencies add when Gradle merges the
# manifests (tauri-plugin-notification: posting on Android 13+, putting scheduled
# check-ins back after a restart, waking for them). A new one fails this test until it is
# looked at and added here.
LIBRARY_PERMISSIONS = frozenset(
    {
        "android.permission.POST_NOTIFICATIONS",
        "android.permission.RECEIVE_BOOT_COMPLETED",
        "android.permission.WAKE_LOCK",
        # tauri-plugin-barcode-scanner: scanning a shared profile's QR code. Asked for only
        # when the person chooses to scan (check_camera_asked_only_when_scanning).
        "android.permission.CAMERA",
    }
)

# What the app's manifest takes out of the libraries' (tools:node="remove"): the scanner
# plugin's VIBRATE, never used, and the network, which the scanner's ML Kit libraries are
# reported to add. Exactly these; a removal of anything else would hide a change here.
REMOVED = frozenset(
    {
        "android.permission.VIBRATE",
        "android.permission.INTERNET",
        "android.permission.ACCESS_NETWORK_STATE",
    }
)

NEVER = frozenset({"android.permission.INTERNET", "android.permission.ACCESS_NETWORK_STATE"})

# Every domain Android's backup rules know (android.app.backup.FullBackup): credential-
# and device-protected storage, and the app's external files.
BACKUP_DOMAINS = frozenset(
    {
        "root",
        "file",
        "database",
        "sharedpref",
        "external",
        "device_root",
        "device_file",
        "device_database",
        "device_sharedpref",
    }
)

A = "{http://schemas.android.com/apk/res/android}"


class Failed(Exception):
    pass


def expect(condition: bool, reason: str) -> None:
    if not condition:
        raise Failed(reason)


def parse(path: Path) -> ET.Element:
    expect(path.is_file(), f"{path.relative_to(ROOT)} is missing")
    return ET.parse(path).getroot()


def application() -> ET.Element:
    app = parse(MANIFEST).find("application")
    expect(app is not None, "the manifest has no <application>")
    return app


T = "{http://schemas.android.com/tools}"
PERMISSION_TAGS = ("uses-permission", "uses-permission-sdk-23", "uses-permission-sdk-m")


def permissions(manifest: ET.Element) -> set[str]:
    """What a manifest asks for (not what it takes out of the libraries' manifests)."""
    return {
        el.get(A + "name", "")
        for tag in PERMISSION_TAGS
        for el in manifest.iter(tag)
        if el.get(T + "node") != "remove"
    }


def removed(manifest: ET.Element) -> set[str]:
    """What a manifest takes out of the lower-priority (library) manifests merged into it."""
    return {
        el.get(A + "name", "")
        for tag in PERMISSION_TAGS
        for el in manifest.iter(tag)
        if el.get(T + "node") == "remove"
    }


def block(text: str, opening: re.Pattern[str] | str, what: str) -> str:
    """The text between the braces that follow the first match of `opening`."""
    match = re.search(opening, text)
    expect(match is not None, f"{what} not found")
    start = text.index("{", match.start())
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i]
    raise Failed(f"{what}: unbalanced braces")


def without_comments(code: str) -> str:
    """Kotlin, Rust or JS source with its comments blanked (string contents are kept)."""
    code = re.sub(r"/\*.*?\*/", " ", code, flags=re.S)
    return re.sub(r"//[^\n]*", "", code)


# --- backups -----------------------------------------------------------------------------


def check_allow_backup_false() -> None:
    value = application().get(A + "allowBackup")
    expect(value == "false", f'android:allowBackup is {value!r}, not "false"')


def check_full_backup_content_false() -> None:
    value = application().get(A + "fullBackupContent")
    expect(value == "false", f'android:fullBackupContent is {value!r}, not "false" (Android 11 and older)')


def check_data_extraction_rules_named() -> None:
    value = application().get(A + "dataExtractionRules")
    expect(value == "@xml/data_extraction_rules", f"android:dataExtractionRules is {value!r}")
    expect(RULES.is_file(), f"{RULES.relative_to(ROOT)} is missing")


def rules_section(name: str) -> ET.Element:
    rules = parse(RULES)
    expect(rules.tag == "data-extraction-rules", f"the rules' root is <{rules.tag}>")
    sections = rules.findall(name)
    expect(len(sections) == 1, f"{len(sections)} <{name}> sections, not one")
    return sections[0]


def excludes_everything(name: str) -> None:
    section = rules_section(name)
    includes = section.findall("include")
    expect(not includes, f"<{name}> includes {[i.get('domain') for i in includes]}")
    others = {child.tag for child in section} - {"exclude"}
    expect(not others, f"<{name}> has {sorted(others)}")
    whole = {
        ex.get("domain")
        for ex in section.findall("exclude")
        if ex.get("path") in (None, "", ".")
    }
    missing = BACKUP_DOMAINS - whole
    expect(not missing, f"<{name}> leaves whole domains in: {sorted(missing)}")


def check_cloud_backup_excludes_everything() -> None:
    excludes_everything("cloud-backup")


def check_device_transfer_excludes_everything() -> None:
    excludes_everything("device-transfer")


# --- the screen --------------------------------------------------------------------------


def check_flag_secure_in_on_create() -> None:
    expect(ACTIVITY.is_file(), f"{ACTIVITY.relative_to(ROOT)} is missing")
    code = without_comments(ACTIVITY.read_text())
    body = block(code, r"override\s+fun\s+onCreate\s*\(", "MainActivity.onCreate")
    secure = re.search(
        r"window\s*\.\s*(?:setFlags|addFlags)\s*\([^)]*"
        r"WindowManager\s*\.\s*LayoutParams\s*\.\s*FLAG_SECURE\b[^)]*\)",
        body,
    )
    expect(secure is not None, "onCreate does not set WindowManager.LayoutParams.FLAG_SECURE")
    first_draw = re.search(r"super\s*\.\s*onCreate\s*\(", body)
    expect(first_draw is not None, "onCreate does not call super.onCreate")
    expect(secure.start() < first_draw.start(), "FLAG_SECURE is set after super.onCreate (the first frame would be unprotected)")


def check_flag_secure_never_cleared() -> None:
    for source in sorted(APP_SRC.rglob("*.kt")) + sorted(APP_SRC.rglob("*.java")):
        code = without_comments(source.read_text())
        cleared = re.search(r"clearFlags\s*\([^)]*FLAG_SECURE", code)
        expect(cleared is None, f"{source.relative_to(ROOT)} clears FLAG_SECURE")


def check_main_activity_is_the_only_activity() -> None:
    activities = [a.get(A + "name") for a in application().iter("activity")]
    expect(activities == [".MainActivity"], f"activities declared: {activities}")


# --- the network and permissions ---------------------------------------------------------


def check_app_permissions_exactly_allowed() -> None:
    declared = permissions(parse(MANIFEST))
    expect(declared == set(APP_PERMISSIONS), f"declared {sorted(declared)}, allowed {sorted(APP_PERMISSIONS)}")


def check_no_internet_outside_debug() -> None:
    manifests = sorted(APP_SRC.glob("*/AndroidManifest.xml"))
    names = {m.parent.name for m in manifests}
    expect(names <= {"main", "debug"}, f"manifests in source sets {sorted(names - {'main', 'debug'})} (release builds would merge them)")
    expect(not (permissions(parse(MANIFEST)) & NEVER), "the main manifest asks for the network")
    if DEBUG_MANIFEST.is_file():
        extra = permissions(parse(DEBUG_MANIFEST))
        expect(extra <= set(DEBUG_ONLY_PERMISSIONS), f"the debug manifest adds {sorted(extra - DEBUG_ONLY_PERMISSIONS)}")
        application_attrs = parse(DEBUG_MANIFEST).find("application")
        expect(application_attrs is None, "the debug manifest changes <application> (backups or cleartext?)")


def check_cleartext_off_outside_debug() -> None:
    value = application().get(A + "usesCleartextTraffic")
    if value == "false":
        return
    expect(value == "${usesCleartextTraffic}", f"android:usesCleartextTraffic is {value!r}")
    gradle = without_comments(GRADLE_APP.read_text())
    setting = r'manifestPlaceholders\s*\[\s*"usesCleartextTraffic"\s*\]\s*=\s*"(\w+)"'
    default = re.findall(setting, block(gradle, r"defaultConfig\s*\{", "defaultConfig"))
    expect(default == ["false"], f"defaultConfig sets usesCleartextTraffic to {default}")
    debug = block(gradle, r'getByName\s*\(\s*"debug"\s*\)\s*\{', 'buildTypes "debug"')
    anywhere = re.findall(setting, gradle)
    in_debug = re.findall(setting, debug)
    expect(
        anywhere.count("true") == in_debug.count("true"),
        "cleartext traffic is switched on outside the debug build type",
    )


def check_library_permissions_known() -> None:
    out = subprocess.run(
        [
            "cargo", "metadata", "--format-version", "1", "--offline",
            "--filter-platform", "aarch64-linux-android",
            "--manifest-path", str(ROOT / "Cargo.toml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    expect(out.returncode == 0, f"cargo metadata failed: {out.stderr.strip()[-300:]}")
    meta = json.loads(out.stdout)
    used = {node["id"] for node in meta["resolve"]["nodes"]}
    merged: dict[str, set[str]] = {}
    for package in meta["packages"]:
        if package["id"] not in used:
            continue
        folder = Path(package["manifest_path"]).parent
        for rel in ("android/src/main/AndroidManifest.xml", "mobile/android/src/main/AndroidManifest.xml"):
            if (folder / rel).is_file():
                merged[f"{package['name']} {package['version']}"] = permissions(ET.parse(folder / rel).getroot())
    expect(any(name.startswith("tauri-plugin-notification ") for name in merged), f"no notification plugin manifest among {sorted(merged)}")
    expect(any(name.startswith("tauri-plugin-barcode-scanner ") for name in merged), f"no barcode-scanner plugin manifest among {sorted(merged)}")
    taken_out = removed(parse(MANIFEST))
    expect(taken_out == REMOVED, f"the app's manifest removes {sorted(taken_out)}, expected {sorted(REMOVED)}")
    for name, declared in sorted(merged.items()):
        declared -= taken_out
        expect(not (declared & NEVER), f"{name} asks for {sorted(declared & NEVER)}")
        unknown = declared - LIBRARY_PERMISSIONS
        expect(not unknown, f"{name} adds {sorted(unknown)}; look at why, then list it in LIBRARY_PERMISSIONS")
    added = sorted(set().union(*merged.values()))
    print(f"# a release build's merged manifest would ask for: {', '.join(added) or 'nothing'}")


# --- notifications -----------------------------------------------------------------------

ASKING = re.compile(r"request_?permissions?|requestPermissions?|isPermissionGranted|is_permission_granted", re.I)


def check_notification_permission_asked_only_when_scheduling() -> None:
    sources = sorted((ROOT / "src-tauri/src").rglob("*.rs")) + sorted((ROOT / "ui").rglob("*.js")) + sorted((ROOT / "ui").rglob("*.html"))
    asking = [p for p in sources if ASKING.search(without_comments(p.read_text()))]
    expect(asking == [NOTIFY, SCANNING], f"files that ask for a permission: {[str(p.relative_to(ROOT)) for p in asking]}")
    for line in without_comments(SCANNING.read_text()).splitlines():
        expect(not ASKING.search(line) or "'barcode-scanner'" in line, f"exchange.js asks for something other than the camera: {line.strip()}")
    code = without_comments(NOTIFY.read_text())
    mobile = re.search(r"#\[cfg\(mobile\)\]\s*pub\s+fn\s+schedule\s*<", code)
    expect(mobile is not None, "notify.rs has no #[cfg(mobile)] pub fn schedule")
    body = block(code[mobile.start() :], r"fn\s+schedule", "notify::schedule")
    outside = code.replace(body, "")
    expect(not ASKING.search(outside), "notify.rs asks outside the mobile schedule function")
    expect("request_permission" in body, "the mobile schedule function never asks")
    # Asked only while undecided, and only when there is something to schedule.
    ask = body.index("request_permission")
    expect(re.search(r"PermissionState::Prompt\b", body[:ask]) is not None, "the request is not guarded by the permission still being undecided")
    expect(re.search(r"is_empty\(\)", body[:ask]) is not None, "the request is not skipped when nothing is due")


def check_schedule_called_from_commands_only() -> None:
    callers = []
    for path in sorted((ROOT / "src-tauri/src").rglob("*.rs")):
        if path == NOTIFY:
            continue
        if re.search(r"notify::schedule\s*\(", without_comments(path.read_text())):
            callers.append(path.relative_to(ROOT).as_posix())
    expect(callers, "nothing calls notify::schedule")
    at_start = [c for c in callers if not c.startswith("src-tauri/src/commands/")]
    expect(not at_start, f"notify::schedule is called outside the commands (at start-up?): {at_start}")


def check_camera_asked_only_when_scanning() -> None:
    """The camera is asked for inside the scan the person started, never on opening a screen."""
    code = without_comments(SCANNING.read_text())
    scanner = block(code, r"function\s+scanner\s*\(\s*\)", "exchange.js scanner()")
    expect(ASKING.search(code.replace(scanner, "")) is None, "exchange.js asks for the camera outside scanner()")
    # scanner() hands back the scan as a function: asking happens when that is called.
    scan = scanner[scanner.index("return async () =>") :]
    expect("requestPermissions('barcode-scanner')" in scan, "the camera is not asked for inside the scan")
    checked = scan.find("checkPermissions('barcode-scanner')")
    expect(0 <= checked < scan.index("requestPermissions"), "the camera is asked for without checking first")
    expect(re.search(r"on:\s*\{\s*click:[^}]*scan\(\)", code) is not None, "the scan does not start from a tap")
    caps = [json.loads(p.read_text()) for p in sorted(CAPABILITIES.glob("*.json"))]
    scanning = [c for c in caps if any(str(x).startswith("barcode-scanner:") for x in c.get("permissions", []))]
    expect(len(scanning) == 1, f"capabilities granting the scanner: {len(scanning)}")
    expect(set(scanning[0].get("platforms", [])) == {"android", "iOS"}, "the scanner's capability is not for phones only")
    granted = set(scanning[0]["permissions"])
    expect("barcode-scanner:allow-vibrate" not in granted and "barcode-scanner:default" not in granted,
           f"the scanner's capability grants more than scanning: {sorted(granted)}")


def check_page_cannot_ask() -> None:
    granted = []
    for path in sorted(CAPABILITIES.glob("*.json")):
        for permission in json.loads(path.read_text()).get("permissions", []):
            name = permission if isinstance(permission, str) else permission.get("identifier", "")
            if name.startswith("notification:"):
                granted.append(f"{path.name}: {name}")
    expect(not granted, f"the window may call the notification plugin: {granted}")


# --- what git keeps ----------------------------------------------------------------------

COMMITTED = [MANIFEST, DEBUG_MANIFEST, RULES, ACTIVITY, GRADLE_APP, ANDROID / "settings.gradle", ANDROID / "gradle/wrapper/gradle-wrapper.jar"]
NOT_COMMITTED = [
    "gen/schemas/capabilities.json",
    "gen/android/tauri.settings.gradle",
    "gen/android/local.properties",
    "gen/android/.tauri/tauri-api/build.gradle.kts",
    "gen/android/app/tauri.build.gradle.kts",
    "gen/android/app/tauri.properties",
    "gen/android/app/build/outputs/apk/release/app-release.apk",
    "gen/android/.gradle/config.properties",
    "gen/android/app/src/main/jniLibs/arm64-v8a/libtend_lib.so",
    "gen/android/app/src/main/assets/tauri.conf.json",
]


def ignored(paths: list[str]) -> set[str]:
    out = subprocess.run(
        ["git", "-C", str(ROOT), "check-ignore", "--no-index", "--stdin"],
        input="\n".join(paths) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    expect(out.returncode in (0, 1), f"git check-ignore failed: {out.stderr.strip()}")
    return set(out.stdout.split())


def check_project_committed_outputs_ignored() -> None:
    wanted = [p.relative_to(ROOT).as_posix() for p in COMMITTED]
    wrongly_ignored = ignored(wanted) & set(wanted)
    expect(not wrongly_ignored, f"ignored by git, so never committed: {sorted(wrongly_ignored)}")
    kept_out = ignored(NOT_COMMITTED)
    expect(kept_out == set(NOT_COMMITTED), f"not ignored: {sorted(set(NOT_COMMITTED) - kept_out)}")


CHECKS = [
    check_allow_backup_false,
    check_full_backup_content_false,
    check_data_extraction_rules_named,
    check_cloud_backup_excludes_everything,
    check_device_transfer_excludes_everything,
    check_flag_secure_in_on_create,
    check_flag_secure_never_cleared,
    check_main_activity_is_the_only_activity,
    check_app_permissions_exactly_allowed,
    check_no_internet_outside_debug,
    check_cleartext_off_outside_debug,
    check_library_permissions_known,
    check_notification_permission_asked_only_when_scheduling,
    check_camera_asked_only_when_scanning,
    check_schedule_called_from_commands_only,
    check_page_cannot_ask,
    check_project_committed_outputs_ignored,
]


def main() -> int:
    passed = failed = 0
    for check in CHECKS:
        name = check.__name__.removeprefix("check_").replace("_", " ")
        try:
            check()
        except Failed as e:
            failed += 1
            print(f"not ok - {name}: {e}")
        except Exception:  # a crash in a check is a failure, with its trace
            failed += 1
            print(f"not ok - {name}: crashed")
            traceback.print_exc(file=sys.stdout)
        else:
            passed += 1
            print(f"ok - {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
