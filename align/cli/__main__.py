"""``python -m tawazi.align.cli``: the same as the ``tawazi`` command."""

import sys

from . import main

sys.exit(main())
