"""After `mkdocs build`: the Pagefind index that the header search box asks.

Material's own search (lunr) matches word starts only, so Arabic words behind a prefix or written
with another hamza are missed; Pagefind stems Arabic and loads only the index chunks a query needs
(measurements: tests/browser/SEARCH.md). The theme marks what to index: an article's own text
carries data-pagefind-body (templates/article.md.j2 marks it, overrides/partials/content.html
wraps it), so Pagefind leaves out every other page and the navigation, teasers and related links
around an article.

Two steps, on the built site:
1. run Pagefind over it, which writes the index to `<site>/pagefind/`;
2. publish the spelling variants of variants.yml (ترمب/ترامب, كردستان/كوردستان) as
   `search/variants.json`: the search box also searches a query's other spellings.

Material's lunr index (`search/search_index.json`) holds only its settings: `briefing build` has
MkDocs exclude every page from it (mkdocs_hooks.py). The search box no longer reads its documents
(overrides/main.html swaps the worker), but Material's scripts still fetch the file on every page
for the highlighter's settings, and in full it would hold the text of the whole site.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mkdocs.config import load_config

from .vocabulary import read_yaml

VARIANTS = Path("search/variants.json")
VARIANTS_SOURCE = Path(__file__).with_name("variants.yml")


def site_dir(config: Path, override: Path | None) -> Path:
    """Where `mkdocs build --config-file config [--site-dir override]` writes the site."""
    if override is not None:
        return override
    return Path(load_config(str(config))["site_dir"])


def index_site(site: Path) -> int:
    """Index the built site with Pagefind; 0 on success (exit status)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    status = subprocess.run(command, check=False).returncode
    if status != 0:
        print(f"briefing: error: pagefind failed on {site} (exit status {status})", file=sys.stderr)
        return 1
    if not (site / "pagefind" / "pagefind-entry.json").is_file():
        print(f"briefing: error: pagefind wrote no index into {site}", file=sys.stderr)
        return 1
    _publish_variants(site / VARIANTS)
    return 0


def _publish_variants(path: Path) -> None:
    """variants.yml's folds as [{"forms": [canonical, *variants], "prefix": bool}]."""
    # Read as the gazetteer reads it (libyaml, a syntax error names the file and line); the
    # gazetteer has validated its shape by the time a site is built.
    folds = read_yaml(VARIANTS_SOURCE)["folds"]
    groups = [
        {"forms": [fold["canonical"], *fold["variants"]], "prefix": bool(fold.get("prefix"))}
        for fold in folds
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(groups, ensure_ascii=False), encoding="utf-8")
