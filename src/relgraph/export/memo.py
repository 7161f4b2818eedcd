"""Results of the page's costly pure functions (layouts, communities) kept in the build's chunk store.

A memo, not a cache of outputs: the key is every input the function reads and what computes it
(its module's text, numpy's, Python's and the C library's versions), and the entry holds its
result exactly (floats as their repr, integers as 8-byte words), so a result read back is the one
the function would return and the page's bytes cannot change. `relgraph build` passes its check.cache.ChunkCache;
the entries a build does not read are dropped with the Turtle chunks (ChunkCache.drop_unused).
"""
from __future__ import annotations

import hashlib
import os
import platform
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

import numpy as np

Result = TypeVar("Result")


@lru_cache(maxsize=None)
def code_identity(module_file: str) -> bytes:
    """What computes a result: the module's text, numpy's version (its float operations), and
    Python's with the C library's (math.sin and math.cos come from its libm)."""
    libc = os.confstr("CS_GNU_LIBC_VERSION") if "CS_GNU_LIBC_VERSION" in getattr(os, "confstr_names", {}) else None
    machine = "\0".join([np.__version__, sys.version, platform.machine(), libc or platform.platform()])
    return hashlib.sha256(Path(module_file).read_bytes() + b"\0" + machine.encode()).digest()


def remembered(chunks, kind: str, module_file: str, inputs: bytes, make: Callable[[], Result],
               encode: Callable[[Result], bytes], decode: Callable[[bytes], Result]) -> Result:
    """make(), or with `chunks` the result kept under the key of (kind, the code, inputs) when it was
    made before; `inputs` must be every input make() reads. An entry decode() cannot read (it raises
    ValueError or TypeError) is made again."""
    if chunks is None:
        return make()
    key = hashlib.sha256(kind.encode() + b"\0" + code_identity(module_file) + inputs).hexdigest()
    entry = chunks.read(key)
    if entry is not None:
        try:
            return decode(entry)
        except (ValueError, TypeError):
            pass
    result = make()
    chunks.store({key: encode(result)})
    return result
