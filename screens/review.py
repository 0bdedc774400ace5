"""The Review pane: the review's title, who is here, and the audit log (the store's change feed), live."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from screens.pane import Pane

FEED_ROWS = 500  # the newest entries; `lmi-workbench history` prints all of them
HIDDEN_KINDS = frozenset({"scan-cache"})  # bookkeeping, not review decisions (still in `history`)


def _when(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%m-%d %H:%M")


def _what(change) -> str:
    """"note", "workload v3", "deleted finding/ab12": what a feed entry was about, briefly."""
    if change.op == "event":
        return change.kind
    doc_id = change.doc_id if len(change.doc_id) <= 16 else change.doc_id[:8] + "…"
    what = change.kind + (f"/{doc_id}" if change.doc_id not in ("", "default") else "")
    if change.op == "delete":
        return f"deleted {what}"
    return f"{what} v{change.version}" if change.version is not None else what


class ReviewPane(Pane):
    PANE_ID = "review"
    TITLE = "Review"
    WATCHES = ()  # every change is an audit log row

    def compose(self) -> ComposeResult:
        yield Static("", classes="pane-title", id="review-title")
        yield Static("", id="review-people")
        table: DataTable[object] = DataTable(id="review-log", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.query_one("#review-log", DataTable)
        table.add_column("#", key="seq")
        table.add_column("When (UTC)", key="when")
        table.add_column("Who", key="who")
        table.add_column("Summary", key="summary")
        table.add_column("Document", key="what")
        self._shown_seq = 0
        super().on_mount()

    def refresh_from_store(self) -> None:
        from workbench.models import ReviewInfo

        info = self.store.get(ReviewInfo)
        title = info.doc.title if info else f"Review session {self.shell.config.session}"
        self.query_one("#review-title", Static).update(title)
        self.refresh_people()
        self._append_changes()

    def refresh_people(self) -> None:
        people = self.shell.present_people()
        line = "Here now: " + ", ".join(people) if people else "Here now: only you"
        self.query_one("#review-people", Static).update(line)

    def _append_changes(self) -> None:
        table = self.query_one("#review-log", DataTable)
        new = self.store.changes(since=self._shown_seq)
        if not new:
            return
        at_top = table.cursor_row == 0
        for change in new[-FEED_ROWS:]:
            if change.kind in HIDDEN_KINDS:
                continue
            what = _what(change)
            table.add_row(str(change.seq), _when(change.at), change.author, change.summary, what,
                          key=str(change.seq))
        self._shown_seq = new[-1].seq
        # newest first: re-sort by sequence, descending
        table.sort("seq", key=lambda seq: -int(seq))
        while table.row_count > FEED_ROWS:
            table.remove_row(table.coordinate_to_cell_key(Coordinate(table.row_count - 1, 0)).row_key)
        if at_top:
            table.move_cursor(row=0)

    def store_changed(self, changes) -> None:
        if any(change.kind == "review" for change in changes):
            self.refresh_from_store()
        else:
            self._append_changes()
