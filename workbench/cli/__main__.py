"""``python -m workbench.cli``: the same as the ``lmi-workbench`` command."""

import sys

from workbench.cli.commands import main

if __name__ == "__main__":  # importing this module (e.g. walking the package) must not run the command
    sys.exit(main())
