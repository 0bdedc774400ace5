from __future__ import annotations

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
        return WorkbenchApp(cfg, store)

    yield build
    for store in stores:
        store.close()


async def wait_for(pilot, condition, *, attempts: int = 200, step: float = 0.05) -> bool:
    """Let the app run until ``condition()`` holds (bounded; never a timing assertion)."""
    for _ in range(attempts):
        if condition():
            return True
        await pilot.pause(step)
    return condition()
