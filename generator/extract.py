"""Extract stage: an article `Block` in, an `Article` record out.

Steps for one block:
1. The outlet: an agency's name in front of the lead ("<agency>/ ...", "<agency>- <city>"), else
   the outlet the page names in its teaser bylines ("«<outlet>» (<city>)"), else unknown.
2. Body lines become paragraphs, each classed as text, subhead (short, no final punctuation) or
   inline photo caption (ends with a bracketed credit).
3. The title is the headline; a page without one (layouts B and C) gets a title derived from the
   lead sentence (see `derive_title`). A caption never becomes a title.
4. The related-articles block becomes teasers (see `teasers.py`).
5. The identity (outlet + normalized headline, or the lead when there is no headline) gives the id.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import cache

from babel import Locale

from .arabic import has_arabic, normalize, tokens
from .models import Article, Block, Paragraph, ParagraphKind, SourceLine
from .teasers import parse_teasers
from .vocabulary import layout_vocabulary

# An agency name is a word or three ("شفق نيوز", "وكالة الأنباء العراقية"); longer runs before a
# slash are sentences, not datelines.
MAX_AGENCY_WORDS = 4
# A dateline city after "<agency>-" is one or two words ("بغداد", "دير الزور").
MAX_CITY_WORDS = 2
# Subheads in these pages run two to six words; a seven-word line without a full stop is more
# often a clipped sentence than a subhead.
SUBHEAD_MAX_WORDS = 6
# Inline photo captions are one descriptive sentence; beyond this a bracket-ended line is prose.
CAPTION_MAX_WORDS = 40
# A derived title longer than this reads as a paragraph; news headlines run 6-18 words.
TITLE_MAX_WORDS = 18
# When shortening at a clause boundary, keep at least this much so the title still says something.
TITLE_MIN_WORDS = 6
# Hex digits of sha256 in an article id: 40 bits keep collisions unlikely (~1 in 10^4) even at
# 10^5 articles, and stay short in a URL.
ID_HEX_DIGITS = 10

_FINAL_PUNCTUATION = ".!؟?:؛،…"
_QUOTES = "\"'«»“”„"
_CREDIT_AT_END = re.compile(r"\([^()]{1,60}\)$")
_BYLINE_OUTLET = re.compile(r"^«([^«»]{2,40})»\s*\([^()]{1,30}\)$")
_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")
_BRACKETED = re.compile(r"\s*\([^()]*\)")
_COMMA_ASIDE = re.compile(r"،\s*([^،]{2,20}?)\s*،")


def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_QUOTES + " ").endswith(tuple(_FINAL_PUNCTUATION))


def classify(text: str) -> ParagraphKind:
    """Text, subhead or inline caption, from shape alone."""
    if _ends_sentence(text):
        return "text"
    if _CREDIT_AT_END.search(text) and _words(text) <= CAPTION_MAX_WORDS and ". " not in text:
        return "caption"
    if _words(text.strip(_QUOTES)) <= SUBHEAD_MAX_WORDS:
        return "subhead"
    return "text"


def split_agency(first: str) -> tuple[str | None, str]:
    """`("شفق نيوز", rest)` for "شفق نيوز/ rest"; `(None, first)` when there is no dateline."""
    separators = "".join(re.escape(s) for s in layout_vocabulary()["agency_separators"])
    match = re.match(rf"^([^{separators}]{{2,60}}?)\s*([{separators}])\s*(.*)$", first)
    if not match:
        return None, first
    name, separator, rest = match.group(1).strip(), match.group(2), match.group(3)
    if not has_arabic(name) or _words(name) > MAX_AGENCY_WORDS or _ends_sentence(name):
        return None, first
    if separator == "/":
        return name, rest
    city = re.match(rf"^([^{separators}]+?)\s*(?:[/:]\s*(.*))?$", rest)
    if city and _words(city.group(1)) <= MAX_CITY_WORDS:
        return name, city.group(2) or ""
    return None, first


def page_outlet(blocks: list[Block]) -> str | None:
    """The outlet a page names most often in its teaser bylines ("«<outlet>» (<city>)")."""
    names = Counter(
        match.group(1).strip()
        for block in blocks
        for line in block.teasers
        if (match := _BYLINE_OUTLET.match(line.text))
    )
    if not names:
        return None
    return min(names.items(), key=lambda item: (-item[1], item[0]))[0]


@cache
def _weekdays() -> frozenset[str]:
    """Normalized Arabic weekday names from Babel (normalized, so any hamza spelling matches)."""
    return frozenset(normalize(n) for n in Locale.parse("ar").days["format"]["wide"].values())


def _drop_weekday(match: re.Match[str]) -> str:
    inner = normalize(match.group(1)).removeprefix("اليوم ").removeprefix("يوم ")
    return " " if inner in _weekdays() else match.group(0)


def _drop_asides(sentence: str) -> str:
    """Remove bracketed asides and a weekday set off by commas ("، الإثنين،")."""
    sentence = _COMMA_ASIDE.sub(_drop_weekday, _BRACKETED.sub("", sentence))
    return " ".join(sentence.split())


def _skip_circumstance(sentence: str) -> str:
    """The main clause when the sentence opens with a circumstantial clause and a comma."""
    openers = layout_vocabulary()["circumstantial_openers"]
    key = normalize(sentence)
    if "،" in sentence and any(key.startswith(normalize(o) + " ") for o in openers):
        return sentence.split("،", 1)[1].strip()
    return sentence


def _shorten(sentence: str) -> str:
    words = sentence.split()
    if len(words) <= TITLE_MAX_WORDS:
        return sentence
    head = " ".join(words[:TITLE_MAX_WORDS])
    for boundary in ("،", "؛", ":"):
        cut = head.rfind(boundary)
        if cut > 0 and _words(head[:cut]) >= TITLE_MIN_WORDS:
            return head[:cut]
    return head + "…"


def derive_title(lead: str) -> str:
    """A title from a lead paragraph (layouts without a headline).

    Steps: first sentence; drop bracketed asides and comma-set weekdays; skip an opening
    circumstantial clause; cut at a clause boundary within TITLE_MAX_WORDS; trim punctuation.
    """
    sentence = _SENTENCE_END.split(lead.strip(), maxsplit=1)[0]
    sentence = _skip_circumstance(_drop_asides(sentence))
    title = _shorten(sentence).rstrip(_FINAL_PUNCTUATION.replace("…", "") + " ")
    return title or lead.strip()


def _paragraphs(body: tuple[SourceLine, ...], lead: str | None) -> tuple[Paragraph, ...]:
    """Body lines as paragraphs; `lead` replaces the first line's text (dateline removed)."""
    paragraphs = []
    for index, line in enumerate(body):
        text = lead if index == 0 and lead is not None else line.text
        if not text:
            continue
        kind: ParagraphKind = "text" if index == 0 and lead is not None else classify(text)
        paragraphs.append(Paragraph(text, kind, line.number))
    return tuple(paragraphs)


def article_id(identity: str) -> str:
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]


def extract(block: Block, outlet: str | None = None) -> Article | None:
    """The article of `block`, or None when it holds no text paragraph at all."""
    agency, lead = (None, None)
    if block.headline is None and block.body:
        agency, rest = split_agency(block.body[0].text)
        lead = rest if agency else None
    outlet = agency or outlet
    paragraphs = _paragraphs(block.body, lead)
    texts = [p for p in paragraphs if p.kind == "text"]
    if not texts:
        return None
    headline = block.headline.text if block.headline else None
    title = headline or derive_title(texts[0].text)
    identity = " ".join(tokens(outlet or "")) + "|" + " ".join(tokens(headline or texts[0].text))
    first = (block.headline or (block.captions[0] if block.captions else block.body[0])).number
    teasers, unparsed = parse_teasers(block.teasers, layout_vocabulary()["section_labels"])
    header = [line.number for line in (block.headline, *block.subtitle, *block.captions) if line]
    return Article(
        seed=block.seed,
        layout=block.layout,
        title=title,
        title_derived=headline is None,
        subtitle=" ".join(line.text for line in block.subtitle) or None,
        outlet=outlet,
        captions=tuple(c.text for c in block.captions)
        + tuple(p.text for p in paragraphs if p.kind == "caption"),
        paragraphs=paragraphs,
        teasers=tuple(teasers),
        lines=(first, paragraphs[-1].line),
        id=article_id(identity),
        identity=identity,
        source_lines=tuple(sorted(header + [line.number for line in block.body])),
        dropped=tuple(sorted(block.dropped + tuple(unparsed))),
    )
