"""Issue 13: fewer false alarms on faithful text. Golden tables of the name, number and date
flags (true errors flagged; translated common nouns, acronyms, transliteration variants and
other writings not), and one test per rule of the document norms and the score gate."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tawazi.align.evidence import names as N
from tawazi.align.evidence.lexicon import load_lexicon
from tawazi.align.evidence.mentions import common_word
from tawazi.align.evidence.names import close, dictionary_words, gloss_vocabulary, inside
from tawazi.align.quality import bead_evidence as BE
from tawazi.align.quality.bead_evidence import (
    COVERAGE_REF,
    DocNorms,
    bead_evidence,
    document_norms,
)
from tawazi.align.quality.fidelity import (
    NORMS_KEY,
    alignment_norms,
    bead_score,
    flags_of,
    score_alignment,
    score_bead,
    score_pairs,
)
from tawazi.align.review.edit import rescore
from tawazi.align.types import Alignment, Bead, Document, Sentence


def codes(en: str, ar: str) -> set[str]:
    return {f.code for f in score_bead(en, ar)[1]}


# (English, Arabic, flag that must be raised (or None), flag that must not (or None)).
NAMES = [
    # A true name replaced, on either side, is flagged.
    ("Senators questioned Kavanaugh for hours.", "استجوب أعضاء مجلس الشيوخ جونسون لساعات.",
     "name-mismatch", None),
    ("Police arrested Saipov in Manhattan.", "اعتقلت الشرطة جونسون في مانهاتن.",
     "name-mismatch", None),
    # Translated common nouns written with a capital: dictionary words (issue 13).
    ("The Arctic gets cooler in October.", "تصبح المنطقة القطبية الشمالية أبرد في أكتوبر.",
     None, "name-mismatch"),
    ("It was developed by the State Research Center of Virology.",
     "طوره مركز الدولة لأبحاث علم الفيروسات.", None, "name-mismatch"),
    ("It was renamed by the International Committee on Taxonomy of Viruses.",
     "أعيدت تسميته من قبل اللجنة الدولية لتصنيف الفيروسات.", None, "name-mismatch"),
    ("Mouse hepatitis virus (Murine coronavirus) infects the liver.",
     "فيروس التهاب الكبد الفأري (فيروس كورونا الفأري) يصيب الكبد.", None, "name-mismatch"),
    # A name the lexicon knows put for another it knows: flagged; a known name spelled
    # out, left out, or a coinage rendered by a description: not.
    ("Jamal Khashoggi was killed in Istanbul.", "قتل جمال خاشقجي في أنقرة.",
     "name-mismatch", None),
    ("Jamal Khashoggi was killed in Istanbul.", "قتل جمال خاشقجي في إسطنبول.",
     None, "name-mismatch"),
    ("President Abdel Fattah al-Sisi met the delegation.",
     "التقى الرئيس عبد الفتاح السيسي الوفد.", None, "name-mismatch"),
    ("There is no such thing as a good Brexit, he added.",
     "وأضاف أنه لا يوجد ما يسمى بالخروج الجيد للمملكة المتحدة من الاتحاد الأوروبي.",
     None, "name-mismatch"),
    # Acronyms are not names: spelled out in Arabic.
    ("The CDC still recommends liquid soap.", "لا تزال مراكز مكافحة الأمراض توصي بالصابون السائل.",
     None, "name-mismatch"),
    # Transliteration variants: ch/cz/q as تش, ch as خ, j as ي, a short skeleton (Saipov).
    ("The farm is in Qinghai Province.", "تقع المزرعة في مقاطعة تشينغهاي.", None,
     "name-mismatch"),
    ("Amy Chozick wrote the memoir.", "كتبت آمي تشوزيك المذكرات.", None, "name-mismatch"),
    ("Researchers at Technion developed a method.", "طور باحثون في التخنيون طريقة.", None,
     "name-mismatch"),
    ("President Kersti Kaljulaid made a call.", "وجهت الرئيسة كيرستي كاليولايد دعوة.", None,
     "name-mismatch"),
    ("The defenders representing Saipov spoke.", "تحدث المحامون الممثلون لسايبوف.", None,
     "name-mismatch"),
    # Written in Latin letters glued to an Arabic word, or inside words typed without spaces.
    ("Epitope Diagnostics received approval.", "حصلت شركة وEpitope على الموافقة.", None,
     "name-mismatch"),
    ("Professor Czeisler designed the course.", "صمم الدورة أستاذسزيسلر.", None,
     "name-mismatch"),
    ("China urged the council to reward Pyongyang.",
     "حثت الصين المجلس على مكافأةبيونغيانغعلىالخطوات.", None, "name-mismatch"),
    # The lexicon translating the Arabic word as the name's derivative.
    ("The West backed the Czechoslovaks at Munich.", "دعم الغرب التشيكوسلوفاكيين في ميونخ.",
     None, "name-mismatch"),
]

NUMBERS = [
    # "1 or 2 tablets": the noun after the second number counts the first (a singular).
    ("Take 1 or 2 tablets every 4 hours.", "تناول قرصا أو قرصين كل 4 ساعات.", None,
     "number-mismatch"),
    ("Take 1 or 2 tablets every 4 hours.", "يؤخذ قرص أو قرصان كل 4 ساعات.", None,
     "number-mismatch"),
    # A number word put for another, one a side (issue 13): flagged; the same count in
    # other words (a compound, a dual, a percentage, "one of", "second") is not.
    ("The journey took five hours.", "استغرقت الرحلة ثلاث ساعات.", "number-mismatch", None),
    ("Twenty-five people were injured.", "أصيب خمسة وثلاثون شخصا.", "number-mismatch", None),
    ("He waited for a hundred days.", "انتظر ألف يوم.", "number-mismatch", None),
    ("Twenty-five people were injured.", "أصيب خمسة وعشرون شخصا.", None, "number-mismatch"),
    ("Two hundred people attended the meeting.", "حضر الاجتماع مائتا شخص.", None,
     "number-mismatch"),
    ("Ten thousand soldiers were deployed.", "نشر عشرة آلاف جندي.", None, "number-mismatch"),
    ("Fifty percent of the two groups agreed.", "وافق 50 في المائة من المجموعتين.", None,
     "number-mismatch"),
    ("For the second time in four years, the team won.",
     "للمرة الثانية خلال أربع سنوات، فاز الفريق.", None, "number-mismatch"),
    ("They were given five minutes, then two more.", "أعطوا خمس دقائق، ثم دقيقتين أخريين.",
     None, "number-mismatch"),
    ("Seven of the eleven members voted.", "صوت سبعة من الأعضاء الأحد عشر.", None,
     "number-mismatch"),
    # "two" is judged when the Arabic counts the same noun with another number word.
    ("She has two children.", "لديها ثلاثة أطفال.", "number-mismatch", None),
    ("She has two children.", "لديها طفلان.", None, "number-mismatch"),
    ("Two days later, three men were arrested.", "بعد يومين، اعتقل ثلاثة رجال.", None,
     "number-mismatch"),
    # Real number errors stay flagged: 30,000 as 300 thousand, a changed decimal.
    ("More than 30,000 pupils attended.", "حضر أكثر من 300 ألف تلميذ.", "number-mismatch", None),
    ("CNN had 1.52 million viewers.", "بلغ عدد مشاهدي سي إن إن 2.52 مليون مشاهد.",
     "number-mismatch", None),
    # Other writings of the same number.
    ("It has been a decade since the last case.", "مرت 10 سنوات منذ آخر قضية.", None,
     "number-mismatch"),
    ("She was hired for the six-month job.", "عينت لمدة 6 أشهر.", None, "number-mismatch"),
    ("Turnout needs to be 50 percent plus one vote.", "يجب أن تكون المشاركة أكثر من النصف بصوت.",
     None, "number-mismatch"),
    ("The 1950-53 Korean War ended.", "انتهت الحرب الكورية من 1950 وحتى 1953.", None,
     "number-mismatch"),
    ("He became 1 of 4 players to do it.", "أصبح واحدًا من أصل 4 لاعبين.", None,
     "number-mismatch"),
    # Clause numbers: legal Arabic writes clause 3.1 as 3-1; another clause is still caught,
    # and a score inside a sentence is still two numbers.
    ("3.1 The Client shall pay the fee within 30 days.",
     "3-1 يدفع العميل الرسوم خلال 30 يوماً.", None, "number-mismatch"),
    ("3.1 The Client shall pay the fee within 30 days.",
     "3-2 يدفع العميل الرسوم خلال 30 يوماً.", "number-mismatch", None),
    ("The team won 3.1 on Sunday.", "فاز الفريق 3-1 يوم الأحد.", "number-mismatch", None),
    # Counts Arabic writes in the noun: a dual for 2, a singular for 1, and واحد; a count
    # the noun contradicts is still caught.
    ("Take 2 tablets after meals.", "تناول قرصين بعد الوجبات.", None, "number-mismatch"),
    ("The treatment lasts 2 years.", "يستمر العلاج سنتين.", None, "number-mismatch"),
    ("Wait 2 days before the test.", "انتظر يومين قبل الفحص.", None, "number-mismatch"),
    ("Rest for 1 hour after the dose.", "استرح لمدة ساعة بعد الجرعة.", None, "number-mismatch"),
    ("About 1 in 10 people get a rash.", "يصاب شخص واحد من كل 10 أشخاص بطفح جلدي.", None,
     "number-mismatch"),
    ("Wait 2 days before the test.", "انتظر ثلاثة أيام قبل الفحص.", "number-mismatch", None),
    ("Rest for 1 hour after the dose.", "استرح لمدة ثلاث ساعات بعد الجرعة.", "number-mismatch",
     None),
    # Thousands and hundreds in words: a number word before a scale word, a dual of one
    # (ألفي, the construct form), hundreds in one word, a lone ألف; another count is caught.
    ("We followed 3,000 travellers.", "تابعنا ثلاثة آلاف مسافر.", None, "number-mismatch"),
    ("About 2,000 travellers came.", "جاء نحو ألفي مسافر.", None, "number-mismatch"),
    ("The hall holds 200 people.", "تتسع القاعة لمئتي شخص.", None, "number-mismatch"),
    ("The fine was 500 dinars.", "بلغت الغرامة خمسمئة دينار.", None, "number-mismatch"),
    ("She paid 1,000 dollars.", "دفعت ألف دولار.", None, "number-mismatch"),
    ("We followed 4,000 travellers.", "تابعنا ثلاثة آلاف مسافر.", "number-mismatch", None),
    ("About 3,000 travellers came.", "جاء نحو ألفي مسافر.", "number-mismatch", None),
    # A day written as an ordinal before its month: the month is no counted noun, and a
    # wrong day is caught.
    ("The agreement enters into force on 1 March 2024.",
     "يدخل الاتفاق حيز النفاذ في الأول من مارس 2024.", None, "date-mismatch"),
    ("It opened on 1 January.", "افتتح في الثاني من يناير.", "number-mismatch", None),
    # A Hijri date beside the Gregorian one and a citation mark numbered otherwise are
    # conventions of Arabic encyclopedias; a Gregorian year changed beside one is caught.
    ("Ibn Battuta was born in Tangier on 24 February 1304.",
     "وُلد ابن بطوطة في طنجة في 17 رجب 703 هـ الموافق 24 فبراير 1304م.", None,
     "number-mismatch"),
    ("He returned to Fez in 1349.", "عاد إلى فاس عام 1349م (750هـ).", None, "number-mismatch"),
    ("He wrote the book in Fez.[5]", "ألف الكتاب في فاس.[6]", None, "number-mismatch"),
    ("He returned to Fez in 1349.", "عاد إلى فاس عام 1350م (750هـ).", "number-mismatch", None),
    # A match's score in words: a dual, a singular against it, "clean" for a 0, a run word;
    # another score is still caught, and so is a plural in -ين that is no score.
    ("The team won 2-1 against Brazil.", "فاز الفريق على البرازيل بهدفين مقابل هدف.", None,
     "number-mismatch"),
    ("Egypt beat Ghana 3-0 on Sunday.", "تغلبت مصر على غانا بثلاثية نظيفة يوم الأحد.", None,
     "number-mismatch"),
    ("Liverpool won 1-0 at home.", "فاز ليفربول على أرضه بهدف نظيف.", None, "number-mismatch"),
    ("The team won 3-1 against Brazil.", "فاز الفريق على البرازيل بهدفين مقابل هدف.",
     "number-mismatch", None),
    ("They freed 2 hostages for prisoners.", "أفرجوا عن رهائن مقابل معتقلين.",
     "number-mismatch", None),
    # A draw: a goal for its like, a goalless one; another draw is still caught.
    ("The match ended in a 1-1 draw.", "انتهت المباراة بالتعادل بهدف لمثله.", None,
     "number-mismatch"),
    ("The match ended 0-0.", "انتهت المباراة بالتعادل السلبي.", None, "number-mismatch"),
    ("The match ended in a 2-2 draw.", "انتهت المباراة بالتعادل بهدف لمثله.",
     "number-mismatch", None),
]

DATES = [
    # Two different dates: flagged.
    ("The hearing took place on Thursday.", "عقدت الجلسة يوم الثلاثاء.", "date-mismatch", None),
    # واحد is "one", not و + أحد (Sunday); لاب in لاب كورب is no "for August".
    ("She was paid for her one day of work.", "تلقت أجر عمل ليوم واحد.", None, "date-mismatch"),
    ("On 5 March 2020 LabCorp announced a test.", "في 5 مارس 2020، أعلنت لاب كورب عن اختبار.",
     None, "date-mismatch"),
    # Mayo Clinic: مايو كلينيك is no May; Saturday Night Live transcribed; a glued weekday.
    ("On 12 March 2020, Mayo Clinic developed a test.",
     "في 12 مارس 2020، طورت مايو كلينيك اختبارا.", None, "date-mismatch"),
    ("He was booed during Saturday Night Live.", "تعرض للاستهجان أثناء ساترداي نايت لايف.",
     None, "date-mismatch"),
    ("Pompeo told the council on Thursday that sanctions must continue.",
     "قال بومبيو للمجلس يومالخميسأنه يجب أن تستمر العقوبات.", None, "date-mismatch"),
    ("She lit Sabbath candles.", "أشعلت شموع السبت.", None, "date-mismatch"),
]


# A unit or currency put for another next to the same number (``measures``): flagged; the
# same unit, a conversion (other figures) or a dual carrying the count: not.
MEASURES = [
    ("The ticket costs 20 dollars.", "سعر التذكرة 20 يورو.", "term-mismatch", None),
    ("Take 500 mg of paracetamol twice a day.",
     "تناول 500 ميكروغرام من الباراسيتامول مرتين في اليوم.", "term-mismatch", None),
    ("Five weeks away from the election.", "بقي خمسة أيام على الانتخابات.", "term-mismatch",
     None),
    ("Return the data within ten (10) working days.", "أعد البيانات خلال عشرة (10) أسابيع عمل.",
     "term-mismatch", None),
    ("The ticket costs $20.", "سعر التذكرة 20 دولارا.", None, "term-mismatch"),
    ("He scored in the 89th minute on Saturday.", "سجل في الدقيقة 89 يوم السبت.", None,
     "term-mismatch"),
    ("Britons would work a four day week.", "سيعمل البريطانيون أربعة أيام أسبوعيا.", None,
     "term-mismatch"),
    ("Take 500 mg of paracetamol twice a day.",
     "تناول 500 ملغ من الباراسيتامول مرتين في اليوم.", None, "term-mismatch"),
    ("The course lasts two weeks.", "تستمر الدورة 14 يوما.", None, "term-mismatch"),
    ("The village is 5 miles away.", "تبعد القرية 8 كيلومترات.", None, "term-mismatch"),
    ("He paid a two-day visit.", "قام بزيارة استغرقت يومين.", None, "term-mismatch"),
    ("The deal is worth $1.5 billion.", "تبلغ قيمة الصفقة 1.5 مليار دولار.", None,
     "term-mismatch"),
    # A bound turned round next to the same number: an age limit, a dose.
    ("The patient must be over 18 years old.", "يجب أن يكون عمر المريض أقل من 18 عاما.",
     "term-mismatch", None),
    ("Do not take more than 4 grams a day.", "لا تتناول أقل من 4 غرامات يوميا.",
     "term-mismatch", None),
    ("Children under the age of 12 must not take it.", "لا يجوز للأطفال دون سن 12 تناوله.",
     None, "term-mismatch"),
    ("Not less than thirty (30) days' notice.", "إشعار لا يقل عن ثلاثين (30) يوما.", None,
     "term-mismatch"),
    ("Over five years, prices doubled.", "على مدى خمس سنوات تضاعفت الأسعار.", None,
     "term-mismatch"),
    # A unit both sides count with no count in common: a number mismatch, "two" and "an"
    # included (the number check leaves them to the Arabic dual and singular).
    ("The last train left an hour ago.", "غادر آخر قطار قبل ساعتين.", "number-mismatch", None),
    ("The talks lasted two days.", "استمرت المحادثات ثلاثة أيام.", "number-mismatch", None),
    ("The lamb is six or seven months old.", "عمر الحمل ستة أشهر أو سبعة.", None,
     "number-mismatch"),
    ("Wait a day or two.", "انتظر يوما أو يومين.", None, "number-mismatch"),
    ("This may take place within a month, or two.", "يمكن أن يتم ذلك في غضون شهر أو شهرين.",
     None, "number-mismatch"),
    ("He dived for half an hour.", "غطس لمدة نصف ساعة.", None, "number-mismatch"),
    ("It is thirty-six miles from Medina.", "تبعد ستة وثلاثين ميلا عن المدينة.", None,
     "number-mismatch"),
    ("Track Palin, 26, spent a year in Iraq.",
     "تراك بالين، البالغ من العمر 26 عامًا، قضى عامًا في العراق.", None, "number-mismatch"),
    ("Voters aged 18 to 29 years stay home.", "الناخبون بين 18 و29 عامًا يبقون في البيت.", None,
     "number-mismatch"),
    ("He paid her $375,000 and $2 billion.", "دفع لها 375 ألف دولار و2 مليار دولار.", None,
     "number-mismatch"),
    ("The jacket cost $15,000.", "بلغت تكلفة السترة 15.000 دولار.", None, "number-mismatch"),
    ("Guarding for a day is better than a thousand days.", "رباط يوم خير من ألف يوم.", None,
     "number-mismatch"),
]


# A word put for its opposite or sibling (``contrasts``): flagged; the same word, a name
# that spells like one (Justin Rose), or a kunya (عن أبي هريرة): not.
CONTRASTS = [
    ("Prices rose by 30 percent last year.", "انخفضت الأسعار بنسبة 30 في المائة العام الماضي.",
     "term-mismatch", None),
    ("Prices rose by 30 percent last year.", "ارتفعت الأسعار بنسبة 30 في المائة العام الماضي.",
     None, "term-mismatch"),
    ("The north of the country was hit by floods.", "ضربت الفيضانات جنوب البلاد.",
     "term-mismatch", None),
    ("She won the silver medal.", "فازت بالميدالية الذهبية.", "term-mismatch", None),
    ("The handwriting was her father's.", "كان الخط خط أمها.", "term-mismatch", None),
    ("The handwriting was her father's.", "كان الخط خط أبيها.", None, "term-mismatch"),
    ("He faces Justin Rose in the top match.", "يواجه جاستن روز في المباراة الأولى، وتراجع.",
     None, "term-mismatch"),
    ("His mother said: I heard Abu Huraira.", "قالت أمه: سمعت أبا هريرة عن أبي بكر.", None,
     "term-mismatch"),
    ("The tenant shall pay the rent on the first day of each month.",
     "يدفع المستأجر الإيجار في اليوم الأول من كل أسبوع.", "term-mismatch", None),
    ("The report is published every year.", "يصدر التقرير كل شهر.", "term-mismatch", None),
    ("The annual meeting was held in Doha.", "عقد الاجتماع السنوي في الدوحة.", None,
     "term-mismatch"),
    ("Take one tablet a week.", "تناول قرصا واحدا كل سبعة أيام.", None, "term-mismatch"),
    # ابنته "his daughter" is read ابن + ته too, glossed "son": that match is no answer.
    ("The old man was waiting for his son to return.", "كان الرجل العجوز ينتظر عودة ابنته.",
     "term-mismatch", None),
    ("The old man was waiting for his son to return.", "كان الرجل العجوز ينتظر عودة ابنه.",
     None, "term-mismatch"),
    ("Maimuna, the wife of the Prophet, reported it.", "عن ميمونة زوج النبي قالت", None,
     "term-mismatch"),
]


# A negation the Arabic leaves out (``negation``): flagged; a negation written another way
# (a particle with a clitic, an interrogative, a word of lack or refusal, glued text, an
# idiom the translation turns): not.
NEGATIONS = [
    ("Do not take this medicine with alcohol.", "تناول هذا الدواء مع الكحول.",
     "negation-mismatch", None),
    ("The minister did not resign.", "استقال الوزير.", "negation-mismatch", None),
    ("Do not take this medicine with alcohol.", "لا تتناول هذا الدواء مع الكحول.", None,
     "negation-mismatch"),
    ("He who took up arms against us is not of us.", "من حمل علينا السلاح فليس منا.", None,
     "negation-mismatch"),
    ("Why is not a sign sent down to him?", "لولا أنزل عليه آية.", None, "negation-mismatch"),
    ("Many bodies have not been reached.", "بقيت جثث كثيرة ولعدم القدرة على الوصول إليها.",
     None, "negation-mismatch"),
    ("The senator should not run.", "قالوا إن عضوة مجلس الشيوخلا يجب أن تخوض الانتخابات.",
     None, "negation-mismatch"),
    ("Don't forget the small details.", "تذكر دائما التفاصيل الصغيرة.", None,
     "negation-mismatch"),
    ("The police refused to comment and did not say why.", "رفضت الشرطة التعليق.", None,
     "negation-mismatch"),
]


# Older and scanned translations: a misspelt common word with a capital is no name
# (``misspelt_words``); a verse cited in Roman numerals is a reference, not a number the
# Arabic leaves out. A real name or number left out is still flagged.
OLDER_TEXTS = [
    ("Ibn Umar reported Allah's Measenger as saying: When you see the new moon, observe fast.",
     "عن ابن عمر قال سمعت رسول الله يقول إذا رأيتم الهلال فصوموا", None, "name-mismatch"),
    ("The Messengger of Allah rejected the idea of Uthman living in celibacy.",
     "رد رسول الله على عثمان التبتل", None, "name-mismatch"),
    ("Ibn Umar reported that Zurara Qutaybi said: When you see the new moon, observe fast.",
     "عن ابن عمر قال إذا رأيتم الهلال فصوموا", "name-mismatch", None),
    ("Then this verse was revealed: Piety is not that you come to the doors from behind "
     "(ii. 189).", "فنزلت هذه الآية وليس البر بأن تأتوا البيوت من ظهورها", None,
     "number-mismatch"),
    ("Then this verse was revealed in the year 189.", "فنزلت هذه الآية", "number-mismatch",
     None),
    # An abbreviation put for another (the EU for the UK) is a name mismatch; one met by the
    # words it stands for, or only left out, is not.
    ("The U.S. and the EU agreed on new sanctions.",
     "اتفقت الولايات المتحدة والمملكة المتحدة على عقوبات جديدة.", "name-mismatch", None),
    ("The U.S. and the EU agreed on new sanctions.",
     "اتفقت الولايات المتحدة والاتحاد الأوروبي على عقوبات جديدة.", None, "name-mismatch"),
    ("The EU said so.", "قالت أوروبا ذلك.", None, "name-mismatch"),
    # A country put for another is a name mismatch, though the lexicon translates both
    # (``corpora/wordlist/name-glosses.txt.gz`` lists countries whatever the dictionary says).
    ("This agreement shall be governed by the laws of the State of Qatar.",
     "تخضع هذه الاتفاقية لقوانين دولة الكويت.", "name-mismatch", None),
    ("This agreement shall be governed by the laws of the State of Qatar.",
     "تخضع هذه الاتفاقية لقوانين دولة قطر.", None, "name-mismatch"),
    ("The minister flew to Germany on Monday.", "سافر الوزير إلى فرنسا يوم الاثنين.",
     "name-mismatch", None),
    ("Roast the turkey for three hours.", "اشوِ الديك الرومي لمدة ثلاث ساعات.", None,
     "name-mismatch"),
    ("Based on preliminary U.S. data, people with diabetes are at risk.",
     "يبدو أن الأشخاص المصابين بالسكري معرضون للخطر.", None, "name-mismatch"),
]


@pytest.mark.parametrize(("en", "ar", "must", "must_not"),
                         NAMES + NUMBERS + DATES + MEASURES + CONTRASTS + NEGATIONS
                         + OLDER_TEXTS)
def test_golden_flags(en: str, ar: str, must: str | None, must_not: str | None) -> None:
    got = codes(en, ar)
    if must:
        assert must in got, got
    if must_not:
        assert must_not not in got, got


def test_dictionary_words_checked_and_loaded() -> None:
    words = dictionary_words()
    assert {"arctic", "virolog", "taxonomi"} <= words
    assert len(words) > 100_000


def test_dictionary_word_next_to_a_name_is_a_name() -> None:
    """``Mellon`` is a dictionary word (a melon), but after a name it is a name too."""
    lex = load_lexicon()
    assert common_word("Mellon", gloss_vocabulary(lex))
    ev = bead_evidence("She met Kavanaugh Mellon.", "التقت بكافانو.", lex)
    assert [m.text for m in ev.en.unmatched("name")] == ["Mellon"]
    ev = bead_evidence("She read about Mellon farming.", "قرأت عن زراعة البطيخ.", lex)
    assert not ev.en.unmatched("name")


def test_glued_and_fine_matching_need_length() -> None:
    """Containment is tried only in long tokens; three consonants only at an end."""
    assert inside("Menga", "تمريرهالمينجا")
    assert not close("Ryder", "رادي")
    assert not inside("Pompeo", "الأمريكيمايكبومبيوبمجلسالأمن")  # three consonants, inside
    assert N.GLUED_LETTERS <= N.GLUED_LETTERS_ANY


def test_acronym_spelled_out_is_no_addition_and_no_outlier(
        monkeypatch: pytest.MonkeyPatch) -> None:
    en = "The RCGP RSC definition is shown in Appendix 2."
    ar = "يظهر تعريف مركز البحوث والرصد التابع للكلية الملكية للممارسين العامين في الملحق 2."
    ev = bead_evidence(en, ar, load_lexicon())
    assert ev.acronyms == 7.0
    assert not {"addition", "length-outlier"} & {f.code for f in flags_of(ev, en, ar)}
    monkeypatch.setattr(BE, "ACRONYM_CHARS", 0.0)
    plain = bead_evidence(en, ar, load_lexicon())
    assert plain.len_z > ev.len_z + 1.0
    assert {"addition", "length-outlier"} & {f.code for f in flags_of(plain, en, ar)}


def _loose(z: float) -> DocNorms:
    return DocNorms(spread=z, coverage=COVERAGE_REF)


def test_length_outlier_against_the_documents_spread() -> None:
    en = "Hats off to Thomas."
    ar = "رفعنا القبعات احترامًا لما بذله توماس من جهد كبير طوال البطولة كلها."
    ev = bead_evidence(en, ar, load_lexicon())
    assert ev.len_z > 3.0 and bead_score(ev) < 0.5
    assert "length-outlier" in {f.code for f in flags_of(ev, en, ar)}
    spread = ev.len_z / 3.0 + 0.1
    assert "length-outlier" not in {f.code for f in flags_of(ev, en, ar, _loose(spread))}


def test_document_norms_shrink_to_the_model() -> None:
    lex = load_lexicon()
    ev = bead_evidence("It cost 2,400 dollars.", "كلف ٢٤٠٠ دولار.", lex)
    assert document_norms([]) == DocNorms()
    one = document_norms([replace(ev, len_z=5.0)])
    assert one.spread == 1.0  # a single bead: no spread of its own, the model's
    wide = document_norms([replace(ev, len_z=float(z)) for z in range(-20, 21, 2)] * 5)
    assert wide.spread > 2.0
    assert document_norms([ev] * 200).coverage == pytest.approx(
        (200 * (ev.en.coverage + ev.ar.coverage) / 2 + 10 * COVERAGE_REF) / 210)


def test_length_and_coverage_rules_explain_a_doubtful_score_only() -> None:
    """A bead the score trusts gets no length or coverage flag; its number flag stays."""
    en, ar = "Pretty moderate stuff.", "أمر معقول إلى حد ما."
    ev = bead_evidence(en, ar, load_lexicon())
    assert bead_score(ev) >= 0.5
    assert not flags_of(ev, en, ar)
    assert "number-mismatch" in codes("The crash killed 151 people, police said.",
                                      "قالت الشرطة إن الحادث أسفر عن مقتل ١٥ شخصا.")


def _alignment(pairs: list[tuple[str, str]]) -> Alignment:
    en_text = "\n".join(e for e, _ in pairs)
    ar_text = "\n".join(a for _, a in pairs)

    def sents(text: str) -> tuple[Sentence, ...]:
        out, pos = [], 0
        for line in text.split("\n"):
            out.append(Sentence(pos, pos + len(line), line))
            pos += len(line) + 1
        return tuple(out)

    beads = tuple(Bead((k,), (k,)) for k in range(len(pairs)))
    return Alignment(Document(en_text, "en"), Document(ar_text, "ar"), sents(en_text),
                     sents(ar_text), beads, "")


def test_norms_are_kept_in_meta_and_used_by_a_rescore() -> None:
    pairs = [("It cost 2,400 dollars.", "كلف ٢٤٠٠ دولار."),
             ("The crash killed 151 people.", "أسفر الحادث عن مقتل ١٥١ شخصا."),
             ("Hats off to Thomas.", "رفعنا القبعات احترامًا لما بذله توماس من جهد.")]
    al = score_alignment(_alignment(pairs))
    assert NORMS_KEY in al.meta
    stored = alignment_norms(al)
    assert stored == alignment_norms(replace(al, meta={}))
    edited = replace(al, beads=(*al.beads[:2], replace(al.beads[2], ar_edit=pairs[2][1] + " ")))
    again = rescore(al, edited)
    assert again.meta[NORMS_KEY] == al.meta[NORMS_KEY]


def test_a_sentence_taken_in_lowers_the_score() -> None:
    """A 2-1 whose second English sentence has no counterpart (``part_gap``) scores below
    one whose two sentences are both translated; without its parts it looks like one."""
    lex = load_lexicon()
    first = "The crash killed 151 people on the highway."
    extra = "Meanwhile the football season opened with a surprising win for the home team."
    both = "وقد قتل الحادث 151 شخصا على الطريق السريع."
    en = f"{first} {extra}"
    parts = ((len(first) + 1,), ())
    ev = bead_evidence(en, both, lex, parts=parts)
    assert ev.part_gap > 0.15
    assert bead_score(ev) < 0.5 < bead_score(bead_evidence(first, both, lex))
    # One line holding both sentences (a pre-split line, a TMX segment) is judged alike:
    # the sentence inside it is found (``segment.inner_starts``).
    assert bead_evidence(en, both, lex).part_gap == ev.part_gap
    ar = both + " وفي الأثناء افتتح موسم كرة القدم بفوز مفاجئ للفريق المضيف."
    good = bead_evidence(en, ar, lex, parts=parts)
    assert good.part_gap < ev.part_gap and bead_score(good) > bead_score(ev)


def test_a_sentence_inside_one_line_is_a_part() -> None:
    """A 1-1 whose Arabic line also holds the translation of the next English sentence
    (a bench line: "... الزائرة. أما المؤتمرات الصحفية المنفردة فنادرًا ما تحدث.") scores
    below the same pair without it; an abbreviation's stop makes no part."""
    lex = load_lexicon()
    en = ("Trump regularly takes questions when leaving the White House or at press "
          "conferences with visiting dignitaries.")
    ar = ("يتلقى ترامب الأسئلة بانتظام عند مغادرة البيت الأبيض أو في المؤتمرات الصحفية مع كبار "
          "الشخصيات الزائرة.")
    extra = " أما المؤتمرات المنفردة فنادرًا ما تعقد، ولا يحبها أحد في الإدارة."
    alone, taken = bead_evidence(en, ar, lex), bead_evidence(en, ar + extra, lex)
    assert alone.part_gap == 0.0 < taken.part_gap
    assert bead_score(taken) < bead_score(alone)
    assert bead_evidence("Mr. Trump met Dr. Smith.", "التقى ترامب بالدكتور سميث.",
                         lex).part_gap == 0.0


def test_bead_parts_follow_bead_text() -> None:
    from tawazi.align.quality.fidelity import bead_parts

    al = _alignment([("One.", "واحد."), ("Two words.", "كلمتان.")])
    merged = Bead((0, 1), (0, 1))
    starts = bead_parts(al, merged)
    text = al.bead_text(merged, "en")
    assert starts == ((5,), (6,)) and text[5:] == "Two words."
    assert bead_parts(al, replace(merged, en_edit="edited")) == ((), (6,))


@pytest.mark.parametrize(("en", "ar"), [
    ("The Khums belongs to Allah.", "الْخُمُسُ لِلَّهِ."),
    ("He gave it as Sadaqa to the poor.", "تصدق بها على الفقراء."),
    # A term the translation adds to explain (the Arabic names the vessels only).
    ("He forbade the Nabidh of gourds.", "نَهَى عَنِ الدُّبَّاءِ."),
])
def test_a_transliterated_term_is_a_word_not_a_name(en: str, ar: str) -> None:
    """English translations of religious and legal texts keep Arabic terms (Zakat, Sadaqah,
    Khums, Nabidh); the lexicon's glossary gives them, so they are judged as words (matched
    by the lexicon where the Arabic has them) rather than as names with no counterpart."""
    ((score, flags),) = score_pairs([(en, ar)])
    assert "name-mismatch" not in {f.code for f in flags}, flags
    assert score >= 0.5
    lex = load_lexicon()
    assert {"khum", "sadaqa", "nabidh"} <= gloss_vocabulary(lex)
    assert "zakat" in lex.lookup("الزكاه")


@pytest.mark.parametrize(("en", "ar"), [
    # A manual's heading and step (تثبيت had only its older sense, fixing).
    ("Installation", "التثبيت"),
    ("Open the settings and enter your password.", "افتح الإعدادات وأدخل كلمة المرور."),
    # A contract's heading and clause (عميل had only "agent").
    ("Obligations of the Contractor", "التزامات المتعاقد"),
    ("The Client shall pay the invoice.", "يدفع العميل الفاتورة."),
    # A talk: "that's OK" is لا بأس.
    ("You might get lost. That's OK.", "قد تضلّون الطريق، ولا بأس في ذلك."),
    # A history: the era of a date.
    ("He died in the year 43 AH.", "توفي سنة 43 هـ."),
])
def test_the_vocabulary_of_manuals_contracts_and_talks_is_known(en: str, ar: str) -> None:
    """Faithful pairs of genres beyond news: the lexicon matches their content words (the
    2026-12-03 supplement; before it, none of ``Installation``/``التثبيت`` matched, and half of
    the others), and they score as translations."""
    ev = BE.bead_evidence(en, ar, load_lexicon(), 0.0)
    # Every content word, but in the talk, whose "get" and "might" no dictionary pairs.
    assert ev.en.matched >= (1.0 if "OK" in en else ev.en.words), (ev.en, ev.ar)
    ((score, flags),) = score_pairs([(en, ar)])
    assert score >= 0.5, (score, flags)


def test_symbols_the_arabic_writes_out_count_as_their_words_in_the_length() -> None:
    """"12%", "$4.5bn" and "Q3" are "12 percent", "4.5 billion dollars" and "third quarter",
    which Arabic writes out (12 في المئة, 4.5 مليار دولار, الربع الثالث): the English was judged
    as half the length it stands for (0.006 with a length outlier). A symbol the Arabic
    writes too counts nothing, and an Arabic side twice as long is still an outlier."""
    from tawazi.align.quality.bead_evidence import spelled_out_chars

    en = "Revenue rose 12% in Q3 to $4.5bn."
    ar = "ارتفعت الإيرادات بنسبة 12 في المئة في الربع الثالث إلى 4.5 مليار دولار."
    assert "length-outlier" not in codes(en, ar)
    assert score_bead(en, ar)[0] > 0.5
    assert spelled_out_chars("Up 12%.", "ارتفع 12%.") == 0.0
    assert spelled_out_chars(en, ar) > 20
    long_ar = ar.rstrip(".") + (" بفضل المبيعات القوية في آسيا وأوروبا وأمريكا الشمالية وأفريقيا"
                                "، وفقا لما أعلنته الشركة في بيان صحفي صدر صباح اليوم.")
    assert score_bead(en, long_ar)[0] < 0.5


def test_a_sentence_the_other_side_barely_covers_is_named() -> None:
    """A doubtful bead whose low score comes from one sentence of a several-sentence side
    (``part_gap``) names it as left out; a fiction bead with its last sentence's
    translation deleted scored 0.06 with no flag at all. Translated, it is not named."""
    en = ("Now and then my grandmother stopped to rest. She leaned on my shoulder and looked "
          "back at the house. I asked her whether she was afraid.")
    ar = "وكانت جدتي تتوقف بين حين وآخر لتستريح، فتتكئ على كتفي وتنظر إلى البيت خلفها."
    starts = (en.index("She"), en.index("I asked"))
    lex = load_lexicon()
    ev = bead_evidence(en, ar, lex, parts=(starts, ()))
    flags = flags_of(ev, en, ar)
    assert bead_score(ev) < 0.5
    named = [f for f in flags if f.code == "omission"]
    assert named and "whether she was afraid" in named[0].detail
    ar_all = ar.rstrip(".") + "، فسألتها إن كانت خائفة."
    ev_all = bead_evidence(en, ar_all, lex, parts=(starts, ()))
    assert not any("afraid" in f.detail for f in flags_of(ev_all, en, ar_all))


def test_an_abbreviation_matched_by_the_words_it_stands_for_is_spelled_out() -> None:
    """"EU" met by الاتحاد الأوروبي still counts its letters in the length (the Arabic
    writes the words out); met by its own letters (يو) or not at all, too; "EU" written
    by its letters in the Arabic (EU) does not."""
    from tawazi.align.evidence.features import units_ar, units_en
    from tawazi.align.quality.bead_evidence import acronym_letters

    lex = load_lexicon()
    ue = units_en("The EU met.")
    spelled = {k for u in units_ar("اجتمع الاتحاد الأوروبي.", lex) for k in u.keys}
    assert acronym_letters(ue, spelled) == 2.0
    assert acronym_letters(ue, {k for u in units_ar("اجتمع EU.", lex) for k in u.keys}) == 0.0
