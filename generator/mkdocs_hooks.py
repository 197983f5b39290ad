"""MkDocs hook (mkdocs.yml `hooks:`): skip the built-in search index when Pagefind replaces it.

`briefing build` indexes the built site with Pagefind and then empties Material's lunr index
(generator/search.py), so building that index first is wasted: on 1,000 articles it was about a
fifth of `mkdocs build` (8.8 s of 46 s, profiled). `briefing build` sets BRIEFING_PAGEFIND=1 for
MkDocs; a plain `mkdocs build` or `mkdocs serve` leaves it unset and keeps the full lunr index,
the search box's fallback when there is no Pagefind index.
"""

from __future__ import annotations

import os
from typing import Any

PAGEFIND = "BRIEFING_PAGEFIND"


def on_page_markdown(markdown: str, *, page: Any, **_: Any) -> str:
    if os.environ.get(PAGEFIND) == "1":
        # Material's search plugin skips pages whose front matter says search: exclude.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown
