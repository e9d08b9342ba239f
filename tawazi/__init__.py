"""tawazi: Arabic–English sentence alignment, fidelity scoring and review.

The public interface is what ``__all__`` lists; everything under ``tawazi.align`` and
``tawazi.tui`` is internal and may change between versions.

>>> import tawazi
>>> al = tawazi.align_texts("Hello.", "مرحبا.")
>>> al.beads[0].type, al.beads[0].ar
('1-1', 'مرحبا.')

Importing tawazi is cheap: numpy and the lexicon load on the first call.
"""

from .align import __version__
from .align.errors import FormatError, InputError, OptionError, OutputError, TawaziError
from .align.types import Flag, Sentence
from .api import Alignment, Bead, Score, align_texts, read, score_pairs, split

__all__ = [
    "Alignment",
    "Bead",
    "Flag",
    "FormatError",
    "InputError",
    "OptionError",
    "OutputError",
    "Score",
    "Sentence",
    "TawaziError",
    "__version__",
    "align_texts",
    "read",
    "score_pairs",
    "split",
]
