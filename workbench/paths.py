"""Where the workbench keeps things on disk: session stores, user settings, keymaps.

Environment overrides (used by tests and by people who keep their data elsewhere):
``LMI_WORKBENCH_DATA_DIR`` for session stores, ``LMI_WORKBENCH_CONFIG_DIR`` for settings and the keymap.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

APP_NAME = "lmi-workbench"
SESSION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
DEFAULT_SESSION = "default"
DEMO_SESSION = "demo"


class InvalidSessionName(ValueError):
    pass


def data_dir() -> Path:
    override = os.environ.get("LMI_WORKBENCH_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get("LMI_WORKBENCH_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def check_session_name(name: str) -> str:
    if not SESSION_NAME.match(name):
        raise InvalidSessionName(
            f"session name {name!r} is not allowed: use 1-64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return name


def session_store_path(session: str) -> Path:
    """The store file of a named session in the user data directory."""
    return data_dir() / "sessions" / f"{check_session_name(session)}.sqlite"


def settings_path() -> Path:
    return config_dir() / "settings.json"


def keymap_path() -> Path:
    return config_dir() / "keymap.toml"


def short_path(path: Path, width: int = 40) -> str:
    """A path for a status line: home as ``~``, the middle elided when it is too long."""
    text = str(path)
    home = str(Path.home())
    if home not in ("", "/") and text.startswith(home + os.sep):
        text = "~" + text[len(home):]
    if len(text) <= width:
        return text
    keep = max(width - 1, 2)
    head = keep // 3
    tail = keep - head
    return text[:head] + "…" + text[-tail:]
