"""Where `relgraph query` finds a loaded store: a running `relgraph serve` of the same graph, else a
fresh in-memory load.

Why not a store kept on disk: at 100k relations pyoxigraph's on-disk (RocksDB) store opens at once
but answered the benchmark's three queries in 11.4 s against 2.7 s in memory, and loading the
Turtle into memory takes 10-13 s (N-Triples is no faster), so neither way comes within 2x of a
loaded store. A running `relgraph serve` is the loaded store kept: it writes NAME.endpoint.json
beside the Turtle file it serves (its address and the SHA-256 of the file's bytes), and `relgraph
query` sends its query there when the Turtle file it would load has that same hash and the server,
asked, says it holds it. The registration also records the file's identity as the server hashed it
(device, inode, size, modification and change times in nanoseconds): while they are unchanged the
file is not hashed again, which is 12-17 ms of each query at 10k relations and a tenth of a second at
100k. The change time cannot be set back by a user, and an identity is recorded only for a file
last changed RACY_SECONDS before it was hashed (git's "racily clean" rule), so a write in the
same clock tick as the hashing cannot pass for the hashed bytes. A query past the server's own --limit or --timeout is answered by a
local load under `relgraph query`'s bounds, so a running server never changes an answer. Anything else (no file, another hash, no answer, another server) means a
fresh load: the registration can make a query faster, never different.
"""
from __future__ import annotations

import json
import os
import socket
import stat
import time
from pathlib import Path

MAX_REGISTRATION_BYTES = 4096
RACY_SECONDS = 2.0  # a file changed this recently is hashed by every query (see above)


def loopback_request(url: str, body: bytes | None = None, headers: dict | None = None,
                     timeout: float | None = None) -> tuple[int, str, bytes]:
    """(status, media type, body) of one HTTP/1.0 request (POST with a body, else GET) to a
    `relgraph serve` on this machine's loopback. Written on a socket, not with urllib.request:
    importing that (http.client, email, ssl, tempfile) cost 30 ms of each `relgraph query`, as much
    as the whole engine time of a small query; our own server always sends Content-Length and
    closes the connection (HTTP/1.0), so reading to the end is the whole answer. OSError or
    ValueError for anything that is not such an answer."""
    rest = url.removeprefix("http://127.0.0.1:")
    port, _, path = rest.partition("/")
    lines = [f"{'POST' if body is not None else 'GET'} /{path} HTTP/1.0", "Host: 127.0.0.1"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    with socket.create_connection(("127.0.0.1", int(port)), timeout=timeout) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))
        chunks = []
        while chunk := connection.recv(1 << 16):
            chunks.append(chunk)
    head, separator, payload = b"".join(chunks).partition(b"\r\n\r\n")
    if not separator:
        raise ValueError("not an HTTP answer")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    fields = {name.strip().lower(): value.strip() for name, _, value in (h.partition(":") for h in header_lines)}
    return status, fields.get("content-type", "").split(";")[0].strip().lower(), payload


def content_hash(turtle: Path) -> str:
    import hashlib  # here: OpenSSL's loading is 6 ms that a query through a server with the file's identity skips

    with open(turtle, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def file_identity(path: Path) -> list[int] | None:
    """[device, inode, size, mtime_ns, ctime_ns] of PATH, or None when it cannot be read."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return [found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns]


def hash_with_identity(turtle: Path, now: float | None = None,
                       before: list[int] | None = None) -> tuple[str | None, list[int] | None]:
    """The file's SHA-256 and its identity as hashed. `before`: its identity when the reading began
    (at `now`; by default, here). The hash is None when the file changed since `before` (it may not
    be of the bytes read then); the identity is None then too, or when the file had changed less
    than RACY_SECONDS before `now` (every query hashes it)."""
    now = time.time() if now is None else now
    before = file_identity(turtle) if before is None else before
    digest = content_hash(turtle)
    after = file_identity(turtle)
    if before is None or before != after:
        return None, None
    if now - max(after[3], after[4]) / 1e9 < RACY_SECONDS:
        return digest, None
    return digest, after


def registration_path(turtle: Path) -> Path:
    return Path(turtle).with_name(Path(turtle).name + ".endpoint.json")


def register(turtle: Path, digest: str, url: str, identity: list[int] | None = None) -> Path | None:
    """Write NAME.endpoint.json beside TURTLE (atomically); None when the folder is not writable."""
    target = registration_path(turtle)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    entry = {"url": url, "sha256": digest, "pid": os.getpid(), "file": identity}
    try:
        temporary.write_text(json.dumps(entry) + "\n", encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        temporary.unlink(missing_ok=True)
        return None
    return target


def unregister(path: Path | None) -> None:
    """Remove our own registration (not one a later server has written over it)."""
    if path is None:
        return
    registration = read_registration(path)
    if registration and registration.get("pid") == os.getpid():
        path.unlink(missing_ok=True)


def read_registration(path: Path) -> dict | None:
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = json.loads(handle.read(MAX_REGISTRATION_BYTES))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def running_endpoint(turtle: Path) -> str | None:
    """The URL of a running `relgraph serve` holding exactly TURTLE's bytes, or None."""
    server = running_server(turtle)
    return server["url"] if server else None


def running_server(turtle: Path) -> dict | None:
    """The /status of a running `relgraph serve` holding exactly TURTLE's bytes (sha256, triples,
    timeout, limit, answered), with its query URL as "url"; None when there is none."""
    registration = read_registration(registration_path(turtle))
    if not registration:
        return None
    url, digest = registration.get("url"), registration.get("sha256")
    if not (isinstance(url, str) and url.startswith("http://127.0.0.1:") and isinstance(digest, str)):
        return None  # only this machine's loopback: a planted file cannot send queries elsewhere
    identity = registration.get("file")
    unchanged = isinstance(identity, list) and identity == file_identity(turtle)
    if not unchanged and digest != content_hash(turtle):
        return None
    try:
        code, _, body = loopback_request(url.rsplit("/", 1)[0] + "/status", timeout=2)
        status = json.loads(body[:MAX_REGISTRATION_BYTES]) if code == 200 else None
    except (OSError, ValueError):
        return None
    if not (isinstance(status, dict) and status.get("sha256") == digest):
        return None
    return {**status, "url": url}


class RemoteStore:
    """A store whose `query` goes to a running `relgraph serve`; answers parsed back into pyoxigraph terms,
    so `relgraph query` writes them with the same writers as a local answer."""

    def __init__(self, url: str, turtle: Path):
        self.url, self.turtle = url, turtle

    def query(self, text: str, prefixes=None):  # the server pre-binds the same export's prefixes
        import pyoxigraph

        try:
            code, media, body = loopback_request(self.url, text.encode("utf-8"), {
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json, application/n-triples"})
        except ValueError as exc:
            raise OSError(f"{exc} (from the running relgraph serve at {self.url})") from None
        if code != 200:
            message = body.decode("utf-8", "replace").strip()
            if code in (413, 503):  # past the server's own bounds: answer under relgraph query's instead
                from relgraph.ask.sparql import open_store

                return open_store(self.turtle, text, prefixes).query(text, prefixes=prefixes)
            if code == 400 and message.startswith("malformed query: "):
                raise SyntaxError(message.removeprefix("malformed query: ")) from None
            raise OSError(f"{message} (from the running relgraph serve at {self.url})")
        if media == "application/n-triples":
            return pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return pyoxigraph.parse_query_results(body, format=pyoxigraph.QueryResultsFormat.JSON)


def kept_store(turtle: Path, text: str | None = None, prefixes: dict[str, str] | None = None):
    """A running server's store for TURTLE when there is one, else TURTLE loaded into memory (for the
    query TEXT only, when given: see `open_store`)."""
    from relgraph.ask.sparql import open_store

    url = running_endpoint(Path(turtle)) if Path(turtle).exists() else None
    return RemoteStore(url, Path(turtle)) if url else open_store(turtle, text, prefixes)
