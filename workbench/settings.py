"""Per-user settings (the theme) and the user's keymap file.

Both live in the user config directory. A broken file never stops the workbench: it is reported, left in place,
and the defaults are used. Settings are written atomically (write aside, then rename).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from workbench.files import write_atomically
from workbench.keys import COMMANDS
from workbench.paths import settings_path

_KNOWN_IDS = {entry.id for entry in COMMANDS}


@dataclass
class Settings:
    theme: str | None = None
    problems: list[str] = field(default_factory=list)


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        return Settings(problems=[f"could not read settings {path}: {exc.strerror}; using defaults"])
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("the top level is not an object")
    except ValueError as exc:
        return Settings(problems=[f"settings file {path} is not valid JSON ({exc}); using defaults"])
    theme = data.get("theme")
    return Settings(theme=theme if isinstance(theme, str) else None)


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write the settings; returns a problem description instead of raising."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        existing: dict = {}
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                existing = loaded
        except (OSError, ValueError):
            existing = {}
        existing["theme"] = settings.theme
        write_atomically(path, json.dumps(existing, indent=2) + "\n")
    except OSError as exc:
        return f"could not save settings to {path}: {exc.strerror}"
    return None


@dataclass
class Keymap:
    bindings: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_keymap(path: Path) -> Keymap:
    """Read a keymap file: a TOML table ``[keys]`` of binding id -> keys, e.g. ``"pane.cost" = "f2"``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Keymap()
    except OSError as exc:
        return Keymap(problems=[f"could not read keymap {path}: {exc.strerror}"])
    import tomllib  # only when there is a keymap file: most starts have none

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Keymap(problems=[f"keymap {path} is not valid TOML: {exc}"])
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return Keymap(problems=[f"keymap {path}: [keys] must be a table of binding id = \"keys\""])
    keymap = Keymap()
    for binding_id, keys in table.items():
        if binding_id not in _KNOWN_IDS:
            keymap.problems.append(f"keymap {path}: unknown binding id {binding_id!r} (see the help screen)")
        elif not isinstance(keys, str) or not keys.strip():
            keymap.problems.append(f"keymap {path}: {binding_id} must be a non-empty string of keys")
        else:
            keymap.bindings[binding_id] = keys.strip()
    return keymap
