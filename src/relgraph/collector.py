"""Python's cyclic garbage collector paused while a stage makes objects that all outlive it.

Decoding 100,000 cached relations or filling a NetworkX graph makes hundreds of thousands of
dicts that live as long as the dataset; the collector, run every few hundred allocations, walks
the young ones and, ever more often, everything already loaded, and frees nothing: half of such a
stage's time. Reference counting still frees everything else as usual.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """The collector off inside the block, then as it was (a nested pause leaves it off)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
