"""tawazi's review UI (Textual): side-by-side beads, edits, autosaved sessions.

The UI only calls ``align/``: every edit is a pure function of ``align.review.edit`` and the
session file is ``align.review.session``'s. Importing this package imports nothing; ``tui.app``
is loaded by ``tawazi review`` when it runs.
"""
