"""`relgraph add source`: register an article — copied into seeds/ byte for byte, hashed, bounded,
recorded in graph/sources.yaml in canonical form, with an empty relation file to fill.

Nothing is written unless every check passes: an unreadable, empty or non-UTF-8 file, bounds
outside the file, an empty or blank text option (title, date note, publisher, …) or one with a
control character or not in UTF-8, a file name not in UTF-8, an id already used, an article
already registered (same bytes and bounds) or a seed name taken by other bytes are refused with
the reason.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from relgraph.errors import RelgraphError
from relgraph.model import schema
from relgraph.model.records import PartialDate
from relgraph.model.text import first_control
from relgraph.read.files import read_regular
from relgraph.read.project import RELATIONS_DIR, SEEDS_DIR, SOURCES_FILE

STOP_WORDS = {"a", "an", "and", "the", "of", "to", "in", "on", "for", "with", "is", "are", "that", "this", "its"}


class AddError(RelgraphError):
    """An article that cannot be registered; the message says why, and nothing was written."""


@dataclass(frozen=True)
class NewSource:
    title: str
    published: str
    genre: str
    date_note: str
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    archive_url: str | None = None
    first_line: int | None = None
    last_line: int | None = None
    id: str | None = None


def propose_id(title: str, published: str, taken: set[str]) -> str:
    """Three telling words of the title and the publication month: `china-russia-double-2024-02`."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z0-9]+", folded) if w not in STOP_WORDS][:3] or ["source"]
    base = "-".join(words + [published[:7]])
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def read_article(article: Path) -> tuple[bytes, list[str]]:
    """The article's bytes and lines, or AddError: unreadable, not UTF-8, or empty."""
    try:
        data = read_regular(article)
    except OSError as exc:
        raise AddError(f"cannot read {article}: {getattr(exc, 'reason', None) or exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AddError(f"{article} is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if not text.strip():
        raise AddError(f"{article} is empty")
    return data, text.rstrip("\n").split("\n")  # a final line break ends the last line, it adds none


def check_texts(new: NewSource) -> None:
    """No text option blank or with a control character: `relgraph check` refuses an empty title
    or date note (E102) and a control character in any field (E106), and an empty optional value
    says nothing that leaving the option out would not."""
    for name in ("title", "date_note", "publisher", "author", "url", "archive_url"):
        value = getattr(new, name)
        if value is None:
            continue
        option = "--" + name.replace("_", "-")
        if not value.strip():
            required = any(f.name == name and f.required for f in schema.SOURCE_FIELDS)
            raise AddError(f"{option} is {'empty' if not value else 'blank'}"
                           + ("" if required else "; leave the option out instead"))
        why = not_utf8(value)
        if why:
            raise AddError(f"{option} {why}; give it in UTF-8")
        bad = first_control(value)
        if bad:
            raise AddError(f"{option} contains control character {bad}")


def not_utf8(value: str) -> str | None:
    """Why the text cannot be written in UTF-8 (so in YAML), or None. A byte that was not UTF-8
    where the text came from (the shell's arguments, a file name) is kept by Python as a lone
    surrogate, U+DC80 to U+DCFF: written, it made graph/sources.yaml unreadable (E001)."""
    try:
        value.encode("utf-8")
        return None
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        if 0xDC80 <= code <= 0xDCFF:
            return f"is not UTF-8 (byte 0x{code - 0xDC00:02x})"
        return f"contains U+{code:04X}, which is not a character"


def check_options(new: NewSource, article: Path, lines: list[str]) -> tuple[int, int]:
    """The article's line bounds, after checking them, the text options, the date and the genre."""
    check_texts(new)
    why = not_utf8(article.name)
    if why:
        raise AddError(f"the file name {article.name!r} {why}; rename the article")
    first, last = new.first_line or 1, new.last_line or len(lines)
    if not 1 <= first <= last <= len(lines):
        raise AddError(f"lines {first}-{last} are not within {article} (1-{len(lines)})")
    try:
        PartialDate.parse(new.published)
    except ValueError as exc:
        raise AddError(f"--published: {exc}") from None
    if new.genre not in schema.GENRES:
        raise AddError(f"--genre must be one of {', '.join(schema.GENRES)}")
    return first, last


def check_new(root: Path, article: Path, data: bytes, bounds: tuple[int, int] | None, existing: list[dict]) -> str:
    """The article's sha256, after checking it is not registered and its seed name is free."""
    digest = hashlib.sha256(data).hexdigest()
    for record in existing:
        same_bounds = bounds is None or (record.get("first_line"), record.get("last_line")) == bounds
        if record.get("sha256") == digest and same_bounds:
            raise AddError(f"{article} is already registered as source '{record.get('id')}'")
    seed = Path(root) / SEEDS_DIR / article.name
    if seed.exists() and read_regular(seed) != data:
        raise AddError(f"{SEEDS_DIR}/{article.name} already holds another file; rename the article")
    return digest


def plan_source(root: Path, article: Path, new: NewSource, existing: list[dict]) -> tuple[dict, dict[Path, bytes]]:
    """The source record and every file to write (path → bytes), or AddError with the reason."""
    data, lines = read_article(article)
    first, last = check_options(new, article, lines)
    given = (first, last) if new.first_line or new.last_line else None  # bounds given: one article of several
    digest = check_new(root, article, data, given, existing)
    taken = {r.get("id"): r for r in existing if isinstance(r, dict)}
    source_id = new.id or propose_id(new.title, new.published, set(taken))
    if source_id in taken:
        used = taken[source_id]
        raise AddError(f"'{source_id}' is already the id of source '{used.get('title')}' ({SEEDS_DIR}/{used.get('file')}); "
                       "choose another --id")
    if not schema.ID_PATTERN.match(source_id):
        raise AddError(f"'{source_id}' is not a new id of lowercase letters, digits and single hyphens")
    relations = Path(root) / RELATIONS_DIR / f"{source_id}.yaml"
    if relations.exists():
        raise AddError(f"{relations.relative_to(root)} already exists")
    record = {"id": source_id, "title": new.title, "publisher": new.publisher, "author": new.author,
              "url": new.url, "archive_url": new.archive_url, "date": new.published, "date_note": new.date_note,
              "genre": new.genre, "file": article.name, "sha256": digest, "first_line": first, "last_line": last}
    files = {relations: f"source: {source_id}\nrelations: []\n".encode()}
    seed = Path(root) / SEEDS_DIR / article.name
    if not seed.exists():
        files[seed] = data
    return {k: v for k, v in record.items() if v is not None}, files


def add_source(root: Path, article: Path, new: NewSource) -> tuple[str, list[str]]:
    """Register the article; returns its source id and the files written (project-relative)."""
    import yaml

    from relgraph.atomic import replace_all
    from relgraph.curate.fmt import canonical_text

    root = Path(root)
    sources_path = root / SOURCES_FILE
    existing = yaml.safe_load(sources_path.read_text(encoding="utf-8")) or [] if sources_path.exists() else []
    if not isinstance(existing, list):
        raise AddError(f"{SOURCES_FILE} is not a list of sources; run 'relgraph check'")
    record, files = plan_source(root, Path(article), new, existing)
    files[sources_path] = canonical_text([*existing, record], SOURCES_FILE).encode("utf-8")
    replace_all(files)
    return record["id"], sorted(p.relative_to(root).as_posix() for p in files)
