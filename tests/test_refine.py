"""Arabic sentences without a final stop: split where the English says a sentence ended."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.config import AlignConfig
from tawazi.align.evidence.features import UnitCache, units_ar, units_en
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.pipeline import align_pair
from tawazi.align.search.boundary_cues import (
    CUES,
    DEFINITE_ORDINALS,
    WEIGHTS,
    blocked,
    clause_punct_gap,
    ends_punctuated,
    ends_with_stop,
    english_names,
    gap_cues,
    inside_name,
    inside_quote,
)
from tawazi.align.search.refine import Split, _best_split, split_run_on
from tawazi.align.text.normalize import normalize_ar
from tawazi.align.text.segment import split_text
from tawazi.align.types import Alignment, Bead, Document, check_alignment

EN = [
    "The minister arrived in Baghdad on Monday.",
    "He met the prime minister and discussed security and the economy.",
    "The talks lasted three hours.",
    "Both sides agreed to meet again in March.",
    "Officials said 151 soldiers were wounded.",
]
AR = [
    "وصل الوزير إلى بغداد يوم الاثنين.",
    "والتقى رئيس الوزراء وناقش الأمن والاقتصاد.",
    "استمرت المحادثات ثلاث ساعات.",
    "واتفق الجانبان على الاجتماع مجددا في مارس.",
    "وقال مسؤولون إن 151 جنديا أصيبوا.",
]


def _cues(text: str, cut: int) -> dict[str, float]:
    return dict(zip(CUES, gap_cues(text, cut, 0.5), strict=True))


def test_cues_read_the_words_on_each_side_of_a_gap() -> None:
    text = 'قال "نعم" وأضاف والمصاريف إليكم الخطوات'
    after_quote = text.index("وأضاف")
    assert _cues(text, after_quote)["left_quote_close"] == 1.0
    assert _cues(text, after_quote)["right_wa_other"] == 1.0
    before_wa_al = text.index("والمصاريف")
    assert _cues(text, before_wa_al)["right_wa_al"] == 1.0
    assert _cues(text, before_wa_al)["right_wa_other"] == 0.0
    # إليكم is إلى + كم, not the article: written with a hamza, it is no "ال" word.
    assert _cues(text, text.index("إليكم"))["right_al"] == 0.0
    assert _cues(text, text.index("الخطوات"))["right_al"] == 1.0


def test_learned_weights_have_the_expected_signs() -> None:
    w = dict(zip(CUES, WEIGHTS, strict=True))
    assert w["left_quote_close"] > 0 and w["right_wa_other"] > 0
    assert w["left_function_word"] < 0 and w["right_wa_al"] < w["right_wa_other"]
    assert w["share_gap"] < 0


def _raw(ar_paragraph: str) -> Alignment:
    en = Document(" ".join(EN) + "\n", "en")
    ar = Document(ar_paragraph + "\n", "ar")
    al = align_pair(en, ar)
    check_alignment(al)
    return al


def test_a_missing_stop_is_restored_where_the_english_sentence_ends() -> None:
    run_on = AR[1].rstrip(".") + " " + AR[2]
    al = _raw(" ".join([AR[0], run_on, *AR[3:]]))
    assert [s.text for s in al.ar_sents] == AR[:1] + [AR[1].rstrip(".")] + AR[2:]
    assert all(len(b.en) == 1 and len(b.ar) == 1 for b in al.beads)


def test_the_cut_prefers_a_closing_quote_to_a_coordinated_noun() -> None:
    en = ['He said the plan was "a disaster for the economy and the jobs".',
          "The minister rejected the criticism on Monday."]
    ar = ['وقال إن الخطة "كارثة على الاقتصاد والوظائف"',
          "ورفض الوزير الانتقادات يوم الاثنين."]
    al = align_pair(Document(" ".join(en) + "\n", "en"), Document(" ".join(ar) + "\n", "ar"))
    assert [s.text for s in al.ar_sents] == ar


def test_a_paragraph_ending_on_a_semicolon_keeps_its_joined_translation() -> None:
    # An operative paragraph ends on "؛", not a stop: read as a sentence whose writer drops
    # stops, its 2-1 was cut at a bare joint, mid-phrase ("وإلى تقديم ‖ تقارير").
    en = ["1. Calls upon all Member States to ensure free primary education for all "
          "children by 2030;",
          "2. Invites the World Bank and regional development banks to support national "
          "education plans. It also invites them to report on their activities to the "
          "Economic and Social Council;",
          "3. Decides to remain seized of the matter."]
    ar = ["1 - تهيب بجميع الدول الأعضاء أن تكفل توفير التعليم الابتدائي المجاني لجميع "
          "الأطفال بحلول عام 2030؛",
          "2 - تدعو البنك الدولي ومصارف التنمية الإقليمية إلى دعم الخطط الوطنية للتعليم، "
          "وإلى تقديم تقارير عن أنشطتها إلى المجلس الاقتصادي والاجتماعي؛",
          "3 - تقرر أن تبقي المسألة قيد نظرها."]
    al = align_pair(Document("\n".join(en) + "\n", "en"), Document("\n".join(ar) + "\n", "ar"))
    assert [s.text for s in al.ar_sents] == ar
    assert [(len(b.en), len(b.ar)) for b in al.beads] == [(1, 1), (2, 1), (1, 1)]
    assert ends_punctuated(ar[1]) and not ends_with_stop(ar[1])


def _one_sentence_alignment(en_lines: list[str], ar_text: str, beads: list[Bead]) -> Alignment:
    et = " ".join(en_lines) + "\n"
    at = ar_text + "\n"
    en_doc, ar_doc = Document(et, "en"), Document(at, "ar")
    return Alignment(en_doc, ar_doc, split_text(et, "en"), split_text(at, "ar"), tuple(beads))


def test_an_english_sentence_left_alone_beside_a_run_on_is_paired_back() -> None:
    # The search kept 1-1 + 1-0 because one 2-1 bead cost more; splitting the Arabic
    # sentence gives two good 1-1 beads instead.
    run_on = AR[1].rstrip(".") + " " + AR[2]
    ar_text = " ".join([AR[0], run_on, AR[3]])
    beads = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ()), Bead((3,), (2,))]
    al = _one_sentence_alignment(EN[:4], ar_text, beads)
    check_alignment(al)
    out = split_run_on(al, load_lexicon(), AlignConfig())
    check_alignment(out)
    assert [(b.en, b.ar) for b in out.beads] == [((i,), (i,)) for i in range(4)]
    assert out.ar_sents[1].text == AR[1].rstrip(".")


def test_a_headline_left_alone_is_not_pulled_into_the_next_sentence() -> None:
    en_lines = ["Minister in Baghdad", *EN[:2]]
    ar_text = " ".join(AR[:2])
    beads = [Bead((0,), ()), Bead((1,), (0,)), Bead((2,), (1,))]
    al = _one_sentence_alignment(en_lines, ar_text, beads)
    assert split_run_on(al, load_lexicon(), AlignConfig()) is al


@pytest.mark.parametrize("doc", ["abcnews_306815", "bbc_381646"])
def test_arabic_without_any_stop_is_cut_sentence_by_sentence(bench: Path, doc: str) -> None:
    # Real news paragraphs with every Arabic stop removed: the first search sees a few long
    # Arabic sentences; cutting them and searching again recovers one-to-one pairs.
    folder = bench / "ntrex_clean"
    en_text = (folder / f"{doc}.en.txt").read_text(encoding="utf-8")
    ar_text = re.sub(r"[.!؟?](?=[\"”»]*\s)", " ", (folder / f"{doc}.ar.txt").read_text(
        encoding="utf-8"))
    gold_lines = len((folder / f"{doc}.ar").read_text(encoding="utf-8").splitlines())
    al = align_pair(Document(en_text, "en"), Document(ar_text, "ar"))
    check_alignment(al)
    assert abs(len(al.ar_sents) - gold_lines) <= 0.1 * gold_lines
    one_to_one = sum(1 for b in al.beads if len(b.en) == 1 and len(b.ar) == 1)
    assert one_to_one >= 0.9 * len(al.beads)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(AR) - 1), st.booleans()), min_size=1, max_size=14),
       st.lists(st.integers(0, len(EN) - 1), min_size=1, max_size=14))
def test_cutting_keeps_every_sentence_once_in_order(
    ar_picks: list[tuple[int, bool]], en_picks: list[int]
) -> None:
    # Random Arabic sentences, each with or without its stop, against random English ones:
    # however much is cut and searched again, every sentence is in one bead, in order, and
    # the Arabic sentences are non-overlapping spans of the input, in order.
    ar_text = " ".join(AR[i] if keep else AR[i].rstrip(".") for i, keep in ar_picks) + "\n"
    en_text = " ".join(EN[i] for i in en_picks) + "\n"
    al = align_pair(Document(en_text, "en"), Document(ar_text, "ar"))
    check_alignment(al)
    assert all(ar_text[s.start : s.end] == s.text for s in al.ar_sents)
    assert all(a.end <= b.start for a, b in itertools.pairwise(al.ar_sents))
    covered = "".join(s.text for s in al.ar_sents)
    assert covered.replace(" ", "") == ar_text.replace(" ", "").strip()


# Where to cut, and when not to (issue 9, point 4) ------------------------------------------


def _split_of(en_lines: list[str], ar: str) -> Split | None:
    lexicon = load_lexicon()
    return _best_split([units_en(t) for t in en_lines], en_lines, ar, units_ar(ar, lexicon),
                       0.0, AlignConfig())


def _two_one(en_lines: list[str], ar: str) -> Alignment:
    return _one_sentence_alignment(en_lines, ar, [Bead((0, 1), (0,))])


@pytest.mark.parametrize(("ar", "connective"), [
    ("كانت تعمل بين الخادمات، حيث كان الطقس حارا", "حيث"),
    ("وقفت أمامها، إذ كان الباب مغلقا", "إذ"),
])
def test_no_cut_after_the_connective_that_opens_the_next_clause(ar: str, connective: str
                                                                ) -> None:
    after = ar.index(connective) + len(connective) + 1
    assert blocked(ar, after, frozenset())
    # Before the connective, after the writer's comma, is where a cut may go.
    assert not blocked(ar, ar.index(connective), frozenset())
    assert clause_punct_gap(ar, ar.index(connective))


@pytest.mark.parametrize("word", ["جداً", "تماماً", "فقط", "جميعاً"])
def test_no_cut_before_a_word_that_modifies_what_precedes_it(word: str) -> None:
    ar = f"أريد أن أبدأ باعتراف: أنا سيئة {word} في قراءة الخرائط."
    assert blocked(ar, ar.index(word), frozenset())
    assert not blocked(ar, ar.index("أنا"), frozenset())


def test_a_cut_goes_to_the_punctuation_near_the_boundary_not_after_the_connective() -> None:
    en = ["She spent her childhood among the maids of the palace.",
          "The house was large and the weather was hot."]
    ar = "قضت طفولتها بين خادمات القصر، حيث كان المنزل كبيرا والطقس حارا."
    best = _split_of(en, ar)
    assert best is not None
    assert best.cut == ar.index("حيث")
    # The writer marked the joint and ended the sentence with a stop: a long sentence on
    # purpose, so the cut must pay more than the plain margin.
    config = AlignConfig()
    assert best.margin == config.refine.margin + config.refine.punct_margin


def test_no_cut_inside_an_open_quotation() -> None:
    ar = 'فأجاب الوزير "نعم يا سيدي الملك" ثم غادر القاعة'
    for word in ("يا", "سيدي", "الملك"):
        assert inside_quote(ar, ar.index(word)), word
    assert not inside_quote(ar, ar.index("ثم"))
    assert not inside_quote(ar, ar.index('"نعم'))
    assert inside_quote("قال «نعم يا سيدي» ثم", len("قال «نعم يا "))
    # An odd number of straight quotes is a broken quotation: no gap is ruled out by it.
    assert not inside_quote('قال "نعم يا سيدي ثم', len('قال "نعم يا '))
    en = ['The minister answered "Yes, my lord the king".', "Then he left the hall."]
    best = _split_of(en, ar)
    assert best is None or not inside_quote(ar, best.cut)


def test_no_cut_between_two_words_of_one_name() -> None:
    en = ["The course teaches JavaScript to children.", "Sayfullo Saipov was charged on Monday."]
    names = english_names(en)
    ar = "تعلم الدورة جافا سكريبت للأطفال ووجهت تهمة إلى سيفولو سايبوف يوم الاثنين"
    assert blocked(ar, ar.index("سكريبت"), names)
    assert blocked(ar, ar.index("سايبوف"), names)
    assert not blocked(ar, ar.index("ووجهت"), names)
    assert not inside_name(ar, ar.index("سيفولو"), names)  # إلى ‖ سيفولو: no name split
    assert blocked(ar, ar.index("سيفولو"), names)  # but a sentence never ends on إلى
    # An acronym spelled out in Arabic letters is one name too.
    ar2 = "حلت قناة أيه بي سي في المركز الثاني"
    assert blocked(ar2, ar2.index("سي"), frozenset())
    best = _split_of(en, ar)
    assert best is not None and best.cut == ar.index("ووجهت")


def test_a_well_punctuated_long_sentence_facing_two_english_sentences_stays_whole() -> None:
    # The translator joined the two sentences with a comma and "و" and ended with a stop:
    # the 2-1 bead is right, and the search's choice is kept.
    ar = AR[1].rstrip(".") + "، و" + AR[2]
    al = _two_one(EN[1:3], ar)
    assert split_run_on(al, load_lexicon(), AlignConfig()) is al


def test_the_same_sentences_with_the_stop_lost_are_cut() -> None:
    # No punctuation at the joint and a verb opening the next clause: a stop went missing.
    ar = AR[1].rstrip(".") + " " + AR[2]
    out = split_run_on(_two_one(EN[1:3], ar), load_lexicon(), AlignConfig())
    assert [s.text for s in out.ar_sents] == [AR[1].rstrip("."), AR[2]]


def test_the_pieces_of_a_stop_ended_sentence_keep_its_stop(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Once a sentence that ends with a stop is cut, its left piece no longer ends with one;
    it is still a piece of a well-punctuated sentence, so a second cut at its commas must
    clear the same large margin (seen on long Arabic sentences: the first cut made, the
    others followed at every ``، و`` with the plain margin)."""
    import tawazi.align.search.refine as refine

    text = "ذهب الرجل إلى السوق، واشترى خبزا، وعاد إلى البيت."
    seen: list[tuple[str, bool | None]] = []

    def fake(en_units, en_texts, piece, units, mu, config, stop_ended=None):  # type: ignore[no-untyped-def]
        seen.append((piece, stop_ended))
        if len(en_texts) == 3:  # cut off the last English sentence's part, once
            cut = piece.index("وعاد")
            return Split(2, cut, 50.0, 3.0)
        return None

    monkeypatch.setattr(refine, "_best_split", fake)
    en = ["The man went to the market.", "He bought bread.", "He went home."]
    parts = refine._refine((0, 1, 2), [units_en(t) for t in en], en, 0, len(text), text,
                           UnitCache(load_lexicon()), 0.0, AlignConfig(), 0.0)
    assert [p[0] for p in parts] == [(0, 1), (2,)]
    left = [flag for piece, flag in seen if not piece.endswith(".")]
    assert left == [True]
    assert seen[0] == (text, True)


def test_no_cut_after_an_interrogative() -> None:
    ar = "س: لماذا غادرت لبنان؟"
    assert blocked(ar, ar.index("غادرت"), frozenset())


def test_a_sentence_left_out_at_a_paragraph_end_takes_nothing_of_the_next_paragraph() -> None:
    """The Arabic dropped an answer's last sentence; the next question, in the next
    paragraph, stays whole (it was cut "س: لماذا ‖ غادرتِ لبنان؟" to pair the dropped one)."""
    en = ("Q: When did you start writing?\n\nBarakat: I started late, at almost thirty. Before"
          " that I was a teacher in Beirut.\n\nQ: Why did you leave Lebanon?\n\nBarakat: The war"
          " made life impossible.\n")
    ar = ("س: متى بدأتِ الكتابة؟\n\nبركات: بدأت متأخرة، في الثلاثين تقريبًا.\n\n"
          "س: لماذا غادرتِ لبنان؟\n\nبركات: جعلت الحرب الحياة مستحيلة.\n")
    al = align_pair(Document(en, "en"), Document(ar, "ar"))
    assert "س: لماذا غادرتِ لبنان؟" in [s.text for s in al.ar_sents]
    check_alignment(al)


def test_a_stop_before_a_bracketed_aside_ends_the_sentence() -> None:
    """A talk's ``(ضحك)`` after the stop: the sentence is stop-ended, and a cut at the
    writer's comma must pay the larger margin (it was cut ``انتهى الأمر، ‖ سأعيش``)."""
    assert ends_with_stop("سأعيش هنا من الآن فصاعداً. (ضحك)")
    assert ends_with_stop("He left. (Laughter)") and ends_with_stop("He left.[3]")
    assert not ends_with_stop("نعم (ضحك)") and not ends_with_stop("(ضحك)")
    en = ["I stood there in the middle of all these people, and I thought, this is it.",
          "I'm going to live here now. (Laughter)"]
    ar = "وقفت هناك وسط كل هؤلاء الناس، وقلت في نفسي: انتهى الأمر، سأعيش هنا من الآن فصاعداً. (ضحك)"
    al = _two_one(en, ar)
    assert split_run_on(al, load_lexicon(), AlignConfig()) is al


def test_a_bare_joint_beside_a_punctuated_one_is_the_writers_join() -> None:
    """Three English sentences in one stop-ended Arabic sentence whose writer marked one
    joint with a comma and left the other bare (``عاد بعد ساعة وقد اسودّ``): perhaps a
    literary join rather than a lost stop, so the bare cut must pay ``joiner_margin`` more;
    a two-sentence run-on with a bare joint is still cut
    (``test_the_same_sentences_with_the_stop_lost``)."""
    en = ["He came back an hour later.", "His boots were black with mud.",
          "He told us that the bridge was gone."]
    ar = "ثم عاد بعد ساعة وقد اسودّ حذاؤه بالطين، وأخبرنا أن الجسر قد انهار."
    best = _split_of(en, ar)
    config = AlignConfig()
    assert best is not None and best.margin == config.refine.margin + config.refine.joiner_margin
    al = _one_sentence_alignment(en, ar, [Bead((0, 1, 2), (0,))])
    assert split_run_on(al, load_lexicon(), config) is al


def test_no_cut_puts_a_number_against_the_sentence_without_it() -> None:
    """An English sentence whose translation was left out, beside one whose translation
    opens with its year: no cut may give the first the year (``وفي عام 1341 ‖ أرسله``, which
    paired "He remained there for about eight years." with "وفي عام 1341")."""
    en = ["He remained there for about eight years.",
          "In 1341 the sultan sent him as his envoy to the Yuan court in China, but the "
          "expedition was attacked and shipwrecked off the Malabar coast."]
    ar = ("وفي عام 1341 أرسله السلطان سفيراً إلى بلاط أسرة يوان في الصين، غير أن البعثة تعرضت "
          "لهجوم وتحطمت سفنها قبالة ساحل مليبار.")
    best = _split_of(en, ar)
    assert best is None or "1341" not in ar[:best.cut]


@pytest.mark.parametrize(("ar", "ordinal"), [
    ("وتستحق الدفعة الأولى عند التوقيع ويسدد الباقي بعد التسليم", "الأولى"),
    ("انتهت المرحلة الثانية من المشروع وبدأت الأعمال في الموقع", "الثانية"),
    ("خسر الفريق في المباراة الأخيرة وقرر المدرب الرحيل", "الأخيرة"),
])
def test_no_cut_between_a_definite_noun_and_its_ordinal(ar: str, ordinal: str) -> None:
    assert blocked(ar, ar.index(ordinal), frozenset())
    # The same word after the writer's stop or comma, or after an indefinite word, may
    # open a sentence.
    for joint in ("الدفعة. ", "الدفعة، ", "دفعة "):
        text = f"وتستحق {joint}{ordinal} عند التوقيع"
        assert not blocked(text, text.index(ordinal), frozenset())


def test_the_ordinals_are_listed_as_normalize_ar_writes_them() -> None:
    for word in "الأولى الثانية الثالثة العاشرة الأخيرة الأخرى التالية المقبلة الماضية".split():
        assert normalize_ar(word) in DEFINITE_ORDINALS
    assert all(normalize_ar(w) == w for w in DEFINITE_ORDINALS)
