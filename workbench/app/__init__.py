"""The App shell: the only Textual in ``workbench/``.

- ``shell``: ``WorkbenchApp`` (compose, panes, store notices, presence, palette, themes) and ``run_app``;
- ``aws_jobs``: the one AWS job at a time (Esc cancels) and the AWS actions run through it;
- ``documents``, ``readiness_actions``, ``deploy_actions``: the App's side of user actions (run in a worker, ask
  the dialog, show the result).
"""

from workbench.app.shell import StoreChanged, WorkbenchApp, run_app

__all__ = ["StoreChanged", "WorkbenchApp", "run_app"]
