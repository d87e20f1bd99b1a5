"""The command line's help texts: each command's examples and exit status."""

from __future__ import annotations

__all__ = ["BRIEF_EXAMPLES", "EVAL_EXAMPLES", "SERVE_EXAMPLES", "STORY_EXAMPLES"]

BRIEF_EXAMPLES = """\
Examples:

  # a briefing note to read in the terminal
  summarizer brief article.txt

  # every article in a folder, one Markdown note each
  summarizer brief news/ --format markdown --output notes/

  # a page for the browser, every quote and name highlighted in the article
  summarizer brief page.html --format html --output brief.html

  # JSON for a pipeline, from stdin, with the publication date given
  cat article.txt | summarizer brief - --format json --dateline 2021-03-18

  # a glob (quoted: expanded here), JSON briefs into a folder
  summarizer brief 'news/*.txt' -f json -o briefs/

  # any OpenAI-compatible server instead of the embedded model
  summarizer brief article.txt --base-url http://gpu:8000/v1 --model qwen2.5

Exit status: 0 every brief written, 1 some article failed, 2 usage error, 130 interrupted.
"""

STORY_EXAMPLES = """\
Examples:

  # one note from every article in a folder
  summarizer story coverage/

  # two articles, as JSON
  summarizer story first.txt second.html --format json --output story.json

  # the archived briefs of the articles naming Navalny, merged with no model
  summarizer story --from-archive --actor Navalny

Exit status: 0 the story written, 1 fewer than two articles briefed, 2 usage error, 130 interrupted.
"""

SERVE_EXAMPLES = """\
Examples:

  # keep the engine warm in one terminal; brief in another, without loading the model
  summarizer serve
  summarizer brief article.txt

  # eight slots, for batches at --concurrency 8
  summarizer serve --slots 8

Exit status: 0 stopped by Ctrl-C or SIGTERM, 1 the engine could not start or died, 2 usage error.
"""

EVAL_EXAMPLES = """\
Examples:

  # the embedded model against the gold annotations, as tables
  summarizer eval gold.jsonl

  # the first 10 articles, JSON for a script
  summarizer eval gold.jsonl --limit 10 --json

Exit status: 0 the report written, 1 the model failed, 2 usage error or an unusable gold file, 130
interrupted.
"""
