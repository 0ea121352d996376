"""The optional log of what the core did: ``VIRTUALENVWRAPPER_LOG_FILE`` (or ``log_file``).

Off unless a log file is set. Only then is the standard logging module imported: it costs a
few milliseconds that every other call would pay for nothing, while :func:`event` with logging
off is one attribute check.
"""

from __future__ import annotations

import io
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import logging
    from pathlib import Path
    from typing import TextIO

LOGGER = "vew"


class _State:
    logger: logging.Logger | None = None
    handler: logging.Handler | None = None
    stderr: _Stderr | None = None
    # Other loggers (plugins') whose records go to the log too.
    included: list[str] = []  # noqa: RUF012


class _Stderr(io.TextIOBase):
    """sys.stderr that also logs each line: the diagnostics every command prints, logged."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.pending = ""
        self.logging = False

    def write(self, text: str) -> int:
        written = self.stream.write(text)
        if self.logging:
            # The log itself failed and logging reports it here: do not log that again.
            return written
        *lines, self.pending = (self.pending + text).split("\n")
        self.logging = True
        try:
            for line in lines:
                event("stderr: %s", line)
        finally:
            self.logging = False
        return written

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def finish(self) -> TextIO:
        if self.pending:
            event("stderr: %s", self.pending)
        return self.stream


def start(path: Path) -> None:
    """Append every :func:`event` to ``path`` until :func:`stop`; a warning if it cannot."""
    import logging

    class Handler(logging.FileHandler):
        def handleError(self, record: logging.LogRecord) -> None:
            # A log that fails later (a full disk) is one warning, never a traceback.
            _State.logger = None
            print(f"WARNING: cannot write the log file {path}; not logging", file=sys.stderr)

    stop()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = Handler(path, encoding="utf-8", errors="backslashreplace")
    except OSError as error:
        print(f"WARNING: cannot write the log file {path}: {error.strerror}; not logging",
              file=sys.stderr)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s [%(process)d] %(message)s"))
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    _State.logger, _State.handler = logger, handler
    _State.stderr = _Stderr(sys.stderr)
    sys.stderr = _State.stderr


def stop() -> None:
    if _State.stderr is not None:
        sys.stderr = _State.stderr.finish()
        _State.stderr = None
    if _State.handler is not None:
        logging_ = sys.modules["logging"]
        for name in [LOGGER, *_State.included]:
            logging_.getLogger(name).removeHandler(_State.handler)
        _State.included = []
        try:  # noqa: SIM105 (contextlib would cost every core call more than this spares)
            _State.handler.close()
        except (OSError, ValueError):
            pass
    _State.logger = _State.handler = None


def include(name: str) -> None:
    """Write what the logger ``name`` (a plugin's) records from INFO up to the log as well."""
    if _State.handler is None:
        return
    import logging

    logger = logging.getLogger(name)
    if _State.handler not in logger.handlers:
        logger.addHandler(_State.handler)
        _State.included.append(name)


def enabled() -> bool:
    return _State.logger is not None


def event(message: str, *args: object) -> None:
    """One line in the log (``message % args``), when logging is on."""
    if _State.logger is not None:
        _State.logger.info(message, *args)
