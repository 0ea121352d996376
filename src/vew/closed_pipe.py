"""When the reader of vew's output goes away (``lsvirtualenv -l | head -1``).

vew then ends quietly, as a program killed by SIGPIPE would: no traceback, and nothing still
buffered raises a second error when Python flushes it on the way out.
"""

from __future__ import annotations

import os
import sys

# What a shell reports for a program that SIGPIPE ended: 128 + 13.
STATUS = 141


def discard_stdout() -> int:
    """Send whatever is still buffered for the closed pipe nowhere; return :data:`STATUS`."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
        if sys.__stdout__ is not None:
            sys.__stdout__.flush()
    except (OSError, ValueError):
        pass
    return STATUS
