"""What a pane asks the App to do: messages up (Textual's guide: "attributes down, messages up").

A pane (or a dialog over it) posts one of these; it bubbles to the App, whose handler (``on_<name>`` in the App
shell's mixins) runs the user action through ``workbench.flows`` (in a worker when slow, after a confirmation
dialog when one is needed) and shows the result. Panes never run a user action themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from textual.message import Message


class Request(Message):
    """A user action a pane asks for."""


# --- intake ---------------------------------------------------------------------------------------------------


class LoadFileRequested(Request):
    """Make the workload file at ``path`` the session's workload."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class SaveFileRequested(Request):
    """Write ``workload`` to the file at ``path`` (asking before replacing one)."""

    def __init__(self, path: Path, workload: Any) -> None:
        super().__init__()
        self.path = path
        self.workload = workload


# --- AWS ------------------------------------------------------------------------------------------------------


class ListFunctionsRequested(Request):
    def __init__(self, profile: str | None, region: str | None, name_filter: str = "") -> None:
        super().__init__()
        self.profile = profile
        self.region = region
        self.name_filter = name_filter


class ImportRequested(Request):
    def __init__(self, function: str, region: str | None) -> None:
        super().__init__()
        self.function = function
        self.region = region


class TriageRequested(Request):
    def __init__(self, regions: list[str]) -> None:
        super().__init__()
        self.regions = regions


class CancelAwsRequested(Request):
    """Cancel the running AWS job after its current call."""


# --- findings -------------------------------------------------------------------------------------------------


class ScanRequested(Request):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class PatchRequested(Request):
    def __init__(self, root: Path | None, finding: Any) -> None:
        super().__init__()
        self.root = root
        self.finding = finding


class PatchBuildRequested(Request):
    """Build the patch the scan left to be built on demand for ``finding`` (in a worker: a parse of the file);
    ``on_built(finding, result)`` is called on the UI thread with the finding as built (None when it could
    not be) and the flow's result. With a writable store the built finding also lands in the store."""

    def __init__(self, root: Path | None, finding: Any, on_built: Callable[[Any, Any], None]) -> None:
        super().__init__()
        self.root = root
        self.finding = finding
        self.on_built = on_built


class UndoRequested(Request):
    """Undo the patch of ``finding`` (or the session's latest patch), after asking."""

    def __init__(self, finding: Any) -> None:
        super().__init__()
        self.finding = finding


class DecisionRequested(Request):
    """Record ``decision`` on ``finding``; ``expected_version``: the decision the user saw (None: none)."""

    def __init__(self, finding: Any, decision: str, note: str, expected_version: int | None) -> None:
        super().__init__()
        self.finding = finding
        self.decision = decision
        self.note = note
        self.expected_version = expected_version


class WithdrawRequested(Request):
    def __init__(self, finding: Any) -> None:
        super().__init__()
        self.finding = finding


class EditorRequested(Request):
    def __init__(self, editor: str, root: Path, rel: str, line: int) -> None:
        super().__init__()
        self.editor = editor
        self.root = root
        self.rel = rel
        self.line = line


# --- cost and exports -----------------------------------------------------------------------------------------


class PricesRequested(Request):
    def __init__(self, region: str | None) -> None:
        super().__init__()
        self.region = region


class ExportRequested(Request):
    """Write ``render(format)`` to ``path``, the format from its extension (``formats``)."""

    def __init__(self, path: Path, render: Callable[[str], str], formats: Mapping[str, str]) -> None:
        super().__init__()
        self.path = path
        self.render = render
        self.formats = dict(formats)
