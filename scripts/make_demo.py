#!/usr/bin/env python3
"""Generate the demo data shipped in resources/demo/; the generator is ops_console/demo/generate/.

Run from anywhere:  python3 scripts/make_demo.py [--out DIR]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ops_console.demo.generate import main

if __name__ == "__main__":
    main()
