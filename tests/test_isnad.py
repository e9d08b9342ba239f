"""Chains of transmission (isnad): the detector, and what the search and the fidelity scorer
do with the chains it finds.

The example sentences are written for these tests in the shape of real hadith collections
(Muslim's comma-separated chains with ``ح``, al-Bukhari's ``قال حدثنا`` without commas,
al-Tirmidhi's ``عن أبيه عن جده``); the names are common narrators' names, the reports
invented or paraphrased from well-known ones."""

from __future__ import annotations

import numpy as np
import pytest

from tawazi.align.config import AlignConfig, IsnadParams
from tawazi.align.errors import OptionError
from tawazi.align.evidence.features import UnitCache, search_units_ar, units_ar, units_en
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.pipeline import align_sentences
from tawazi.align.quality import bead_evidence
from tawazi.align.quality.fidelity import score_bead
from tawazi.align.search.costs import report_marks
from tawazi.align.text import isnad as I
from tawazi.align.text.arabic import FOLD
from tawazi.align.text.isnad import (
    abridged_length,
    isnad_chains,
    mostly_chain,
    opens_with_chain,
)
from tawazi.align.text.normalize import non_space_length
from tawazi.align.text.segment import split_text
from tawazi.align.types import Document, check_alignment

#: (sentence, the abridged part of its chain, the kept last link, what follows).
GOLDEN = [
    # Comma-separated, a second chain after ``ح``, two narrators joined by ``و``.
    ("حَدَّثَنَا عُثْمَانُ بْنُ أَبِي شَيْبَةَ، وَإِسْحَاقُ بْنُ إِبْرَاهِيمَ، قَالاَ حَدَّثَنَا جَرِيرٌ، ح "
     "وَحَدَّثَنَا ابْنُ نُمَيْرٍ، حَدَّثَنَا أَبِي، عَنِ الأَعْمَشِ، عَنْ أَبِي وَائِلٍ، عَنْ عَبْدِ اللَّهِ، "
     "قَالَ قَالَ رَسُولُ اللَّهِ صلى الله عليه وسلم أَوَّلُ مَا يُقْضَى بَيْنَ النَّاسِ فِي الدِّمَاءِ.",
     "حَدَّثَنَا عُثْمَانُ بْنُ أَبِي شَيْبَةَ، وَإِسْحَاقُ بْنُ إِبْرَاهِيمَ، قَالاَ حَدَّثَنَا جَرِيرٌ، ح "
     "وَحَدَّثَنَا ابْنُ نُمَيْرٍ، حَدَّثَنَا أَبِي، عَنِ الأَعْمَشِ، عَنْ أَبِي وَائِلٍ، ",
     "عَنْ عَبْدِ اللَّهِ", "، قَالَ قَالَ رَسُولُ"),
    # No commas; ``قال حدثنا`` and ``قال أخبرني`` link, ``أنه سمع`` too.
    ("حدثنا عبد الله بن مسلمة قال حدثنا مالك عن زيد بن أسلم قال أخبرني عطاء بن يسار أنه سمع "
     "أبا سعيد الخدري يقول قال النبي صلى الله عليه وسلم الدين يسر",
     "حدثنا عبد الله بن مسلمة قال حدثنا مالك عن زيد بن أسلم قال أخبرني عطاء بن يسار أنه ",
     "سمع أبا سعيد الخدري", " يقول قال النبي"),
    # Kin words as names; the report opens with ``أن رسول الله``.
    ("حَدَّثَنَا قُتَيْبَةُ، حَدَّثَنَا اللَّيْثُ، عَنِ ابْنِ عَجْلاَنَ، عَنْ عَمْرِو بْنِ شُعَيْبٍ، عَنْ أَبِيهِ، "
     "عَنْ جَدِّهِ، أَنَّ رَسُولَ اللَّهِ صلى الله عليه وسلم نَهَى عَنِ الْبَيْعِ فِي الْمَسْجِدِ.",
     "حَدَّثَنَا قُتَيْبَةُ، حَدَّثَنَا اللَّيْثُ، عَنِ ابْنِ عَجْلاَنَ، عَنْ عَمْرِو بْنِ شُعَيْبٍ، عَنْ أَبِيهِ، ",
     "عَنْ جَدِّهِ", "، أَنَّ رَسُولَ"),
    # Reading to a teacher, an aside ``يعني ابن ...`` between two links.
    ("حدثنا يحيى بن يحيى، قال قرأت على مالك، عن نافع، عن ابن عمر، أن رسول الله صلى الله عليه "
     "وسلم قال صلاة الجماعة تفضل صلاة الفذ",
     "حدثنا يحيى بن يحيى، قال قرأت على مالك، عن نافع، ", "عن ابن عمر", "، أن رسول"),
    ("وَحَدَّثَنِي مُحَمَّدُ بْنُ رَافِعٍ، حَدَّثَنَا حُجَيْنٌ، - يَعْنِي ابْنَ الْمُثَنَّى - حَدَّثَنَا "
     "اللَّيْثُ، عَنْ عُقَيْلٍ، عَنِ ابْنِ شِهَابٍ، بِهَذَا الإِسْنَادِ مِثْلَهُ.",
     "وَحَدَّثَنِي مُحَمَّدُ بْنُ رَافِعٍ، حَدَّثَنَا حُجَيْنٌ، - يَعْنِي ابْنَ الْمُثَنَّى - حَدَّثَنَا "
     "اللَّيْثُ، عَنْ عُقَيْلٍ، ", "عَنِ ابْنِ شِهَابٍ", "، بِهَذَا الإِسْنَادِ"),
    # The last narrator after ``أن``: "that Jabir said", "that Abu Huraira told them".
    ("حدثني أبو الطاهر، أخبرنا ابن وهب، أخبرني يونس، عن ابن شهاب، قال حدثني عطاء بن أبي رباح، "
     "أن جابر بن عبد الله، قال نهى رسول الله صلى الله عليه وسلم عن بيع الثمر",
     "حدثني أبو الطاهر، أخبرنا ابن وهب، أخبرني يونس، عن ابن شهاب، قال حدثني عطاء بن أبي رباح، ",
     "أن جابر بن عبد الله", "، قال نهى"),
    ("حدثنا محمد بن المثنى، حدثنا معاذ بن هشام، حدثني أبي، عن يحيى بن أبي كثير، حدثنا أبو سلمة، "
     "أن أبا هريرة، حدثهم أن رسول الله صلى الله عليه وسلم قال إذا نودي للصلاة",
     "حدثنا محمد بن المثنى، حدثنا معاذ بن هشام، حدثني أبي، عن يحيى بن أبي كثير، حدثنا أبو سلمة، ",
     "أن أبا هريرة", "، حدثهم أن رسول"),
    # A note on the wording of two narrators (Abd said "informed us", Ibn Rafi "told us")
    # after a link or after a name: the chain goes on (issue 13).
    ("وحدثني محمد بن رافع، وعبد بن حميد، قال عبد أخبرنا وقال ابن رافع، حدثنا عبد الرزاق، "
     "أخبرنا معمر، عن الزهري، عن ابن المسيب، عن أبي هريرة، قال قال رسول الله",
     "وحدثني محمد بن رافع، وعبد بن حميد، قال عبد أخبرنا وقال ابن رافع، حدثنا عبد الرزاق، "
     "أخبرنا معمر، عن الزهري، عن ابن المسيب، ", "عن أبي هريرة", "، قال قال رسول"),
    ("وحدثنا أبو الطاهر، وأحمد بن عيسى، قال أحمد حدثنا وقال الآخران، أخبرنا ابن وهب، "
     "عن ابن شهاب، عن سالم، عن أبيه، أن رسول الله قال",
     "وحدثنا أبو الطاهر، وأحمد بن عيسى، قال أحمد حدثنا وقال الآخران، أخبرنا ابن وهب، "
     "عن ابن شهاب، عن سالم، ", "عن أبيه", "، أن رسول"),
    # More narrators joined by ``و`` than a name holds words, a note on the wording between
    # dashes, then the link they share (Muslim's ``قالوا حدثنا``).
    ("حَدَّثَنَا قُتَيْبَةُ بْنُ سَعِيدٍ، وَأَبُو بَكْرِ بْنُ أَبِي شَيْبَةَ وَهَنَّادُ بْنُ السَّرِيِّ "
     "وَأَبُو عَاصِمٍ الْحَنَفِيُّ - وَاللَّفْظُ لِقُتَيْبَةَ - قَالُوا حَدَّثَنَا أَبُو الأَحْوَصِ، عَنْ "
     "سِمَاكٍ، عَنْ عَلْقَمَةَ، قَالَ قَالَ رَسُولُ اللَّهِ صلى الله عليه وسلم",
     "حَدَّثَنَا قُتَيْبَةُ بْنُ سَعِيدٍ، وَأَبُو بَكْرِ بْنُ أَبِي شَيْبَةَ وَهَنَّادُ بْنُ السَّرِيِّ "
     "وَأَبُو عَاصِمٍ الْحَنَفِيُّ - وَاللَّفْظُ لِقُتَيْبَةَ - قَالُوا حَدَّثَنَا أَبُو الأَحْوَصِ، عَنْ "
     "سِمَاكٍ، ", "عَنْ عَلْقَمَةَ", "، قَالَ قَالَ رَسُولُ"),
    # The first narrator named again after a comma, a second one, an aside on their
    # wording; and a narrator's town between dashes (al-Tirmidhi's ``- كوفي -``).
    ("حَدَّثَنَا أَبُو جَعْفَرٍ، مُحَمَّدُ بْنُ الصَّبَّاحِ وَأَبُو بَكْرِ بْنُ أَبِي شَيْبَةَ - وَتَقَارَبَا "
     "فِي لَفْظِ الْحَدِيثِ - قَالاَ حَدَّثَنَا إِسْمَاعِيلُ بْنُ إِبْرَاهِيمَ، عَنْ حَجَّاجٍ، عَنْ "
     "يَحْيَى بْنِ أَبِي كَثِيرٍ، عَنْ مُعَاوِيَةَ بْنِ الْحَكَمِ، قَالَ بَيْنَا أَنَا أُصَلِّي",
     "حَدَّثَنَا أَبُو جَعْفَرٍ، مُحَمَّدُ بْنُ الصَّبَّاحِ وَأَبُو بَكْرِ بْنُ أَبِي شَيْبَةَ - وَتَقَارَبَا "
     "فِي لَفْظِ الْحَدِيثِ - قَالاَ حَدَّثَنَا إِسْمَاعِيلُ بْنُ إِبْرَاهِيمَ، عَنْ حَجَّاجٍ، عَنْ "
     "يَحْيَى بْنِ أَبِي كَثِيرٍ، ", "عَنْ مُعَاوِيَةَ بْنِ الْحَكَمِ", "، قَالَ بَيْنَا"),
    ("حَدَّثَنَا إِسْمَاعِيلُ بْنُ مُوسَى، - كُوفِيٌّ - وَهَنَّادٌ قَالاَ حَدَّثَنَا عَبْدُ السَّلاَمِ بْنُ "
     "حَرْبٍ، عَنْ أَبِي خَالِدٍ، عَنْ أَنَسٍ، قَالَ كَانَ رَسُولُ اللَّهِ",
     "حَدَّثَنَا إِسْمَاعِيلُ بْنُ مُوسَى، - كُوفِيٌّ - وَهَنَّادٌ قَالاَ حَدَّثَنَا عَبْدُ السَّلاَمِ بْنُ "
     "حَرْبٍ، عَنْ أَبِي خَالِدٍ، ", "عَنْ أَنَسٍ", "، قَالَ كَانَ"),
    # A sentence that is all chain: its report is the next sentence.
    ("حدثنا أبو كريب، حدثنا أبو أسامة، عن هشام، عن أبيه، عن عائشة.",
     "حدثنا أبو كريب، حدثنا أبو أسامة، عن هشام، عن أبيه، ", "عن عائشة", "."),
]

#: Modern prose with the same words (told us, heard, informed, from, that, spoke), which
#: must not read as chains.
PROSE = [
    "وقال المتحدث باسم الوزارة إن الوزير سمع عن المحادثات من نظيره، عن طريق الهاتف.",
    "أخبرنا مدير المستشفى أن عدد المصابين ارتفع إلى ٢٠ شخصا، وأن بعضهم في حالة حرجة.",
    "حدثنا أحد السكان عن القصف الذي استهدف الحي، وعن معاناة العائلات، وعن نقص الماء.",
    "تحدث الرئيس عن الاقتصاد، وعن الإصلاحات، وعن البطالة، قائلا إن الحكومة ستعمل عليها.",
    "سمعت دوي انفجارات قرب المطار، بحسب شهود عيان تحدثوا عن حريق كبير.",
    "أخبرني صديقي أنه سمع الخبر عن طريق الإذاعة، ثم حدثني عن تفاصيله.",
    "قال أبو عيسى هذا حديث حسن صحيح.",
    "قال الوزير أخبرنا المسؤولون بالخطة، وقال المتحدث أخبرنا الوفد بموعد الزيارة.",
    "وفي الباب عن أنس وجابر وعائشة.",
    # Several people joined by ``و`` and an aside between dashes, without the shared link.
    "حدثنا الوزير وزملاؤه والسفراء - وهم قلة - عن المحادثات، وعن الاتفاق، وعن الحرب.",
    "أخبرنا المدير ونائبه والمستشار - واللفظ للمدير - بأن الاجتماع تأجل، عن طريق بيان.",
]


@pytest.mark.parametrize(("text", "abridged", "kept", "after"), GOLDEN)
def test_chains_are_found_with_their_last_link(text: str, abridged: str, kept: str,
                                               after: str) -> None:
    chains = isnad_chains(text)
    assert len(chains) == 1
    c = chains[0]
    assert text[c.start:c.kept] == abridged
    assert text[c.kept:c.end] == kept
    assert text[c.end:].startswith(after)


@pytest.mark.parametrize("text", PROSE)
def test_prose_with_transmission_words_is_no_chain(text: str) -> None:
    assert isnad_chains(text) == ()
    assert not opens_with_chain(text)


def test_fewer_links_than_required_are_no_chain() -> None:
    two = "حدثنا قتيبة، عن مالك، قال كان الناس يصلون"
    assert isnad_chains(two) == ()
    assert isnad_chains(two, IsnadParams(min_links=2)) != ()
    no_verb = "عن نافع، عن ابن عمر، عن عمر، قال كان الناس يصلون"
    assert isnad_chains(no_verb) == ()
    assert isnad_chains(no_verb, IsnadParams(min_strong=0)) != ()


def test_word_tables_are_folded() -> None:
    tables = (I.STRONG_LINKS | I.WEAK_LINKS | I.THAT | I.SAYING | I.FILLERS | I.NAME_JOINS
              | I.KIN | I.STOPS | I.READ_TO | I.NOT_NAMES | set(I.PROBES))
    assert all(w.translate(FOLD) == w for w in tables)
    # Every strong link holds a probe, or the substring test would reject its text.
    assert all(any(p in w for p in I.PROBES) for w in I.STRONG_LINKS)


def test_opening_and_mostly_chain() -> None:
    text, *_ = GOLDEN[-1]
    assert opens_with_chain(text) and mostly_chain(text, IsnadParams())
    later = "وروى هذا الحديث غير واحد من أهل العلم، " + GOLDEN[0][0]
    assert isnad_chains(later) and not opens_with_chain(later)  # inside, not at the start
    assert opens_with_chain("قال " + GOLDEN[0][0])  # ``قال حدثنا`` is a link
    assert not mostly_chain(GOLDEN[2][0], IsnadParams(chain_sentence=0.9))
    assert not mostly_chain(text, IsnadParams(enabled=False))


def test_abridged_length_counts_a_share_of_the_chain_but_its_last_link() -> None:
    text, abridged, _kept, _ = GOLDEN[-1]
    full = non_space_length(text)
    assert abridged_length(text, IsnadParams(length_share=1.0)) == full
    assert abridged_length(text, IsnadParams(length_share=0.0)) == full - non_space_length(
        abridged)
    assert abridged_length(text, IsnadParams(enabled=False)) == full
    assert abridged_length(PROSE[0], IsnadParams(length_share=0.0)) == non_space_length(
        PROSE[0])


def test_chain_words_weigh_less_in_the_search_the_last_link_in_full() -> None:
    lex = load_lexicon()
    text, abridged, _kept, _ = GOLDEN[-1]
    units = units_ar(text, lex)
    got = search_units_ar(text, units, IsnadParams(word_weight=0.25))
    assert len(got) == len(units)
    cut = len(abridged)
    for u, g in zip(units, got, strict=True):
        assert g.weight == pytest.approx(u.weight * (0.25 if u.end <= cut else 1.0))
    assert any(u.start >= cut for u in got)  # the kept link has units
    assert search_units_ar(PROSE[0], units_ar(PROSE[0], lex), IsnadParams()) == units_ar(
        PROSE[0], lex)
    cache = UnitCache(lex)
    assert cache.units_ar_search(text, IsnadParams(enabled=False)) == cache.units_ar(text)


def test_a_sentence_opening_with_a_chain_marks_a_report_break() -> None:
    texts = [GOLDEN[0][0], PROSE[6], GOLDEN[2][0], GOLDEN[-1][0]]
    marks = report_marks(None, 3, texts, IsnadParams(open_break=1.0))
    assert marks is not None
    np.testing.assert_array_equal(marks[0], np.zeros(3))
    np.testing.assert_array_equal(marks[1], [0.0, 0.0, 1.0, 2.0])
    # A real paragraph break before a chain is not counted twice.
    para = (np.array([0.0, 1.0, 1.0]), np.array([0.0, 0.0, 1.0, 1.0]))
    got = report_marks(para, 3, texts, IsnadParams(open_break=0.5))
    assert got is not None
    np.testing.assert_array_equal(got[1], [0.0, 0.0, 1.0, 1.5])
    assert report_marks(None, 3, PROSE[:3], IsnadParams()) is None
    assert report_marks(None, 3, texts, IsnadParams(enabled=False)) is None


@pytest.mark.parametrize("bad", [
    {"min_links": 0}, {"name_max": 0}, {"min_strong": -1}, {"word_weight": 1.5},
    {"length_share": -0.1}, {"chain_sentence": 2.0}, {"open_break": -1.0},
    {"word_weight": float("nan")},
])
def test_bad_isnad_params_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(OptionError):
        IsnadParams(**bad)  # type: ignore[arg-type]


# The search --------------------------------------------------------------------------------

EN = [
    "Aisha reported: The Prophet used to pray at night until his feet were swollen.",
    "Anas bin Malik reported: The Messenger of Allah said: Whoever fasts Ramadan out of faith "
    "will be forgiven his past sins.",
    "Ibn Umar reported: The Messenger of Allah forbade selling fruit before it ripens.",
    "Anas reported: The Prophet said: None of you believes until he loves for his brother "
    "what he loves for himself.",
]
#: The second report's chain is a sentence of its own, long (four chains joined by ``ح``),
#: its report in the next sentence; a grading sentence the English leaves out follows the
#: first report.
AR = [
    "حدثنا محمد بن بشار، حدثنا يحيى بن سعيد، عن هشام بن عروة، عن أبيه، عن عائشة، قالت كان "
    "النبي صلى الله عليه وسلم يصلي من الليل حتى تتورم قدماه.",
    "قال أبو عيسى هذا حديث حسن صحيح.",
    "حَدَّثَنَا يَحْيَى بْنُ أَيُّوبَ، وَقُتَيْبَةُ بْنُ سَعِيدٍ، قَالاَ حَدَّثَنَا إِسْمَاعِيلُ بْنُ جَعْفَرٍ، ح "
    "وَحَدَّثَنَا أَبُو بَكْرِ بْنُ أَبِي شَيْبَةَ، حَدَّثَنَا وَكِيعٌ، عَنْ سُفْيَانَ، ح وَحَدَّثَنِي زُهَيْرُ بْنُ "
    "حَرْبٍ، حَدَّثَنَا جَرِيرٌ، ح وَحَدَّثَنَا مُحَمَّدُ بْنُ الْمُثَنَّى، وَابْنُ بَشَّارٍ، قَالاَ حَدَّثَنَا "
    "مُحَمَّدُ بْنُ جَعْفَرٍ، حَدَّثَنَا شُعْبَةُ، ح وَحَدَّثَنَا إِسْحَاقُ بْنُ إِبْرَاهِيمَ، أَخْبَرَنَا عَبْدُ "
    "الرَّزَّاقِ، أَخْبَرَنَا مَعْمَرٌ، كُلُّهُمْ عَنْ سُهَيْلِ بْنِ أَبِي صَالِحٍ، عَنْ أَبِيهِ، عَنْ أَنَسِ بْنِ "
    "مَالِكٍ.",
    "أَنَّ رَسُولَ اللَّهِ صلى الله عليه وسلم قَالَ مَنْ صَامَ رَمَضَانَ إِيمَانًا غُفِرَ لَهُ مَا تَقَدَّمَ مِنْ "
    "ذَنْبِهِ.",
    "حدثنا قتيبة، حدثنا الليث، عن نافع، عن ابن عمر، أن رسول الله صلى الله عليه وسلم نهى عن "
    "بيع الثمر حتى يبدو صلاحه.",
    "حدثنا محمد بن المثنى، حدثنا محمد بن جعفر، حدثنا شعبة، عن قتادة، عن أنس، عن النبي صلى "
    "الله عليه وسلم قال لا يؤمن أحدكم حتى يحب لأخيه ما يحب لنفسه.",
]


def _beads(config: AlignConfig) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    et, at = "\n".join(EN), "\n".join(AR)
    al = align_sentences(Document(et, "en", presplit=True), Document(at, "ar", presplit=True),
                         split_text(et, "en", presplit=True),
                         split_text(at, "ar", presplit=True), config)
    check_alignment(al)
    return [(b.en, b.ar) for b in al.beads]


def test_a_chain_sentence_joins_its_report_instead_of_standing_alone() -> None:
    off = _beads(AlignConfig(isnad=IsnadParams(enabled=False)))
    assert ((), (2,)) in off and ((1,), (3,)) in off  # the chain left out as a 0-1
    on = _beads(AlignConfig())
    assert ((1,), (2, 3)) in on
    assert ((), (1,)) in on  # the grading stays one-sided
    assert ((0,), (0,)) in on and ((2,), (4,)) in on and ((3,), (5,)) in on


# Fidelity ----------------------------------------------------------------------------------

HADITH_EN = "Aisha reported: The Prophet used to pray at night."
HADITH_AR = ("حدثنا محمد بن بشار، حدثنا يحيى، عن هشام، عن أبيه، عن عائشة، قالت كان النبي صلى "
             "الله عليه وسلم يصلي من الليل.")


def test_a_faithful_hadith_is_not_flagged_for_the_chain_its_translation_abridges(
        monkeypatch: pytest.MonkeyPatch) -> None:
    score, flags, _ = score_bead(HADITH_EN, HADITH_AR)
    assert score >= 0.5
    assert not {f.code for f in flags} & {"addition", "length-outlier", "omission",
                                           "low-lexical-coverage", "name-mismatch"}
    monkeypatch.setattr(bead_evidence, "ISNAD", IsnadParams(enabled=False))
    before, flags_before, _ = score_bead(HADITH_EN, HADITH_AR)
    assert before < 0.5 and {"addition", "length-outlier"} <= {f.code for f in flags_before}


def test_the_narrator_the_translation_keeps_must_still_match() -> None:
    ar = ("حدثنا عثمان بن أبي شيبة، حدثنا جرير، عن منصور، عن أبي وائل، عن عبد الله بن مسعود، "
          "قال كان النبي صلى الله عليه وسلم يصلي من الليل.")
    en = "It is narrated on the authority of Abdullah b. Mas'ud that the Prophet used to pray."
    score, flags, _ = score_bead(en, ar)
    assert score >= 0.5 and not flags
    other = ar.replace("عن عبد الله بن مسعود", "عن أبي هريرة")
    score, flags, _ = score_bead(en, other)
    assert score < 0.5 and "name-mismatch" in {f.code for f in flags}
    ev = bead_evidence.bead_evidence(HADITH_EN, HADITH_AR, load_lexicon())
    # The chain's names the English leaves out are not counted; the rest all are.
    assert ev.ar.words < len(units_ar(HADITH_AR, load_lexicon()))
    assert ev.ar.length < non_space_length(HADITH_AR)


def test_compound_names_match_their_english_spelling() -> None:
    lex = load_lexicon()
    ar = units_ar("حدثنا عبد الله بن يوسف، وعبد الرحمن بن مهدي", lex)
    told = "Told by Abdullah b. Yusuf and Abdur-Rahman b. Mahdi"
    en = {k for u in units_en(told) for k in u.keys}
    first = [u for u in ar if u.text in ("عبد", "وعبد")]
    assert len(first) == 2 and all(en & set(u.keys) for u in first)
    assert not en & set(units_ar("عبد", lex)[0].keys)  # alone, no compound
