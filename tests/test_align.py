"""The aligner: invariants on random input, behaviour on made and real documents."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.config import BEADS, AlignConfig, CostParams, Priors
from tawazi.align.errors import OptionError
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.pipeline import align_pair, align_sentences
from tawazi.align.signature import alignment_signature
from tawazi.align.text.readers import read_bilingual
from tawazi.align.text.segment import split_text
from tawazi.align.types import Document, check_alignment

EN = [
    "The minister arrived in Baghdad on Monday.",
    "He met the prime minister and discussed security.",
    "The talks lasted three hours.",
    "Both sides agreed to meet again in March.",
    "Officials said 151 soldiers were wounded.",
    "The army denied the report.",
    "Reporters were not allowed inside the building.",
]
AR = [
    "وصل الوزير إلى بغداد يوم الاثنين.",
    "والتقى رئيس الوزراء وناقش الأمن.",
    "استمرت المحادثات ثلاث ساعات.",
    "واتفق الجانبان على الاجتماع مجددا في مارس.",
    "وقال مسؤولون إن 151 جنديا أصيبوا.",
    "ونفى الجيش التقرير.",
    "ولم يسمح للصحفيين بدخول المبنى.",
]


Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def _align(en_lines: list[str], ar_lines: list[str]) -> Beads:
    et, at = "\n".join(en_lines), "\n".join(ar_lines)
    al = align_sentences(
        Document(et, "en", presplit=True), Document(at, "ar", presplit=True),
        split_text(et, "en", presplit=True), split_text(at, "ar", presplit=True),
    )
    check_alignment(al)
    return [(b.en, b.ar) for b in al.beads]


def test_parallel_text_aligns_one_to_one() -> None:
    assert _align(EN, AR) == [((i,), (i,)) for i in range(len(EN))]


def test_a_sentence_missing_in_arabic_gives_a_1_0_bead() -> None:
    ar = AR[:3] + AR[4:]
    beads = _align(EN, ar)
    assert ((3,), ()) in beads
    assert ((4,), (3,)) in beads


def test_two_english_sentences_joined_give_a_2_1_bead() -> None:
    ar = AR[:1] + [AR[1] + " " + AR[2]] + AR[3:]
    beads = _align(EN, ar)
    assert ((1, 2), (1,)) in beads


def test_a_document_of_two_sentences_joined_in_arabic_leaves_none_out() -> None:
    # Every pair of so small a document is a translation: taken for chance matches, their
    # shared words raised the chance rate so high that "Ibuprofen is a painkiller." (its
    # name and gloss matched) was left a 1-0 against the joined Arabic.
    en = ["Ibuprofen is a painkiller. It belongs to a group of medicines called NSAIDs."]
    ar = ["إيبوبروفين مسكّن للألم ينتمي إلى مجموعة من الأدوية تسمى مضادات الالتهاب غير "
          "الستيرويدية."]
    al = align_pair(Document(en[0], "en"), Document(ar[0], "ar"))
    check_alignment(al)
    assert all(b.en and b.ar for b in al.beads)
    assert min(b.score for b in al.beads) > 0.5


def test_headline_without_translation_is_cheap_at_the_edge(seed002: Path) -> None:
    en, ar = read_bilingual(seed002)
    al = align_pair(en, ar)
    check_alignment(al)
    first = al.beads[0]
    assert first.type == "0-1"
    assert al.ar_sents[first.ar[0]].text.startswith("بغداد تخطر موسكو")
    # The dateline "26 January" faces "26 كانون الثاني".
    date = next(b for b in al.beads if b.en and al.en_sents[b.en[0]].text == "26 January")
    assert [al.ar_sents[j].text for j in date.ar] == ["26 كانون الثاني"]
    assert sum(b.type == "1-1" for b in al.beads) >= 0.8 * len(al.beads)


def test_a_headline_run_into_the_first_paragraph_is_aligned_not_left_out() -> None:
    """The English headline is a paragraph of its own; the translation runs it into the
    first sentence. The break after a heading costs less than a paragraph break, so the
    headline is aligned (a 2-1 bead, which refinement may cut where the headline ends), not
    left as a 1-0 next to a 1-1."""
    en_text = ("Macedonians vote in referendum on new name\n\nMacedonians voted on Sunday in a "
               "referendum on changing the name of their country to North Macedonia. The "
               "change would open the way to membership of NATO and the European Union.\n\n"
               "Turnout was low, officials said.\n")
    ar_text = ("المقدونيون يصوتون في استفتاء على الاسم الجديد صوت المقدونيون يوم الأحد في "
               "استفتاء على تغيير اسم بلدهم إلى مقدونيا الشمالية. وسيفتح التغيير الطريق أمام "
               "العضوية في حلف شمال الأطلسي والاتحاد الأوروبي.\n\nوقال مسؤولون إن نسبة الإقبال "
               "كانت منخفضة.\n")

    def headline(config: AlignConfig) -> tuple[int, ...]:
        al = align_pair(Document(en_text, "en"), Document(ar_text, "ar"), config)
        check_alignment(al)
        return next(b for b in al.beads if 0 in b.en).ar

    assert headline(AlignConfig())
    # Charged twice as much, the headline is left out. Charged a quarter more, it is carried
    # by its words only because the chance rate of a document this small is shrunk: without
    # the shrinkage it is left out. (It was a full paragraph break, 1.0, until "يوم" before a
    # weekday stopped counting as an unmatched word and NATO met حلف شمال الأطلسي, 2026-12-08.)
    assert headline(AlignConfig(cost=CostParams(heading_cross=2.0))) == ()
    assert headline(AlignConfig(cost=CostParams(heading_cross=1.25)))
    assert headline(AlignConfig(cost=CostParams(heading_cross=1.25, q_pseudo_pairs=0.0))) == ()


WORDS = st.sampled_from(
    ["the", "army", "Baghdad", "151", "minister", "said", "وزير", "بغداد", "١٥١", "قال",
     "الجيش", ".", "؟", "،", "\n", " "]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=80).map(" ".join), st.lists(WORDS, max_size=80).map(" ".join))
def test_every_sentence_in_exactly_one_bead_in_order(en: str, ar: str) -> None:
    al = align_pair(Document(en, "en"), Document(ar, "ar"))
    check_alignment(al)
    assert all((len(b.en), len(b.ar)) in BEADS for b in al.beads)


def test_banded_search_keeps_the_invariant_on_a_long_document() -> None:
    en = EN * 120
    ar = [s for k in range(120) for i, s in enumerate(AR) if (k + i) % 11]
    et, at = "\n".join(en), "\n".join(ar)
    config = AlignConfig(full_cells=10_000, half_width=10)
    al = align_sentences(
        Document(et, "en", presplit=True), Document(at, "ar", presplit=True),
        split_text(et, "en", presplit=True), split_text(at, "ar", presplit=True), config,
    )
    check_alignment(al)
    one_one = sum(b.type == "1-1" for b in al.beads)
    assert one_one >= 0.8 * len(ar)


def test_signature_names_parameters_and_lexicon() -> None:
    sha = load_lexicon().sha
    base = alignment_signature(AlignConfig(), sha)
    assert f"lexicon:{sha}" in base
    assert base != alignment_signature(AlignConfig(half_width=40), sha)
    assert base != alignment_signature(AlignConfig(cost=CostParams(w_lex=0.7)), sha)
    assert base != alignment_signature(AlignConfig(beads=((1, 1), (1, 0), (0, 1))), sha)


def test_impossible_options_fail_early() -> None:
    import pytest

    with pytest.raises(OptionError):
        AlignConfig(beads=((1, 0), (0, 1)))
    with pytest.raises(OptionError):
        AlignConfig(beads=((1, 1), (9, 1)))  # longer than MAX_SIDE
    with pytest.raises(OptionError):
        AlignConfig(beads=((1, 1), (4, 4)))  # no prior for it
    with pytest.raises(OptionError):
        AlignConfig(half_width=2)


def test_signature_changes_with_any_weight() -> None:
    sha = load_lexicon().sha
    base = alignment_signature(AlignConfig(), sha)
    assert base != alignment_signature(AlignConfig(cost=CostParams(lex_k=9.0)), sha)
    priors = dict(CostParams().priors)
    priors[(2, 2)] = 0.005
    assert base != alignment_signature(AlignConfig(cost=CostParams(priors=Priors(priors))), sha)
    assert base == alignment_signature(AlignConfig(), sha)
