"""Direct quotes and who said them (spans: quotespans.py; speakers: attribution.py).

`find_quotes`, for the paragraphs of one article:
1. Quoted spans, per paragraph: «…», “…” or "…". Inside an open quote the other marks nest
   ("«… (داعش) …»", "«… "x" …»" stay one quote). A straight " opens only before a word and
   closes only after one. Quotes never cross a paragraph boundary; an unclosed quote (a missing
   » or ") ends at the end of its sentence: the first . ! ? ؟ : ؛ or new opening «, else the
   paragraph's end. It is kept only when an attribution cue introduces it.
2. Spans shorter than MIN_QUOTE_WORDS are quoted names and terms («داعش», «حزب الله»), not quotes.
3. Attribution cues (reporting verbs, participles, "بحسب"), in text order, each give a speaker:
   a person mention right after the cue, or a phrase naming one ("المصدر"); a cue followed by
   nothing that names ("وأضاف:", "وأضاف أن") refers back to the last speaker, across paragraphs;
   a participle ("مشيراً إلى أن") continues its sentence's speaker.
4. A quote takes the nearest cue before it in its sentence, else a "بحسب X" after it in its
   sentence. `speaker` is the actor id when a mention names the speaker (or a bare title such as
   "السفيرة" that introduced a person earlier), else None with `speaker_name` as written.
"""

from __future__ import annotations

from collections.abc import Sequence

from .arabic import tokens
from .attribution import Attribution, Cue
from .gazetteer import default_gazetteer
from .models import ActorMention, Quote, build_named_tuple
from .quotespans import MIN_QUOTE_WORDS, Mention, Paragraph, Span, content

__all__ = ["MIN_QUOTE_WORDS", "find_quotes"]

# With no attribution cue at all, four or five quoted words are still most often a name
# («التحالف الدولي ضد داعش», «المرصد السوري لحقوق الإنسان»); a statement is longer.
MIN_UNATTRIBUTED_WORDS = 6


def find_quotes(paragraphs: Sequence[str], mentions: Sequence[ActorMention] = ()) -> list[Quote]:
    """Direct quotes of one article with their speakers (see the module docstring for steps)."""
    actors = default_gazetteer().actors
    by_paragraph: dict[int, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.paragraph, m.start)):
        kind = actors[m.actor].kind if m.actor in actors else "person"
        by_paragraph.setdefault(m.paragraph, []).append(
            build_named_tuple(Mention, (m.start, m.end, m.actor, m.text, kind))
        )
    state = Attribution(paragraphs, by_paragraph)
    quotes: list[Quote] = []
    for number, text in enumerate(paragraphs):
        paragraph = Paragraph(text, by_paragraph.get(number, []))
        cues = state.cues(number, paragraph)
        quotes += [q for s in paragraph.spans if (q := _quote(number, paragraph, s, cues))]
    return quotes


def _quote(number: int, paragraph: Paragraph, span: Span, cues: list[Cue]) -> Quote | None:
    """The quote of a span with the nearest cue before it in its sentence (else "بحسب X" after).

    With no cue at all, an unclosed span is dropped (more likely a stray mark before a name,
    «حماس في ..., than a statement), and so is a closed one under MIN_UNATTRIBUTED_WORDS.
    """
    sentence = paragraph.sentence(span.start)
    in_sentence = [(p, said) for p, s, _, said in cues if s == sentence and said is not None]
    before = [said for p, said in in_sentence if p < span.start]
    after = [said for p, said in in_sentence if p > span.end and (said.speaker or said.name)]
    said = before[-1] if before else (after[0] if after else None)
    text = content(paragraph.text, span)
    if said is None and (not span.closed or len(tokens(text)) < MIN_UNATTRIBUTED_WORDS):
        return None
    if said is None:
        return Quote(text, None, None, number, None)
    return Quote(text, said.speaker, said.name, number, said.cue)
