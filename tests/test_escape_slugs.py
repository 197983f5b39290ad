"""Seed text never becomes markup; slugs are ASCII and keep Arabic letters apart."""

import markdown
import pytest

from generator.escape import markdown_text, yaml_string
from generator.render import _environment, effective_settings
from generator.slugs import slug, transliterate

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "![x](http://example.com/x.png)",
    "# عنوان مزروع",
    "- بند",
    "1. بند مرقم",
    "> اقتباس",
    "!!! note",
    "=== تبويب",
    "| a | b |",
    "```",
    "{{ x }} {% y %}",
    "&lt;b&gt; &amp;",
    ":material-home:",
    "*مائل* _تحته خط_ `شيفرة`",
    "<!-- تعليق -->",
    "{: onclick=alert(1) }",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_rendered_markdown_shows_the_literal_text(text):
    html = markdown.markdown(markdown_text(text), extensions=["toc", "tables", "attr_list"])
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<h1" not in html and "<li" not in html and "<table" not in html
    assert "<em>" not in html and "<code>" not in html and "<!--" not in html
    # What the reader sees, once character references are decoded, is the original text.
    import html as html_module

    visible = html_module.unescape(html.removeprefix("<p>").removesuffix("</p>"))
    assert visible == text


def test_plain_arabic_text_is_left_readable():
    text = "قال الوزير: «لا تراجع» (الأحد)، وأضاف أن 2500 جندي سيبقون."
    assert markdown_text(text) == text


def test_yaml_string_is_a_quoted_scalar_without_html():
    import yaml

    value = 'عنوان "مقتبس" <b>x</b> \\ نهاية'
    assert yaml.safe_load("t: " + yaml_string(value))["t"] == value.replace("<", "&lt;").replace(
        ">", "&gt;"
    )


@pytest.mark.parametrize(
    ("arabic", "expected"),
    [("عمل", "3ml"), ("أمل", "aml"), ("مدينة", "mdyna"), ("خليج", "khlyj"), ("٢٠٢٤", "2024")],
)
def test_transliteration_keeps_letters_apart(arabic, expected):
    assert transliterate(arabic) == expected


def test_slug_is_ascii_bounded_and_never_empty():
    long_title = "العراق يستأنف تعاونه الثنائي مع واشنطن لملاحقة خلايا التنظيم في المناطق الصحراوية"
    result = slug(long_title)
    assert result.isascii() and len(result) <= 60 and not result.endswith("-")
    assert slug("«»…") == "article"
    assert slug("<script>") == "script"


def test_templates_escape_each_value_once_and_call_functions_as_python_does():
    # render._EscapedOutput: a value is written as markdown_text made it, macro output (Markup)
    # is not escaped again, and a function called in a loop gets its arguments and no others.
    env = _environment(effective_settings(None))
    env.globals["f"] = lambda text, k: f"{text}{k}"
    template = env.from_string(
        '{% macro m(x) %}<{{ x }}>{% endmacro %}{% for i in [1] %}{{ f("*a*", k=i) }}'
        '{{ m("_b_") }}{{ c }}{% endfor %}'
    )
    assert template.render(c="[c]") == "&#42;a&#42;1<&#95;b&#95;>&#91;c&#93;"


def test_a_remembered_link_tells_markup_from_the_same_text_as_a_string():
    """Links are remembered by their text, target and the linking page's folder; a text that
    is Markup already (a macro's output) and the same characters as a plain string are two
    texts: the string is escaped, the Markup is not."""
    from markupsafe import Markup

    from generator.render import _link

    assert _link("أ*ب", "topics/x.md", "articles/a.md") == "[أ&#42;ب](../topics/x.md)"
    assert _link(Markup("أ*ب"), "topics/x.md", "articles/b.md") == "[أ*ب](../topics/x.md)"
    assert _link("أ*ب", "topics/x.md", "topics/y.md") == "[أ&#42;ب](x.md)"
