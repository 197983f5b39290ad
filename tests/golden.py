"""Golden description of the founding seeds: what a reader expects the parser to find.

`python -m tests.golden --update` rewrites tests/golden/seeds.yml from the current code; read the
diff before committing it (a refresh never happens inside a test). `test_golden.py` compares.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from generator.pipeline import parse_seed
from generator.reading import read_seed
from generator.topics import classify, default_lexicon

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "seeds.yml"


def describe(seeds: Path) -> dict[str, list[dict[str, Any]]]:
    lexicon = default_lexicon()
    result: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(seeds.glob("*.txt")):
        entries = []
        for article in parse_seed(read_seed(path)):
            topics, _ = classify(article, lexicon)
            entries.append(
                {
                    "title": article.title,
                    "title_derived": article.title_derived,
                    "subtitle": article.subtitle,
                    "outlet": article.outlet,
                    "layout": article.layout,
                    "lines": list(article.lines),
                    "captions": len(article.captions),
                    "body_paragraphs": len(article.body),
                    "subheads": [p.text for p in article.paragraphs if p.kind == "subhead"],
                    "teasers": [t.headline for t in article.teasers],
                    "topics": sorted(topics),
                }
            )
        result[path.name] = entries
    return result


def main() -> int:
    if "--update" not in sys.argv:
        print(__doc__)
        return 2
    text = yaml.safe_dump(describe(ROOT / "seeds"), allow_unicode=True, sort_keys=False, width=200)
    GOLDEN.write_text(text, encoding="utf-8")
    print(f"wrote {GOLDEN}; read `git diff {GOLDEN.relative_to(ROOT)}` before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
