"""Sentence splitting: golden table of boundaries and the offset invariant."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawazi.align.text.segment import split_text

# (language, text, expected sentences) — each row pins one rule.
GOLDEN = [
    # Arabic question mark ends a sentence; ، and ؛ do not.
    ("ar", "هل ذهب؟ نعم، ذهب؛ ثم عاد.", ["هل ذهب؟", "نعم، ذهب؛ ثم عاد."]),
    # Arabic single-letter abbreviation (د. = Dr.) does not end a sentence.
    ("ar", "قال د. أحمد إن الوضع صعب. وأضاف ذلك.", ["قال د. أحمد إن الوضع صعب.", "وأضاف ذلك."]),
    # Closing quote after the stop stays with its sentence.
    ("en", 'He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
    # Opening quote goes with the next sentence.
    ("en", 'It was late. "Stop," she said.', ["It was late.", '"Stop," she said.']),
    # Arabic guillemets and curly quotes.
    ("ar", "قال: «هذا جيد». ثم غادر.", ["قال: «هذا جيد».", "ثم غادر."]),
    # Titles and initials before names.
    ("en", "Mr. Smith met Lt. Gen. J. Doe. They talked.",
     ["Mr. Smith met Lt. Gen. J. Doe.", "They talked."]),
    # U.S. inside a sentence; decimal numbers.
    ("en", "The U.S. Army spent 2.5 billion. It said so.",
     ["The U.S. Army spent 2.5 billion.", "It said so."]),
    # A stop glued to the next word (missing space) is not a boundary (TICO-19 segments).
    ("en", "and pharmacies.On 6 March, it closed.", ["and pharmacies.On 6 March, it closed."]),
    # Lower case after a stop: abbreviation such as e.g.
    ("en", "Some fruit, e.g. apples, is cheap.", ["Some fruit, e.g. apples, is cheap."]),
    # Line breaks are hard boundaries (headline without a stop, Arabic line without a stop).
    ("ar", "بغداد تخطر موسكو\nأكد المبعوث ذلك", ["بغداد تخطر موسكو", "أكد المبعوث ذلك"]),
    # Ellipsis and exclamation.
    ("en", "Wait… Really! Yes.", ["Wait…", "Really!", "Yes."]),
    # Arabic-Indic digits with decimal separator.
    ("ar", "بلغ ٢٫٥ مليون. انتهى.", ["بلغ ٢٫٥ مليون.", "انتهى."]),
    # A month abbreviation holds a sentence together before a day, not before a new sentence.
    ("en", "He left on Oct. 7 and came back.", ["He left on Oct. 7 and came back."]),
    ("en", "It stays closed until Oct. President Widodo came.",
     ["It stays closed until Oct.", "President Widodo came."]),
    # After an abbreviation or an initial, a word that opens sentences ends the sentence.
    ("en", "Most achieved an A. This shows it.", ["Most achieved an A.", "This shows it."]),
    ("en", "It opens at 8 a.m. These are daily.", ["It opens at 8 a.m.", "These are daily."]),
    ("en", "Made in the U.S. The firm said so.", ["Made in the U.S.", "The firm said so."]),
    ("en", "Roe v. Wade holds. Sens. Graham said.", ["Roe v. Wade holds.", "Sens. Graham said."]),
    # A figure reference and its bracket stay together (PubMed).
    ("en", "See (Fig. \u200b(Fig.2).2). Next.", ["See (Fig. \u200b(Fig.2).2).", "Next."]),
    # A word in mixed case starts a sentence even in lower case.
    ("en", "They made one. mRNA vaccines work.", ["They made one.", "mRNA vaccines work."]),
    # Arabic: an attribution after a quoted question stays with it; a new sentence that opens
    # with a verb of saying does not.
    ("ar", 'سألت: "هل أحصل على خصم؟" تساءلت. ثم ذهبت.',
     ['سألت: "هل أحصل على خصم؟" تساءلت.', "ثم ذهبت."]),
    ("ar", 'قالت: "لا سلطة لهن." قال فليك إن مكتبه أصدر بيانا.',
     ['قالت: "لا سلطة لهن."', "قال فليك إن مكتبه أصدر بيانا."]),
    # Fiction's verbs of dialogue attribute the quote before them too.
    ("ar", "«عمي يوسف!» صاحت. ثم ركضت نحو الباب.",
     ["«عمي يوسف!» صاحت.", "ثم ركضت نحو الباب."]),
    ("ar", "«من هناك؟» همست ليلى. لم يجب أحد.", ["«من هناك؟» همست ليلى.", "لم يجب أحد."]),
    ("ar", '"سنعود غداً." ردّ الرجل. ثم رحل.', ['"سنعود غداً." ردّ الرجل.', "ثم رحل."]),
    # ... with an object pronoun (asked her, answered him) or "to her" after them.
    ("ar", "«عائدة إلى البيت؟» سألها في النهاية. ثم صمت.",
     ["«عائدة إلى البيت؟» سألها في النهاية.", "ثم صمت."]),
    ("ar", "«نعم»، أجابته. «هل أنت بخير؟» قال لها بهدوء.",
     ["«نعم»، أجابته.", "«هل أنت بخير؟» قال لها بهدوء."]),
    # Before a colon, a past verb of saying opens the next quote; the participle goes on.
    ("ar", '"هل تحبه؟" ردّ قائلاً: حسنًا، لا أعرف.', ['"هل تحبه؟"', "ردّ قائلاً: حسنًا، لا أعرف."]),
    ("ar", '"هل تريدون ذلك؟" قائلًا: "سأفعل".', ['"هل تريدون ذلك؟" قائلًا: "سأفعل".']),
    # An Arabic ellipsis before a word that goes on with the sentence is a pause (English
    # marks it by a lower-case word).
    ("ar", "«صديق... أو هكذا كنت أظن» قال بصوت خافت. ثم خرج.",
     ["«صديق... أو هكذا كنت أظن» قال بصوت خافت.", "ثم خرج."]),
    ("ar", "كان يريد أن يقول شيئاً… لكنه صمت. ثم خرج.",
     ["كان يريد أن يقول شيئاً… لكنه صمت.", "ثم خرج."]),
    ("ar", "انتظرنا طويلاً... وصل القطار أخيراً.", ["انتظرنا طويلاً...", "وصل القطار أخيراً."]),
    ("en", '"Uncle Yusuf!" she shouted. Then she ran.',
     ['"Uncle Yusuf!" she shouted.', "Then she ran."]),
    # د. after an opening quote is still an abbreviation.
    ("ar", 'نقلت "د. فورد طلبت ذلك". انتهى.', ['نقلت "د. فورد طلبت ذلك".', "انتهى."]),
    # Legal text: clause numbers of two levels open their clause; lettered and Roman labels,
    # in lower case too, open the next item; a bracketed label after a reference word goes on.
    ("en", "3.1. The Client shall pay the fee. 3.2. The Contractor shall deliver.",
     ["3.1. The Client shall pay the fee.", "3.2. The Contractor shall deliver."]),
    ("en", "a) first item. b) second item. (ii) the Client. iv. Any third party.",
     ["a) first item.", "b) second item.", "(ii) the Client.", "iv. Any third party."]),
    ("en", "The duties under para. (b) shall survive. The rest ends.",
     ["The duties under para. (b) shall survive.", "The rest ends."]),
    # A one-letter or Roman label in brackets is no agency credit ("(AFP)").
    ("en", "(A) The first item. (B) The second item. (IV) The fourth.",
     ["(A) The first item.", "(B) The second item.", "(IV) The fourth."]),
    ("ar", "(أ) البند الأول. (ب) البند الثاني.", ["(أ) البند الأول.", "(ب) البند الثاني."]),
    # Chained Arabic abbreviations: أ.د. (professor doctor) goes on; ق.م. (BC) after a
    # number is an era and ends.
    ("ar", "قال أ.د. محمد علي إن البحث مهم. وأضاف ذلك.",
     ["قال أ.د. محمد علي إن البحث مهم.", "وأضاف ذلك."]),
    ("ar", "بني عام 2500 ق.م. وقال العلماء ذلك.", ["بني عام 2500 ق.م.", "وقال العلماء ذلك."]),
    # The Qur'an's ornate brackets close a quoted verse.
    ("ar", "قال تعالى: ﴿إِنَّا أَنزَلْنَاهُ.﴾ وهذه آية.", ["قال تعالى: ﴿إِنَّا أَنزَلْنَاهُ.﴾", "وهذه آية."]),
    # Citation marks after the stop stay with their sentence.
    ("en", "He was a publisher.[1] His style was new.[2][3] He died.",
     ["He was a publisher.[1]", "His style was new.[2][3]", "He died."]),
    # Initials without spaces; lower-case references before a number.
    ("en", "J.R.R. Tolkien wrote it. See vol. 3 and no. 5 here.",
     ["J.R.R. Tolkien wrote it.", "See vol. 3 and no. 5 here."]),
    ("en", "Clear the cache, etc. Then restart it.", ["Clear the cache, etc.", "Then restart it."]),
    # a.m./p.m. go on only before what qualifies the hour.
    ("en", "It ended at 5 p.m. Delegates left. It starts at 10 a.m. Monday. At 8 a.m. Baghdad"
     " time it opens.", ["It ended at 5 p.m.", "Delegates left.", "It starts at 10 a.m. Monday.",
                          "At 8 a.m. Baghdad time it opens."]),
    # English attribution after a quote, named as well as by a pronoun; a colon opens a new
    # quote instead.
    ("en", '"Well?" Karim asked. "Really?" Mary said. He said: "Yes." Then he left.',
     ['"Well?" Karim asked.', '"Really?" Mary said.', 'He said: "Yes."', "Then he left."]),
    ("en", 'It was "late." Someone else added: "Such an advert."',
     ['It was "late."', 'Someone else added: "Such an advert."']),
    # A verb of saying with an object reports no quote: a sentence of its own.
    ("en", '"Go home." He said nothing. "Fine," she said quietly.',
     ['"Go home."', "He said nothing.", '"Fine," she said quietly.']),
    # A letter and a stop before a number is a reference, not a list label.
    ("en", "See vol. 2, no. 3, cf. p. 10. It was built c. 1950. Choose a. red or b. blue.",
     ["See vol. 2, no. 3, cf. p. 10.", "It was built c. 1950.", "Choose a. red or b. blue."]),
]

# Real text of other genres (issue 9, point 6): hadith isnads, chat, wire news, legal text,
# interviews and lists.
REAL_TEXT = [
    # b. / bt. (ibn, bint) before a capitalised name chain a name, whatever follows.
    ("en", "Narrated Abu Huraira b. Abd al-Rahman b. Awf: He said it. They left.",
     ["Narrated Abu Huraira b. Abd al-Rahman b. Awf: He said it.", "They left."]),
    ("en", "Muhammad b. Ja'far told us. Then Shu'ba b. al-Hajjaj said it.",
     ["Muhammad b. Ja'far told us.", "Then Shu'ba b. al-Hajjaj said it."]),
    ("en", "Aisha bt. Abi Bakr narrated it. Ahmad b. Hanbal (d. 241) wrote it.",
     ["Aisha bt. Abi Bakr narrated it.", "Ahmad b. Hanbal (d. 241) wrote it."]),
    # A lone letter b. can still end a sentence before a word that opens sentences.
    ("en", "The answer is option b. The rest is wrong.",
     ["The answer is option b.", "The rest is wrong."]),
    # Emoticons stay with the sentence they follow and make no boundary of their own.
    ("en", "He won. :) We cheered.", ["He won. :)", "We cheered."]),
    ("en", "Great news! :D We won.", ["Great news! :D", "We won."]),
    ("en", "Oh no :-( It broke. Sad :P Really ^_^ Ok xD Fine. ;)",
     ["Oh no :-( It broke.", "Sad :P Really ^_^ Ok xD Fine. ;)"]),
    ("en", "They fled. :-) :)) Great.", ["They fled. :-) :))", "Great."]),
    ("ar", "وصلت متأخرا. :( لكن بخير.", ["وصلت متأخرا. :(", "لكن بخير."]),
    ("ar", "رائع! :D فزنا. شكرا :) أراك غدا.", ["رائع! :D", "فزنا.", "شكرا :) أراك غدا."]),
    ("ar", "وصلنا بالسلامة. (: الحمد لله.", ["وصلنا بالسلامة. (:", "الحمد لله."]),
    # A bracketed credit closes the sentence before it, at the end of the line or not.
    ("en", "Tehran rejected the claims. (Tasnim)", ["Tehran rejected the claims. (Tasnim)"]),
    ("en", "It said 20 were killed. (AFP) Talks go on.\nNext.",
     ["It said 20 were killed. (AFP)", "Talks go on.", "Next."]),
    ("ar", "رفضت طهران الاتهامات. (رويترز)", ["رفضت طهران الاتهامات. (رويترز)"]),
    ("ar", "رفضت طهران الاتهامات. (واس) وتستمر المحادثات.",
     ["رفضت طهران الاتهامات. (واس)", "وتستمر المحادثات."]),
    # ... but brackets that a lower-case word continues, or that hold a label, open the next.
    ("en", "It was denied. (Laughter) the man said.",
     ["It was denied.", "(Laughter) the man said."]),
    ("en", "Done. (2) Second thing. (see below) More.",
     ["Done.", "(2) Second thing.", "(see below) More."]),
    # A dateline at the start of a line stays with its sentence.
    ("en", "Mawazine News – Baghdad – The Iraqi government said it will act. More.",
     ["Mawazine News – Baghdad – The Iraqi government said it will act.", "More."]),
    ("en", "BAGHDAD, Jan. 5 (Reuters) - Iraq said so. Next.",
     ["BAGHDAD, Jan. 5 (Reuters) - Iraq said so.", "Next."]),
    ("ar", "بغداد - واع - قالت الحكومة إنها ستتحرك. انتهى.",
     ["بغداد - واع - قالت الحكومة إنها ستتحرك.", "انتهى."]),
    # Legal references before a number do not end a sentence; a sentence may end on a number.
    ("en", "Under Art. 5 of the treaty, states act. Para. 3 says so. See p. 12, Sec. 4.",
     ["Under Art. 5 of the treaty, states act.", "Para. 3 says so.", "See p. 12, Sec. 4."]),
    ("en", "Vol. 3, ch. 2, para. 4 and art. 12 apply. Done.",
     ["Vol. 3, ch. 2, para. 4 and art. 12 apply.", "Done."]),
    ("en", "This is set out in Article 5. The court agreed. He studies Art. Students came.",
     ["This is set out in Article 5.", "The court agreed.", "He studies Art.",
      "Students came."]),
    ("en", "God is one (Q. 112:1). See Q. 2:255, vv. 3-4, ca. 1950; Rs. 500. Fr. John came.",
     ["God is one (Q. 112:1).", "See Q. 2:255, vv. 3-4, ca. 1950; Rs. 500.", "Fr. John came."]),
    # Arabic: a letter after a year is the era (م = AD) and ends the sentence; a title not.
    ("ar", "ولد عام 1950 م. وتوفي عام 2000 م. وقال م. أحمد ذلك.",
     ["ولد عام 1950 م.", "وتوفي عام 2000 م.", "وقال م. أحمد ذلك."]),
    ("ar", "المادة (5): يلتزم الأطراف بذلك. المادة (6): لا يجوز.",
     ["المادة (5): يلتزم الأطراف بذلك.", "المادة (6): لا يجوز."]),
    # Interview and list labels open their sentence instead of standing alone.
    ("en", "Q. The war began when? A. The spring. Q. Why? A. I don't know.",
     ["Q. The war began when?", "A. The spring.", "Q. Why?", "A. I don't know."]),
    ("en", "1. The first rule\n2. Second rule\nII. The next part.",
     ["1. The first rule", "2. Second rule", "II. The next part."]),
    ("en", "Do this. 2. Close it. It rose to 5. The end.",
     ["Do this.", "2. Close it.", "It rose to 5.", "The end."]),
    ("ar", "١. البند الأول. ٢. البند الثاني.", ["١. البند الأول.", "٢. البند الثاني."]),
    # An ellipsis inside a quote: the quote continues before lower case, ends before a capital.
    ("en", 'He said "I don\'t know..." and left. She said "Wait..." Then she went.',
     ['He said "I don\'t know..." and left.', 'She said "Wait..."', "Then she went."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), GOLDEN)
def test_golden(lang: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in split_text(text, lang)] == expected


@pytest.mark.parametrize(("lang", "text", "expected"), REAL_TEXT)
def test_real_text(lang: str, text: str, expected: list[str]) -> None:
    sents = split_text(text, lang)
    assert [s.text for s in sents] == expected
    assert all(text[s.start : s.end] == s.text for s in sents)


@pytest.mark.xfail(strict=True, reason="an Arabic sentence with no final stop inside a "
                   "paragraph line is not split without the English side (see README)")
def test_unpunctuated_arabic_inside_a_line() -> None:
    got = [s.text for s in split_text("أكد المبعوث ذلك وقال الوزير إنه سيأتي.", "ar")]
    assert got == ["أكد المبعوث ذلك", "وقال الوزير إنه سيأتي."]


def test_paragraphs_count_blank_lines() -> None:
    sents = split_text("One. Two.\n\nThree.\nFour.", "en")
    assert [s.paragraph for s in sents] == [0, 0, 1, 1]


def test_presplit_takes_lines_as_they_are() -> None:
    sents = split_text("  First. Still first.\n\nSecond\n", "en", presplit=True)
    assert [s.text for s in sents] == ["First. Still first.", "Second"]


def test_regions_limit_the_split() -> None:
    text = "English here. More.\nعربي هنا. أكثر."
    cut = text.index("عربي")
    sents = split_text(text, "ar", ((cut, len(text)),))
    assert [s.text for s in sents] == ["عربي هنا.", "أكثر."]
    assert all(s.start >= cut for s in sents)


ALPHABET = st.sampled_from(
    list("abc XYZ .!?؟؛،:\"'“”«»()\n\t0123456789٠١٢٣٤٥٦٧٨٩")
    + ["قال", "د.", "Mr.", "U.S.", "2.5", "  ", "\n\n", "\u00a0", "ـ", "ًّ"]
    + [":)", ":-(", "^_^", "xD", "(AFP)", "(واس)", "b.", "Art.", "1.", "Q."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.sampled_from(["en", "ar"]),
       st.booleans())
def test_offsets_round_trip(text: str, lang: str, presplit: bool) -> None:
    sents = split_text(text, lang, presplit=presplit)
    last = 0
    for s in sents:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.text
        assert s.start >= last
        last = s.end


def test_an_arabic_stop_between_bidi_marks_ends_a_sentence() -> None:
    """Hadith collections write the Arabic full stop as ``\\u200f.\\u200f``; the mark after
    the stop hid the space the splitter looks for, and whole hadiths stayed one sentence.
    The closing mark is the stop's own and stays in the sentence."""
    text = "حدثنا قتيبة عن مالك\u200f.\u200f قال رسول الله كذا\u200f.\u200f\n"
    got = [s.text for s in split_text(text, "ar")]
    assert got == ["حدثنا قتيبة عن مالك\u200f.\u200f", "قال رسول الله كذا\u200f.\u200f"]


# Hard-wrapped blocks (text/wrap.py) ------------------------------------------------------

WRAPPED_EN = (
    "The rain had not stopped for three days when Samir finally\n"
    "knocked on his brother's door. Karim folded the paper and\n"
    "looked at him for a long time.\n"
)


def test_a_hard_wrapped_block_is_split_as_one_line() -> None:
    got = split_text(WRAPPED_EN, "en")
    assert [s.text.replace("\n", " ") for s in got] == [
        "The rain had not stopped for three days when Samir finally knocked on his brother's"
        " door.",
        "Karim folded the paper and looked at him for a long time.",
    ]
    assert all(WRAPPED_EN[s.start : s.end] == s.text for s in got)
    assert {s.paragraph for s in got} == {0}


def test_a_wrapped_arabic_block_is_joined_on_its_function_words() -> None:
    text = ("كان المطر قد ظل يهطل ثلاثة أيام متواصلة حين طرق سمير على\n"
            "باب أخيه الذي لم يره منذ أحد عشر عاما، فخرج إليه كريم من\n"
            "البيت ونظر إليه طويلا.\n")
    assert len(split_text(text, "ar")) == 1


@pytest.mark.parametrize("text", [
    # Headlines of one width: no line ends mid-phrase.
    "US troops leave Syria after talks fail in Baghdad again\n"
    "Iraq votes on the withdrawal of foreign forces this week\n"
    "Markets fall sharply as oil prices rise in Asian trade\n",
    # A headline over its paragraph.
    "Russian envoy says Moscow has evidence\n"
    "The Russian president's envoy said on Thursday that Moscow had evidence of the attack"
    " and would present it to the council.\n",
    # A poem: short lines.
    "I wandered lonely as a cloud\nThat floats on high o'er vales and hills,\n"
    "When all at once I saw a crowd,\n",
    # Headlines of one width, one ending on "for": each starts with a capital.
    "Oil prices fall sharply as demand weakens across Asia\n"
    "The new housing law: what it means and who it is for\n"
    "Central bank holds interest rates steady for a third month\n",
    # A poem of long lines ending in commas and a semicolon.
    "I wandered lonely as a cloud that floats on high o'er vales and hills,\n"
    "When all at once I saw a crowd, a host, of golden daffodils;\n"
    "Beside the lake, beneath the trees, fluttering and dancing in the breeze,\n"
    "Continuous as the stars that shine and twinkle on the milky way.\n",
    # An address, its lines ending in commas.
    "Ministry of Foreign Affairs, Department of Consular Services,\n"
    "Building 14, King Fahd Road, Al Olaya District, Riyadh 12211,\n"
    "Kingdom of Saudi Arabia\n",
])
def test_lines_that_are_not_wrapped_stay_hard_boundaries(text: str) -> None:
    lines = [x for x in text.splitlines() if x]
    assert len(split_text(text, "en")) >= len(lines)


@pytest.mark.parametrize(("text", "lang"), [
    # Operative paragraphs of a resolution, each ending in a semicolon.
    ("1. Urges Member States to increase public spending on education;\n"
     "2. Encourages donor countries to honour their aid commitments;\n"
     "3. Requests the Secretary-General to report at its next session;\n"
     "4. Decides to remain seized of the matter.\n", "en"),
    ("1 - تحث الدول الأعضاء على زيادة الإنفاق العام على التعليم؛\n"
     "2 - تشجع البلدان المانحة على الوفاء بالتزاماتها في مجال المعونة؛\n"
     "3 - تطلب إلى الأمين العام أن يقدم تقريراً في دورتها المقبلة؛\n"
     "4 - تقرر أن تبقي المسألة قيد نظرها.\n", "ar"),
    ("(أ) تعزيز التعاون الإقليمي في مجال إدارة الموارد المائية المشتركة،\n"
     "(ب) دعم البحث العلمي في تقنيات تحلية المياه بتكلفة منخفضة،\n"
     "(ج) إشراك المجتمعات المحلية في التخطيط لاستخدام المياه،\n", "ar"),
    ("- the parties shall meet at least twice a year in either city and\n"
     "- the secretariat shall circulate the minutes of each meeting and\n"
     "- any party may ask for an extraordinary meeting in writing.\n", "en"),
])
def test_numbered_paragraphs_and_bullets_are_no_wrapped_block(text: str, lang: str) -> None:
    # Their lines fill a width and end on ";", "،" or "and", as wrapped lines do: joined,
    # each paragraph's number stuck to the end of the sentence before it.
    lines = [x for x in text.splitlines() if x]
    got = split_text(text, lang)
    assert len(got) == len(lines)
    assert [text[s.start:s.end] for s in got] == lines


#: Arabic wrapped by ``fmt -w 65``, which counts bytes: lines of about 33 letters, few of
#: them ending on a function word.
WRAPPED_AR = ("أعلنت الحكومة يوم الثلاثاء عن خطة\n"
              "جديدة للحد من البطالة بين الشباب\n"
              "في المحافظات الجنوبية، حيث تجاوزت\n"
              "معدلات البطالة ثلاثين في المئة\n"
              "خلال معظم العقد الماضي. وقال\n"
              "المسؤولون إن الخطة ستكلف نحو\n"
              "ملياري دولار على مدى خمس سنوات.\n"
              "\n"
              "وقال منتقدو الخطة إن برامج مماثلة\n"
              "فشلت في الماضي لأنها كانت سيئة\n"
              "الإدارة وتفتقر إلى أي رقابة أو\n"
              "تقييم مستقل لنتائجها.\n")


def test_arabic_wrapped_at_a_byte_width_is_split_by_its_stops() -> None:
    # The first block has a stop inside a line and no stop at its other line ends; the
    # second, one sentence, shows no cue of its own but fits the width the first is
    # wrapped at.
    got = [s.text.replace("\n", " ") for s in split_text(WRAPPED_AR, "ar")]
    assert got == [
        "أعلنت الحكومة يوم الثلاثاء عن خطة جديدة للحد من البطالة بين الشباب في المحافظات"
        " الجنوبية، حيث تجاوزت معدلات البطالة ثلاثين في المئة خلال معظم العقد الماضي.",
        "وقال المسؤولون إن الخطة ستكلف نحو ملياري دولار على مدى خمس سنوات.",
        "وقال منتقدو الخطة إن برامج مماثلة فشلت في الماضي لأنها كانت سيئة الإدارة وتفتقر"
        " إلى أي رقابة أو تقييم مستقل لنتائجها.",
    ]


def test_a_headline_over_its_sentence_in_a_wrapped_document_stays_apart() -> None:
    # The block fits the width the first block is wrapped at, but its second line starts a
    # sentence with a capital: a headline over its paragraph, not one wrapped sentence.
    text = ("The rain had not stopped for three days when Samir finally knocked on\n"
            "his brother's door. Karim folded the paper and looked at him for a long\n"
            "time without a word.\n\n"
            "Government unveils plan to cut youth unemployment in the south\n"
            "The plan will cost two billion dollars over five years, officials.\n\n"
            "Critics of the plan said that similar programmes had failed in the\n"
            "past.\n")
    got = [s.text.replace("\n", " ") for s in split_text(text, "en")]
    assert got[2:] == ["Government unveils plan to cut youth unemployment in the south",
                       "The plan will cost two billion dollars over five years, officials.",
                       "Critics of the plan said that similar programmes had failed in the"
                       " past."]


def test_arabic_headlines_of_one_width_stay_lines() -> None:
    text = ("الحكومة تعلن خطة جديدة للحد من البطالة\n"
            "ارتفاع أسعار النفط مع تراجع الطلب في آسيا\n"
            "المصرف المركزي يبقي أسعار الفائدة دون تغيير\n")
    assert len(split_text(text, "ar")) == 3


def test_inner_starts_are_the_splitters_own() -> None:
    """``inner_starts``: where a line's later sentences start, by the splitter's rules
    (abbreviations, initials and a stop glued to the next word end nothing)."""
    from tawazi.align.text.segment import inner_starts

    text = "Mr. Smith met J. R. Brown. They talked. The end"
    starts = inner_starts(text, "en")
    assert [text[s:s + 4] for s in starts] == ["They", "The "]
    assert inner_starts("One sentence only.", "en") == ()
    ar = "قال د. أحمد: نعم. هل ذهب؟ لا"
    assert [ar[s:s + 3] for s in inner_starts(ar, "ar")] == ["هل ", "لا"]
    assert inner_starts("ناجح.وأضاف أنه", "ar") == ()
