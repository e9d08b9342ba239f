"""Memory polars frees goes back to the system at once, so a batch run's peak stays flat.

polars allocates with its own jemalloc, which it tells to keep freed pages for half a second,
then a second more (``dirty_decay_ms:500,muzzy_decay_ms:1000``, set by ``import polars``) in
case they are wanted again. A batch report runs many short plans one after another (a slice
of documents, their beads, their summary), each in a fraction of a second, faster than the
pages decay, so each plan's pages come on top of the last one's: measured on 10,000 small
documents, the parent's resident memory crept up by 10 MiB per few thousand documents and
its peak reached 159 MiB for the report alone, against 118-126 MiB with the pages returned
at once, for a report a few percent slower to write.

jemalloc reads its options from the environment once, when polars' library starts
(``import polars`` puts its own first, so the later ones given here win), so
``return_freed_memory`` must run before ``import polars``; afterwards it changes nothing. A
setting of the user's own (the same variable set in the shell) is kept. The variable is
inherited by the processes the run starts, who then do the same.
"""

from __future__ import annotations

import os
import sys

#: The environment variable polars' jemalloc (built with the ``_rjem_`` prefix) reads.
JEMALLOC_ENV = "_RJEM_MALLOC_CONF"
#: Freed pages are returned to the system at once rather than after a second and a half.
JEMALLOC_CONF = "dirty_decay_ms:0,muzzy_decay_ms:0"


def return_freed_memory() -> bool:
    """Ask polars' allocator to return freed pages at once (module docstring); whether the
    setting can still take effect (polars not imported yet in this process)."""
    os.environ.setdefault(JEMALLOC_ENV, JEMALLOC_CONF)
    return "polars" not in sys.modules
