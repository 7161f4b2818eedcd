"""How much of each article the curated graph covers (`relgraph coverage`).

For each source: its relations, the share of its substantive paragraphs that at least one quote
comes from or that a curator read and found to state no relation the graph can record
(graph/coverage-paragraphs.yaml, each with the reason), and the names in its text that look like
proper nouns but match no entity label or alias (candidate misses), minus the explained ones in
graph/coverage-ignore.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from relgraph.errors import DataError, Diagnostic, Position, has_errors
from relgraph.model import schema
from relgraph.model.names import close_match
from relgraph.model.records import Dataset
from relgraph.model.text import fold_name, normalize_quote
from relgraph.read.positions import resolve
from relgraph.read.yamlfile import parse_file

IGNORE_FILE = "graph/coverage-ignore.yaml"
PARAGRAPHS_FILE = "graph/coverage-paragraphs.yaml"
MIN_WORDS = 12  # shorter paragraphs are headlines, captions, bylines and page furniture
_NAME = re.compile(r"[A-Z][\w.-]*[\w.](?:[ \t]+(?:of|the|for|and|de|von|der)?[ \t]*[A-Z][\w.-]*[\w.])*")
# Capitalised words that open sentences or name dates: never actors.
COMMON_WORDS = frozenset("""
a about according additionally after again against all also although amid among an and another any as at
balancing because before being both but by clearly despite due during each either even facing financially first
following for foundations from further generally given going having he her here his how however i if in instead
into it its key last later looking many meanwhile more moreover most never next no not now of on once one or other
our over politically preparations relations second she since so some speaking still such than that the their then
there therefore these they third this those though through thus to under until we weeks what when where whether
which while who why with within yet you fifth fourth
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
""".split())
_CONNECTOR = re.compile(r"^(?:of|the|for|and|de|von|der)$")


@dataclass
class SourceCoverage:
    source: str
    relations: int
    substantive: int
    covered: int  # a quote comes from it
    explained: int = 0  # read, and listed in graph/coverage-paragraphs.yaml as stating no relation
    uncovered: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return (self.covered + self.explained) / self.substantive if self.substantive else 1.0


@dataclass(frozen=True)
class ReadParagraph:
    """A paragraph a curator read and found to state no relation the graph can record."""

    source: str
    index: int  # in paragraphs(text) of its source
    reason: str
    position: Position


@dataclass
class CoverageReport:
    sources: list[SourceCoverage]
    diagnostics: list[Diagnostic]  # warnings (W205) about graph/coverage-paragraphs.yaml


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def names_in(paragraph: str, names: dict[str, str]) -> set[str]:
    """Entity ids whose label or alias stands in the paragraph as whole words."""
    text = f" {re.sub(r'[^0-9a-z.]+', ' ', fold_name(paragraph))} "
    return {entity_id for name, entity_id in names.items() if f" {name} " in text}


def is_substantive(paragraph: str, title: str = "", names: dict[str, str] | None = None) -> bool:
    """Long enough to state something, not page furniture, and naming two actors or more
    (a paragraph that names fewer cannot state a relation between actors)."""
    if len(paragraph.split()) < MIN_WORDS or paragraph.lstrip().startswith("•"):
        return False  # "  • headline" lines are links to other stories printed in the page
    if title and normalize_quote(paragraph).endswith(normalize_quote(title)):
        return False  # the headline, repeated in a breadcrumb
    return names is None or len(names_in(paragraph, names)) >= 2


def _checked_records(root: Path, file: str, fields, what: str):
    """(validator, [(record, its checked values)]) of one coverage file, checked against its schema
    like every curated file; None when there is no such file."""
    from relgraph.check.rules import Validator
    from relgraph.read.project import ParsedProject

    path = root / file
    if not path.exists() and not path.is_symlink():
        return None
    tree, diagnostics = parse_file(path, file)
    validator = Validator(ParsedProject(root=root, diagnostics=diagnostics))
    checked = [(record, validator.check_record(record, fields, what, position))
               for record, position in validator.records(tree, file, what)]
    return validator, checked


def load_ignore(root: Path) -> dict[str, str]:
    """Names that look like proper nouns but are not actors, each with the reason.

    Checked against its schema (schema.COVERAGE_IGNORE_FIELDS) like every curated file: DataError
    with located diagnostics when it is not a list of such records. No file, no names."""
    loaded = _checked_records(root, IGNORE_FILE, schema.COVERAGE_IGNORE_FIELDS, "ignored name")
    if loaded is None:
        return {}
    validator, checked = loaded
    if has_errors(validator.diagnostics):
        raise DataError(validator.diagnostics)
    return {fold_name(values["name"]): values["reason"] for _, values in checked}


def load_read_paragraphs(root: Path, dataset: Dataset) -> list[ReadParagraph]:
    """The paragraphs of graph/coverage-paragraphs.yaml, each found in its source.

    DataError with located diagnostics for a record off its schema (schema.COVERAGE_PARAGRAPH_FIELDS),
    an unknown source (E105), or words found in no paragraph of the source or in several (E124:
    the entry must say which paragraph was read). No file, no paragraphs."""
    loaded = _checked_records(root, PARAGRAPHS_FILE, schema.COVERAGE_PARAGRAPH_FIELDS, "read paragraph")
    if loaded is None:
        return []
    validator, checked = loaded
    read, folded = [], {}
    for record, values in checked:
        if values is None or not {"source", "paragraph", "reason"} <= values.keys():
            continue
        source_id = values["source"]
        if source_id not in dataset.source_texts:
            hint = close_match(source_id, dataset.source_texts)
            validator.report(record.value_positions["source"], "E105",
                             f"unknown source '{source_id}'" + (f" (did you mean '{hint}'?)" if hint else ""))
            continue
        if source_id not in folded:
            folded[source_id] = [normalize_quote(p) for p in paragraphs(dataset.source_texts[source_id])]
        wanted = normalize_quote(values["paragraph"])
        found = [i for i, paragraph in enumerate(folded[source_id]) if wanted in paragraph]
        if len(found) != 1:
            where = "in no paragraph" if not found else f"in {len(found)} paragraphs"
            advice = " (a quote cannot span two paragraphs)" if not found else "; quote more of the one read"
            validator.report(record.value_positions["paragraph"], "E124",
                             f"words found {where} of source '{source_id}'{advice}")
            continue
        read.append(ReadParagraph(source_id, found[0], values["reason"], resolve(record.value_positions["paragraph"])))
    if has_errors(validator.diagnostics):
        raise DataError(validator.diagnostics)
    return read


def split_sentences(run: str) -> list[str]:
    """Split a run at full stops that end a word ("Russia. Such"), not at ones inside it ("U.S.")."""
    parts, current = [], []
    for token in run.split():
        current.append(token)
        if token.endswith(".") and "." not in token[:-1]:
            parts.append(" ".join(current))
            current = []
    if current:
        parts.append(" ".join(current))
    return parts


def candidate_names(paragraph: str) -> set[str]:
    """Runs of capitalised words in one paragraph, split at possessives, sentence openers dropped."""
    names = set()
    runs = []
    for match in _NAME.finditer(paragraph.replace("’", "'").replace("'s ", " | ")):
        runs += split_sentences(match.group(0))
    for run in runs:
        words = run.rstrip(".").split() if not re.search(r"\.\w", run) else run.split()
        while words and _CONNECTOR.match(words[-1]):
            words.pop()
        while words and words[0].lower().rstrip(".") in COMMON_WORDS:
            words.pop(0)
        if words:
            names.add(" ".join(words).removesuffix("'s"))
    return names


def known_names(dataset: Dataset) -> list[str]:
    names = []
    for entity in dataset.entities.values():
        names += [fold_name(n) for n in (entity.label, *entity.aliases)]
    for source in dataset.sources.values():  # publishers and authors are metadata, not misses
        names += [fold_name(n) for n in (source.publisher, source.original_publisher, source.author) if n]
    return names


def is_known(candidate: str, known: list[str], ignore: dict[str, str]) -> bool:
    key = fold_name(candidate)
    if key in ignore or key.rstrip(".") in ignore:
        return True
    if any(f" {key} " == f" {name} " for name in known):
        return True
    if "-" in key:  # compounds such as "Sino-US" or "US-led": every capitalised part must be known
        parts = [p for p in candidate.split("-") if p[:1].isupper()]
        if len(parts) > 1 or (parts and len(candidate.split("-")) > 1):
            return all(is_known(part, known, ignore) for part in parts)
    return contains_or_is_part_of_known(key, known)


def contains_or_is_part_of_known(key: str, known: list[str]) -> bool:
    """Accounted for when it contains a known name as whole words, or is part of one."""
    for variant in {key, key.rstrip("."), key + "."}:
        padded = f" {variant} "
        if any(f" {name} " in padded or padded in f" {name} " for name in known):
            return True
    return False


def coverage(dataset: Dataset, root: Path) -> CoverageReport:
    """Each source's coverage. DataError when a coverage file is wrong (see load_ignore and
    load_read_paragraphs); a read paragraph coverage does not need is a warning (W205)."""
    ignore, read_paragraphs, errors = {}, [], []
    try:  # both files checked, so one run reports every problem in either
        ignore = load_ignore(root)
    except DataError as error:
        errors.extend(error.diagnostics)
    try:
        read_paragraphs = load_read_paragraphs(root, dataset)
    except DataError as error:
        errors.extend(error.diagnostics)
    if errors:
        raise DataError(errors)
    read, warnings = _by_paragraph(read_paragraphs)
    known = known_names(dataset)
    report = []
    entity_names = {}
    for entity in dataset.entities.values():
        for name in (entity.label, *entity.aliases):
            entity_names[re.sub(r"[^0-9a-z.]+", " ", fold_name(name)).strip()] = entity.id
    for source_id, text in sorted(dataset.source_texts.items()):
        title = dataset.sources[source_id].title
        quotes = [normalize_quote(r.quote) for r in dataset.relations if r.source == source_id]
        item = SourceCoverage(source_id, len(quotes), 0, 0)
        for index, paragraph in enumerate(paragraphs(text)):
            entry = read.get((source_id, index))
            problem = _count_paragraph(item, paragraph, is_substantive(paragraph, title, entity_names), quotes, entry)
            if problem:
                warnings.append(Diagnostic(entry.position, "W205", problem))
        names = set().union(*(candidate_names(p) for p in paragraphs(text) if is_substantive(p, title)))
        item.misses = sorted(n for n in names if not is_known(n, known, ignore))
        report.append(item)
    return CoverageReport(report, sorted(warnings))


def _by_paragraph(entries: list[ReadParagraph]) -> tuple[dict, list[Diagnostic]]:
    """The read paragraphs by (source, paragraph index), and a warning for each one listed again."""
    read, warnings = {}, []
    for entry in entries:
        first = read.setdefault((entry.source, entry.index), entry)
        if first is not entry:
            warnings.append(Diagnostic(entry.position, "W205", f"paragraph already listed at line {first.position.line}"))
    return read, warnings


def _count_paragraph(item: SourceCoverage, paragraph: str, substantive: bool, quotes: list[str],
                     entry: ReadParagraph | None) -> str | None:
    """Count one paragraph into its source's coverage; what is wrong with its read entry, if anything."""
    if not substantive:
        return "paragraph is not substantive: coverage does not count it" if entry else None
    item.substantive += 1
    normalized = normalize_quote(paragraph)
    if any(q in normalized for q in quotes):
        item.covered += 1
        return "a quote already comes from this paragraph: remove the entry" if entry else None
    if entry:
        item.explained += 1
    else:
        item.uncovered.append(paragraph)
    return None


def coverage_table(report: list[SourceCoverage]) -> str:
    """One row per source: paragraphs quoted and read (stating no relation) out of the substantive
    ones, the share they make, and candidate misses."""
    rows = [("source", "relations", "quoted", "read", "substantive", "share", "candidate misses")]
    for item in report:
        rows.append((item.source, str(item.relations), str(item.covered), str(item.explained), str(item.substantive),
                     f"{item.share:.0%}", ", ".join(item.misses) or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:6], widths)) + "  " + r[6] for r in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"
