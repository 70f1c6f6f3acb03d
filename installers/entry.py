"""The bundle's entry script: PyInstaller runs it as a top-level script, not as a module.

``ops_console/__main__.py`` uses a relative import, which only works under ``python -m``;
run as a script it died with "attempted relative import with no known parent package".
"""

import multiprocessing
import sys

from ops_console.cli import main

if __name__ == "__main__":
    # the poller's store process is started with "spawn": in a bundle the child is this
    # executable again, which must run the child's code, not the command line
    multiprocessing.freeze_support()
    sys.exit(main())
