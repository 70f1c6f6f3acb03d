"""``python -m ops_console.demo.generate [--out DIR]``."""

from . import main

main()
