"""Derandomized Hypothesis tests that draw the same examples in every run.

Why they did not: since 6.131 Hypothesis also draws, now and then, literals it finds in the
source of the "local" modules loaded at the time (here relgraph's own modules). Which modules are
loaded depends on the tests that ran before in the same process (a single file, the whole suite,
which worker of pytest-xdist) and on the imports relgraph makes lazily during the first examples,
so `derandomize=True` drew different mutants from run to run (session 4 saw 471, 485 and 490 of
2,000 build a graph). Neither the database (derandomize implies database=None), the deadline
(None) nor the health checks play a part. With the local literals off, a derandomized test
draws from its own strategies and Hypothesis's fixed built-in constants only.
"""
from __future__ import annotations


def draw_only_from_the_strategies() -> bool:
    """Turn off Hypothesis's literals-from-loaded-modules for this process; True when there were any."""
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - an older Hypothesis without them
        return False
    if not hasattr(providers, "_get_local_constants"):  # pragma: no cover
        return False
    empty = type(providers._local_constants)()
    providers._get_local_constants = lambda: empty
    providers.CONSTANTS_CACHE.cache.clear()  # permitted constants already worked out from the old pool
    return True
