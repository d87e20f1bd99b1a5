"""The HTML page in a real headless Chromium: highlights, click-to-span in both directions, a screenshot."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from summarizer.render import render

pytestmark = pytest.mark.browser

# Debian's Chromium, driven as is: the tests never download a browser of their own.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[1]
# CI keeps this folder: the page as first opened, and after a click on a quote.
ARTIFACTS = REPO / "test-artifacts"

IN_VIEW = """id => {
    const el = document.getElementById(id);
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
}"""


def _fixtures() -> ModuleType:
    # The brief is built in test_render.py; loading it by path works whatever pytest's import mode is.
    spec = importlib.util.spec_from_file_location(
        "_render_fixtures", Path(__file__).with_name("test_render.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page_of_brief(browser: Browser, tmp_path: Path) -> Iterator[tuple[Page, int, list[str]]]:
    """The page open in Chromium, the number of grounded quotes, and the errors the page reports."""
    fixtures = _fixtures()
    source = fixtures.russia_source()
    brief = fixtures.russia_brief(source.text)
    path = tmp_path / "brief.html"
    path.write_text(render(brief, source, "html"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def on_console(message: ConsoleMessage) -> None:
        # A Content-Security-Policy violation (a blocked script or style) is reported here.
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.goto(path.as_uri())
    placed = sum(bool(q.spans) for q in brief.quotes)
    yield page, placed, errors
    page.close()


def test_clicking_a_quote_scrolls_to_its_span_and_marks_it(
    page_of_brief: tuple[Page, int, list[str]], tmp_path: Path
) -> None:
    page, placed, errors = page_of_brief
    assert page.locator("mark").count() >= placed
    assert page.locator("mark.hl-quote[id]").count() == placed

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(tmp_path / "brief-top.png"))
    shutil.copyfile(tmp_path / "brief-top.png", ARTIFACTS / "brief-top.png")

    # Kosachev's quote stands near the end of the article, far below the first screen.
    target = "q9"
    assert not page.evaluate(IN_VIEW, target)
    page.click(f'a[data-target="{target}"]')
    page.wait_for_function(IN_VIEW, arg=target, timeout=60_000)

    mark = page.locator(f"#{target}")
    assert "active" in (mark.get_attribute("class") or "").split()
    assert "current" in (mark.get_attribute("class") or "").split()
    assert "selected" in (page.locator("#item-q9").get_attribute("class") or "").split()
    # Only this quote is marked active; the other quotes are not.
    assert page.locator("mark.hl-quote.active").count() == 1
    assert page.evaluate("location.hash") == f"#{target}"

    # Let the pulse animation finish so the screenshot shows the settled page.
    page.wait_for_timeout(1300)
    shot = tmp_path / "brief.png"
    page.screenshot(path=str(shot))
    shutil.copyfile(shot, ARTIFACTS / "brief.png")
    assert shot.stat().st_size > 10_000
    assert not errors


def test_clicking_a_span_selects_its_entry_in_the_brief(page_of_brief: tuple[Page, int, list[str]]) -> None:
    page, _, errors = page_of_brief
    page.click("#t5")
    entry = page.locator("#item-t5")
    page.wait_for_function(IN_VIEW, arg="item-t5", timeout=60_000)
    assert "selected" in (entry.get_attribute("class") or "").split()
    assert "active" in (page.locator("#t5").get_attribute("class") or "").split()
    assert not errors


def test_an_actor_link_marks_every_mention(page_of_brief: tuple[Page, int, list[str]]) -> None:
    page, _, errors = page_of_brief
    page.click('#item-a5 a.name[data-target="a5-m1"]')
    page.wait_for_function(IN_VIEW, arg="a5-m1", timeout=60_000)
    mentions = page.locator('mark[data-item="a5"]')
    assert mentions.count() > 1
    assert page.locator('mark[data-item="a5"].active').count() == mentions.count()
    assert page.locator("mark.current").count() == 1
    assert not errors


def test_a_consequence_shows_its_own_words_in_the_article(page_of_brief: tuple[Page, int, list[str]]) -> None:
    page, _, errors = page_of_brief
    page.click("#item-c2 button.src")
    shown = """() => {
        const passage = CSS.highlights.get("passage");
        if (!passage) return null;
        const range = [...passage][0];
        const box = range.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight ? range.toString() : null;
    }"""
    words = page.wait_for_function(shown, timeout=60_000).json_value()
    assert words == "it won’t be Russia’s last move unless there is an explanation or apology"
    assert "selected" in (page.locator("#item-c2").get_attribute("class") or "").split()
    assert not errors


def test_a_summary_sentence_shows_the_article_words_behind_it(browser: Browser, tmp_path: Path) -> None:
    fixtures = _fixtures()
    source = fixtures.russia_source()
    brief = fixtures._supported(fixtures.russia_brief(source.text), source.text)
    path = tmp_path / "brief.html"
    path.write_text(render(brief, source, "html"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(path.as_uri())
    # Hover: the sentence says how it is known and what it was checked against.
    title = page.locator(".summary .said").first.get_attribute("title") or ""
    assert title.startswith("Checked against the article: Russia has recalled its ambassador")
    # Click: its evidence is highlighted in the article.
    page.click(".summary button.src >> nth=0")
    words = page.wait_for_function(
        '() => { const p = CSS.highlights.get("passage"); return p ? [...p][0].toString() : null; }',
        timeout=5000,
    ).json_value()
    assert words == "Russia has recalled its ambassador to the United States"
    page.close()
