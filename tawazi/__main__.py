"""``python -m tawazi``: the same as the ``tawazi`` command."""

import sys

from .align.cli import main

sys.exit(main())
