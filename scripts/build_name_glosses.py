"""Build the list of the lexicon's glosses that are names: ``corpora/wordlist/name-glosses.txt.gz``.

Why: the fidelity scorer requires a counterpart only for a capitalised English word that no
gloss explains (``mentions._en_name``): a word the lexicon translates ("Council", "Prime") is
judged by coverage, like any word. But the lexicon's English side holds names too
(``اسطنبول`` istanbul, ``شكري`` shoukri, ``بيروت`` beirut): a name replaced by another
("killed in Istanbul" for ``قتل في أنقرة``) or left out ("Sameh Shoukry met Mohamed Salah"
for ``التقى محمد صلاح``) cost one word of coverage and scored 0.87-0.95, unflagged. This list
tells those glosses apart: a gloss is a name when an Arabic headword it glosses is spelled
like it (their consonant skeletons share a key, ``keys.skeleton_keys``: the headword is a
transliteration of it) and it is no lower-case word of a dictionary. A transliterated common
noun (``فيروس`` virus, ``كمبيوتر`` computer) is in the dictionary; an exonym (``ألمانيا``
Germany, ``القاهرة`` Cairo) is not spelled like its gloss, and stays judged by coverage.

Source of the dictionary: the ``web2`` word list (Webster's Second International Dictionary,
1934, public domain) as shipped by PyPI ``english-words`` (MIT), as for
``scripts/build_wordlist.py``; here every lower-case entry counts, whatever its length. One
Snowball stem a line after a ``#`` header, sorted, gzip-compressed with a fixed mtime.

Country names are added whatever the dictionary says (``countries``): an exonym is not
spelled like its Arabic (``Germany`` for ألمانيا), and a country is often a common word
too (``Turkey``, ``Chad``, ``Jordan``), but a country put for another ("the laws of the
State of Qatar" for دولة الكويت) is the commonest name error of a translated contract or
news report. Their source is the ISO 3166 list of PyPI ``pycountry`` (single-word English
names, the common name where it has one: Iran, Syria, Bolivia), each kept when some Arabic
headword of the lexicon has it among its glosses, so that the Arabic side can hold it.

The script downloads nothing: ``english-words`` and ``pycountry`` must be installed for the
build only::

    uv run --with english-words==2.0.2 --with pycountry==26.2.16 \
        python scripts/build_name_glosses.py

Then paste the printed sha256 into ``align/evidence/names.py: NAME_GLOSSES_SHA256``. Run it
again whenever the lexicon is rebuilt.
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

from tawazi.align.evidence import keys as K  # noqa: E402
from tawazi.align.evidence.lexicon import Glosses, load_lexicon  # noqa: E402
from tawazi.align.text.normalize import en_stem  # noqa: E402

#: The first half of a compound name written as one word in English and two in Arabic, the
#: second with the article (Abdel Fattah for عبد الفتاح, Abdul Rahman for عبد الرحمن): no
#: Arabic word is spelled like it, so it would never find its counterpart.
PARTICLES = frozenset({"abdel", "abdul", "abdal", "abdol", "abdil", "abdell", "abdoul"})
#: Coinages spelled like a name that Arabic renders by a description: Brexit (and Brexiteer,
#: the same stem) is خروج بريطانيا من الاتحاد الأوروبي at least as often as بريكست.
COINAGES = frozenset({"brexit"})


def name_glosses(glosses: Glosses, common: set[str]) -> list[str]:
    """The gloss stems spelled like an Arabic headword they gloss (with or without its
    article) that are not in ``common``, nor ``PARTICLES`` or ``COINAGES``."""
    out: set[str] = set()
    for ar, stems in glosses.items():
        forms = [ar, ar[2:]] if ar.startswith("ال") and len(ar) > 4 else [ar]
        ar_keys = {k for f in forms for k in K.skeleton_keys(K.skeleton_ar(f))}
        if not ar_keys:
            continue
        for g in stems:
            if len(g) >= 3 and g.isalpha() and g not in common and g not in PARTICLES \
                    and g not in COINAGES \
                    and g not in out and not ar_keys.isdisjoint(K.skeleton_keys(
                        K.skeleton_en(g))):
                out.add(g)
    return sorted(out)


#: English country names that ISO 3166 no longer lists (``Türkiye``), still what English text
#: writes.
OLD_COUNTRY_NAMES = ("Turkey", "Burma", "Holland", "Swaziland")


def countries(vocabulary: set[str]) -> list[str]:
    """Stems of the single-word English country names of ISO 3166 (``pycountry``) that are
    glosses of the lexicon (``vocabulary``)."""
    import pycountry

    names = [n for c in pycountry.countries for n in (c.name, getattr(c, "common_name", None))]
    out: set[str] = set()
    for name in (*names, *OLD_COUNTRY_NAMES):
        if name and name.isascii() and name.isalpha():
            stem = en_stem(name)
            if len(stem) >= 4 and stem in vocabulary:
                out.add(stem)
    return sorted(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path,
                    default=ROOT / "corpora/wordlist/name-glosses.txt.gz")
    args = ap.parse_args()
    version = importlib.metadata.version("english-words")
    data = files("english_words").joinpath("data/web2.pickle").read_bytes()
    web2: set[str] = pickle.loads(data)  # the package's own data file
    common = {en_stem(w) for w in web2 if w.isascii() and w.isalpha() and w.islower()}
    lex = load_lexicon()
    stems = name_glosses(lex.glosses, common)
    vocabulary = {g for gs in lex.glosses.values() for g in gs}
    nations = countries(vocabulary)
    stems = sorted({*stems, *nations})
    header = (f"# glosses of lexicon {lex.sha} spelled like an Arabic headword they gloss, "
              f"less web2's lower-case words (english-words {version}), and {len(nations)} "
              f"country names (pycountry {importlib.metadata.version('pycountry')}); "
              f"{len(stems)} stems\n")
    raw = (header + "\n".join(stems) + "\n").encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0,
                                                  filename="") as gz:
        gz.write(raw)
    print(f"{args.out}: {len(stems)} stems; sha256 {hashlib.sha256(raw).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
