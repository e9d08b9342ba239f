"""The five camel-tools functions tawazi uses, copied from camel-tools 1.6.0 (MIT licence).

camel-tools declares torch, transformers, scikit-learn, scipy and pandas as dependencies of
the whole toolkit, for its morphology, NER and dialect models; ``pip install camel-tools``
brings 6 GB of them. tawazi needs only dediacritisation, three letter normalisations and the
Buckwalter-to-Arabic character map, which are a character class, one regular expression, two
``str.replace`` calls and a 51-entry table. They are copied here, unchanged in behaviour, so
that the installed tool depends on no ML stack (README, "Libraries and why", says why this
beats a port or camel-tools' own options). ``tests/test_camel.py`` checks them against
camel-tools itself on every Arabic-block character and on random text.

Source files: ``camel_tools/utils/charsets.py`` (``AR_DIAC_CHARSET``),
``camel_tools/utils/dediac.py`` (``dediac_ar``), ``camel_tools/utils/normalize.py``
(``normalize_alef_ar``, ``normalize_alef_maksura_ar``, ``normalize_teh_marbuta_ar``),
``camel_tools/utils/charmaps/bw2ar_map.json`` (``CharMapper.builtin_mapper("bw2ar")``).

MIT License

Copyright 2018-2026 New York University Abu Dhabi

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

from __future__ import annotations

import re

#: camel-tools' ``AR_DIAC_CHARSET``: tanween, the short vowels, shadda, sukun and dagger alef.
#: The rarer Quranic marks (U+0653..U+065F) are not in it, so they survive dediacritisation.
AR_DIAC_CHARSET = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")
_DIAC_RE_AR = re.compile("[" + re.escape("".join(sorted(AR_DIAC_CHARSET))) + "]")

#: Hamza above and below, wasla and madda on alef: folded to bare alef.
_ALEF_NORMALIZE_AR_RE = re.compile("[\u0625\u0623\u0671\u0622]")

#: Buckwalter transliteration -> Arabic, one character each way (camel-tools' ``bw2ar`` map).
BW_LETTERS = "'|>&<}AbptvjHxd*rzs$SDTZEg_fqklmnhwYyFNKaui~o`{PJVG"
AR_OF_BW = (
    "\u0621\u0622\u0623\u0624\u0625\u0626\u0627\u0628\u0629\u062a\u062b\u062c\u062d\u062e"
    "\u062f\u0630\u0631\u0632\u0633\u0634\u0635\u0636\u0637\u0638\u0639\u063a\u0640\u0641"
    "\u0642\u0643\u0644\u0645\u0646\u0647\u0648\u0649\u064a\u064b\u064c\u064d\u064e\u064f"
    "\u0650\u0651\u0652\u0670\u0671\u067e\u0686\u06a4\u06af"
)
_BW2AR = str.maketrans(BW_LETTERS, AR_OF_BW)


def dediac_ar(s: str) -> str:
    """Remove Arabic diacritics (``AR_DIAC_CHARSET``).

    >>> dediac_ar("مَدْرَسَةٌ")
    'مدرسة'
    """
    return _DIAC_RE_AR.sub("", s)


def normalize_alef_ar(s: str) -> str:
    """Fold ``أ إ آ ٱ`` to ``ا``.

    >>> normalize_alef_ar("أإآٱا")
    'ااااا'
    """
    return _ALEF_NORMALIZE_AR_RE.sub("\u0627", s)


def normalize_alef_maksura_ar(s: str) -> str:
    """Fold alef maksura ``ى`` to yaa ``ي``.

    >>> normalize_alef_maksura_ar("على")
    'علي'
    """
    return s.replace("\u0649", "\u064a")


def normalize_teh_marbuta_ar(s: str) -> str:
    """Fold teh marbuta ``ة`` to heh ``ه``.

    >>> normalize_teh_marbuta_ar("مدرسة")
    'مدرسه'
    """
    return s.replace("\u0629", "\u0647")


def bw2ar(s: str) -> str:
    """Buckwalter transliteration to Arabic script; other characters are kept.

    >>> bw2ar("ktAb 2")
    'كتاب 2'
    """
    return s.translate(_BW2AR)
