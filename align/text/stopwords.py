"""Function words of both languages, ignored when counting lexical matches.

Function words ("the", "في", "أن") occur in nearly every sentence, so a match on them says
nothing about whether two sentences are translations; counting them would blur the difference
between an aligned and a random sentence pair. The build of the lexicon drops the English ones
from glosses for the same reason (``scripts/build_lexicon.py``).

Arabic entries are written already normalised as :func:`align.text.normalize.normalize_ar` leaves
them (no diacritics, ``أ إ آ`` -> ``ا``, ``ى`` -> ``ي``, ``ة`` -> ``ه``), so that importing this
module does not import camel-tools (about 0.4 s); ``tests/test_lexicon.py`` checks that every
entry is a fixed point of ``normalize_ar``. Common clitic-bearing forms (``وفي``, ``بان``) are
listed too, since the aligner meets words before any stemming.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lower-cased English function words (articles, pronouns, auxiliaries, prepositions,
#: conjunctions, determiners, common adverbs of degree), without apostrophes.
english_stopwords: frozenset[str] = _words(
    """
    a about above across after afterwards again against ago all almost along already also
    although always am among amongst an and another any anybody anyhow anyone anything anyway
    anywhere are around as at be became because become becomes been before beforehand behind
    being below beside besides between beyond both but by can cannot could did do does doing
    done down during each either else elsewhere enough etc even ever every everybody everyone
    everything everywhere except few for from further furthermore had has have having he hence
    her here hereby herein hers herself him himself his how however i if in indeed into is it
    its itself just least less many may me meanwhile might mine more moreover most mostly much
    must my myself namely neither never nevertheless no nobody none noone nor not nothing now
    nowhere of off often on once one ones only onto or other others otherwise our ours
    ourselves out over own per perhaps quite rather same several shall she should since so
    some somebody somehow someone something sometime sometimes somewhat somewhere still such
    than that the their theirs them themselves then thence there thereafter thereby therefore
    therein thereupon these they this those though through throughout thru thus to together
    too toward towards under unless until up upon us very via was we well were what whatever
    when whence whenever where whereas whereby wherein whereupon wherever whether which while
    whither who whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves
    s t d ll m o re ve y don didn doesn isn wasn weren hasn haven hadn won wouldn shouldn
    couldn aren mustn
    """
    # The same words in the English of older scripture and literary translations (Yusuf
    # Ali's and Pickthall's Qur'an, the King James Bible, translated classics): "ye" alone is
    # the commonest lower-case word of Yusuf Ali's that is no function word today. ("art", as
    # in "thou art", is left out: it is also a noun.)
    """
    ye thee thou thy thine thyself hath doth dost shalt shouldst wouldst canst
    couldst didst hadst unto verily hither thither hitherto wherefore whereof thereof
    thereto therewith ere oft
    """
)

#: Normalised Arabic function words: prepositions, conjunctions, pronouns, demonstratives,
#: relatives, particles, auxiliaries (كان, ليس), and their most frequent clitic forms.
arabic_stopwords: frozenset[str] = _words(
    """
    في من الي علي عن مع عند لدي حتي منذ مذ بين نحو خلال ضد دون حول عبر قبل بعد فوق تحت امام
    خلف وراء ازاء بحسب حسب وفق وفقا عبر
    و ف ثم او ام بل لكن لكنه لكنها ولكن لان لانه لانها كي لكي اذ اذا اذن حين حيث كما كلما
    بينما لو لولا ان انه انها انهم انما اما الا غير سوي
    هو هي هما هم هن انا نحن انت انتم انتما انتن اياه اياها اياهم
    هذا هذه هذان هاتان هؤلاء ذلك تلك ذلكم اولئك هنا هناك هنالك
    الذي التي الذين اللذان اللتان اللواتي اللاتي ما ماذا من متي اين كيف كم اي ايه
    لا لم لن ليس ليست قد لقد سوف نعم كلا بلي
    كان كانت كانوا يكون تكون يكونون اصبح اصبحت ظل ظلت مازال لايزال لاتزال
    كل بعض جميع كافه عده احد اي ايضا فقط جدا الان ايضا
    به بها بهم له لها لهم لنا لي فيه فيها فيهم منه منها منهم عليه عليها عليهم عنه عنها
    عنهم اليه اليها اليهم معه معها معهم
    وفي ومن والي وعلي وعن ومع وبين وقد ولا ولم ولن وهو وهي وهم وان وانه وانها واذا وكان
    وكانت وهذا وهذه وذلك وتلك والتي والذي والذين وما وكما وحيث وبعد وقبل وكل ثمه
    فان فقد فلا فهو فهي فيما مما عما بما كما لما ممن عمن بان لان بانه بانها كانه كانها
    بذلك لذلك كذلك ذلك بهذا بهذه لهذا لهذه هكذا
    يمكن يمكنه يمكنها يمكنهم يمكنك ويمكن لايمكن يجب ينبغي بدون عندما عند ربما اثناء اكثر
    اقل مثل تم يتم سيتم وتم لديه لديها لديهم لدينا بسبب لذا ضمن الخ ومنذ لقد حاليا
    """
)

#: Normalised function words of spoken Arabic (Egyptian, Levantine, Gulf) and spoken forms
#: of standard ones that :data:`arabic_stopwords` lacks (``كنت``, ``وانا``, ``لاني``). Their
#: English (not, this, how, why, where, now, very, with, have) are English stopwords, so a
#: lexicon entry would never find a counterpart: like ``في`` and ``هذا`` they are left out of
#: the aligner's word units instead (``features.arabic_function_words``). Kept apart from
#: :data:`arabic_stopwords` because the boundary cues (``search.boundary_cues``) were fitted
#: with that list as one of their features. Words whose standard sense is a content word
#: that news uses often (``دول`` countries, ``مال`` money, ``حق`` right) are not here, nor
#: ``امتي`` (Egyptian "when", but also standard ``أمتي`` "my nation") and ``يعني`` ("I mean",
#: but in narrative Arabic the explanatory "meaning", which the English translates): as
#: stopwords those two lowered how well the score finds wrong hadith beads (Sahih Muslim,
#: ``benchmarks/fidelity.py --devsets``: 60% of the wrong beads below 0.5 -> 57%). Nor are
#: ``دي`` (this), ``دا``, ``هاي`` and ``وايد`` (very): they are also parts of transcribed names
#: (``دي ميستورا``, ``رو ضد وايد`` Roe v. Wade), whose skeleton keys a stopword would lose.
dialect_stopwords: frozenset[str] = _words(
    """
    مش مب مو ماكو اكو مفيش مافيش
    ده هيدا هيدي هاد هادا هادي هدول هيدول هذي جذي كذي كذا كده كدا هيك
    ازاي ليه فين مين ايمتي شو شنو شنهو شلون ليش وين كيفك قديش
    دلوقتي دلوقت هلق الحين اللحين الحينه
    هون هونيك هني هنن
    بتاع بتاعه بتاعت بتوع بتاعي بتاعك بتاعنا بتاعهم
    اللي عشان علشان لانو انو لحد لين
    بس برضه برضو كمان لسه لسا اوي خالص كتير واجد دايما
    عم رح حدا شي
    ليا ليك ليكي معايا معاك معاكي معاه معاها معانا معاكم معاهم معو معكن
    عندو عنا فيني فيك
    احنا انتي انتو انتوا اهو اهي
    ومش وده واللي وعشان وبس وكمان وهيك وشو ووين وليش
    """
)

#: Every function-word list above, as the tables the output signature hashes (its
#: ``keys:`` field reads upper-case names only).
STOPWORD_TABLES: tuple[frozenset[str], ...] = (english_stopwords, arabic_stopwords,
                                               dialect_stopwords)
