#!/usr/bin/env python3
"""conform's CPython adapter: runs the suite's scenarios on CPython's own threading, queue, socket,
select and selectors.

Speaks the adapter protocol (docs/adapter-protocol.md) on stdin/stdout; uses only the standard
library. Start it as `python3 adapters/python/driver.py` (or `npx conform run --impl python`).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conform_driver.main import main  # noqa: E402

if __name__ == "__main__":
    main()
