"""The `relgraph` program (pyproject [project.scripts]): Ctrl-C is handled from this file's first lines.

The handler is installed before anything heavy is imported (click, the CLI, the library: a tenth
of a second), so a Ctrl-C while they load ends the program with 130 and one `interrupted` line,
never a traceback. The CLI's group puts Python's own handler back once a command starts, so a
command (check --watch, serve, a build) still sees KeyboardInterrupt and ends the same way.

Importing relgraph.cli as a library (tests, notebooks) leaves a process's SIGINT handling alone;
only running this module installs the handler. Earlier than this, a Ctrl-C lands in Python's own
start-up: before Python has its handler, a silent death by SIGINT; in its `site` import and the
console script's `import re`, Python's own KeyboardInterrupt (a few milliseconds, out of reach).
"""
import os

try:  # the C module `signal` wraps: loaded with Python itself, so importing it takes no time at all
    import _signal as signal
except ImportError:  # pragma: no cover - a Python without it
    import signal


def _interrupted_while_starting(signum, frame):
    # Ends the process at once rather than raising: an exception raised at a random point of an
    # import can come out as another (Python 3.11 turns one inside class creation into a
    # RuntimeError, with its traceback). Nothing is written yet, so there is nothing to clean up.
    os.write(2, b"interrupted\n")
    os._exit(130)


signal.signal(signal.SIGINT, _interrupted_while_starting)  # on import: the script imports, then calls run()


def run() -> None:
    import sys

    from relgraph.ask.forward import forwarded_answer

    answer = forwarded_answer(sys.argv[1:])  # `relgraph query` with a running serve: answered before click loads
    if answer is not None:
        _write_answer(answer)
        return
    from relgraph.cli import run as run_command_line

    run_command_line()


def _write_answer(answer: bytes) -> None:
    import sys

    try:
        sys.stdout.buffer.write(answer)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # the reader went away (`| head`), as the command itself takes it: exit 0
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own flush at exit would fail again


if __name__ == "__main__":  # python -m relgraph.console
    run()
