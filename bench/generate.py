"""Deterministic synthetic corpora in relgraph's own format, shaped like the real one.

Every relation quotes a sentence that really occurs in its source's text, so `relgraph check`
does all its work (quote search included). Predicates are the real vocabulary of graph/.
"""
from __future__ import annotations

import hashlib
import random
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from relgraph.model.schema import expand_types  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("trade energy security partnership sanctions visit summit talks exports imports pipeline bank "
         "ministry delegation statement cooperation military exercise agreement investment market").split()


def sentence(rng: random.Random, index: int) -> str:
    words = [rng.choice(WORDS) for _ in range(22)]
    return f"Sentence {index} records that " + " ".join(words) + "."  # about 150 characters; no reading-lint word


def generate(relations: int, target: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    (target / "graph" / "relations").mkdir(parents=True)
    (target / "seeds").mkdir()
    shutil.copy(ROOT / "graph" / "predicates.yaml", target / "graph" / "predicates.yaml")
    predicates = yaml.safe_load((ROOT / "graph" / "predicates.yaml").read_text(encoding="utf-8"))
    # Entities are persons and countries; keep the predicates that can link them.
    for p in predicates:
        p["subject_types"], p["object_types"] = expand_types(p["subject_types"]), expand_types(p["object_types"])
    usable = [p for p in predicates if {"person", "country"} & set(p["subject_types"])
              and {"person", "country"} & set(p["object_types"])]
    n_entities = max(50, relations // 4)
    entities = [{"id": f"e{i}", "label": f"Entity {i}", "type": "country" if i % 10 == 0 else "person",
                 "aliases": [f"E{i}"], "description": f"Synthetic entity {i}."} for i in range(n_entities)]
    by_types: dict[tuple, list] = {}  # the candidates for each set of allowed types, filtered once

    def of_types(types) -> list:
        key = tuple(types)
        if key not in by_types:
            by_types[key] = [e for e in entities if e["type"] in types]
        return by_types[key]

    turns: dict[tuple, int] = {}
    n_sources = max(1, relations // 50)
    sources, per_source = [], relations // n_sources
    for s in range(n_sources):
        lines = [f"Synthetic article {s}", ""] + [sentence(rng, i) for i in range(per_source)]
        data = "\n\n".join(lines).encode("utf-8")
        name = f"{s:06d}.txt"
        (target / "seeds" / name).write_bytes(data)
        sources.append({"id": f"s{s}", "title": f"Synthetic article {s}", "publisher": "Bench", "date": "2024-06",
                        "date_note": "generated", "genre": "news", "file": name,
                        "sha256": hashlib.sha256(data).hexdigest(), "first_line": 1,
                        "last_line": data.count(b"\n") + 1})
        records = []
        for i in range(per_source):
            predicate = rng.choice(usable)
            # Subjects are taken in turn, so every entity is used (as curation requires: no W201).
            subjects = of_types(predicate["subject_types"])
            key = tuple(predicate["subject_types"])
            subject = subjects[turns.get(key, 0) % len(subjects)]
            turns[key] = turns.get(key, 0) + 1
            objects = of_types(predicate["object_types"])
            obj = rng.choice(objects)
            while obj is subject:  # rare: draw again rather than copy a 25,000-entity list per relation
                obj = rng.choice(objects)
            records.append({"subject": subject["label"], "predicate": predicate["label"], "object": obj["label"],
                            "quote": lines[2 + i],
                            "date": f"2024-{1 + i % 5:02d}"})
        (target / "graph" / "relations" / f"s{s}.yaml").write_text(
            yaml.dump({"source": f"s{s}", "relations": records}, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=10_000),
            encoding="utf-8")
    dump = lambda data: yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=10_000)  # noqa: E731
    (target / "graph" / "sources.yaml").write_text(dump(sources), encoding="utf-8")
    (target / "graph" / "entities.yaml").write_text(dump(entities), encoding="utf-8")
    return target


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "bench" / "results" / f"corpus-{size}"
    generate(size, out)
    print(out)
