"""Workload files: read one (the workload and, when the file has one, its own LMI configuration), make it the
session's workload, and save the session's workload to a file. One loader for the TUI (``o``, ``--workload``)
and the CLI: a bad file is a message naming the file, and the store is left exactly as it was."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.flows.documents import SaveResult, save_document
from workbench.flows.result import FlowResult, Note, Outcome, readonly_refusal
from workbench.store import StoreError

if TYPE_CHECKING:
    from workbench.models import LmiConfiguration, Workload
    from workbench.store import Store


@dataclass
class WorkloadRead(FlowResult):
    """A workload file as read: ``workload`` and ``configuration`` (the file's own LMI configuration, whose
    given values win over the derived ones; None without one). On INVALID both are None, except with
    ``unsupported_runtime``: the workload was read, but its runtime cannot run on LMI (no configuration)."""

    path: Path | None = None
    workload: "Workload | None" = None
    configuration: "LmiConfiguration | None" = None
    unsupported_runtime: bool = False


def read_workload_file(path: Path) -> WorkloadRead:
    """Read a YAML, JSON or TOML workload file. Never raises for what the file holds."""
    from workbench.starting_config import GivenConfigurationError, UnsupportedRuntime, configuration_for
    from workbench.workload_files import WorkloadFileError, load_workload_and_configuration

    path = Path(path)
    try:
        workload, table = load_workload_and_configuration(path)
    except WorkloadFileError as exc:
        return WorkloadRead(Outcome.INVALID, [Note(str(exc), "error")], path=path)
    if table is None:
        return WorkloadRead(Outcome.DONE, path=path, workload=workload)
    try:
        configuration = configuration_for(workload, table, origin=path.name)
    except GivenConfigurationError as exc:
        return WorkloadRead(Outcome.INVALID, [Note(f"{path}: {exc}", "error")], path=path)
    except UnsupportedRuntime as exc:
        return WorkloadRead(Outcome.INVALID, [Note(str(exc), "error")], path=path, workload=workload,
                            unsupported_runtime=True)
    return WorkloadRead(Outcome.DONE, path=path, workload=workload, configuration=configuration)


def record_workload(store: "Store", read: WorkloadRead) -> SaveResult:
    """Make a read file's workload (and its configuration, when it has one) the session's, each with a
    compare-and-set write; UNCHANGED when they already were. A partner's change meanwhile is merged by field
    or is a CONFLICT (nothing of theirs replaced); the configuration is saved first, and on a conflict there
    the workload is not loaded."""
    from workbench.models import LmiConfiguration, Workload

    if not read.ok or read.workload is None or read.path is None:
        return SaveResult(read.outcome if not read.ok else Outcome.INVALID, list(read.notes))
    if store.readonly:
        refused = readonly_refusal()
        return SaveResult(refused.outcome, refused.notes)
    name = read.path.name
    changed = False
    try:
        stored_config = store.get(LmiConfiguration, "default")
        current = store.get(Workload, "default")
    except StoreError as exc:  # a newer release's document, a locked file: said, nothing written
        return SaveResult(Outcome.FAILED, [Note(str(exc), "error")])
    if read.configuration is not None:
        config = read.configuration.model_copy(update={"id": "default", "workload_id": "default"})
        if stored_config is None or stored_config.doc.model_dump(exclude={"created_at"}) != config.model_dump(
                exclude={"created_at"}):
            saved = save_document(store, config, expected_version=stored_config.version if stored_config else None,
                                  summary=f"intake: configuration loaded from {name}", what="The LMI configuration")
            if not saved.ok:
                return saved
            changed = True
    doc = read.workload.model_copy(update={"id": "default"})
    if current is not None and current.doc == doc:
        if changed:
            return SaveResult(Outcome.DONE, [Note(f"Loaded {read.path}")], stored=current, doc=doc)
        return SaveResult(Outcome.UNCHANGED, [Note(f"{read.path} is the session's workload already; nothing "
                                                   "changed.")], stored=current, doc=doc)
    result = save_document(store, doc, expected_version=current.version if current else None,
                           summary=f"intake: workload {doc.function_name} loaded from {name}", what="The workload")
    if result.ok:
        result.notes.insert(0, Note(f"Loaded {read.path}"))
    return result


def load_workload_file(store: "Store", path: Path) -> SaveResult:
    """Read a workload file and make it the session's workload (``read_workload_file`` + ``record_workload``)."""
    if store.readonly:
        refused = readonly_refusal()
        return SaveResult(refused.outcome, refused.notes)
    read = read_workload_file(path)
    if not read.ok:
        return SaveResult(read.outcome, list(read.notes))
    return record_workload(store, read)


def replace_question(path: Path) -> tuple[str, str] | None:
    """The question to ask before writing ``path`` (question, detail), or None when nothing would be replaced."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        return f"Replace {path}?", "A file of that name already exists."
    return None


def save_workload_file(path: Path, workload: "Workload", *, confirmed: bool) -> FlowResult:
    """Write ``workload`` to ``path`` (format by extension). An existing file is replaced only when
    ``confirmed``; otherwise it is left as it was (DECLINED)."""
    from workbench.workload_files import WorkloadFileError, WorkloadFileExists, save_workload

    path = Path(path)
    try:
        save_workload(path, workload, overwrite=confirmed)
    except WorkloadFileExists:
        return FlowResult(Outcome.DECLINED, [Note(f"Not saved: {path} was left as it was.")])
    except WorkloadFileError as exc:
        return FlowResult(Outcome.INVALID, [Note(f"Could not save {path}: {exc}", "error")])
    except OSError as exc:
        return FlowResult(Outcome.FAILED, [Note(f"Could not save {path}: {exc.strerror or exc}", "error")])
    return FlowResult(Outcome.DONE, [Note(f"Saved the workload to {path}")])
