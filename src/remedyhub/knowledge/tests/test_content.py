from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from remedyhub.knowledge.content import ContentError, parse_article, render_markdown
from remedyhub.knowledge.models import Article, ArticleTranslation

from .conftest import FIXTURES


def test_markdown_renders_without_raw_html_or_script_links():
    html = render_markdown("Hi <script>alert(1)</script> [x](javascript:alert(1)) **b**")
    assert "<script" not in html and 'href="javascript' not in html and "<strong>b</strong>" in html


def test_loading_the_folder_creates_articles_translations_tags_and_related(articles):
    article = Article.objects.get(slug="child-labour-remediation")
    assert article.steps == [6] and article.countries == ["BD", "PK"]
    assert article.sources[0]["publisher"] == "OECD"
    assert [a.slug for a in article.related.all()] == ["living-wage"]
    assert set(article.translations.values_list("language", flat=True)) == {"en", "nl"}
    assert ArticleTranslation.objects.filter(status="published").count() == 5


def test_loading_twice_updates_in_place(articles):
    call_command("knowledge_load", str(FIXTURES))
    assert Article.objects.count() == 3 and ArticleTranslation.objects.count() == 5


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.en.md", "no front matter", "must start with a"),
        ("a.en.md", "+++\ntitle = 'x'\n", "no closing"),
        ("a.en.md", "+++\nslug = 'b'\ntitle = 'x'\n+++\n", "does not match"),
        ("a.en.md", "+++\ntitle = 'x'\nthemes = ['not_a_theme']\n+++\n", "unknown themes"),
        ("a.en.md", "+++\ntitle = 'x'\ncountries = ['XX']\n+++\n", "unknown countries"),
        ("a.de.md", "+++\ntitle = 'x'\n+++\n", "unknown language"),
        ("a.en.md", "+++\ntitle = \n+++\n", "not valid TOML"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_naming_it(name, text, message):
    with pytest.raises(ContentError, match=message):
        parse_article(Path(name), text)


def test_the_command_reports_a_bad_folder(tmp_path, db):
    (tmp_path / "orphan.nl.md").write_text("+++\ntitle = 'x'\n+++\n")
    with pytest.raises(CommandError, match="without its English file"):
        call_command("knowledge_load", str(tmp_path))
