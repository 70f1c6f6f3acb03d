"""``python -m ops_console``: the same as the ``ops-console`` command."""

import sys

from .cli import main

sys.exit(main())
