"""tawazi: Arabic–English sentence alignment, fidelity scoring and review.

Importing this package does no work: no disk access, no model loading, no heavy imports
(camel-tools, polars and sacrebleu are imported inside the functions that need them), so that
``tawazi --help`` starts instantly.
"""

__version__ = "0.1.0"
