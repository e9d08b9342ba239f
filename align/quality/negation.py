"""A negation the Arabic leaves out ("Do not take this medicine with alcohol" for
تناول هذا الدواء مع الكحول).

Coverage cannot see it: "not" is a function word on both sides, and the rest of the bead
matches word for word, so a reversed instruction scored as high as a faithful one. The check
is one-sided on purpose. An English verb negated outright ("do not", "never", "cannot",
"didn't") is all but always negated in the Arabic too, with a particle (لا، لم، لن، ليس، ما)
or with a verb or noun of refusal, failure, ban or lack (رفض، فشل، حظر، عدم، دون), and in
spoken Arabic with مش، مو، مب، ماكو or the circumfix ما...ش (مابعرفش); of the
219 gold beads of ``ntrex_clean`` and ``tico_clean`` with such an English verb, all but two
have one (an idiom, "never more so than", and a glued Arabic clause); idioms whose
translations drop the negation ("don't forget": تذكر) are left out. The other way round
is not checked: Arabic negates where English writes a prefix or a word of its own
("harmless" غير ضار, "only" لا ... إلا, "sub-national" دون الوطنية).

It is a flag, not a term of the score: counted as a replaced referent it drove 1.7% of the
aligner's right beads on Sahih Muslim below 0.5 (free renderings: "so long as he does not"
for حتى, "he was not in Ihram" for وهو حلال), and the corruptions the score is fit on drop no
negation to weigh it by.
"""

from __future__ import annotations

import re

from ..text.normalize import normalize_ar

#: English verbs negated outright (not "no", "without", "un-": the Arabic often writes
#: those as a word of its own).
EN_NEGATED_RE = re.compile(
    r"\b(?:(?:do|does|did|is|are|was|were|will|would|shall|should|must|could|can|has|have|"
    r"had|may|might)\s+not|cannot|never|(?:do|does|did|is|are|was|were|wo|would|should|must|"
    r"could|ca|has|have|had|need)n[’']t)\b"
    # a verb or word after it, not the end of an elliptical clause ("the advice they don't"),
    # and no idiom whose translation has no negation ("don't forget": تذكر; "never more so
    # than": خاصة; "not only": أيضا)
    r"(?=\s+(?:\w+\s+)?\w)(?!\s+(?:forget|only|just|more|less|mind|hesitate|fail|miss|"
    r"stop|cease|doubt|deny|and|or|but)\b)", re.IGNORECASE)
#: "So long as he does not return", "until ... not": Arabic writes حتى يرجع (until he
#: returns), with no negation.
_AS_LONG_AS_RE = re.compile(r"\b(?:as long as|so long as|until|till)\b[^.;:!?]*$", re.IGNORECASE)
#: Arabic negation particles, and the words that start with one (ولا, فلم, لست).
AR_PARTICLES = frozenset({
    "لا", "لم", "لن", "ليس", "ليست", "ليسوا", "ليسا", "لست", "لسنا", "لستم", "ما", "غير",
    "دون", "بدون", "بلا", "عدم", "بعدم", "لما", "الا", "ولا", "ولم", "ولن", "فلا", "فلم",
    "فلن", "وليس", "وما", "فما", "ابدا", "اطلاقا", "لئلا", "كلا", "لولا", "لوما", "هلا",
    # spoken Arabic (Egyptian, Levantine, Gulf, Iraqi): مش عايز, مو زين, مب, ماكو, مفيش
    "مش", "ومش", "موش", "مو", "مب", "مهب", "ماكو", "مفيش", "مافيش", "مافي", "ماني", "مانيش",
    "مانا", "ماهو", "ماهي"})
#: The spoken circumfix ما...ش (مابعرفش, ماقدرتش, مبيحبش): a token that starts with م and
#: ends with ش around a verb.
_CIRCUMFIX_RE = re.compile(r"^م[اب]?\w{2,}ش$")
#: Stems of Arabic words of refusal, failure, ban, avoidance, lack or impossibility, which
#: carry the negation of "did not", "could not", "must not" in a verb or noun.
AR_NEGATING_STEMS = (
    "امتنع", "يمتنع", "تمتنع", "رفض", "يرفض", "ترفض", "فشل", "يفشل", "تفشل", "منع", "يمنع",
    "تمنع", "حظر", "يحظر", "تحظر", "تجنب", "يتجنب", "تفادي", "عجز", "يعجز", "تعذر",
    "يتعذر", "استحال", "يستحيل", "مستحيل", "نفي", "نفت", "ينفي", "تنفي", "انكر", "ينكر",
    "تنكر", "انعدام", "غياب", "افتقار", "يفتقر", "تفتقر", "توقف", "تخلف", "اخفق", "يخفق",
    "حرم", "يحرم", "تحرم", "ممنوع", "محظور", "امتناع", "بمعزل", "عدم", "كره")
_AR_STEMS_RE = re.compile("|".join(AR_NEGATING_STEMS))
_AR_WORD_RE = re.compile(r"[\u0621-\u064a\u0640-\u065f\u0670]+")
#: A token this long is several words written without spaces: a particle inside it counts.
_GLUED = 12
#: A particle glued to the words around it (الشيوخلا يجب, فهملايلقون: spaces lost in the
#: translation): a particle at the end of a longer token, or one before an imperfective
#: prefix inside it.
_GLUED_PARTICLE = re.compile(r"^.{3,}(?:لا|لم|لن)$|^.{3,}(?:لا|لم|لن)[يتنا]")


def _bare_forms(norm: str) -> tuple[str, ...]:
    """A token without the conjunction and the question's hamza before it: فليس, أليس,
    أفلا, أولم (is he not, will they not) are negations too."""
    out = [norm]
    for _ in range(2):
        nxt = [f[1:] for f in out if len(f) > 2 and f[0] in "وفا"]
        out.extend(nxt)
    return tuple(out)


def _ar_negated(ar_text: str) -> bool:
    text = normalize_ar(ar_text)
    if _AR_STEMS_RE.search(text):
        return True
    for norm in _AR_WORD_RE.findall(text):
        if any(f in AR_PARTICLES for f in _bare_forms(norm)):
            return True
        if len(norm) >= _GLUED and any(p in norm for p in ("لا", "لم", "لن", "ليس")):
            return True
        if _GLUED_PARTICLE.match(norm) or _CIRCUMFIX_RE.match(norm):
            return True
    return False


def dropped_negation(en_text: str, ar_text: str) -> str:
    """The English negation the Arabic leaves out, explained, or ``""``.

    >>> dropped_negation("Do not take this medicine with alcohol.",
    ...                  "تناول هذا الدواء مع الكحول.")
    '“Do not” on the English side; the Arabic has no negation'
    >>> dropped_negation("Do not take this medicine with alcohol.",
    ...                  "لا تتناول هذا الدواء مع الكحول.")
    ''
    """
    low = en_text.lower()
    if "not" not in low and "n't" not in low and "n’t" not in low and "never" not in low:
        return ""  # no negation at all: the pattern is not run
    m = next((m for m in EN_NEGATED_RE.finditer(en_text)
              if not _AS_LONG_AS_RE.search(en_text, max(0, m.start() - 24), m.start())), None)
    if m is None or _ar_negated(ar_text):
        return ""
    return f"“{m.group()}” on the English side; the Arabic has no negation"


__all__ = ["AR_NEGATING_STEMS", "AR_PARTICLES", "EN_NEGATED_RE", "dropped_negation"]
