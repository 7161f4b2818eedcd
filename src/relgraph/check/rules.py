"""Validate stage: check parsed YAML against the schema, resolve names, verify every quote.

Every problem is collected; nothing stops at the first one. The result is a Dataset of
immutable records, or the full list of diagnostics.
"""
from __future__ import annotations

import hashlib
from typing import NamedTuple

from relgraph.check import lint
from relgraph.check.anchors import SourceText
from relgraph.errors import Diagnostic, Position, has_errors
from relgraph.model import schema, statuses
from relgraph.model.names import NameIndex, close_match
from relgraph.model.records import (Dataset, Entity, Figure, PartialDate, Predicate, Relation, Source,
                                    checked_relation, entities_named)
from relgraph.model.text import first_control, has_no_control, normalize_quote
from relgraph.read.files import NotARegularFile, is_inside, read_regular
from relgraph.read.project import NOT_PARSED, SEEDS_DIR, ParsedProject
from relgraph.read.yamlfile import REFUSED, YamlMap, YamlSeq, parse_file, resolve

_MISSING = object()
_PLAIN_KINDS = frozenset({"text", "ref", "choice"})  # text fields that need no check beyond printable
# Every character str.splitlines() breaks at, as the escape a reader of the message can type.
_ONE_LINE = {ord(c): f"\\u{ord(c):04x}" if c not in "\n\r" else repr(c)[1:-1]
             for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def _plain_text(value) -> bool:
    """Text with something in it and no control character: the common case, accepted without
    looking up a position (which on the fast YAML path means composing the file again)."""
    return type(value) is str and bool(value) and not value.isspace() and has_no_control(value)


def _kind_name(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing"


def written_status(record, values: dict) -> str | None:
    """The relation's status, the default when none is written; None when one was written but
    refused (E107): checked as the default, a right reported_by or a forecast's later date would be
    reported as wrong, so no rule that depends on the status runs."""
    if "status" in values or "status" not in record:
        return values.get("status", statuses.DEFAULT)
    return None


def by_id(records):
    """Records in id order, as a Dataset keeps them; records from the check cache (codec.LazyRecords)
    stay unmade until read."""
    return records.sorted_by_id() if hasattr(records, "sorted_by_id") else dict(sorted(records.items()))


class CheckSummary(NamedTuple):
    """How many of each kind of record a valid project holds (what `relgraph check` says)."""

    relations: int
    entities: int
    predicates: int
    sources: int


PARSED_ELSEWHERE = object()  # a vocabulary file that parsed in the run whose state was restored


class SourceTexts:
    """Each source's text, indexed for quote search (SourceText) when a relation first needs it:
    after an edit to one file, only its source is indexed."""

    def __init__(self, validator: "Validator"):
        self.validator, self.built = validator, {}

    def get(self, source_id: str) -> SourceText | None:
        found = self.built.get(source_id)
        if found is None and source_id in self.validator.raw_texts:
            v = self.validator
            found = self.built[source_id] = SourceText(v.raw_texts[source_id], v.text_offsets[source_id],
                                                       v.sources[source_id].first_line)
        return found


class Validator:
    def __init__(self, parsed: ParsedProject):
        self.parsed = parsed
        self.root = parsed.root
        self.diagnostics: list[Diagnostic] = list(parsed.diagnostics)
        # Names of records that exist but failed validation (or whose file did not parse):
        # references to them are not reported again, so one mistake gives one error.
        self.broken_entities = NameIndex()
        self.broken_predicates = NameIndex(hyphens_as_spaces=True)
        self.broken_sources = NameIndex()
        self.specs: dict[int, tuple] = {}  # id(fields) → ({name: Field}, required names)
        self.text_offsets: dict[str, int] = {}  # source → character offset of its first line in the seed

    def report(self, position: Position, code: str, message: str) -> None:
        # A fast-path position is looked up only now, when there is something to report there.
        # A value quoted in the message keeps the diagnostic on one line: its line breaks are escaped.
        self.diagnostics.append(Diagnostic(resolve(position), code, message.translate(_ONE_LINE)))

    # -- generic field checks -------------------------------------------------------------
    def check_record(self, record, fields, what: str, position: Position) -> dict | None:
        """Check one mapping against its declared fields; returns the usable values."""
        if record is REFUSED:  # refused by the reader, and reported there
            return None
        if not isinstance(record, YamlMap):
            article = "an" if what[0] in "aeiou" else "a"  # what: entity, ignored name, relation …
            self.report(position, "E106", f"{article} {what} must be a mapping, got {_kind_name(record)}")
            return None
        spec = self.specs.get(id(fields))
        if spec is None:
            spec = self.specs[id(fields)] = ({f.name: f for f in fields}, [f.name for f in fields if f.required],
                                             _quick_checks(fields))
        declared, required, quick = spec
        if not record.keys() <= declared.keys():
            self.report_unknown_fields(record, declared, what)
        for name in required:
            if name not in record:
                self.report(record.position, "E102", f"required field '{name}' is missing in {what}")
        return self.field_values(record, declared, quick, what)

    def field_values(self, record: YamlMap, declared: dict, quick: dict, what: str) -> dict:
        """The checked values of a record's declared fields (check_record's second half)."""
        values = {}
        # Only the fields present: a relation has a dozen declared fields but uses five or six.
        for name, value in record.items():
            # The common case first: plain text where text belongs, of its pattern or choices (what
            # check_field and check_text accept without a word); the rest goes the long way.
            test = quick.get(name, _MISSING)
            if test is not _MISSING and _plain_text(value) and (test is None or test(value)):
                values[name] = value
                continue
            f = declared.get(name)
            if f is not None:
                checked = self.check_field(record, f, value, what)
                if checked is not _MISSING:
                    values[name] = checked
        return values

    def report_unknown_fields(self, record: YamlMap, declared: dict, what: str) -> None:
        for key in record:
            if key in declared:
                continue
            hint = close_match(key, declared)
            if hint:
                hint = f" (did you mean '{hint}'?)"
            elif " " in key.strip():
                # Typically a comma inside an unquoted flow-style value split it in two.
                hint = " (if this is the rest of a value, put the whole value in quotes)"
            else:
                hint = ""
            self.report(record.key_positions[key], "E101", f"unknown field '{key}' in {what}{hint}")

    def check_field(self, record: YamlMap, f: schema.Field, value, what: str):
        """One field's checked value, or _MISSING (reported, or empty and optional)."""
        if value is REFUSED:
            return _MISSING
        # The common case first, without asking for a position (a fast-path lookup).
        if _plain_text(value):
            if f.kind in _PLAIN_KINDS and (f.kind != "choice" or value in f.choices):
                return value
            if f.kind == "date":
                try:
                    return PartialDate.parse(value)
                except ValueError:
                    pass  # reported below, where the position is looked up
        if f.kind == "list" and isinstance(value, YamlSeq):
            return value  # an empty list of relations is a source not yet curated: W202 says so
        if value is None or (isinstance(value, (str, list, dict)) and not (value.strip() if isinstance(value, str) else value)):
            if f.required:
                where = record.value_positions.get(f.name, record.position)
                self.report(where, "E102", f"required field '{f.name}' is empty in {what}")
            return _MISSING
        return self.check_value(value, f, what, record.value_positions[f.name])

    def check_value(self, value, f: schema.Field, what: str, position: Position):
        """A non-empty value checked against its field's kind (schema.Field.kind)."""
        checker = _CHECKERS.get(f.kind)
        if checker is None:
            raise AssertionError(f"unknown field kind {f.kind}")  # a bug in schema.py, not bad data
        return checker(self, value, f, what, position)

    def wrong_kind(self, value, f: schema.Field, what: str, position: Position, expected: str):
        self.report(position, "E106", f"field '{f.name}' of {what} must be {expected}, got {_kind_name(value)}")
        return _MISSING

    def check_text(self, value, f: schema.Field, what: str, position: Position):
        """text, ref, id, qid, sha256 and choice: text, printable, of the field's pattern or choices."""
        if not isinstance(value, str):
            return self.wrong_kind(value, f, what, position, "text (put it in quotes)")
        if not self.printable(value, f.name, position):
            return _MISSING
        pattern = _TEXT_PATTERNS.get(f.kind)
        if pattern and not pattern[0].match(value):
            code, message = pattern[1], pattern[2].format(value=value, name=f.name)
            self.report(position, code, message)
            return _MISSING
        if f.kind == "choice" and value not in f.choices:
            return self.bad_choice(value, f, position)
        return value

    def check_date(self, value, f: schema.Field, what: str, position: Position):
        if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value < 10_000:
            self.report(position, "E111", f"invalid {f.name}: a year has four digits")
            return _MISSING
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(text, str):
            return self.wrong_kind(value, f, what, position, "a date")
        try:
            return PartialDate.parse(text)
        except ValueError as exc:
            self.report(position, "E111", f"invalid {f.name}: {exc}")
            return _MISSING

    def check_scalar(self, value, f: schema.Field, what: str, position: Position):
        """int, number and bool (YAML's true is not a number here)."""
        accepted, expected = _SCALARS[f.kind]
        if not (isinstance(value, accepted) and (f.kind == "bool" or not isinstance(value, bool))):
            return self.wrong_kind(value, f, what, position, expected)
        if f.kind != "bool" and not -MAX_NUMBER < value < MAX_NUMBER:  # inf and nan fail this too
            self.report(position, "E106", f"field '{f.name}' of {what} must be a number below {MAX_NUMBER:.0e} in size")
            return _MISSING
        return value

    def check_list(self, value, f: schema.Field, what: str, position: Position):
        if not isinstance(value, YamlSeq):
            return self.wrong_kind(value, f, what, position, "a list")
        return value

    def check_figures(self, value, f: schema.Field, what: str, position: Position):
        if not isinstance(value, YamlSeq):
            return self.wrong_kind(value, f, what, position, "a list")
        figures = []
        for number, item in enumerate(value):
            checked = self.check_record(item, schema.FIGURE_FIELDS, "figure", value.item_positions[number])
            if checked is not None and len(checked) == len(schema.FIGURE_FIELDS):
                figures.append(Figure(**checked))
        return tuple(figures)

    def check_texts(self, value, f: schema.Field, what: str, position: Position):
        """texts and choices: a list of printable text items (of the field's choices)."""
        if not isinstance(value, YamlSeq):
            return self.wrong_kind(value, f, what, position, "a list")
        items = []
        for number, item in enumerate(value):
            # The common case first, without asking for a position (a fast-path lookup).
            if _plain_text(item) and (f.kind != "choices" or item in f.choices):
                items.append(item)
                continue
            item_position = value.item_positions[number]
            if item is REFUSED:
                pass
            elif not isinstance(item, str) or not item.strip():
                self.report(item_position, "E106", f"items of '{f.name}' must be text, got {_kind_name(item)}")
            elif not self.printable(item, f.name, item_position):
                pass
            elif f.kind == "choices" and item not in f.choices:
                self.bad_choice(item, f, item_position)
            else:
                items.append(item)
        return tuple(items)

    def printable(self, value: str, name: str, position: Position) -> bool:
        """Control characters (model.text.CONTROL) break XML exports and hide in editors."""
        bad = first_control(value)
        if bad:
            self.report(position, "E106", f"field '{name}' contains control character {bad}")
            return False
        return True

    def bad_choice(self, value: str, f: schema.Field, position: Position):
        hint = close_match(value, f.choices)
        hint = f" (did you mean '{hint}'?)" if hint else f"; allowed: {', '.join(f.choices)}"
        self.report(position, "E107", f"'{value}' is not an allowed {f.name}{hint}")
        return _MISSING

    def records(self, tree, file: str, what: str):
        """The items of a top-level list file, with positions; reports a non-list file."""
        if tree is None or tree is REFUSED:
            return []
        if not isinstance(tree, YamlSeq):
            self.report(getattr(tree, "position", Position(file, 1, 1)), "E106",
                        f"{file} must hold a list of {what} records")
            return []
        return list(zip(tree, tree.item_positions))

    # -- sources ------------------------------------------------------------------------
    def complete_records(self, tree, file: str, what: str, fields, known: dict, broken: NameIndex):
        """The records of a list file whose fields all check out and whose id is new.

        The names of the others go into `broken`, so references to them are not reported again.
        """
        for record, position in self.records(tree, file, what):
            values = self.check_record(record, fields, what, position) or {}
            if "id" in values and values["id"] in known:
                self.report(record.value_positions["id"], "E108",
                            f"duplicate {what} id '{values['id']}' (first at {known[values['id']].position})")
            elif "id" in values and all(f.name in values for f in fields if f.required):
                yield record, values
                continue
            raw = record if isinstance(record, YamlMap) else {}
            names = [values.get("id", raw.get("id")), values.get("label", raw.get("label")), *values.get("aliases", ())]
            broken.add(values.get("id", "?"), [n for n in names if isinstance(n, str)])

    # -- sources ------------------------------------------------------------------------
    def validate_sources(self) -> tuple[dict[str, Source], dict[str, str]]:
        sources, texts = {}, {}
        for record, values in self.complete_records(self.parsed.sources, "graph/sources.yaml", "source",
                                                    schema.SOURCE_FIELDS, sources, self.broken_sources):
            text = self.source_text(values, record)
            source = Source(position=record.value_positions["id"], **values)
            sources[source.id] = source
            if text is not None:
                texts[source.id], self.text_offsets[source.id] = text
        return sources, texts

    def source_text(self, values: dict, record: YamlMap) -> str | None:
        """The bounded text of a source, after checking the seed exists and is unchanged."""
        where = record.value_positions["file"]
        path = self.root / SEEDS_DIR / values["file"]
        if "/" in values["file"] or "\\" in values["file"] or values["file"].startswith("."):
            self.report(where, "E114", f"seed file name '{values['file']}' must be a plain file name in {SEEDS_DIR}/")
            return None
        if path.is_symlink() and not is_inside(path, self.root / SEEDS_DIR):
            self.report(where, "E114", f"seed file {SEEDS_DIR}/{values['file']} is a link to a file outside {SEEDS_DIR}/; copy the article in")
            return None
        try:
            data = read_regular(path)
        except NotARegularFile as exc:
            self.report(where, "E114", f"seed file {SEEDS_DIR}/{values['file']} cannot be read: {exc.reason}")
            return None
        except FileNotFoundError:
            self.report(where, "E114", f"seed file {SEEDS_DIR}/{values['file']} is missing")
            return None
        except OSError as exc:
            self.report(where, "E114", f"seed file {SEEDS_DIR}/{values['file']} cannot be read: {exc.strerror}")
            return None
        digest = hashlib.sha256(data).hexdigest()
        if digest != values["sha256"]:
            self.report(record.value_positions["sha256"], "E115",
                        f"seed file {SEEDS_DIR}/{values['file']} has changed: its sha256 is {digest}; seeds must stay byte for byte as received")
            return None
        try:
            lines = data.decode("utf-8").split("\n")
        except UnicodeDecodeError:
            self.report(where, "E114", f"seed file {SEEDS_DIR}/{values['file']} is not UTF-8")
            return None
        first, last = values["first_line"], values["last_line"]
        if not 1 <= first <= last <= len(lines):
            self.report(record.value_positions["first_line"], "E119",
                        f"lines {first}-{last} are not within {SEEDS_DIR}/{values['file']} (1-{len(lines)})")
            return None
        offset = sum(len(line) + 1 for line in lines[: first - 1])  # where the article starts in the file
        return "\n".join(lines[first - 1 : last]), offset

    # -- predicates ---------------------------------------------------------------------
    def validate_predicates(self) -> tuple[dict[str, Predicate], NameIndex]:
        predicates: dict[str, Predicate] = {}
        index = NameIndex(hyphens_as_spaces=True)
        for record, values in self.complete_records(self.parsed.predicates, "graph/predicates.yaml", "predicate",
                                                    schema.PREDICATE_FIELDS, predicates, self.broken_predicates):
            values["subject_types"] = schema.expand_types(values["subject_types"])
            values["object_types"] = schema.expand_types(values["object_types"])
            predicate = Predicate(position=record.value_positions["id"], **values)
            predicates[predicate.id] = predicate
            index.add(predicate.id, (predicate.id, predicate.label, *predicate.aliases))
        for key, ids in sorted(index.shared().items()):
            self.report(Position("graph/predicates.yaml"), "E109", f"'{key}' names several predicates: {', '.join(sorted(ids))}")
        return predicates, index

    # -- entities -----------------------------------------------------------------------
    def validate_entities(self) -> tuple[dict[str, Entity], NameIndex]:
        entities: dict[str, Entity] = {}
        index = NameIndex()
        for record, values in self.complete_records(self.parsed.entities, "graph/entities.yaml", "entity",
                                                    schema.ENTITY_FIELDS, entities, self.broken_entities):
            entity = Entity(position=record.value_positions["id"], **values)
            names = [entity.id, entity.label, *entity.aliases]
            for number, name in enumerate(names):
                ids = index.lookup(name)  # most names are new: no set is made for them
                owners = ids - {entity.id} if ids else ids
                if owners:
                    owner = sorted(owners)[0]
                    self.report(self.name_position(record, number, name), "E109",
                                f"'{name}' already names entity '{owner}' ({entities[owner].position})")
            entities[entity.id] = entity
            index.add(entity.id, names)
        return entities, index

    @staticmethod
    def name_position(record: YamlMap, number: int, name: str):
        """Where an entity's id (0), label (1) or an alias (2…) is written; looked up only to report."""
        if number < 2:
            return record.value_positions["label" if number else "id"]
        aliases = record.get("aliases")
        if isinstance(aliases, YamlSeq) and name in aliases:
            return aliases.item_positions[aliases.index(name)]
        return record.position

    # -- relations ----------------------------------------------------------------------
    def validate_vocabulary(self) -> None:
        """Sources (with their texts), predicates and entities: what every relation file is read against."""
        self.sources, raw_texts = self.validate_sources()
        self.predicates, self.predicate_index = self.validate_predicates()
        self.entities, self.entity_index = self.validate_entities()
        self.raw_texts = raw_texts
        self.texts = SourceTexts(self)

    # The vocabulary's state, for the vocabulary cache (codec.py encodes it, runner.py keeps it):
    # what validate_vocabulary() leaves behind, so that a run with an unchanged vocabulary can
    # take it instead of parsing and validating sources, predicates and entities again.
    VOCABULARY_STATE = ("sources", "predicates", "predicate_index", "entities", "entity_index", "raw_texts",
                        "text_offsets", "broken_entities", "broken_predicates", "broken_sources")

    def vocabulary_state(self) -> tuple[dict, list[Diagnostic], tuple[bool, bool, bool]]:
        """The state, the vocabulary's diagnostics (E122 is about relations/) and which files parsed."""
        state = {name: getattr(self, name) for name in self.VOCABULARY_STATE}
        diagnostics = [d for d in self.diagnostics if d.code != "E122"]
        parsed = tuple(getattr(self.parsed, name) is not None for name in ("sources", "entities", "predicates"))
        return state, diagnostics, parsed

    def restore_vocabulary(self, state: dict, diagnostics: list[Diagnostic], parsed: tuple[bool, bool, bool]) -> None:
        """Take a state vocabulary_state() gave, for the same vocabulary bytes and seeds."""
        for name in self.VOCABULARY_STATE:
            setattr(self, name, state[name])
        for name, ok in zip(("sources", "entities", "predicates"), parsed):
            setattr(self.parsed, name, PARSED_ELSEWHERE if ok else None)
        self.diagnostics.extend(diagnostics)
        self.texts = SourceTexts(self)

    def validate_file(self, file: str) -> tuple[list[Relation], list[Diagnostic]]:
        """One relation file, parsed and validated on its own: its valid relations and its problems.

        A plain function of the file's bytes and the vocabulary: the runner may take the answer
        from a cache or have it computed in another process.
        """
        outer, self.diagnostics = self.diagnostics, []
        try:
            tree = self.parsed.relation_files.get(file, NOT_PARSED)
            if tree is NOT_PARSED:
                tree, problems = parse_file(self.root / file, file, data=self.parsed.contents.get(file))
                self.diagnostics.extend(problems)
            relations = self.validate_relation_file(file, tree)
            return relations, self.diagnostics
        finally:
            self.diagnostics = outer

    def validate_relation_file(self, file: str, tree) -> list[Relation]:
        """One relation file's valid relations; its problems go to the diagnostics."""
        source = self.relation_file_source(file, tree)
        if source is None:
            return []
        items = tree.get("relations")
        if items is None:
            return []
        if not isinstance(items, YamlSeq):
            self.report(tree.value_positions["relations"], "E106", "field 'relations' must be a list")
            return []
        relations = (self.validate_relation(record, position, source) for record, position in zip(items, items.item_positions))
        return [r for r in relations if r is not None]

    def relation_file_source(self, file: str, tree) -> Source | None:
        """The source a relation file quotes, after checking its header."""
        if tree is None:
            if not (self.diagnostics or self.parsed.file_diagnostics.get(file)):  # read, and nothing in it
                self.report(Position(file, 1, 1), "E102", "relations file is empty: required fields 'source' and 'relations' are missing")
            return None
        header = self.check_record(tree, schema.RELATION_FILE_FIELDS, "relations file", Position(file, 1, 1))
        if header is None or "source" not in header:
            return None
        source_id = header["source"]
        if self.broken_sources.lookup(source_id) or (source_id not in self.sources and self.parsed.sources is None):
            return None
        if source_id not in self.sources:
            hint = close_match(source_id, self.sources)
            hint = f" (did you mean '{hint}'?)" if hint else ""
            self.report(tree.value_positions["source"], "E105", f"unknown source '{source_id}'{hint}")
            return None
        return self.sources[source_id]

    def resolve_entity(self, record: YamlMap, key: str, name: str) -> str | None:
        ids = self.entity_index.lookup(name)
        if len(ids) == 1:
            return next(iter(ids))
        if not ids and (self.broken_entities.lookup(name) or self.parsed.entities is None):
            return None  # the entity exists but is broken, or its file did not parse: reported there
        if not ids:
            hint = self.entity_index.suggest(name)
            hint = f" (did you mean '{hint}'?)" if hint else ""
            self.report(record.value_positions[key], "E103", f"unknown entity '{name}'{hint}")
        return None  # several ids: already reported as E109 on the entities

    def resolve_predicate(self, record: YamlMap, name: str) -> Predicate | None:
        ids = self.predicate_index.lookup(name)
        if len(ids) == 1:
            return self.predicates[next(iter(ids))]
        if not ids and not (self.broken_predicates.lookup(name) or self.parsed.predicates is None):
            hint = self.predicate_index.suggest(name)
            hint = f" (did you mean '{hint}'?)" if hint else ""
            self.report(record.value_positions["predicate"], "E104", f"unknown predicate '{name}'{hint}")
        return None  # unknown, or reported where the predicate is defined

    def validate_relation(self, record, position, source: Source) -> Relation | None:
        values = self.check_record(record, schema.RELATION_FIELDS, "relation", position)
        if values is None:
            return None
        resolved = {key: self.resolve_entity(record, key, values[key])
                    for key in ("subject", "object", *statuses.ATTRIBUTION_FIELDS) if key in values}
        predicate = self.resolve_predicate(record, values["predicate"]) if "predicate" in values else None
        status = written_status(record, values)
        # Every check runs (a list, not a short-circuit): all problems of a relation in one run.
        ok = all([self.check_status(record, values, status),
                  self.check_types(record, predicate, resolved.get("subject"), resolved.get("object")),
                  self.check_dates(record, values, status, source)])
        text = self.texts.get(source.id)
        anchor = self.anchor_quote(record, values, source, text) if "quote" in values and text is not None else None
        complete = all(k in values for k in ("subject", "predicate", "object", "quote")) and None not in resolved.values()
        if not (ok and complete and anchor and predicate):
            return None
        relation = checked_relation({
            "id": relation_id(source.id, resolved["subject"], predicate, resolved["object"], values.get("date"), values.get("end_date")),
            "source": source.id, "subject": resolved["subject"], "predicate": predicate.id, "object": resolved["object"],
            "quote": values["quote"], "status": status, "date": values.get("date"), "end_date": values.get("end_date"),
            "reported_by": resolved.get("reported_by"), "denied_by": resolved.get("denied_by"),
            "figures": values.get("figures", ()), "note": values.get("note"), "occurrence": values.get("occurrence"),
            "accept": values.get("accept", ()), "anchor": anchor, "position": position,
        })
        if relation.accept or lint.needs_reading(status, relation.reported_by, relation.quote):
            self.read_relation(record, values, relation, source, text)
        return relation

    def read_relation(self, record, values: dict, relation: Relation, source: Source, text: SourceText) -> None:
        """The reading lint (lint.py): its warnings, less those the curator accepted with a reason."""
        accepted = {}  # code → where it is accepted
        items = record.get("accept") or []
        for number, item in enumerate(relation.accept):
            where = items.item_positions[number] if len(items) == len(relation.accept) else record.value_positions["accept"]
            match = lint.ACCEPT.match(item)
            if match is None or match.group(1) not in lint.RULES:
                self.report(where, "E121",
                            f"accept '{item}' must be 'CODE: reason' with a reading-lint code ({', '.join(lint.RULES)})")
            else:
                accepted[match.group(1)] = where
        context = lint.ReadingContext(
            genre=source.genre, paragraph=lambda: text.paragraph_text(relation.anchor.paragraph),
            names=lambda eid: (self.entities[eid].label, *self.entities[eid].aliases),
            kind=lambda eid: self.entities[eid].type,
            resolve=self.entity_index.lookup)
        fired = set()
        for finding in lint.read({**values, "subject_id": relation.subject, "reported_by_id": relation.reported_by,
                                   "object_id": relation.object}, context):
            fired.add(finding.code)
            if finding.code not in accepted:
                self.report(record.value_positions["quote"], finding.code, finding.message)
        for code in sorted(accepted.keys() - fired):
            self.report(accepted[code], "W306",
                        f"accepted {code} no longer occurs for this relation; remove it from 'accept'")

    def check_types(self, record, predicate: Predicate | None, subject: str | None, obj: str | None) -> bool:
        """Subject and object of the types the predicate takes (E110)."""
        if not (predicate and subject and obj):
            return True
        ok = True
        for key, entity_id, allowed in (("subject", subject, predicate.subject_types), ("object", obj, predicate.object_types)):
            entity = self.entities[entity_id]
            if entity.type not in allowed:
                self.report(record.value_positions[key], "E110",
                            f"{key} '{entity.label}' is of type {entity.type}, but '{predicate.id}' takes a {key} of type {', '.join(allowed)}")
                ok = False
        return ok

    def check_dates(self, record, values: dict, status: str | None, source: Source) -> bool:
        """end_date after date (E111); nothing dated after its source but a plan or forecast (E112;
        not with a refused status, None)."""
        date, end_date = values.get("date"), values.get("end_date")
        if end_date and not date:
            self.report(record.value_positions["end_date"], "E111", "end_date given without date")
            return False
        if date and end_date and end_date.latest() < date.earliest():
            self.report(record.value_positions["end_date"], "E111", f"end_date {end_date} is before date {date}")
            return False
        if date and status and not statuses.STATUSES[status].may_follow_publication and date.earliest() > source.date.latest():
            self.report(record.value_positions["date"], "E112", f"date {date} is after the publication of '{source.id}' ({source.date})")
            return False
        return True

    def check_status(self, record, values, status: str | None) -> bool:
        """Attribution fields the status takes and needs (E118); False for a refused status (None)."""
        if status is None:
            return False
        declared = statuses.STATUSES[status]
        ok = True
        for key in statuses.ATTRIBUTION_FIELDS:
            if key in values and key not in declared.allows:
                takers = ", ".join(f"'{s.id}'" for s in statuses.STATUSES.values() if key in s.allows)
                self.report(record.value_positions[key], "E118", f"'{key}' goes with status {takers}, not '{status}'")
                ok = False
        if declared.requires and declared.requires not in values:
            where = record.value_positions.get("status", record.position)
            self.report(where, "E118", f"status '{status}' needs '{declared.requires}': who {status} it")
            ok = False
        return ok

    def anchor_quote(self, record, values: dict, source: Source, text: SourceText):
        """Where the quote sits in its source (None, reported, when it is not there)."""
        quote, occurrence = values["quote"], values.get("occurrence")
        wanted = normalize_quote(quote)
        found = text.find(wanted)
        if not found:
            self.report_missing_quote(record, quote, source, text.normalized)
            return None
        if occurrence is not None and not 1 <= occurrence <= len(found):
            self.report(record.value_positions["occurrence"], "E120",
                        f"occurrence {occurrence}, but the quote occurs {len(found)} time{'s' if len(found) > 1 else ''} in source '{source.id}'")
            return None
        if occurrence is None and len(found) > 1:
            self.report(record.value_positions["quote"], "W203",
                        f"quote occurs {len(found)} times in source '{source.id}'; lengthen it, or say which with 'occurrence: N'")
        return text.anchor(quote, found[(occurrence or 1) - 1], len(wanted))

    def report_missing_quote(self, record, quote: str, source: Source, source_text: str) -> None:
        wanted = normalize_quote(quote)
        # Tell the curator how far the quote does match, so the typo is easy to find.
        low, high = 0, len(wanted)
        while low < high:
            mid = (low + high + 1) // 2
            if wanted[:mid] in source_text:
                low = mid
            else:
                high = mid - 1
        detail = f"; it matches up to '…{wanted[max(0, low - 30):low]}' then differs" if low >= 10 else ""
        self.report(record.value_positions["quote"], "E113", f"quote not found in source '{source.id}'{detail}")

    # -- whole project ------------------------------------------------------------------
    def assemble(self, per_file: list[list[Relation]]) -> Dataset | None:
        """The dataset from every file's relations (in file order), after the checks that span
        files: the same relation twice (E116), unused entities and sources (W201, W202).
        None when any error was found (the runner has added every file's diagnostics)."""
        relations = self.distinct(per_file)
        if has_errors(self.diagnostics):
            return None
        self.report_unused(relations)
        return Dataset(
            sources=by_id(self.sources),
            entities=by_id(self.entities),
            predicates=by_id(self.predicates),
            relations=tuple(relations),
            source_texts=self.raw_texts,
            source_text_offsets=self.text_offsets,
        )

    def distinct(self, per_file) -> list:
        """Every file's relations in order, less those stated before (E116)."""
        relations = []
        seen: dict[str, Relation] = {}
        for relation in (r for file_relations in per_file for r in file_relations):
            if relation.id in seen:
                self.report_duplicate(relation.position, seen[relation.id].position)
                continue
            seen[relation.id] = relation
            relations.append(relation)
        return relations

    def report_duplicate(self, position, first) -> None:
        self.report(position, "E116", f"duplicate relation: same subject, predicate, object, date and source as {first}")

    def summarize(self, per_file) -> "CheckSummary | None":
        """What assemble() checks across files, without making the dataset: for `relgraph check`.

        Each item of `per_file` is a file's list of relations, or anything with what this reads of
        one: `ids` (in order), `used` (entity ids), `cited` (source ids) and `position(n)` (the
        cache's summary of a file, whose relations need not be decoded)."""
        files = [RelationsRead(f) if isinstance(f, list) else f for f in per_file]
        count = sum(len(f.ids) for f in files)
        if len(set().union(*(f.ids for f in files))) < count:  # only then look for where (a set says at once)
            self.report_duplicates(files)
        if has_errors(self.diagnostics):
            return None
        # Duplicates are errors, so here every relation counts (their names as well).
        self.report_unused_names(set().union(*(f.used for f in files)), set().union(*(f.cited for f in files)))
        return CheckSummary(count, len(self.entities), len(self.predicates), len(self.sources))

    def report_duplicates(self, files) -> None:
        seen: dict[str, tuple] = {}
        for file in files:
            for number, relation_id in enumerate(file.ids):
                if relation_id in seen:
                    first, first_number = seen[relation_id]
                    self.report_duplicate(file.position(number), first.position(first_number))
                else:
                    seen[relation_id] = (file, number)

    def report_unused(self, relations: list[Relation]) -> None:
        self.report_unused_names(entities_named(relations), {r.source for r in relations})

    def report_unused_names(self, used: set[str], cited: set[str]) -> None:
        # By id: a record is looked at only when it is reported (the vocabulary cache makes records on demand).
        for entity_id in self.entities:
            if entity_id not in used:
                self.report(self.entities[entity_id].position, "W201", f"entity '{entity_id}' takes part in no relation")
        for source_id in self.sources:
            if source_id not in cited:
                self.report(self.sources[source_id].position, "W202", f"source '{source_id}' has no relation")


class RelationsRead:
    """A file's checked relations, as Validator.summarize() reads a file."""

    def __init__(self, relations: list[Relation]):
        self.relations = relations
        self.ids = [r.id for r in relations]
        self.used = entities_named(relations)
        self.cited = {r.source for r in relations}

    def position(self, number: int):
        return self.relations[number].position


# Each field kind of schema.Field and the check it gets.
_CHECKERS = {
    **dict.fromkeys(("text", "ref", "id", "qid", "sha256", "choice"), Validator.check_text),
    "date": Validator.check_date,
    **dict.fromkeys(("int", "number", "bool"), Validator.check_scalar),
    "list": Validator.check_list,
    "figures": Validator.check_figures,
    **dict.fromkeys(("texts", "choices"), Validator.check_texts),
}
# Text kinds with a pattern: (pattern, code, message).
_TEXT_PATTERNS = {
    "id": (schema.ID_PATTERN, "E117", "id '{value}' must be lowercase letters, digits and single hyphens"),
    "qid": (schema.QID_PATTERN, "E117", "'{value}' is not a Wikidata QID (Q followed by digits)"),
    "sha256": (schema.SHA256_PATTERN, "E106", "field '{name}' must be 64 lowercase hex digits"),
}


def _quick_checks(fields) -> dict:
    """For each text field, what a plain text value must also pass to be accepted at once: None
    (nothing), its choices, or its pattern (check_record's fast path; check_text is the long way)."""
    quick = {}
    for f in fields:
        if f.kind in ("text", "ref"):
            quick[f.name] = None
        elif f.kind == "choice":
            quick[f.name] = frozenset(f.choices).__contains__
        elif f.kind in _TEXT_PATTERNS:
            quick[f.name] = _TEXT_PATTERNS[f.kind][0].match
    return quick


MAX_NUMBER = 10**18  # larger than any figure a text gives; huge integers would break str() and outputs
_SCALARS = {"int": (int, "a whole number"), "number": ((int, float), "a number"), "bool": (bool, "true or false")}


def relation_id(source: str, subject: str, predicate: Predicate, obj: str, date, end_date) -> str:
    """Stable id from what makes a relation itself (quote edits keep it; duplicates collide)."""
    if predicate.symmetric:
        subject, obj = sorted((subject, obj))
    key = "\x1f".join((source, subject, predicate.id, obj, str(date or ""), str(end_date or "")))
    return "r" + hashlib.sha256(key.encode()).hexdigest()[:12]
