"""Search quality of the knowledge base: the project's search against plain BM25.

Reads the article files (``src/remedyhub/knowledge/content/articles`` by default) straight into
the search index, with no database, and asks every question of ``bench/knowledge_questions.json``
(a list of ``{"id", "language", "question", "relevant": [slug, ...]}``) of both engines:

- project: ``remedyhub.knowledge.search.SearchIndex`` as the site builds it (BM25F over title,
  summary, tags and text; Snowball stemming; misspellings corrected; the question's language,
  with English where an article lacks that translation);
- BM25: Okapi BM25 (k1 1.2, b 0.75) over the lower-case words of title and text of the same
  documents; no stemming, no fields, no corrections.

Prints MRR@10, recall@5 and p50/p95 latency per engine (and per language) as Markdown, and
writes them with the misses to ``var/bench/knowledge-<time>.json``.

    make bench-knowledge
    .venv/bin/python bench/knowledge.py --articles DIR --questions FILE
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remedyhub.conf.settings")
os.environ.setdefault("DJANGO_ENV", "development")

import django  # noqa: E402

django.setup()

from remedyhub.knowledge.content import ArticleFile, read_folder  # noqa: E402
from remedyhub.knowledge.models import LANGUAGES, SOURCE_LANGUAGE, Article  # noqa: E402
from remedyhub.knowledge.search import Bm25Baseline, Document, SearchIndex  # noqa: E402
from remedyhub.knowledge.selectors import article_fields  # noqa: E402

DEFAULT_ARTICLES = ROOT / "src" / "remedyhub" / "knowledge" / "content" / "articles"
DEFAULT_QUESTIONS = ROOT / "bench" / "knowledge_questions.json"
OUT = ROOT / "var" / "bench"
CUTOFF = 10
WARM_UP = 5


def documents(found: dict[str, dict[str, ArticleFile]], language: str) -> list[Document]:
    """As ``selectors.article_documents``: each article in ``language`` or else in English."""
    result = []
    for slug, versions in sorted(found.items()):
        source = versions[SOURCE_LANGUAGE]
        chosen = versions.get(language, source)
        article = Article(slug=slug, **source.tags)
        result.append(
            Document(
                key=slug,
                language=chosen.language,
                fields=article_fields(chosen, article),
            )
        )
    return result


def run(
    questions: Sequence[dict], ask: Callable[[dict], list[str]]
) -> tuple[list[list[str]], list[float]]:
    for question in questions[:WARM_UP]:
        ask(question)
    answers, latencies = [], []
    for question in questions:
        start = time.perf_counter()
        answer = ask(question)
        latencies.append((time.perf_counter() - start) * 1000)
        answers.append(answer[:CUTOFF])
    return answers, latencies


def score(questions: Sequence[dict], answers: list[list[str]], latencies: list[float]) -> dict:
    reciprocal, recall = [], []
    for question, answer in zip(questions, answers, strict=True):
        relevant = set(question["relevant"])
        rank = next((i for i, slug in enumerate(answer, 1) if slug in relevant), None)
        reciprocal.append(1 / rank if rank else 0.0)
        recall.append(len(relevant & set(answer[:5])) / len(relevant))
    ordered = sorted(latencies)
    return {
        "questions": len(questions),
        "mrr_at_10": statistics.fmean(reciprocal) if reciprocal else 0.0,
        "recall_at_5": statistics.fmean(recall) if recall else 0.0,
        "p50_ms": statistics.median(ordered) if ordered else 0.0,
        "p95_ms": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    if not any(args.articles.glob("*.en.md")):
        print(f"No article files in {args.articles}: pass --articles DIR.", file=sys.stderr)
        return 2
    if not args.questions.is_file():
        print(f"No questions file {args.questions}: pass --questions FILE.", file=sys.stderr)
        return 2
    found = read_folder(args.articles)
    questions = json.loads(args.questions.read_text(encoding="utf-8"))
    unknown = sorted({s for q in questions for s in q["relevant"]} - set(found))
    if unknown:
        print(f"Questions name articles that do not exist: {unknown}", file=sys.stderr)
        return 2

    views = {language: documents(found, language) for language in LANGUAGES}
    build = time.perf_counter()
    project = {language: SearchIndex(docs) for language, docs in views.items()}
    build_ms = (time.perf_counter() - build) * 1000
    baseline = {
        language: Bm25Baseline((d.key, f"{d.fields['title']} {d.fields['body']}") for d in docs)
        for language, docs in views.items()
    }

    def ask_project(question: dict) -> list[str]:
        index = project[question["language"]]
        ranked = index.search(question["question"], language=question["language"])
        return [index.documents[number].key for number, _score in ranked]

    def ask_baseline(question: dict) -> list[str]:
        return [key for key, _score in baseline[question["language"]].search(question["question"])]

    engines = {"project": ask_project, "bm25": ask_baseline}
    report: dict = {
        "articles": len(found),
        "translations": sum(len(v) for v in found.values()),
        "questions": len(questions),
        "project_index_build_ms": round(build_ms, 1),
        "engines": {},
        "misses": {},
    }
    for name, ask in engines.items():
        answers, latencies = run(questions, ask)
        report["engines"][name] = {"all": score(questions, answers, latencies)}
        for language in sorted({q["language"] for q in questions}):
            chosen = [i for i, q in enumerate(questions) if q["language"] == language]
            report["engines"][name][language] = score(
                [questions[i] for i in chosen],
                [answers[i] for i in chosen],
                [latencies[i] for i in chosen],
            )
        report["misses"][name] = [
            {"id": q["id"], "question": q["question"], "relevant": q["relevant"], "top3": a[:3]}
            for q, a in zip(questions, answers, strict=True)
            if not set(q["relevant"]) & set(a)
        ]

    print(f"\n{report['articles']} articles ({report['translations']} files), "
          f"{report['questions']} questions\n")  # fmt: skip
    print("| engine | questions | MRR@10 | recall@5 | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|")
    for name, parts in report["engines"].items():
        for part, figures in parts.items():
            f = figures
            print(
                f"| {name} ({part}) | {f['questions']} | {f['mrr_at_10']:.3f} | "
                f"{f['recall_at_5']:.3f} | {f['p50_ms']:.2f} | {f['p95_ms']:.2f} |"
            )
    ahead = (
        report["engines"]["project"]["all"]["mrr_at_10"]
        - report["engines"]["bm25"]["all"]["mrr_at_10"]
    )
    print(f"\nMRR@10 of the project's search minus BM25's: {ahead:+.3f}")
    for name, misses in report["misses"].items():
        print(f"{name}: {len(misses)} question(s) with no relevant article in the first 10")
    if not args.no_write:
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"knowledge-{time.strftime('%Y%m%d-%H%M%S')}.json"
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"written: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
