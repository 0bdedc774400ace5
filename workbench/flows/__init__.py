"""User actions without a screen: one typed function per user intent, used by the TUI and the CLI alike.

Each flow takes what it needs (the Store, a path, a document, an AWS session), does the work, and returns a result
object (``workbench.flows.result``) that says what happened and what to tell the user. A flow never raises into the
caller for anything the user can cause or fix (a bad file, a partner's change, a read-only session, an AWS or
disk problem): that is an outcome with a message, and nothing the user had is lost. A confirmation is a
parameter (``confirmed``), never a dialog; the caller asks (the TUI with a dialog, the CLI with a flag).

No Textual, rich or screens here (import-linter contract ``domain-without-ui``); AWS only through
``workbench.aws``.

    documents   save a shared document (compare-and-set + field merge), resolve a conflict
    workload    load / save a workload file
    readiness   scan, apply / undo a patch, decide on a finding
    aws         list / import functions, triage a fleet, refresh prices
    exports     write an export (cost report, cutover report), the history as text or Markdown
"""

from workbench.flows.result import FlowResult, Note, Outcome

__all__ = ["FlowResult", "Note", "Outcome"]
