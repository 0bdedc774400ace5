"""The shared state store: typed, versioned documents in one SQLite file per session, and its change feed.

    from workbench.store import Store, StoreConflict
    store = Store.open(path, author="alice", session="payments-api")

What each module holds:
- ``sqlite_store``: the Store (compare-and-set writes merged by field, reads, listeners, presence, audit export);
- ``schema``: opening the file, its schema versions and their migrations;
- ``feed``: the change feed (audit log), its cursor, the cross-process watcher and the Markdown export;
- ``merge``: the three-way merge of one document by field;
- ``newer``: documents written by a newer release (kept, shown read-only);
- ``presence``: who else has the session open (beside the store file for read-only viewers);
- ``errors``: the store's errors, each with the file and what to do.
"""

from workbench.store.errors import StoreConflict, StoreError, StoreReadOnly
from workbench.store.feed import Change, StoreWatcher
from workbench.store.newer import StoreNewerRelease
from workbench.store.sqlite_store import REPLACED_KIND, Peeked, Store, Stored

__all__ = ["REPLACED_KIND", "Change", "Peeked", "Store", "StoreConflict", "StoreError", "StoreNewerRelease",
           "StoreReadOnly", "StoreWatcher", "Stored"]
