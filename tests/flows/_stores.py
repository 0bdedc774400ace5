"""Fixtures of the flows' tests (no Textual): real SQLite stores, two Store objects on one file for the partner
cases (alice and bob). Imported by each test module (not a conftest: tests/flows/conftest.py belongs to the
deploy and cutover flows' tests). The AWS flows use the moto server of tests/aws."""

from __future__ import annotations

import pytest

from workbench.store import Store


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "session.sqlite"


@pytest.fixture
def alice(store_path):
    with Store.open(store_path, author="alice", session="s") as store:
        yield store


@pytest.fixture
def bob(store_path, alice):
    with Store.open(store_path, author="bob", session="s") as store:
        yield store


def file_state(path) -> dict[str, bytes]:
    """The store file and its WAL, byte for byte (what a refused action must leave unchanged)."""
    from pathlib import Path

    out = {}
    for suffix in ("", "-wal"):
        p = Path(f"{path}{suffix}")
        out[suffix] = p.read_bytes() if p.exists() else b""
    return out
