"""What every HTML page of this package shares: escaping, the page's frame with its stylesheet, script and
Content-Security-Policy, and the pieces a brief's and a story's column are built of.

Everything that came from an article or the model passes through ``escape``; a page's own script is the
only one it runs, which the Content-Security-Policy enforces by the script's hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
from functools import cache
from importlib import resources

from ..models import Basis, Certainty, When
from ._common import BASIS_LABEL, when_label

__all__ = [
    "attribution",
    "certainty",
    "date",
    "escape",
    "header",
    "item",
    "link",
    "page",
    "section",
    "tally",
]


def escape(value: str) -> str:
    """Text of the article's or the model's, inert in an element or a quoted attribute."""
    return html.escape(value, quote=True)


@cache
def _asset(name: str) -> str:
    return resources.files(__name__.rpartition(".")[0]).joinpath(name).read_text(encoding="utf-8")


def page(title: str, body: str, *, script: bool) -> str:
    """One self-contained HTML page: ``title`` (plain text) and ``body`` (HTML), the shared stylesheet, and
    the shared script if ``script`` (a page with the article beside it)."""
    code = _asset("_page.js") if script else ""
    if script:
        digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
        scripts = f"'sha256-{digest}'"
    else:
        scripts = "'none'"
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src {scripts}; img-src data:"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="summarizer">
<title>{escape(title)}</title>
<style>
{_asset("_page.css")}</style>
</head>
<body>
{body}
{f"<script>{code}</script>" if script else ""}
</body>
</html>
"""


def section(name: str, title: str, body: str, tag: str = "ul") -> str:
    """A titled section of ``body``'s items (HTML), as a list of class ``items {name}``."""
    items = f'<{tag} class="items {name}">\n{body}\n</{tag}>'
    return f'<section id="{name}">\n<h2>{title}</h2>\n{items}\n</section>'


def link(target: str | None, content: str, cls: str = "") -> str:
    """``content`` (escaped already) as a link to the article span ``target``, or plain without one."""
    css = f' class="{cls}"' if cls else ""
    if target is None:
        return f"<span{css}>{content}</span>"
    return f'<a{css} href="#{target}" data-target="{target}">{content}</a>'


def attribution(speaker: str, basis: Basis | None, *, full: bool, cue: str | None) -> str:
    """Who spoke a quote and how that is known: a speaker the parse found in bold, the model's pick in
    italics with its label, as every format shows it."""
    who = f"<b>{escape(speaker)}</b>" if basis is Basis.ANALYSIS else f"<i>{escape(speaker)}</i>"
    parts = [who, "full" if full else "partial"]
    if basis is not None:
        parts.append(f'<span class="basis">{escape(BASIS_LABEL[basis])}</span>')
    if cue:
        parts.append(f"“{escape(cue)}”")
    return " · ".join(parts)


def date(when: When | None) -> str:
    """A timeline entry's date: the resolved value with its precision, or ``Undated``/``Unresolved``."""
    if when is None or when.value is None:
        return escape(when_label(when).capitalize())
    precision = when.precision.value if when.precision else ""
    return escape(when.value) + (f' <span class="precision">{escape(precision)}</span>' if precision else "")


def tally(actors: int, events: int, quotes: int, consequences: int) -> str:
    """How many items of each kind: ``8 actors · 4 events · 1 quote · 2 consequences``."""
    counts = [(actors, "actor"), (events, "event"), (quotes, "quote"), (consequences, "consequence")]
    return " · ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)


def item(kind: str, *parts: str, ident: str = "") -> str:
    """One entry of a section: a list item of class ``item {kind}`` holding the non-empty ``parts``."""
    head = f'<li class="item {kind}"' + (f' id="{ident}">' if ident else ">")
    return "\n".join([head, *(part for part in parts if part), "</li>"])


def certainty(value: Certainty) -> str:
    """A consequence's certainty as a colored label."""
    return f'<span class="certainty c-{value.value}">{escape(value.value)}</span>'


def header(eyebrow: str, headline: str, summary: str, stats: str) -> str:
    """The head of a column: ``eyebrow`` and ``headline`` as text, ``summary`` and ``stats`` as HTML."""
    return (
        "<header>\n"
        f'<p class="eyebrow">{escape(eyebrow)}</p>\n'
        f"<h1>{escape(headline)}</h1>\n"
        f'<p class="summary">{summary}</p>\n'
        f'<p class="stats">{stats}</p>\n'
        "</header>"
    )
