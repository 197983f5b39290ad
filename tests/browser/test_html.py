"""The built HTML is valid (Nu HTML checker), and the theme overrides copied whole from Material
differ from the installed Material's files only by the fixes they document."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import material
import pytest

from .conftest import java, node_module
from .harness import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
STOCK_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"
# Each copied template and its edits to Material's file: (stock text, our text).
COPIES = {
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
    ],
    "partials/nav-item.html": [
        (
            '          {% set tabindex = "0" if not is_section %}\n'
            '          <label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"'
            ' tabindex="{{ tabindex }}">',
            '          <label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"'
            ' {% if not is_section %}tabindex="0"{% endif %}>',
        ),
        (
            '              {% set tabindex = "0" if not is_section %}\n'
            '              <label class="md-nav__link {{ class }}" for="{{ path }}"'
            ' id="{{ path }}_label" tabindex="{{ tabindex }}">',
            '              <label class="md-nav__link {{ class }}" for="{{ path }}"'
            ' id="{{ path }}_label" {% if not is_section %}tabindex="0"{% endif %}>',
        ),
    ],
    "partials/search.html": [
        (
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog"'
            " aria-label=\"{{ lang.t('search') }}\">",
        ),
    ],
    "partials/toc.html": [
        (
            '    <label class="md-nav__title" for="__toc">\n'
            '      <span class="md-nav__icon md-icon"></span>\n'
            "      {{ title }}\n"
            "    </label>",
            "    {% if page in nav.pages %}\n"
            '      <label class="md-nav__title" for="__toc">\n'
            '        <span class="md-nav__icon md-icon"></span>\n'
            "        {{ title }}\n"
            "      </label>\n"
            "    {% else %}\n"
            '      <div class="md-nav__title">\n'
            '        <span class="md-nav__icon md-icon"></span>\n'
            "        {{ title }}\n"
            "      </div>\n"
            "    {% endif %}",
        ),
    ],
}


def test_every_built_page_is_valid_html(site: Path):
    checker = node_module("vnu-jar/build/dist/vnu.jar")
    command = [java(), "-jar", str(checker), "--errors-only", "--format", "json"]
    result = subprocess.run(
        [*command, "--skip-non-html", str(site)], capture_output=True, text=True, check=False
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{m['url'].removeprefix(site.as_uri())}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert errors == []
    assert result.returncode == 0


@pytest.mark.parametrize("name", COPIES)
def test_copied_material_template_differs_only_by_its_documented_fixes(name: str):
    stock = (MATERIAL / name).read_text(encoding="utf-8")
    assert stock.startswith(STOCK_HEADER)
    expected = stock.removeprefix(STOCK_HEADER)
    for old, new in COPIES[name]:
        assert expected.count(old) == 1, f"Material's {name} changed: copy it again, redo the fix"
        expected = expected.replace(old, new)
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    header, _, body = ours.partition("-#}\n")
    assert header.startswith("{#-") and "Material for MkDocs" in header
    assert body == expected
