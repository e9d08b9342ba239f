"""Words put for their opposites or siblings across a bead ("rose" for انخفضت, "north" for
جنوب, "her father" for أمها).

Coverage cannot see this error: one word of the bead is unmatched on each side, as in any
free rendering. A bilingual table of contrast sets can: each set lists members that exclude
each other (north, south, east, west; rise, fall; father, mother), each member by the English
stems and the Arabic words that name it. When an English word of one member and an Arabic word
of another member of the same set are both left unmatched, and neither side has a word of the
other's member, the bead is contradicted (``term-mismatch``, counted as a referent replaced,
as ``terms.contradicted_offices``).

The Arabic side is a closed list, not the lexicon's glosses: classical Arabic glosses are too
ambiguous for it (أبي "my father" and "he refused", قبل "before" and "accepted", يزيد "it
increases" and a name), and so are a few senses on either side, left out: "last"/"next"
(آخر is also "other"), "win"/"lose" ("lost to Chile" for فازت تشيلي), "more"/"less",
"hire"/"fire", "buy"/"sell" (شرى is both), "accept"/"reject", and the parts of the
day ("Friday night" for مساء الجمعة). The words of "father" and "mother" carry their pronoun
(أبوه, أمها): a bare أبي or أم is also a name's first word (عن أبي هريرة, أم سلمة).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from ..evidence.features import Unit
from ..text.normalize import normalize_ar

#: Contrast set -> members, each member (English Snowball stems, as the units' keys, with
#: irregular forms: "rose", "fell"; Arabic words as written, normalised at import).
CONTRASTS: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "direction": (
        (("north", "northern"), ("شمال", "شمالي", "شمالية", "شمالا")),
        (("south", "southern"), ("جنوب", "جنوبي", "جنوبية", "جنوبا")),
        (("east", "eastern"), ("شرق", "شرقي", "شرقية", "شرقا", "مشرق")),
        (("west", "western"), ("غرب", "غربي", "غربية", "غربا"))),
    "change": (
        (("rise", "rose", "risen", "increas", "climb", "soar"),
         ("ارتفع", "ارتفعت", "ارتفاع", "ارتفاعا", "يرتفع", "ترتفع", "زيادة", "صعد", "صعدت")),
        (("fall", "fell", "fallen", "decreas", "plummet"),
         ("انخفض", "انخفضت", "انخفاض", "انخفاضا", "ينخفض", "تنخفض", "تراجع", "تراجعت",
          "هبط", "هبطت", "هبوط"))),
    "medal": (
        (("gold", "golden"), ("ذهبية", "الذهبية")),
        (("silver",), ("فضية", "الفضية")),
        (("bronz",), ("برونزية", "البرونزية"))),
    "flow": ((("import",), ("استيراد", "واردات")), (("export",), ("تصدير", "صادرات"))),
    "extreme": ((("maximum", "highest"), ("أقصى", "الأقصى")),
                (("minimum", "lowest"), ("أدنى", "الأدنى"))),
    "permission": ((("allow", "permit"), ("سمح", "سمحت", "يسمح", "تسمح", "السماح")),
                   (("ban", "prohibit", "forbid"), ("حظر", "حظرت", "يحظر", "تحظر"))),
    "outcome": ((("success", "succeed"), ("نجح", "نجحت", "نجاح")),
                (("fail", "failur"), ("فشل", "فشلت", "إخفاق"))),
    "parent": ((("father",), ("والد", "أبوه", "أباه", "أبيه", "أبوها", "أباها", "أبيها",
                              "أبوهم", "أبوك", "أبونا")),
               (("mother",), ("والدة", "أمه", "أمها", "أمهم", "أمك", "أمي", "أمنا"))),
    "child": ((("son",), ("ابن", "نجل")), (("daughter",), ("ابنة", "كريمة"))),
    "sibling": ((("brother",), ("أخ", "شقيق")), (("sister",), ("أخت", "شقيقة"))),
    "spouse": ((("husband",), ("زوج",)), (("wife",), ("زوجة",))),
    "adult": ((("man", "men"), ("رجل", "رجال")), (("woman", "women"), ("امرأة", "نساء", "سيدة"))),
    "young": ((("boy",), ("صبي", "فتى")), (("girl",), ("فتاة", "طفلة"))),
    "monarch": ((("king",), ("ملك",)), (("queen",), ("ملكة",))),
    "season": ((("summer",), ("صيف",)), (("winter",), ("شتاء",)), (("spring",), ("ربيع",)),
               (("autumn",), ("خريف",))),
    "period": ((("week", "weekli"), ("أسبوع", "أسابيع", "أسبوعي", "أسبوعية", "أسبوعيا")),
               (("month", "monthli"), ("شهر", "أشهر", "شهور", "شهري", "شهرية", "شهريا")),
               (("year", "annual"), ("سنة", "سنوات", "سنين", "أعوام", "سنوي", "سنوية",
                                     "سنويا"))),
    "hijri month": ((("muharram",), ("محرم",)), (("rajab",), ("رجب",)),
                    (("shaban", "sha'ban"), ("شعبان",)), (("ramadan",), ("رمضان",)),
                    (("shawwal",), ("شوال",))),
}
#: Sets whose English words are capitalised as names are ("Ramadan", "North Sea"); in the
#: others a capitalised word inside a sentence is a name ("Justin Rose", "Stephen King").
_CAPITALISED = frozenset({"direction", "hijri month"})
#: Sets whose Arabic words name either member in older usage, so that a match of the other
#: member's English by them is no sign of a swap (``_only_rivals``): classical زوج is a wife
#: as well as a husband (زوج النبي, "the wife of the Prophet").
_NEUTRAL = frozenset({"spouse"})
#: What may stand before an Arabic word of the table (conjunction, preposition, article)
#: and after it (a possessive pronoun: أمها, زوجته).
_AR_PREFIXES = ("وال", "فال", "بال", "لل", "كال", "ال", "و", "ف", "ب", "ل")
_AR_SUFFIXES = ("هما", "هم", "ها", "كم", "نا", "ه", "ي", "ك")

_MEMBER_EN = {stem: (name, k) for name, members in CONTRASTS.items()
              for k, (en, _) in enumerate(members) for stem in en}
_MEMBER_AR = {normalize_ar(w): (name, k) for name, members in CONTRASTS.items()
              for k, (_, ar) in enumerate(members) for w in ar}


def _en_members(u: Unit) -> set[tuple[str, int]]:
    return {_MEMBER_EN[k] for k in (*u.keys, u.text.lower()) if k in _MEMBER_EN}


def _prefix_forms(norm: str) -> list[str]:
    """A normalised Arabic word and the word without each conjunction, preposition or article
    it may start with (``_AR_PREFIXES``), two letters left at least."""
    return [norm, *(norm[len(p):] for p in _AR_PREFIXES if norm.startswith(p)
                    and len(norm) - len(p) >= 2)]


@lru_cache(maxsize=50_000)
def _ar_member(word: str) -> tuple[str, int] | None:
    """The member an Arabic word names, its clitics and pronoun taken off, or ``None``."""
    for form in _prefix_forms(normalize_ar(word)):
        got = _MEMBER_AR.get(form)
        if got is not None:
            return got
        for suffix in _AR_SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= 2:
                stem = form[: -len(suffix)]
                got = _MEMBER_AR.get(stem) or (_MEMBER_AR.get(stem[:-1] + "ه")
                                               if stem.endswith("ت") else None)
                if got is not None:
                    return got
    return None


def _sure(word: str) -> bool:
    """Whether an Arabic word names its member unambiguously: not a word whose final ``ه``
    the normalisation reads as a teh marbuta (``ابنه`` is "his son" as well as ``ابنة``,
    "daughter"; ``ابنته`` is only "his daughter")."""
    if not word.endswith("ه"):
        return True
    return not any(f in _MEMBER_AR for f in _prefix_forms(normalize_ar(word)))


def _rival_ar(v: Unit, member: tuple[str, int]) -> bool:
    """Whether an Arabic word surely names another member of ``member``'s set."""
    got = _ar_member(v.text)
    return (got is not None and got[0] == member[0] and got[1] != member[1]
            and member[0] not in _NEUTRAL and _sure(v.text))


def _rival_en(u: Unit, member: tuple[str, int]) -> bool:
    """Whether an English word names another member of ``member``'s set."""
    return member[0] not in _NEUTRAL and any(
        m[0] == member[0] and m[1] != member[1] for m in _en_members(u))


def _lost(u: Unit, member: tuple[str, int], keys: set[str], other: Sequence[Unit],
          rival: Callable[[Unit, tuple[str, int]], bool]) -> bool:
    """Whether ``u`` has no counterpart on the ``other`` side (whose keys are ``keys``) but
    words of another member of its set (``rival``): ``ابنته`` "his daughter" is read ``ابن``
    + ``ته`` too and glossed "son", which then looked matched."""
    if keys.isdisjoint(u.keys):
        return True
    mine = set(u.keys)
    return all(rival(v, member) for v in other if not mine.isdisjoint(v.keys))


def contradicted_words(ue: Sequence[Unit], ua: Sequence[Unit], keys_en: set[str],
                       keys_ar: set[str]) -> tuple[str, ...]:
    """One line per English word whose contrast-set member the Arabic replaces by another
    (``CONTRASTS``); ``ue``/``ua``: the sides' units, ``keys_en``/``keys_ar``: all their keys.

    A member counts on a side from any of its words, matched or not; a contradiction needs an
    unmatched word of each side, of two members of one set, each absent from the other side.
    A word matched only by words of another member of its set counts as unmatched
    (``_lost``).
    """
    members_en = [(u, m) for u in ue for m in _en_members(u)
                  if m[0] in _CAPITALISED or u.text[0].islower() or u.start == 0]
    if not members_en:
        return ()
    lost_en = [(u, m) for u, m in members_en
               if _lost(u, m, keys_ar, ua, _rival_ar)]
    if not lost_en:
        return ()
    found_ar = [(u, _ar_member(u.text)) for u in ua]
    lost_ar = [(v, m) for v, m in found_ar if m is not None
               and _lost(v, m, keys_en, ue, _rival_en)]
    if not lost_ar:
        return ()
    have_en = {m for u in ue for m in _en_members(u)}
    have_ar = {m for _, m in found_ar if m is not None}
    out: list[str] = []
    for u, (name, k) in lost_en:
        if (name, k) in have_ar:
            continue
        other = sorted({v.text for v, (n, j) in lost_ar
                        if n == name and j != k and (n, j) not in have_en})
        if other:
            out.append(f"{u.text} ({name}) on the English side; the Arabic has "
                       + ", ".join(other))
    return tuple(dict.fromkeys(out))


__all__ = ["CONTRASTS", "contradicted_words"]
