"""Speaker attribution: the cues of a paragraph and who each one says is speaking.

Attribution cues (reporting verbs, participles, "بحسب"), in text order, each give a speaker: a
person mention right after the cue, or a phrase naming one ("المصدر"); a cue followed by nothing
that names ("وأضاف:", "وأضاف أن") refers back to the last speaker, across paragraphs; a participle
("مشيراً إلى أن") continues its sentence's speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .arabic import normalize, tokens
from .gazetteer import default_gazetteer
from .quotespans import Mention, Paragraph, Word


def _normalized(words: str) -> frozenset[str]:
    """A vocabulary written as space-separated words, as normalized keys."""
    return frozenset(normalize(word) for word in words.split())


# An attribution phrase longer than this is prose, not a speaker ("وقال X في ... إن").
MAX_SPEAKER_WORDS = 25
# How far (in words) an ambiguous verb (بين, زاد, ذكر) may be from the أن/إن or quote that
# makes it a reporting verb: "وذكر بيان صادر عن وزارة النفط السورية أن" is six.
AMBIGUOUS_CUE_REACH = 8
# A bare title ("السفيرة") or a short description is at most this long when used as a name.
MAX_SPEAKER_NAME_WORDS = 5
# Characters back from a mention where the title that introduced it is looked for.
TITLE_LOOKBACK_CHARS = 80

# Reporting verbs (past and present, masculine and feminine), normalized; و/ف may precede them.
_VERBS = _normalized(
    "قال قالت يقول تقول أضاف أضافت أكد أكدت أوضح أوضحت تابع تابعت زاد زادت نوه نوهت "
    "بين بينت ذكر ذكرت أشار أشارت لفت لفتت شدد شددت اعتبر اعتبرت رأى رأت توقع توقعت "
    "استدرك استدركت ختم ختمت علق علقت أفاد أفادت كشف كشفت حذر حذرت تحدث تحدثت أردف "
    "أردفت صرح صرحت يضيف تضيف يؤكد تؤكد أعرب أعربت"
)
# Verbs that are also ordinary words (بين "between", زاد "increased", ذكر "mention"): a cue only
# with و/ف before them and a colon, أن/إن, a quote or a name right after.
_AMBIGUOUS_VERBS = _normalized("بين زاد زادت ذكر تابع رأى")
# Participles continue the speaker of their sentence: "وقال X: «…»، مشيراً إلى أن «…»".
_PARTICIPLES = _normalized(
    "مشيرا مشيرة مضيفا مضيفة موضحا موضحة مردفا مردفة مشددا مشددة مؤكدا مؤكدة "
    "محذرا محذرة معتبرا معتبرة لافتا لافتة قائلا قائلة متابعا متابعة منوها منوهة مبينا"
)
# Attribution after the content: "…، بحسب X", "وفق X"; "وفق تعبيره" refers to the speaker.
_AFTER = _normalized("بحسب حسب وفق وفقا نقلا")
# Words that end an attribution phrase: the content of what was said begins.
_THAT = _normalized("إن أن إنه أنه بأن بأنه إنها أنها بأنها فإن")
# A phrase starting with one of these names nobody ("وأضاف في مقابلة", "وتحدثت عن").
_FUNCTION = _normalized(
    "في خلال عن على إلى من مع أيضا كذلك بالقول قائلا ما لدى عبر بتصريح تعبيره "
    "تعبيرها قوله قولها وصفه"
)
_ALL_CUES = _VERBS | _PARTICIPLES | _AFTER
# Every key `_cue_kind` can accept: a cue, or a cue after و or ف.
_CUE_KEYS = _ALL_CUES | {clitic + cue for cue in _ALL_CUES for clitic in "وف"}
# "The latter" as a speaker: the person named last.
_LATTER = _normalized("الأخير الأخيرة")
# Words between an after-cue and its source: "نقلاً عن مصدر", "وفق ما أفاد".
_SKIPPED = _normalized("عن ما")
# Words between a cue and a colon or quote: "وتابع أيضاً بالقول: «…»".
_FILLERS = _normalized("أيضا بالقول قائلا")
# Words that may stand between a subject and its verb: "وكان التحالف الدولي قد أعلن".
_AUXILIARIES = _normalized("قد وقد فقد لقد كان وكان كانت وكانت")
# Words before a mention that make it the listener, not the speaker: "لوكالة «شفق نيوز»".
_RECIPIENT = _normalized("لوكالة لـ ل مع لصحيفة لقناة لموقع")


@dataclass(frozen=True, slots=True)
class Said:
    """Who a cue attributes speech to: an actor id and/or a name as written, and the cue."""

    speaker: str | None
    name: str | None
    cue: str


# A resolved cue: its position, its sentence, its kind (verb, participle, after) and who it names.
Cue = tuple[int, int, str, Said | None]


class Attribution:
    """The article read so far: the last named speaker (for "وأضاف") and every mention."""

    def __init__(self, paragraphs: Sequence[str], mentions: dict[int, list[Mention]]) -> None:
        self.paragraphs = paragraphs
        self.mentions = mentions
        self.last: Said | None = None

    def cues(self, number: int, paragraph: Paragraph) -> list[Cue]:
        """The paragraph's cues resolved in order (each updates the last speaker)."""
        cues: list[Cue] = []
        if not paragraph.may_hold(_CUE_KEYS):
            return cues
        sentence_said: dict[int, Said] = {}
        for index in [n for n, word in enumerate(paragraph.words) if word.key in _CUE_KEYS]:
            word = paragraph.words[index]
            kind = _cue_kind(paragraph, index)
            if kind is None:
                continue
            sentence = paragraph.sentence(word.start)
            said = self._attribute(number, paragraph, index, kind, sentence_said.get(sentence))
            if said is not None and (said.speaker or said.name):
                self.last = sentence_said[sentence] = said
            cues.append((word.start, sentence, kind, said))
        return cues

    def _attribute(
        self, number: int, paragraph: Paragraph, index: int, kind: str, in_sentence: Said | None
    ) -> Said | None:
        """The speaker a cue names, or the one it refers back to (see the module docstring)."""
        word = paragraph.words[index]
        cue = paragraph.text[word.start : word.end]
        named = self._named_after(number, paragraph, index, cue)
        named_first = (
            named is not None and named.speaker is not None and _name_follows(paragraph, index)
        )
        if kind == "verb" and word.key[:1] not in "وف" and not named_first:
            subject = _subject_before(paragraph, index, cue)  # "بأن رشيد أكد": subject, verb
            if subject is not None:
                return subject
        if named is not None or kind == "after":
            return named
        if kind == "participle" and in_sentence is not None:
            return Said(in_sentence.speaker, in_sentence.name, cue)
        # A participle's subject is its sentence's, not the noun before it ("… جهاز مكافحة
        # الإرهاب، مشيراً" continues the report that opened the sentence).
        before = (_sentence_subject if kind == "participle" else _subject_before)(
            paragraph, index, cue
        )
        if before is not None:
            return before
        return Said(self.last.speaker, self.last.name, cue) if self.last else Said(None, None, cue)

    def _named_after(self, number: int, paragraph: Paragraph, index: int, cue: str) -> Said | None:
        """The speaker named right after a cue: a person, an organization, or a short phrase."""
        phrase = _phrase_after(paragraph, index)
        if not phrase:
            return None
        first = paragraph.mention_at(phrase[0])
        if first is not None and first.person:
            return Said(first.actor, first.text, cue)
        if first is None and _prepositional(phrase[0]):
            return None
        for kind in ("person", "organization"):
            for position, word in enumerate(phrase):
                found = paragraph.mention_at(word)
                recipient = position and phrase[position - 1].key in _RECIPIENT
                listener = recipient or (found and found.start > word.start and word.key[0] == "ل")
                if found and found.kind == kind and not listener:
                    return Said(found.actor, found.text, cue)
        head = _name_head(phrase)
        name = paragraph.text[head[0].start : head[-1].end]
        if len(head) == 1 and head[0].key in _LATTER:
            return self._latter(number, paragraph, head[0], cue)
        return Said(self._titled_person(number, paragraph, head), name, cue)

    def _latter(self, number: int, paragraph: Paragraph, word: Word, cue: str) -> Said:
        """ "الأخير" (the latter): the person mentioned last before it."""
        for earlier in range(number, -1, -1):
            for mention in reversed(self.mentions.get(earlier, [])):
                if mention.person and (earlier < number or mention.end <= word.start):
                    return Said(mention.actor, mention.text, cue)
        text = paragraph.text[word.start : word.end]
        return Said(None, text, cue)

    def _titled_person(self, number: int, paragraph: Paragraph, head: list[Word]) -> str | None:
        """A bare title as speaker ("وقالت السفيرة"): the person last introduced by that title."""
        gazetteer = default_gazetteer()
        if len(head) > 2 or not gazetteer.is_title(head[0].key):
            return None
        for earlier in range(number, -1, -1):
            text = self.paragraphs[earlier]
            for mention in reversed(self.mentions.get(earlier, [])):
                if not mention.person or (earlier == number and mention.start >= head[0].start):
                    continue
                before = text[max(0, mention.start - TITLE_LOOKBACK_CHARS) : mention.start]
                if head[0].key in tokens(before):
                    return mention.actor
        return None


def _cue_kind(paragraph: Paragraph, index: int) -> str | None:
    """ "verb", "participle", "after" (بحسب X) or None for a word that is no attribution cue."""
    key = paragraph.words[index].key
    stem = key[1:] if key[:1] in "وف" and key[1:] in _ALL_CUES else key
    if stem in _VERBS:
        if stem in _AMBIGUOUS_VERBS and (stem == key or not _introduces(paragraph, index)):
            return None
        return "verb"
    if stem in _PARTICIPLES:
        return "participle"
    return "after" if stem in _AFTER else None


def _introduces(paragraph: Paragraph, index: int) -> bool:
    """Whether speech follows the word at index within a few words: a person's name right
    after it, or a colon, أن/إن or a quote before the clause ends ("وذكر بيان صادر عن … أن")."""
    words = paragraph.words
    sentence = paragraph.sentence(words[index].start)
    following = index + 1
    if following < len(words) and (mention := paragraph.mention_at(words[following])):
        return mention.person
    for k in range(following, min(len(words), following + AMBIGUOUS_CUE_REACH)):
        word = words[k]
        if paragraph.sentence(word.start) != sentence or (k > following and "،" in word.gap):
            return False
        if ":" in word.gap or k in paragraph.after_quote or word.key in _THAT:
            return True
    return bool(paragraph.spans) and paragraph.spans[-1].start > words[-1].end


def _phrase_after(paragraph: Paragraph, index: int) -> list[Word]:
    """The words after a cue up to what was said: a quote, a colon, أن/إن, or the sentence end."""
    words = paragraph.words
    sentence = paragraph.sentence(words[index].start)
    phrase = []
    for k in range(index + 1, min(len(words), index + 1 + MAX_SPEAKER_WORDS)):
        word = words[k]
        if (
            word.key in _THAT
            or ":" in word.gap
            or k in paragraph.after_quote
            or paragraph.sentence(word.start) != sentence
        ):
            break
        phrase.append(word)
    after_cue = words[index].key in _AFTER or words[index].key[1:] in _AFTER
    if after_cue and phrase and phrase[0].key in _SKIPPED:  # "نقلاً عن مصدر", "وفق ما أفاد"
        phrase = phrase[1:]
    if phrase and phrase[0].key in _ALL_CUES:  # "وفق ما أفاد X": the verb is its own cue
        return []
    return phrase


def _name_head(phrase: list[Word]) -> list[Word]:
    """The start of a phrase that names a speaker: up to a comma, bracket or preposition."""
    head = [phrase[0]]
    for word in phrase[1:MAX_SPEAKER_NAME_WORDS]:
        if any(c in word.gap for c in '،,()«»"') or word.key in _FUNCTION or word.key[:1] == "ل":
            break
        head.append(word)
    return head


def _name_follows(paragraph: Paragraph, index: int) -> bool:
    """Whether a person's mention starts right after the word at index ("قال العوادي")."""
    if index + 1 >= len(paragraph.words):
        return False
    mention = paragraph.mention_at(paragraph.words[index + 1])
    return mention is not None and mention.person


def _prepositional(word: Word) -> bool:
    """A phrase starting with this word names nobody: "في مقابلة", "لوكالة", "بالقول"."""
    key = word.key
    return key in _FUNCTION or key in _RECIPIENT or len(key) == 1 or key.startswith(("بال", "لل"))


def _subject_before(paragraph: Paragraph, index: int, cue: str) -> Said | None:
    """The subject right before the verb in its sentence: "بأن رشيد أكد", "كوريلا، قال", "وكان
    التحالف الدولي قد أعلن" (a person or an organization; auxiliaries may stand between)."""
    word = paragraph.words[index]
    position = index - 1
    while position >= 0 and paragraph.words[position].key in _AUXILIARIES:
        position -= 1
    if position < 0:
        return None
    previous = paragraph.words[position]
    if paragraph.sentence(previous.start) != paragraph.sentence(word.start):
        return None
    found = next((m for m in paragraph.mentions if m.end == previous.end), None)
    if found is None or found.kind == "place":
        return None
    return Said(found.actor, found.text, cue)


def _sentence_subject(paragraph: Paragraph, index: int, cue: str) -> Said | None:
    """For a participle with no speaker yet: the sentence's first person, else organization."""
    word = paragraph.words[index]
    sentence = paragraph.sentence(word.start)
    earlier = [
        m for m in paragraph.mentions
        if m.start < word.start and paragraph.sentence(m.start) == sentence
    ]  # fmt: skip
    for kind in ("person", "organization"):
        found = next((m for m in earlier if m.kind == kind), None)
        if found is not None:
            return Said(found.actor, found.text, cue)
    return None
