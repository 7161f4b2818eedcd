"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Only regular files are written: a target that is a device, a FIFO, a folder or a symbolic link is
refused (`-o /dev/null` must not replace the device node with a file). Errors name the target,
never the temporary file beside it.
"""
from __future__ import annotations

import os
import signal
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from relgraph.errors import OutputError


class Pieces:
    """A file's bytes kept as the pieces they were made of (bytes or memoryviews): written one by one
    and compared without being joined. At 1M relations graph.ttl is 1.5 GB made of 20,000 cached
    chunks; joining them would hold a second copy of it in memory."""

    def __init__(self, pieces):
        self.pieces = list(pieces)
        self.size = sum(len(piece) for piece in self.pieces)

    def __len__(self) -> int:
        return self.size

    def __bytes__(self) -> bytes:
        return b"".join(self.pieces)

    def __eq__(self, other) -> bool:
        if isinstance(other, Pieces):
            other = bytes(other)
        if not isinstance(other, (bytes, bytearray, memoryview)):
            return NotImplemented
        view, at = memoryview(other), 0
        if len(view) != self.size:
            return False
        for piece in self.pieces:
            if _as_bytes(view[at:at + len(piece)]) != _as_bytes(piece):
                return False
            at += len(piece)
        return True

    __hash__ = None

    def write_to(self, handle) -> None:
        for piece in self.pieces:
            handle.write(piece)


def _as_bytes(piece) -> bytes:
    # bytes == memoryview compares item by item, 25 times slower than two bytes objects (a piece is
    # a chunk of at most a few MB, so the copy is cheap)
    return piece if isinstance(piece, bytes) else bytes(piece)


def same_as_file(path: Path, data: "bytes | Pieces") -> bool:
    """Whether the file at PATH holds exactly DATA, read a piece at a time (no copy of a large file)."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size != len(data):
                return False
            for piece in data.pieces if isinstance(data, Pieces) else [data]:
                if handle.read(len(piece)) != _as_bytes(piece):
                    return False
            return handle.read(1) == b""
    except FileNotFoundError:
        return False


def check_target(path: Path) -> None:
    """OutputError unless `path` is absent or a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if stat.S_ISLNK(mode):
        raise OutputError(f"{path} is a symbolic link; give the path of the file itself")
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a device or a FIFO)"
        raise OutputError(f"{path} is {what}; relgraph writes only regular files")


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _signals_held():
    """SIGINT and SIGTERM held back for the block and delivered after it, to the handlers as they
    were. Their Python handlers are swapped for one that notes them, rather than the signal mask
    changed: a mask is per thread, and the threads numpy's OpenBLAS starts took the signal in its
    place (Python then raised KeyboardInterrupt in the main thread inside the block). Away from the
    main thread, where no handler can be set, nothing is held: Python raises there anyway."""
    noted: list[int] = []
    previous: dict[int, object] = {}
    try:
        try:
            for held in _HELD:
                previous[held] = signal.signal(held, lambda number, _frame: noted.append(number))
        except ValueError:  # not the main thread
            pass
        yield
    finally:
        for held, handler in previous.items():
            if handler is not None:  # None: a handler set outside Python, which cannot be set back
                signal.signal(held, handler)
        if noted:
            _deliver(noted[0], previous[noted[0]])


def _deliver(number: int, handler) -> None:
    """What a signal held back would have done: its handler called (KeyboardInterrupt for SIGINT),
    or, for the default action, the signal sent again now that the default is back."""
    if callable(handler):
        handler(number, None)
    elif handler == signal.SIG_DFL:
        os.kill(os.getpid(), number)


def stage(path: Path, data: "bytes | Pieces", created: list[Path]) -> Path:
    """Write data to a temporary file beside `path` (same filesystem, so a rename is atomic). The
    file is added to `created` as it is made, for the caller to remove whatever happens next."""
    path = Path(path)
    check_target(path)
    try:
        return _stage(path, data, created)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _stage(path: Path, data: bytes, created: list[Path]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # A Ctrl-C between making the file and recording it would leave it behind (an interrupted build
    # left .graph.html.*.tmp in output/): held back for that moment only, never for the writing.
    with _signals_held():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        created.append(Path(tmp))
        # a file object, so that a Ctrl-C delivered as the block ends closes the descriptor too
        handle = os.fdopen(fd, "wb")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are meant to be shared
        with handle:
            data.write_to(handle) if isinstance(data, Pieces) else handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def replace_all(files: dict[Path, bytes]) -> None:
    """Replace several files so that an interrupted run leaves all old or all new.

    Everything is staged first; the renames then run with SIGINT and SIGTERM held back, so a
    Ctrl-C or a kill cannot land between two of them (SIGKILL still can: nothing can stop it).
    """
    staged: dict[Path, Path] = {}
    with _removed_after() as created:
        for path, data in files.items():
            staged[Path(path)] = stage(path, data, created)
        with _signals_held():
            _rename_all(staged)


@contextmanager
def staged_file(path: Path):
    """An empty temporary file beside `path` for the caller to fill and then `replace_staged`;
    removed on the way out if it is still there (an error, a Ctrl-C)."""
    with _removed_after() as created:
        yield stage(path, b"", created)


@contextmanager
def _removed_after():
    """The list `stage` records its temporary files in; whichever are still there are removed
    when the block ends (renamed into place, they are not)."""
    created: list[Path] = []
    try:
        yield created
    finally:
        with _signals_held():  # a second Ctrl-C during the clean-up would leave the files after it
            for tmp in created:
                tmp.unlink(missing_ok=True)


def _rename_all(staged: dict[Path, Path]) -> None:
    """Rename every staged file into place; if one rename fails, the ones already made are undone
    (each replaced file was kept as a hard link first), so the targets stay all old."""
    kept: dict[Path, Path | None] = {}
    try:
        for path, tmp in staged.items():
            kept[path] = _keep_old(path)
            os.replace(tmp, path)
    except OSError as exc:
        for path, old in kept.items():
            if old is not None:
                os.replace(old, path)
            elif path in staged and not staged[path].exists():
                path.unlink(missing_ok=True)  # it was new: remove it again
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; no file was changed") from None
    finally:
        for old in kept.values():
            if old is not None and old.exists():
                old.unlink()


def _keep_old(path: Path) -> Path | None:
    """A hard link to the file about to be replaced, to restore it if a later rename fails."""
    if not path.exists():
        return None
    old = path.with_name(f".{path.name}.{os.getpid()}.old.tmp")
    old.unlink(missing_ok=True)
    os.link(path, old)
    return old


def replace_staged(tmp: Path, path: Path) -> None:
    """Rename one file staged (and filled) by the caller into place, checking the target again."""
    check_target(path)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def remove_leftovers(folder: Path) -> None:
    """Temporary files an interrupted run left beside its outputs (`.NAME.*.tmp`, regular files only)."""
    try:
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
    except OSError:
        pass


def write_bytes_atomic(path: Path, data: bytes) -> None:
    replace_all({Path(path): data})


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
