from __future__ import annotations

import time
from pathlib import Path

import pytest

from workbench.config import AppConfig


@pytest.fixture
def make_app():
    """Build a WorkbenchApp on a store file; closes every store it opened."""
    from workbench.app import WorkbenchApp
    from workbench.store import Store

    stores = []

    def build(path: Path, *, author: str = "alice", readonly: bool = False, demo: bool = False,
              session: str = "payments-api", **config) -> WorkbenchApp:
        store = Store.open(path, author=author, readonly=readonly, session=session)
        stores.append(store)
        if demo:
            from workbench.demo import load_demo

            load_demo(store)
        cfg = AppConfig(session=session, store_path=path, author=author, readonly=readonly, demo=demo,
                        **config)
        return keep_notices(WorkbenchApp(cfg, store))

    yield build
    for store in stores:
        store.close()


WAIT_BOUND_S = 120.0
"""How long ``wait_for`` lets the app run before it gives up. Only a failure ever waits this long; on a loaded
2-core CI machine (``pytest -n 2`` beside other work) a worker, a child process or a pane's first showing has taken
tens of seconds, so the bound is generous."""


async def wait_for(pilot, condition, *, timeout: float = WAIT_BOUND_S, step: float = 0.05,
                   attempts: int = 0) -> bool:
    """Let the app run until ``condition()`` holds, in pauses of ``step`` seconds, for at most ``timeout`` seconds
    (a monotonic bound on a failure, never a timing assertion) and at least ``attempts`` pauses."""
    deadline = time.monotonic() + timeout
    tries = 0
    while not condition():
        if tries >= attempts and time.monotonic() >= deadline:
            return condition()
        await pilot.pause(step)
        tries += 1
    return True


def keep_notices(app):
    """Keep every message the app notifies in ``app.notices_said``, in order. A toast leaves
    ``app._notifications`` when its timeout (5–15 s) runs out, and on a loaded machine the test can look later
    than that; the log keeps what was said. Returns the app."""
    said: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        said.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = recording
    app.notices_said = said
    return app


def notices(app) -> list[str]:
    """Every message the app has notified so far (``keep_notices``), even those whose toast timed out."""
    return list(app.notices_said)


def palette_offers(app, text: str) -> bool:
    """The command palette is open, its search has listed ``text`` first, highlighted, ready for Enter."""
    from textual.command import CommandList, CommandPalette

    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return False
    options = screen.query_one(CommandList)
    return (options.option_count > 0 and options.highlighted == 0
            and text.lower() in str(options.get_option_at_index(0).prompt).lower())


async def run_from_palette(pilot, text: str) -> None:
    """Open the command palette, type ``text`` and press Enter once the search has listed it first (the search
    runs in the background: a fixed pause can end before its results arrive on a loaded machine)."""
    from textual.command import CommandPalette
    from textual.widgets import Input

    app = pilot.app
    await pilot.press("ctrl+p")
    assert await wait_for(pilot, lambda: showing(app, CommandPalette) and isinstance(app.focused, Input))
    await pilot.press(*text)
    assert await wait_for(pilot, lambda: palette_offers(app, text)), f"the palette never offered {text!r}"
    await pilot.press("enter")


def showing(app, screen_type=None) -> bool:
    """A pushed screen (of ``screen_type``, if given) is on top and mounted, its widgets composed: right after
    ``push_screen`` the screen is on the stack but its compose may not have run yet (later on a loaded machine)."""
    screen = app.screen
    return (len(app.screen_stack) > 1 and (screen_type is None or isinstance(screen, screen_type))
            and screen.is_mounted)
