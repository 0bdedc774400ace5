"""Child processes for the store tests: ``python -m tests.integration._store_child COMMAND ARGS``.

Commands:
  increment PATH AUTHOR COUNT GO_FILE   CAS-increment the counter COUNT times (retry on conflict), then wait up
                                        to 10 s to see a change by another author; prints one JSON line.
  write PATH AUTHOR N                   put N notes, printing "committed <seq>" after each commit.
  count-forever PATH AUTHOR             increment forever, printing "committed <version>" after each commit.
  open-unprivileged PATH OPTIONS_JSON   drop the DAC capabilities (when root), open, report as JSON.
  edit PATH AUTHOR FIELD VALUE_JSON TAKE GO_FILE
                                        read the Settings (the edit's base), print "ready", wait for GO_FILE,
                                        save FIELD = VALUE against that base; on a conflict take TAKE ("mine",
                                        or "none" to give up); prints one JSON line.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
import threading
import time
from pathlib import Path

from tests.integration._store_docs import Counter, Note, Settings
from workbench.store import Store, StoreConflict, StoreError


def increment(path: str, author: str, count: int, go_file: str) -> None:
    store = Store.open(Path(path), author=author)
    saw_other = threading.Event()
    store.subscribe(lambda changes: saw_other.set() if any(c.author != author for c in changes) else None)
    print("ready", flush=True)
    deadline = time.monotonic() + 30
    while not os.path.exists(go_file) and time.monotonic() < deadline:
        time.sleep(0.005)
    conflicts = 0
    done = 0
    while done < count:
        store.poll()
        current = store.get(Counter)
        try:
            if current is None:
                store.put(Counter(n=1), expected_version=None, summary=f"{author} starts")
            else:
                store.put(Counter(n=current.doc.n + 1), expected_version=current.version, summary=f"{author} +1")
            done += 1
        except StoreConflict:
            conflicts += 1
    deadline = time.monotonic() + 60  # a bound: only a failure waits it out (a loaded CI machine is slow)
    while not saw_other.is_set() and time.monotonic() < deadline:
        store.poll()
        saw_other.wait(0.05)
    print(json.dumps({"author": author, "done": done, "conflicts": conflicts, "saw_other": saw_other.is_set()}))
    store.close()


def write(path: str, author: str, n: int) -> None:
    with Store.open(Path(path), author=author) as store:
        for i in range(n):
            store.put(Note(id=f"n{i}", text=f"note {i}"), expected_version=None, summary=f"t={time.time()!r}")
            print(f"committed {store.high_water()}", flush=True)


def count_forever(path: str, author: str) -> None:
    store = Store.open(Path(path), author=author)
    current = store.get(Counter)
    version = current.version if current else None
    n = current.doc.n if current else 0
    print("ready", flush=True)
    while True:
        n += 1
        stored = store.put(Counter(n=n), expected_version=version, summary=f"n={n}")
        version = stored.version
        print(f"committed {version}", flush=True)


def _drop_dac_capabilities() -> None:
    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    libc = ctypes.CDLL(None, use_errno=True)
    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    keep = ~((1 << 1) | (1 << 2)) & 0xFFFFFFFF  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
    for d in data:
        d.effective &= keep
        d.permitted &= keep
        d.inheritable &= keep
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def open_unprivileged(path: str, options: str) -> None:
    opts = json.loads(options)
    if os.geteuid() == 0:
        _drop_dac_capabilities()
    result = {"ok": False, "error": None, "message": "", "wrote": False}
    try:
        store = Store.open(Path(path), author="child", readonly=opts["readonly"])
        result["ok"] = True
        try:
            store.get(Counter)
            store.changes()
            store.poll()
            if opts["write"]:
                store.put(Counter(n=99), expected_version=None)
                result["wrote"] = True
        except StoreError as e:
            result["error"], result["message"] = type(e).__name__, str(e)
        store.close()
    except StoreError as e:
        result["error"], result["message"] = type(e).__name__, str(e)
    print(json.dumps(result))


def edit(path: str, author: str, field: str, value: str, take: str, go_file: str) -> None:
    store = Store.open(Path(path), author=author)
    base = store.get(Settings)
    assert base is not None
    print("ready", flush=True)
    deadline = time.monotonic() + 30
    while not os.path.exists(go_file) and time.monotonic() < deadline:
        time.sleep(0.002)
    result: dict = {"author": author, "base": base.version}
    try:
        stored = store.put(base.doc.model_copy(update={field: json.loads(value)}), expected_version=base.version,
                           summary=f"{author}: {field}")
        result.update(saved=stored.version, conflict=None)
    except StoreConflict as conflict:
        result["conflict"] = [[c.name, c.base, c.theirs, c.mine] for c in conflict.fields]
        result["saved"] = None
        if take == "mine":
            result["saved"] = store.resolve(conflict, "mine", summary=f"{author}: {field}").version
    print(json.dumps(result), flush=True)
    store.close()


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "increment":
        increment(args[0], args[1], int(args[2]), args[3])
    elif command == "write":
        write(args[0], args[1], int(args[2]))
    elif command == "count-forever":
        count_forever(args[0], args[1])
    elif command == "edit":
        edit(*args)
    elif command == "open-unprivileged":
        open_unprivileged(args[0], args[1])
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
