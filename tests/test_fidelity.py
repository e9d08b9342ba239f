"""Fidelity scores and flags: hand-made pairs with a known verdict, invariants, the pipeline
hook, and the calibration data path."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.evidence.features import units_ar
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.evidence.mentions import KINDS
from tawazi.align.pipeline import align_pair
from tawazi.align.quality.bead_evidence import bead_evidence
from tawazi.align.quality.fidelity import (
    FLAG_CODES,
    flags_of,
    score_alignment,
    score_bead,
    score_pairs,
)
from tawazi.align.types import Alignment, Bead, Document, Sentence

ROOT = Path(__file__).resolve().parent.parent


def codes(en: str, ar: str) -> set[str]:
    return {f.code for f in score_bead(en, ar)[1]}


# (English, Arabic, flags that must be raised, flags that must not) — one line per behaviour.
GOLDEN = [
    # Digits in any script: Arabic-Indic ١٥١ is 151.
    ("The crash killed 151 people.", "أسفر الحادث عن مقتل ١٥١ شخصا.", set(), {"number-mismatch"}),
    # Thousands separators and digit systems: 2,400 is ٢٤٠٠ and ٢٬٤٠٠.
    ("It cost 2,400 dollars.", "كلف ٢٤٠٠ دولار.", set(), {"number-mismatch"}),
    ("It cost 2,400 dollars.", "كلف ٢٬٤٠٠ دولار.", set(), {"number-mismatch"}),
    # A scale word: 820,000 is 820 ألف.
    ("About 820,000 people live there.", "يعيش هناك نحو 820 ألف شخص.", set(),
     {"number-mismatch"}),
    # The real NTREX error: 30,000 pupils rendered as 300 thousand.
    ("More than 30,000 pupils attended.", "حضر أكثر من 300 ألف تلميذ.", {"number-mismatch"},
     set()),
    # A number changed by one digit.
    ("The crash killed 151 people.", "أسفر الحادث عن مقتل ١٥ شخصا.", {"number-mismatch"},
     set()),
    # Decades and clock times written another way are not mismatches.
    ("He moved there in the 1980s.", "انتقل إلى هناك في الثمانينيات.", set(),
     {"number-mismatch"}),
    ("He was found at about 04:00 on Saturday.", "عثر عليه في حوالي الساعة 4 يوم السبت.",
     set(), {"number-mismatch", "date-mismatch"}),
    # The real NTREX weekday error: Thursday rendered as Tuesday.
    ("The hearing took place on Thursday.", "عقدت الجلسة يوم الثلاثاء.", {"date-mismatch"},
     set()),
    ("The hearing took place on Thursday.", "عقدت الجلسة يوم الخميس.", set(),
     {"date-mismatch"}),
    # Names across scripts, including spellings one consonant apart.
    ("Senators questioned Kavanaugh for hours.", "استجوب أعضاء مجلس الشيوخ كافانو لساعات.",
     set(), {"name-mismatch"}),
    ("Senators questioned Kavanaugh for hours.", "استجوب أعضاء مجلس الشيوخ جونسون لساعات.",
     {"name-mismatch"}, set()),
    # Translated common nouns written as one capitalised word are not names (issue 13):
    # two dictionary words (Southwest, Northeast, Premiership) or a prefix and one (Seafood).
    ("Storms hit the Southwest on Friday.", "ضربت العواصف الجنوب الغربي يوم الجمعة.", set(),
     {"name-mismatch"}),
    ("Snow fell across the Northeast overnight.", "تساقطت الثلوج في الشمال الشرقي ليلا.",
     set(), {"name-mismatch"}),
    ("He played in the Premiership for years.", "لعب في الدوري الممتاز لسنوات.", set(),
     {"name-mismatch"}),
    ("Wash hands after touching Seafood.", "اغسل يديك بعد لمس المأكولات البحرية.", set(),
     {"name-mismatch"}),
    # ... but a name that merely begins with a word still is one (sand + berg).
    ("Senators questioned Sandberg for hours.", "استجوب أعضاء مجلس الشيوخ كافانو لساعات.",
     {"name-mismatch"}, set()),
    # A contraction opening a quotation is not a name.
    ('He said: "Didn\'t we win?"', 'قال: "ألم نفز؟"', set(), {"name-mismatch"}),
    # Office titles that contradict each other (issue 13): Foreign Secretary / وزير الدفاع.
    ("Foreign Secretary Lloyd Austin arrived in Baghdad.", "وصل وزير الدفاع لويد أوستن إلى بغداد.",
     {"term-mismatch"}, set()),
    ("Defence Secretary Lloyd Austin arrived in Baghdad.", "وصل وزير الدفاع لويد أوستن إلى بغداد.",
     set(), {"term-mismatch"}),
    ("Secretary of State Mike Pompeo spoke.", "تحدث وزير الخارجية مايك بومبيو.", set(),
     {"term-mismatch"}),
    # Both portfolios on the Arabic side: nothing contradicted.
    ("The Defence Minister met them.", "التقى بهم وزيرا الخارجية والدفاع.", set(),
     {"term-mismatch"}),
    # English copied into the Arabic side.
    ("The minister resigned on Monday.", "The minister resigned on Monday.",
     {"untranslated"}, {"date-mismatch"}),
]


@pytest.mark.parametrize(("en", "ar", "must", "must_not"), GOLDEN)
def test_golden_pairs(en: str, ar: str, must: set[str], must_not: set[str]) -> None:
    got = codes(en, ar)
    assert must <= got, got
    assert not (must_not & got), got


@pytest.mark.xfail(strict=True, reason="a name made of two dictionary words (under + wood) "
                   "reads as a translated compound; only transliteration evidence could tell")
def test_compound_looking_name_replaced() -> None:
    assert "name-mismatch" in codes("Senators questioned Underwood for hours.",
                                    "استجوب أعضاء مجلس الشيوخ كافانو لساعات.")


def test_a_dynasty_name_matches_its_arabic_nisba() -> None:
    # "Hafsid" and الحفصي differ by their suffixes (skeletons fsd / fs): it was a name
    # mismatch at 0.06 in a faithful history of Ibn Khaldun. Another dynasty is still one.
    right = score_bead("In 1352 he entered the service of the Hafsid sultan Abu Ishaq.",
                       "وفي سنة 1352 دخل في خدمة السلطان الحفصي أبي إسحاق.")
    assert right[0] > 0.8 and not right[1]
    wrong = score_bead("In 1352 he entered the service of the Hafsid sultan Abu Ishaq.",
                       "وفي سنة 1352 دخل في خدمة السلطان المريني أبي إسحاق.")
    assert wrong[0] < 0.5 and "name-mismatch" in {f.code for f in wrong[1]}


def test_contradicted_office_lowers_the_score() -> None:
    wrong = score_bead("Foreign Secretary Lloyd Austin arrived in Baghdad.",
                       "وصل وزير الدفاع لويد أوستن إلى بغداد.")
    right = score_bead("Defence Secretary Lloyd Austin arrived in Baghdad.",
                       "وصل وزير الدفاع لويد أوستن إلى بغداد.")
    assert right[0] > 0.8 > 0.5 > wrong[0]
    detail = next(f.detail for f in wrong[1] if f.code == "term-mismatch")
    assert "Foreign Secretary" in detail and "الدفاع" in detail


def test_number_detail_names_both_sides() -> None:
    _, flags, _ = score_bead("The crash killed 151 people.", "أسفر الحادث عن مقتل ١٥ شخصا.")
    detail = next(f.detail for f in flags if f.code == "number-mismatch")
    assert detail == "151 on the English side has no counterpart; Arabic has ١٥"
    _, flags, _ = score_bead("More than 30,000 pupils attended.", "حضر أكثر من 300 ألف تلميذ.")
    assert "300 ألف" in next(f.detail for f in flags if f.code == "number-mismatch")


@pytest.mark.parametrize(("en", "ar", "wrong"), [
    ("Revenue rose to 18.1 billion dollars last year.",
     "ارتفعت الإيرادات إلى ١٨٫١ مليون دولار العام الماضي.", True),
    ("The fund holds 3 billion dollars.", "يملك الصندوق 3 ملايين دولار.", True),
    ("The city has 2.5 million people.", "يبلغ عدد سكان المدينة 2.5 ألف نسمة.", True),
    ("Revenue rose to 18.1 billion dollars last year.",
     "ارتفعت الإيرادات إلى ١٨٫١ مليار دولار العام الماضي.", False),
    ("The fund holds 3 billion dollars.", "يملك الصندوق 3 مليارات دولار.", False),
    ("The city has 2.5 million people.", "يبلغ عدد سكان المدينة 2500 ألف نسمة.", False),
    # A scale word left out on one side: the bare value still answers.
    ("Revenue rose to 18.1 billion dollars last year.",
     "ارتفعت الإيرادات إلى ١٨٫١ دولار العام الماضي.", False),
])
def test_a_number_whose_scale_word_differs_is_a_mismatch(en: str, ar: str,
                                                         wrong: bool) -> None:
    # Both values carried a scale word and shared the bare 18.1: million for billion, a
    # figure off a thousandfold, scored 0.97 with no flag.
    score, flags, _ = score_bead(en, ar)
    assert ("number-mismatch" in {f.code for f in flags}) is wrong
    assert (score < 0.5) is wrong


@pytest.mark.parametrize(("en", "ar", "wrong"), [
    ("The law enters into force 180 days after its publication.",
     "يدخل القانون حيز النفاذ بعد مائة وثمانين يومًا من نشره.", False),
    ("12 people were injured.", "أصيب اثنا عشر شخصًا.", False),
    ("11 players took part.", "شارك أحد عشر لاعبًا.", False),
    ("The fine shall not exceed 1,500 dinars.", "لا تتجاوز الغرامة ألفًا وخمسمائة دينار.", False),
    ("The budget reached 2,500,000 dollars.", "بلغت الميزانية مليونين وخمسمائة ألف دولار.",
     False),
    ("Article 105 applies.", "تطبق المادة مائة وخمسة.", False),
    # Another value, or two numbers listed, is still a mismatch.
    ("The law enters into force 190 days after its publication.",
     "يدخل القانون حيز النفاذ بعد مائة وثمانين يومًا من نشره.", True),
    ("He bought 9 apples.", "اشترى خمسة وأربعة تفاحات.", True),
    ("13 people were injured.", "أصيب اثنا عشر شخصًا.", True),
])
def test_arabic_cardinals_of_several_words(en: str, ar: str, wrong: bool) -> None:
    # Legal and literary Arabic writes numbers in words; read one word at a time (100 and
    # 80, or nothing for اثنا), a faithful 180 or 12 was a number mismatch at 0.03-0.10.
    score, flags, _ = score_bead(en, ar)
    assert ("number-mismatch" in {f.code for f in flags}) is wrong
    assert (score < 0.5) is wrong


@pytest.mark.parametrize(("en", "ar", "wrong"), [
    ("Judgment delivered on 14 March 2025.", "صدر الحكم بتاريخ 14/3/2025.", False),
    ("Judgment delivered on 14 March 2025.", "صدر الحكم بتاريخ 2025-03-14.", False),
    ("Judgment delivered on 3/14/2025.", "صدر الحكم في 14 مارس 2025.", False),
    ("Judgment delivered on 14/3/2025.", "صدر الحكم في 14 مارس 2025.", False),
    # Another month or day is still a mismatch.
    ("Judgment delivered on 14 April 2025.", "صدر الحكم بتاريخ 14/3/2025.", True),
    ("Judgment delivered on 15/3/2025.", "صدر الحكم في 14/3/2025.", True),
])
def test_numeric_dates_answer_month_names(en: str, ar: str, wrong: bool) -> None:
    # The month of 14/3/2025 was a number 3 with no counterpart, March a date with none.
    score, flags, _ = score_bead(en, ar)
    assert bool({"number-mismatch", "date-mismatch"} & {f.code for f in flags}) is wrong
    assert (score < 0.8) is wrong


def test_every_word_of_an_arabic_cardinal_carries_its_value() -> None:
    # Each word matched nothing of "1945" alone, so the four read as words the Arabic adds.
    units = units_ar("بُني عام ألف وتسعمائة وخمسة وأربعين، ثم خمسة كتب.", load_lexicon())
    by_word = {u.text: u.keys for u in units}
    assert all("#1945" in by_word[w] for w in ("ألف", "وتسعمائة", "وخمسة", "وأربعين"))
    # A number ends at the comma: the 5 after it is a number of its own.
    assert "#1945" not in by_word["خمسة"] and "#5" in by_word["خمسة"]


@pytest.mark.parametrize(("en", "ar", "wrong"), [
    # The noun after an adjective or a measure word carries the count of 1.
    ("1 whole chicken, about 1.5 kg", "دجاجة كاملة، نحو 1.5 كغ", False),
    ("1 teaspoon salt", "ملعقة صغيرة ملح", False),
    # A construct dual, the noun's own or its measure's, carries the count of 2.
    ("2 cups of flour", "كوبا دقيق", False),
    ("2 lemons, juiced", "حبتا ليمون معصورتان", False),
    # Another count is still a mismatch.
    ("1 whole chicken", "دجاجتان كاملتان", True),
    ("2 cups of flour", "ثلاثة أكواب دقيق", True),
    ("2 lemons, juiced", "ثلاث حبات ليمون معصورة", True),
])
def test_arabic_counts_one_and_two_in_the_noun(en: str, ar: str, wrong: bool) -> None:
    # Recipes write 1 and 2 in the noun; read only off the word right after the digit and
    # the duals in ـان/ـين, they were flagged as numbers left out (scores 0.04-0.20).
    score, flags, _ = score_bead(en, ar)
    assert ("number-mismatch" in {f.code for f in flags}) is wrong
    assert (score < 0.5) is wrong


@pytest.mark.parametrize(("en", "ar"), [
    ("For more information, visit www.horizonlogistics.example.com.",
     "لمزيد من المعلومات، يرجى زيارة www.horizonlogistics.example.com."),
    ("Click Settings and select Export to PDF.", "انقر على Settings واختر Export to PDF."),
    ("Write to info@example.org for details.", "راسلنا على info@example.org للتفاصيل."),
    ("Press Ctrl+S to save the file in Microsoft Word.",
     "اضغط Ctrl+S لحفظ الملف في Microsoft Word."),
])
def test_addresses_and_labels_carried_over_are_no_untranslated_text(en: str, ar: str) -> None:
    # Counted by its letters, such Arabic was "in Latin script": untranslated, score 0.
    score, flags, _ = score_bead(en, ar)
    assert "untranslated" not in {f.code for f in flags}
    assert score > 0.8


def test_a_copied_sentence_is_untranslated_whatever_it_carries() -> None:
    for ar in ("The minister said that the talks had failed.",
               "The minister said that the talks had failed اليوم."):
        score, flags, _ = score_bead("The minister said that the talks had failed.", ar)
        assert score == 0.0 and "untranslated" in {f.code for f in flags}


def test_a_capital_after_a_label_is_no_name() -> None:
    # "Offline", which no gloss explains, was keyed and required as a name after "Note:".
    for en, ar in [("Note: Offline mode is available only on version 3.2 and later.",
                    "ملاحظة: يتوفر وضع عدم الاتصال بالإنترنت فقط في الإصدار 3.2 وما بعده."),
                   ("Step 3: Offline mode starts.", "الخطوة 3: يبدأ وضع عدم الاتصال.")]:
        score, flags, _ = score_bead(en, ar)
        assert "name-mismatch" not in {f.code for f in flags} and score > 0.8
    # After "He said:" a name still counts.
    _, flags, _ = score_bead("He said: Smotrich arrived in Cairo.", "قال: وصل غانتس إلى القاهرة.")
    assert "name-mismatch" in {f.code for f in flags}


def test_scores_order_faithful_above_wrong() -> None:
    good = score_bead("The crash killed 151 people.", "أسفر الحادث عن مقتل ١٥١ شخصا.")[0]
    wrong = score_bead("The crash killed 151 people.", "أسفر الحادث عن مقتل ١٥ شخصا.")[0]
    copied = score_bead("The crash killed 151 people.", "The crash killed 151 people.")[0]
    assert good > 0.8 > 0.5 > wrong
    assert copied == 0.0


@pytest.mark.parametrize(("en", "ar", "code"), [
    ("This sentence was never translated.", "", "omission"),
    ("", "أضاف المترجم هذه الجملة.", "addition"),
])
def test_one_sided_beads(en: str, ar: str, code: str) -> None:
    score, flags, explanation = score_bead(en, ar)
    assert score == 0.0
    assert flags[0].code == code
    assert "counterpart" in explanation


def test_explanation_lists_matched_and_unmatched_anchors() -> None:
    _, _, text = score_bead("On Thursday 151 people died in Baghdad.",
                            "توفي ١٥ شخصا في بغداد يوم الخميس.")
    assert "matched Thursday = الخميس" in text
    assert "unmatched 151 (en), ١٥ (ar)" in text
    assert "Baghdad = بغداد" in text


def _alignment(pairs: list[tuple[str, str]]) -> Alignment:
    """An alignment of one bead per pair (a blank side makes a one-sided bead)."""
    texts: dict[str, list[str]] = {"en": [], "ar": []}
    sents: dict[str, list[Sentence]] = {"en": [], "ar": []}
    beads = []
    for en, ar in pairs:
        idx: dict[str, tuple[int, ...]] = {}
        for lang, t in (("en", en), ("ar", ar)):
            if not t:
                idx[lang] = ()
                continue
            start = sum(len(x) + 1 for x in texts[lang])
            texts[lang].append(t)
            idx[lang] = (len(sents[lang]),)
            sents[lang].append(Sentence(start, start + len(t), t))
        beads.append(Bead(idx["en"], idx["ar"]))
    en_doc = Document("\n".join(texts["en"]), "en")
    ar_doc = Document("\n".join(texts["ar"]), "ar")
    return Alignment(en_doc, ar_doc, tuple(sents["en"]), tuple(sents["ar"]), tuple(beads),
                     signature="tawazi:test")


def test_score_alignment_fills_every_bead_and_the_signature() -> None:
    al = _alignment([("The crash killed 151 people.", "أسفر الحادث عن مقتل ١٥١ شخصا."),
                     ("A line left out.", ""),
                     ("More than 30,000 pupils attended.", "حضر أكثر من 300 ألف تلميذ.")])
    scored = score_alignment(al)
    assert [b.flag_codes for b in scored.beads] == [(), ("omission",), ("number-mismatch",)]
    assert all(0.0 <= b.score <= 1.0 for b in scored.beads)
    # The signature is made in one place (align.signature); scoring leaves it alone.
    assert scored.signature == "tawazi:test"
    assert score_alignment(scored).signature == scored.signature


def test_score_alignment_judges_a_reviewers_edit() -> None:
    al = _alignment([("The crash killed 151 people.", "أسفر الحادث عن مقتل ١٥ شخصا.")])
    fixed = Alignment(al.en_doc, al.ar_doc, al.en_sents, al.ar_sents,
                      (Bead((0,), (0,), ar_edit="أسفر الحادث عن مقتل ١٥١ شخصا."),))
    assert "number-mismatch" in score_alignment(al).beads[0].flag_codes
    assert score_alignment(fixed).beads[0].flags == ()


def test_mentions_have_spans_and_partners_on_both_sides() -> None:
    """The mentions the flags are built on: offsets into each side's text, partners linked
    both ways, unmatched required ones reported on their own side."""
    en, ar = "On Thursday 151 people died.", "توفي ١٥ شخصا يوم الخميس."
    ev = bead_evidence(en, ar, load_lexicon())
    assert all(en[m.start : m.end] == m.text for m in ev.en.mentions)
    assert all(ar[m.start : m.end] == m.text for m in ev.ar.mentions)
    assert {m.kind for m in ev.en.mentions + ev.ar.mentions} <= set(KINDS)
    found = {(m.kind, m.text, tuple(ev.ar.mentions[p].text for p in m.partners))
             for m in ev.en.mentions}
    assert ("weekday", "Thursday", ("الخميس",)) in found
    assert ("number", "151", ()) in found
    assert [m.text for m in ev.ar.unmatched("number")] == ["١٥"]
    assert [m.text for m in ev.en.unmatched("number")] == ["151"]
    for i, m in enumerate(ev.en.mentions):
        assert all(i in ev.ar.mentions[p].partners for p in m.partners)
    assert "number-mismatch" in {f.code for f in flags_of(ev, en, ar)}


def test_the_pipeline_scores_what_it_aligns() -> None:
    en = Document("The crash killed 151 people.\n\nThe minister resigned on Monday.\n", "en")
    ar = Document("أسفر الحادث عن مقتل ١٥١ شخصا.\n\nاستقال الوزير يوم الاثنين.\n", "ar")
    al = align_pair(en, ar)
    assert "|fidelity:" in al.signature
    assert all(b.type == "1-1" and b.score > 0.5 and not b.flags for b in al.beads)


def test_score_pairs_matches_score_bead_flags() -> None:
    pairs = [("It cost 2,400 dollars.", "كلف ٢٤٠٠ دولار."), ("Hello there", "Hello there")]
    got = score_pairs(pairs)
    assert [tuple(f.code for f in fl) for _, fl in got] == [(), ("untranslated",)]


words = st.text(alphabet="abcdefgh 0123456789,.ابتثجحخدذرزسشصضطظعغفقكلمنهوي١٢٣", max_size=60)


@settings(max_examples=60, deadline=None)
@given(words, words)
def test_any_text_gets_a_score_in_range_and_known_flags(en: str, ar: str) -> None:
    score, flags, _ = score_bead(en, ar)
    assert 0.0 <= score <= 1.0
    assert all(f.code in FLAG_CODES and f.detail for f in flags)


def test_fit_recovers_known_coefficients() -> None:
    """The fitting routine of scripts/fit_fidelity.py, on data drawn from a known model."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from fit_fidelity import fit_logistic

    rng = np.random.default_rng(0)
    x = np.column_stack([np.ones(20000), rng.normal(size=(20000, 2))])
    beta = np.array([0.5, 2.0, -1.0])
    y = (rng.random(20000) < 1 / (1 + np.exp(-(x @ beta)))).astype(float)
    got = fit_logistic(x, y, np.ones(len(y)), l2=0.0)
    assert np.allclose(got, beta, atol=0.1)


def test_bench_true_beads_score_above_their_corruptions(bench: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corruptions import auc, examples, load_set

    from tawazi.align.evidence.lexicon import load_lexicon

    docs = load_set(bench, "ntrex_hard")[:6]
    data = examples(docs, 3, load_lexicon())
    score = {e: score_bead(e.en, e.ar, mu=e.mu)[0] for e in data}
    pos = [s for e, s in score.items() if e.kind == "true"]
    for kind in ("partner", "number", "untranslated"):
        assert auc(pos, [s for e, s in score.items() if e.kind == kind]) > 0.9, kind
