"""Article files (TOML front matter between ``+++`` lines, then Markdown) and safe rendering.

Markdown is rendered with raw HTML switched off and the result cleaned by nh3 (Ammonia), so
nothing an author or a file writes can put script or style on a page.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nh3
from markdown_it import MarkdownIt

from remedyhub.knowledge.models import CHAPTERS, LANGUAGES, SOURCE_LANGUAGE, STEPS

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "br",
}  # fmt: skip
_FILE_NAME = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9-]*)\.(?P<lang>[a-z]{2})\.md$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class ContentError(ValueError):
    """A file that cannot be loaded; the message names the file and the problem."""


@dataclass
class ArticleFile:
    slug: str
    language: str
    title: str
    summary: str
    body: str
    tags: dict[str, list[Any]] = field(default_factory=dict)
    related: list[str] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to show: no raw HTML, links without scripts."""
    html = _MARKDOWN.render(text)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_text(markdown: str) -> str:
    """The words of a Markdown text, for the search index."""
    return nh3.clean(render_markdown(markdown), tags=set()).replace("&amp;", "&")


def parse_article(path: Path, text: str | None = None) -> ArticleFile:
    match = _FILE_NAME.match(path.name)
    if not match:
        raise ContentError(f"{path.name}: the name must be <slug>.<en|nl|fr>.md")
    language = match["lang"]
    if language not in LANGUAGES:
        raise ContentError(f"{path.name}: unknown language {language!r}")
    text = path.read_text(encoding="utf-8") if text is None else text
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "+++":
        raise ContentError(f"{path.name}: the file must start with a +++ line (TOML front matter)")
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "+++")
    except StopIteration:
        raise ContentError(f"{path.name}: the front matter has no closing +++ line") from None
    try:
        meta = tomllib.loads("".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path.name}: front matter is not valid TOML: {error}") from None
    body = "".join(lines[end + 1 :]).strip() + "\n"
    slug = meta.get("slug", match["slug"])
    if slug != match["slug"] or not _SLUG.match(str(slug)):
        raise ContentError(f"{path.name}: slug {slug!r} does not match the file name")
    for key in ("title",):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise ContentError(f"{path.name}: {key} is missing")
    article = ArticleFile(
        slug=slug,
        language=language,
        title=meta["title"].strip(),
        summary=str(meta.get("summary", "")).strip(),
        body=body,
    )
    if language == SOURCE_LANGUAGE:
        article.tags = _tags(path.name, meta)
        article.related = [str(s) for s in meta.get("related", [])]
        sources = meta.get("sources", [])
        if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
            raise ContentError(f"{path.name}: sources must be an array of tables")
        article.sources = [
            {k: s.get(k, "") for k in ("title", "url", "publisher", "year")} for s in sources
        ]
    return article


def _tags(name: str, meta: dict[str, Any]) -> dict[str, list[Any]]:
    from remedyhub.common.countries import country_codes
    from remedyhub.intake.taxonomy import Issue
    from remedyhub.registry.taxonomy import Sector

    allowed: dict[str, set[Any]] = {
        "steps": set(STEPS),
        "themes": set(Issue.values),
        "sectors": set(Sector.values),
        "countries": set(country_codes()),
        "chapters": set(CHAPTERS),
    }
    tags: dict[str, list[Any]] = {}
    for key, values in allowed.items():
        given = meta.get(key, [])
        if not isinstance(given, list):
            raise ContentError(f"{name}: {key} must be a list")
        if key == "countries":
            given = [str(code).upper() for code in given]
        unknown = [value for value in given if value not in values]
        if unknown:
            raise ContentError(f"{name}: unknown {key}: {unknown}")
        tags[key] = list(dict.fromkeys(given))
    return tags


def read_folder(folder: Path) -> dict[str, dict[str, ArticleFile]]:
    """Every article file of a folder, by slug and language; every English file is required."""
    found: dict[str, dict[str, ArticleFile]] = {}
    for path in sorted(folder.glob("*.md")):
        article = parse_article(path)
        found.setdefault(article.slug, {})[article.language] = article
    for slug, versions in found.items():
        if SOURCE_LANGUAGE not in versions:
            raise ContentError(f"{slug}: a translation without its English file")
    for versions in found.values():
        missing = [s for s in versions[SOURCE_LANGUAGE].related if s not in found]
        if missing:
            raise ContentError(f"{versions['en'].slug}: related articles not found: {missing}")
    return found
