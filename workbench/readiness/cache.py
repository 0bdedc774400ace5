"""The scan cache: each file's analysis result by content hash and path, kept in the session's store.

One ``ScanCache`` document per scanned root holds the entries the last scan used (older ones drop out); an entry's
key is ``file_key``. A cache written by another version of the analyzer is ignored. Without a store there is no
cache.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.store import Store


SCAN_CACHE_KIND = "scan-cache"   # workbench.models.findings.ScanCache.KIND (read without importing the models)


def cache_id(root: str) -> str:
    return "root-" + hashlib.sha256(root.encode()).hexdigest()[:32]


def file_key(sha256: str, rel: str, context: str | None = None) -> str:
    """A file's cache key: its content, its path (what a file's analysis says depends on where it is: a test
    folder, the keys of its functions) and, for an analyzer that reads the scan context, the ``context_key`` of
    the file (None for the analyzers that describe a file by itself: they can run before the handlers are found)."""
    where = hashlib.sha256(rel.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{sha256}:{where}" if context is None else f"{sha256}:{where}:{context}"


def context_key(handlers: set[str] | None, runtime: str | None) -> str:
    """The part of the scan context a file's result depends on, as a short digest ("-" when there is none)."""
    if not handlers and not runtime:
        return "-"
    blob = json.dumps([sorted(handlers or ()), runtime or ""])
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


class ScanCacheStore:
    def __init__(self, store: Store | None, root: str, version: str) -> None:
        self._store = store
        self._root = root
        self._version = version
        self._old: dict[str, Any] = {}
        self._new: dict[str, Any] = {}
        self._stored_version: int | None = None
        self.enabled = store is not None
        if store is None:
            return
        from workbench.store import StoreError

        try:
            if not store.exists(SCAN_CACHE_KIND, cache_id(root)):
                return   # never scanned: the models (pydantic, ~0.2 s) are imported when the cache is written
            from workbench.models.findings import ScanCache

            stored = store.get(ScanCache, cache_id(root))
        except StoreError:
            stored = None  # unreadable (another release): rebuilt by this scan
        if stored is not None:
            self._stored_version = stored.version
            if stored.doc.analyzer_version == version and stored.doc.root == root:
                self._old = stored.doc.entries

    @property
    def empty(self) -> bool:
        """Nothing usable is cached for this root (no store, another analyzer version, or never scanned)."""
        return not self._old

    def get(self, key: str) -> Any | None:
        entry = self._new.get(key)
        if entry is None:
            entry = self._old.get(key)
            if entry is not None:
                self._new[key] = entry
        return entry

    def put(self, key: str, entry: Any) -> None:
        self._new[key] = entry

    def flush(self) -> bool:
        """Write the entries this scan used when they differ from what is stored; True when written."""
        if self._store is None or self._new == self._old:
            return False
        from workbench.models.findings import ScanCache
        from workbench.store import StoreError

        doc = ScanCache(id=cache_id(self._root), root=self._root, analyzer_version=self._version, entries=self._new)
        try:
            self._store.overwrite(doc, summary=f"scan cache: {len(self._new)} files under {self._root}")
        except StoreError:
            return False  # read-only viewer or a locked store: the cache is an optimisation only
        self._old = dict(self._new)
        return True
