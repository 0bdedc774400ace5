"""The command line: ``lmi-workbench [COMMAND]``.

- ``commands``: the parser, the subcommand list and ``main`` (no command starts the TUI);
- ``common``: what every command shares (store and workload options, exit codes, messages);
- one module per command: ``cost``, ``deploy``, ``generate``, ``history``, ``monitor``, ``scan``, ``serve``,
  ``triage``.
"""

from workbench.cli.commands import SUBCOMMANDS, build_parser, main, run_tui

__all__ = ["SUBCOMMANDS", "build_parser", "main", "run_tui"]
