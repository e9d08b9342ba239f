"""Build the English common-word list ``corpora/wordlist/en-words.txt.gz``.

Why: the fidelity scorer reports an English name with no counterpart in the Arabic
(``name-mismatch``), and it takes a capitalised word for a name when no gloss of the lexicon
explains it. The lexicon's English side is a translation vocabulary, not a dictionary: it
lacks ``arctic``, ``virology``, ``taxonomy``, ``materiel``, ``murine``, so a translated common
noun written with a capital (``the Arctic``, ``the State Research Center of Virology``) was
reported as a missing name. This list supplies the dictionary: a capitalised word whose stem
is on it is judged by coverage like any translatable word (``mentions._en_name``).

Source: the ``web2`` word list (Webster's Second International Dictionary, 1934, public
domain) as shipped by PyPI ``english-words`` (MIT). Only its lower-case entries count: web2
writes proper nouns with a capital (``Johnson``), so a lower-case entry is a common word.
Kept: alphabetic words of at least ``MIN_LEN`` letters (shorter dictionary words are too
often surnames as well, ``ryder``, ``conte``), stored as Snowball stems
(``normalize.en_stem``) that the lexicon's gloss vocabulary does not already hold (those are
known words anyway). One stem a line after a ``#`` header, sorted, gzip-compressed with a
fixed mtime so that the same inputs give the same bytes.

The script downloads nothing: ``english-words`` must be installed for the build only::

    uv run --with english-words==2.0.2 python scripts/build_wordlist.py

Then paste the printed sha256 into ``align/evidence/names.py: WORDLIST_SHA256``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.metadata
import pickle
import sys
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tawazi.align.evidence.lexicon import load_lexicon  # noqa: E402
from tawazi.align.evidence.names import gloss_vocabulary  # noqa: E402
from tawazi.align.text.normalize import en_stem  # noqa: E402

#: Shortest dictionary word kept.
MIN_LEN = 6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "corpora/wordlist/en-words.txt.gz")
    args = ap.parse_args()
    version = importlib.metadata.version("english-words")
    data = files("english_words").joinpath("data/web2.pickle").read_bytes()
    web2: set[str] = pickle.loads(data)  # the package's own data file
    lex = load_lexicon()
    known = gloss_vocabulary(lex)
    stems = sorted({en_stem(w) for w in web2
                    if w.isascii() and w.isalpha() and w.islower() and len(w) >= MIN_LEN}
                   - known)
    body = "\n".join(stems) + "\n"
    header = (f"# web2 lower-case words of >= {MIN_LEN} letters as Snowball stems, less the "
              f"gloss vocabulary of lexicon {lex.sha}; english-words {version}; "
              f"{len(stems)} stems\n")
    raw = (header + body).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0,
                                                  filename="") as gz:
        gz.write(raw)
    print(f"{args.out}: {len(stems)} stems; sha256 {hashlib.sha256(raw).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
