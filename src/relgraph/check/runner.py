"""The check, run over a whole project: the validation rules (rules.py) with the speed machinery
wrapped around them from outside.

- the per-file cache (cache.py) answers for relation files unchanged since an earlier run;
- with many files left, a forked worker (parallel.py) validates half of them on the other core;
- results of both travel as bytes (codec.py).

Each is an optimisation of the plain path `Validator.validate_file` for every file in order, and
the tests compare the two (tests/test_cache.py).
"""
from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import NamedTuple

from relgraph import collector, parallel
from relgraph.check import cache as stores
from relgraph.check.codec import (decode_dataset, decode_file_result, decode_file_summary, decode_vocabulary,
                                  encode_dataset,
                                  encode_file_result, encode_vocabulary)
from relgraph.errors import DataError, Diagnostic
from relgraph.model.records import Dataset, Relation

PARALLEL_FILES = 64  # below this, forking costs more than it saves

FileResult = tuple[list[Relation], list[Diagnostic]]


def check_project(root: Path, cache: bool = False, summary: bool = False) -> tuple[Dataset | None, list[Diagnostic]]:
    """Load and validate; returns the dataset (None on errors) and every diagnostic, sorted.

    With `cache`, relation files unchanged since an earlier run (in an unchanged context) are
    taken from .relgraph-cache/files/ instead of being parsed and validated again. With
    `summary`, no dataset is made: the first value is a CheckSummary (counts), and cached files
    are read only as far as the checks across files need (the same diagnostics; `relgraph check`).
    """
    dataset, diagnostics, _ = _checked(root, cache, summary)
    return dataset, diagnostics


def _checked(root: Path, cache: bool, summary: bool):
    """check_project's answer, and the relations' Origins when the per-file cache keyed every file (else None)."""
    # Nearly all the check makes lives as long as the dataset: the collector paused saves a sixth of
    # its time (CPU time at 100k, one process: 6.4 s against 7.6 s) and frees it all afterwards.
    with collector.paused():
        return _checked_now(root, cache, summary)


def _checked_now(root: Path, cache: bool, summary: bool):
    from relgraph.check.rules import Validator  # the rules (and the YAML parsers) only when checking
    from relgraph.read.project import parse_project

    root = Path(root)
    store = stores.RelationFileCache(root) if cache else None
    results: dict[str, FileResult] = decoded_hits(root, store.lookup(), summary) if store else {}
    vocabulary = cached_vocabulary(store) if store else None
    parsed = parse_project(root, skip=frozenset(results), contents=store.contents if store else None, lazy=True,
                           vocabulary=vocabulary is None)
    validator = Validator(parsed)
    vocabulary_entry = vocabulary_of(validator, vocabulary, store)
    fresh, sent = validate_files(validator, [file for file in parsed.relation_files if file not in results], summary,
                                 whole=store is not None or not summary)
    results.update(fresh)
    for file in parsed.relation_files:
        validator.diagnostics.extend(results[file][1])
    per_file = [results[file][0] for file in parsed.relation_files]
    dataset = validator.summarize(per_file) if summary else validator.assemble(per_file)
    kept = store is not None and keep(store, vocabulary is not None, vocabulary_entry, fresh, sent)
    # Origins only under the same rule as the entries: a context edited during the run was read
    # after lookup() hashed it, so what is rendered from it must not go under the older key.
    origins = origins_of(store, parsed.relation_files, per_file) if kept and not summary else None
    return dataset, sorted(validator.diagnostics), origins


def origins_of(store, files: list[str], per_file: list[list[Relation]]) -> "Origins | None":
    """The relations' Origins, when the per-file cache keyed every file (else None)."""
    if store.context is None or not all(file in store.keys for file in files):
        return None
    return Origins(store.context.hex(), [(store.keys[file], len(relations)) for file, relations in zip(files, per_file)])


def keep(store, vocabulary_was_cached: bool, vocabulary_entry: bytes | None, fresh: dict, sent: dict) -> bool:
    """Store this run's vocabulary (when validated now) and fresh files' entries; False (nothing
    stored) when the context changed during the run."""
    # With the vocabulary from the cache, nothing of the context was read but what lookup() hashed:
    # fresh entries are right under its key. Validated now, it was read again, so check it is the same.
    if not (vocabulary_was_cached or store.context_unchanged()):
        return False
    if vocabulary_entry is not None:
        store.store_vocabulary(vocabulary_entry)
    store.store({file: sent.get(file) or encode_file_result(*result) for file, result in fresh.items()})
    return True


def vocabulary_of(validator, vocabulary, store) -> bytes | None:
    """Give the validator its vocabulary: the cached state, or validated now (then returned
    encoded, for the cache, as it stood before any relation file was validated)."""
    if vocabulary is not None:
        validator.restore_vocabulary(*vocabulary)
        return None
    validator.validate_vocabulary()
    return encode_vocabulary(*validator.vocabulary_state()) if store else None


def cached_vocabulary(store):
    """The vocabulary's validated state from the cache, or None (a miss, or an entry it cannot read)."""
    data = store.read_vocabulary()
    seeds, store.seeds = store.seeds, {}  # the texts keep the seeds they are cut from, and no others
    if data is None:
        return None
    try:
        return decode_vocabulary(data, seeds)
    except (ValueError, EOFError, TypeError, KeyError, IndexError):
        return None


def decoded_hits(root: Path, hits: dict[str, bytes], summary: bool = False) -> dict[str, FileResult]:
    decode = decode_file_summary if summary else decode_file_result
    decoded = {}
    for file, data in hits.items():  # the collector is paused by _checked: each relation outlives this
        try:
            decoded[file] = decode(data, os.path.join(root, file), file)  # a string: Paths cost (Locator takes either)
        except (ValueError, EOFError, TypeError, IndexError, KeyError):
            pass  # an entry it cannot read is a miss
    return decoded


def validate_files(validator, files: list[str], summary: bool = False,
                   whole: bool = True) -> tuple[dict[str, FileResult], dict[str, bytes]]:
    """Each file's result, in order; with many files, a forked worker takes the second half.
    Also the encoded results the worker sent, which the cache can store as they are. With
    `summary`, the worker's files are decoded only as far as summarize() reads them; without
    `whole` (nothing to cache) the worker sends no more than that.

    If the worker fails (no fork, a crash, bytes that do not decode), this process validates its
    files itself: the answer never depends on the worker."""
    forked = None
    if len(files) >= PARALLEL_FILES:
        theirs = files[len(files) // 2:]
        worker = parallel.fork(lambda: marshal.dumps({f: encode_file_result(*validator.validate_file(f), whole=whole)
                                                      for f in theirs}))
        forked = (worker, theirs) if worker is not None else None
    mine = files[: len(files) // 2] if forked else files
    results = {file: validator.validate_file(file) for file in mine}
    sent: dict[str, bytes] = {}
    if forked:
        worker_results, sent = collect_worker(validator, *forked, summary)
        results.update(worker_results)
    return {file: results[file] for file in files}, sent


def collect_worker(validator, worker, files: list[str], summary: bool = False) -> tuple[dict[str, FileResult], dict[str, bytes]]:
    data = parallel.collect(worker)
    decode = decode_file_summary if summary else decode_file_result
    try:
        if data is None:
            raise ValueError("worker failed")
        encoded = marshal.loads(data)
        return {file: decode(encoded[file], validator.root / file, file) for file in files}, encoded
    except (ValueError, EOFError, KeyError, TypeError):
        return {file: validator.validate_file(file) for file in files}, {}


def load_dataset(root: Path = Path("."), cache: bool = False) -> Dataset:
    """The validated dataset of a project, or DataError with every problem found."""
    dataset, diagnostics = check_project(root, cache)
    if dataset is None:
        raise DataError(diagnostics)
    return dataset


class Origins(NamedTuple):
    """Where a dataset comes from, as the per-file cache keyed it: what the build needs to reuse what
    it rendered from unchanged inputs."""

    context: str  # the key of the context (vocabulary files, seeds, parsers, relgraph's code)
    files: list[tuple[str, int]]  # (relation file's key, its number of relations), in file order


def load_dataset_with_origins(root: Path) -> tuple[Dataset, Origins | None]:
    """load_dataset with the per-file cache, and the dataset's Origins (None when some file has no key)."""
    dataset, diagnostics, origins = _checked(Path(root), True, False)
    if dataset is None:
        raise DataError(diagnostics)
    return dataset, origins


def cached_dataset(root: Path) -> Dataset:
    """The validated dataset, from the dataset cache when every input is unchanged (DataError otherwise).

    On a hit neither the rules nor the YAML parsers are imported: `relgraph path` stays quick.
    The entry is stored only if the inputs' key is the same after the check as before it, so an
    edit saved during the run is never stored under the inputs it replaced."""
    root = Path(root)
    try:
        key = stores.input_key(root)
    except OSError:
        return load_dataset(root)
    data = stores.read_dataset_entry(root, key)
    if data is not None:
        try:
            return decode_dataset(data)
        except (ValueError, EOFError, TypeError, KeyError, IndexError):
            pass  # an entry it cannot read is a miss
    dataset = load_dataset(root, cache=True)
    if _key_after_check(root) == key:
        stores.write_dataset_entry(root, key, encode_dataset(dataset))
    return dataset


def _key_after_check(root: Path) -> str | None:
    try:
        return stores.input_key(root)
    except OSError:
        return None
