"""Content-addressed stores under .relgraph-cache/ (git-ignored): bytes under keys, nothing else.

Two stores: the validated dataset (for quick commands such as path and show), keyed by a hash of
every input byte (graph/ YAML, seeds) and of relgraph's own code, and one entry per relation
file (below). What goes into an entry, and how it is read back, is the runner's business
(check/runner.py, check/codec.py); nothing read back can run code.

An entry can neither lie nor harm:
- each is sealed with an HMAC over its key and its bytes, under a secret kept outside the project
  (in the user's cache folder, mode 0600): a corrupted entry, or one planted by a repository that
  commits a cache, fails the seal and is a miss, never served;
- the cache folders must be real directories inside the project, and entries regular files: a
  symlinked .relgraph-cache or files/ (a repository can commit one) turns the cache off, and
  nothing outside the project is ever written or deleted;
- inputs are read as regular files with a size cap (read/files.py), so a FIFO or a device among
  them cannot hang the key's computation.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import stat
import sys
from pathlib import Path

from relgraph.read.files import NotARegularFile, read_regular

CACHE_DIR = ".relgraph-cache"
FILES_DIR = "files"
VOCABULARY_DIR = "vocabulary"
CHUNKS_DIR = "chunks"
_FORMAT = 4  # bump when what an entry holds changes (codec.FORMAT guards the encoding itself)
_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}$")
_SEAL = 32  # bytes of HMAC-SHA256 in front of every entry
# An entry is our own sealed bytes, not an input: the inputs' 50 MB cap (read/files.py) would make
# the vocabulary of a large corpus (79 MB at 1M relations) a miss on every run, so entries get their own.
MAX_ENTRY_BYTES = 1 << 33


def _code() -> list[Path]:
    """relgraph's own source files: a change to them may change any result."""
    return sorted(Path(__file__).resolve().parent.parent.rglob("*.py"))  # the whole package


def _hash_files(digest, paths: "list[Path | str]", kept: dict | None = None):
    """Add each file's name and bytes to `digest` (a missing or irregular file is marked, not read);
    `kept` gets the bytes of each file read, by path."""
    for path in paths:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            data = read_regular(path)
            digest.update(b"F" + data)
            if kept is not None:
                kept[str(path)] = data
        except NotARegularFile as exc:
            digest.update(b"X" + exc.reason.encode())
        except OSError:
            digest.update(b"\xff")
        digest.update(b"\0")
    return digest


def _folder_listing(folder: Path) -> list[str]:
    """Every entry of FOLDER as a path string, sorted by name (as sorted(folder.glob("*")), without a
    Path per entry: a corpus has thousands of seeds)."""
    try:
        with os.scandir(folder) as entries:
            return [os.path.join(folder, name) for name in sorted(entry.name for entry in entries)]
    except OSError:
        return []


def input_key(root: Path) -> str:
    # every name in graph/relations/ too: a misnamed relation file (x.yml, E123) changes the answer
    graph = {str(path) for path in (root / "graph").rglob("*.yaml")} | set(_folder_listing(root / "graph" / "relations"))
    files = sorted(graph) + _folder_listing(root / "seeds")
    return _hash_files(hashlib.sha256(), files + _code()).hexdigest()


# -- the folders and the seal ------------------------------------------------------------------
def _real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def cache_folder(root: Path, *parts: str, create: bool = False) -> Path | None:
    """The cache folder (or a subfolder), when it and every folder on the way are real
    directories (not links); None otherwise. With `create`, missing ones are made."""
    folder = Path(root) / CACHE_DIR
    for part in ("", *parts):
        folder = folder / part if part else folder
        if create and not os.path.lexists(folder):
            try:
                folder.mkdir(mode=0o700)
            except OSError:
                return None
        if not _real_dir(folder):
            return None
    return folder


_SECRETS: dict[tuple, bytes] = {}  # read once a process: thousands of entries are sealed in a run


def _secret() -> bytes:
    """The user's key for sealing entries, made on first use; never inside a project."""
    where = (os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))
    found = _SECRETS.get(where)
    if found is None:
        found = _SECRETS[where] = _read_secret()
    return found


def _read_secret() -> bytes:
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "relgraph"
    path = home / "cache-key"
    try:
        return read_regular(path, 64) if path.is_file() and not path.is_symlink() else _new_secret(home, path)
    except OSError:
        return b"relgraph-cache-without-a-home"  # still seals against corruption, not against planting


def _new_secret(home: Path, path: Path) -> bytes:
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    secret = os.urandom(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secret)
    return secret


def _mac(key: str, data) -> bytes:
    # fed in two parts, not as key + data: that would copy every entry read (the Turtle chunks
    # are all of graph.ttl) once more just to check its seal
    mac = hmac.new(_secret(), key.encode() + b"\0", hashlib.sha256)
    mac.update(data)
    return mac.digest()


def seal(key: str, data: bytes) -> bytes:
    return _mac(key, data) + data


def unseal(key: str, sealed: bytes) -> bytes | None:
    """The entry's bytes when its seal holds, None otherwise."""
    if len(sealed) < _SEAL or not hmac.compare_digest(_mac(key, memoryview(sealed)[_SEAL:])[:_SEAL], sealed[:_SEAL]):
        return None
    return sealed[_SEAL:]


def read_entry(folder: Path, key: str) -> bytes | None:
    path = folder / key
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        return unseal(key, read_regular(path, limit=MAX_ENTRY_BYTES))
    except OSError:
        return None


def write_entry(folder: Path, key: str, data: bytes) -> None:
    """Renamed into place but not fsynced: an entry lost or torn in a crash fails its seal, which is
    a miss. Thousands of fsyncs would cost seconds."""
    tmp = folder / f".{key}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(seal(key, data))
        os.replace(tmp, folder / key)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def remove_stale(folder: Path, keep: set[str]) -> None:
    """Delete the entries (and temporary files left by an interrupted run) no current key uses:
    only regular files named like an entry, in a folder already known to be a real directory."""
    for entry in os.scandir(folder):
        name = entry.name
        is_entry = _ENTRY_NAME.match(name) and name not in keep
        is_leftover = name.startswith(".") and name.endswith(".tmp")
        if (is_entry or is_leftover) and entry.is_file(follow_symlinks=False):
            os.unlink(entry.path)


# -- the dataset store -------------------------------------------------------------------------
def read_dataset_entry(root: Path, key: str) -> bytes | None:
    folder = cache_folder(root)
    return None if folder is None else read_entry(folder, key)


def update_entries(root: Path, parts: tuple[str, ...], entries: dict[str, bytes], keep: set[str] | None = None) -> None:
    """Write these entries into the folder (made when there are any); with `keep`, then delete the
    entries it does not name. A linked or unmakeable folder keeps nothing, and a read-only checkout
    still works, only slower."""
    folder = cache_folder(root, *parts, create=bool(entries))
    if folder is None:
        return
    try:
        for key, data in entries.items():
            write_entry(folder, key, data)
        if keep is not None:
            remove_stale(folder, keep)
    except OSError:
        pass


def write_only_entry(root: Path, parts: tuple[str, ...], key: str, data: bytes) -> None:
    """Keep this one entry in the folder, replacing older ones."""
    update_entries(root, parts, {key: data}, keep={key})


def write_dataset_entry(root: Path, key: str, data: bytes) -> None:
    write_only_entry(root, (), key, data)


# -- per-file cache of validated relations -----------------------------------------------------
# After an edit to one relation file only that file is parsed and validated again; every other
# file's relations and diagnostics come from .relgraph-cache/files/, keyed by a hash of the file's
# bytes, its name and its context: the sources, entities and predicates files, every seed, the
# parsers' versions and relgraph's own code. Any change to the context misses every entry, so an
# entry can only be used where validating the file again would give the same answer.
def context_digest(root: Path, seeds: dict | None = None) -> bytes:
    """The context's key; `seeds` gets each seed's bytes as hashed, by file name (for the texts of a
    cached vocabulary: the very bytes the key was made of)."""
    import yaml

    try:
        import yaml_rs
        rust = getattr(yaml_rs, "__version__", "?")
    except ImportError:  # pragma: no cover
        rust = "none"
    # Python's own version too: its Unicode tables decide case folding and what is printable
    digest = hashlib.sha256(f"relgraph-files-{_FORMAT}\0{yaml.__version__}\0{rust}\0{sys.version}\0".encode())
    context = [root / "graph" / name for name in ("sources.yaml", "entities.yaml", "predicates.yaml")]
    _hash_files(digest, context)
    kept: dict | None = {} if seeds is not None else None
    _hash_files(digest, _folder_listing(root / "seeds"), kept)
    if seeds is not None:
        seeds.update((os.path.basename(path), data) for path, data in kept.items())
    return _hash_files(digest, _code()).digest()


class RelationFileCache:
    """Bytes per relation file, under a key made of the file's bytes, its name and its context
    (see the comment above). It stores what it is given and knows nothing of validation."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.keys: dict[str, str] = {}  # relation file → its cache key, this run
        self.contents: dict[str, bytes] = {}  # the bytes hashed: the same bytes are parsed on a miss
        self.context: bytes | None = None  # the context's digest, once lookup() has read it
        self.seeds: dict[str, bytes] = {}  # each seed's bytes as that digest read them, by file name

    def lookup(self) -> dict[str, bytes]:
        """file → the entry stored for its current bytes and context, for every file that has one."""
        from relgraph.read.project import relation_listing

        try:
            context = self.context = context_digest(self.root, self.seeds)
        except OSError:
            return {}
        folder = cache_folder(self.root, FILES_DIR)
        hits = {}
        for file, path in relation_listing(self.root):
            try:
                data = read_regular(path)
            except OSError:
                continue  # the loader reports it
            key = hashlib.sha256(context + file.encode("utf-8", "surrogateescape") + b"\0" + data).hexdigest()
            self.keys[file], self.contents[file] = key, data
            entry = read_entry(folder, key) if folder is not None else None
            if entry is not None:
                hits[file] = entry
        return hits

    def context_unchanged(self) -> bool:
        """Whether the context still hashes as it did in lookup(): an edit to the vocabulary or a
        seed saved during the run must not be stored under the key of the bytes it replaced."""
        try:
            return self.context is not None and context_digest(self.root) == self.context
        except OSError:
            return False

    # The validated vocabulary (sources, predicates, entities and their indexes) under the
    # context's key: one entry, replaced when the context changes.
    def read_vocabulary(self) -> bytes | None:
        folder = cache_folder(self.root, VOCABULARY_DIR)
        return None if folder is None or self.context is None else read_entry(folder, self.context.hex())

    def store_vocabulary(self, data: bytes) -> None:
        if self.context is not None:
            write_only_entry(self.root, (VOCABULARY_DIR,), self.context.hex(), data)

    def store(self, entries: dict[str, bytes]) -> None:
        """Keep these files' entries; drop entries no current file uses."""
        keyed = {self.keys[file]: data for file, data in entries.items() if file in self.keys}
        update_entries(self.root, (FILES_DIR,), keyed, keep=set(self.keys.values()))


# -- rendered output, a relation file at a time --------------------------------------------------
class ChunkCache:
    """Bytes an export rendered from one relation file's relations, under a key the export makes
    from the file's key above (its bytes, name and context, relgraph's code included) and whatever
    else the bytes depend on (export/turtle.py). After an edit to one file, `relgraph build` renders
    that file's chunk and reads the others back. Like every store here, it knows nothing of what
    the bytes mean; the build deletes the entries its run did not use (drop_unused)."""

    def __init__(self, root: Path, context: str, origins: list[tuple[str, int]]):
        self.root = Path(root)
        self.context = context  # the key of the context (see context_digest)
        self.origins = origins  # (relation file's key, its number of relations), in file order
        self.folder = cache_folder(self.root, CHUNKS_DIR)
        self.used: set[str] = set()

    def read(self, key: str) -> bytes | None:
        self.used.add(key)
        return read_entry(self.folder, key) if self.folder is not None else None

    def store(self, entries: dict[str, bytes]) -> None:
        self.used.update(entries)
        update_entries(self.root, (CHUNKS_DIR,), entries)

    def drop_unused(self) -> None:
        """Delete the entries this run neither read nor stored (an edited file's old chunk)."""
        update_entries(self.root, (CHUNKS_DIR,), {}, keep=self.used)
