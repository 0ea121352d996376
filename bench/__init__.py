"""vew's own benchmark: every speed figure of issue 6, for vew and its rivals in one run.

Run it from a checkout with vew installed in the interpreter that runs it::

    .venv/bin/python -m bench

How it measures (see ``python -m bench --help`` for the knobs):

* Start-up cost: an interactive shell (``bash --rcfile RC -i -c exit``, ``zsh -i -c exit``
  with ``ZDOTDIR``, ``fish -i -c exit``) whose rc file loads the tool, against the same shell
  with an empty rc file. Runs are paired (bare, tool, bare, tool, ...) and the figure is the
  median, min and max of the paired differences of wall-clock time, measured from Python.
  The time the shell itself spends sourcing the set-up, read with its own clock, is shown too.
* Process counts: the same start (or one step in a shell) under ``strace -f -e trace=execve``;
  every successful ``execve`` after the shell's own is a process the tool started.
* Per-call figures (workon + deactivate, mkvirtualenv, lsvirtualenv -b, completion): timed
  inside one shell process by ``bench/scripts/timing.sh`` (``timing.fish`` for fish), which
  sources the tool's set-up once, then times each step with the shell's own clock
  (``$EPOCHREALTIME``: no process started to read it). The first sample of each process is a
  warm-up and is dropped; several processes each give many samples, and the figures are the
  median, min and max over all of them. fish has no clock variable: it times batches of
  steps with ``date`` and subtracts the cost of timing an empty batch.
"""
