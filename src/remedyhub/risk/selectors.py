"""Reads of the risk app: what data is loaded, the risks for a choice, complaint figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from remedyhub.common.countries import country_name
from remedyhub.intake.models import Complaint
from remedyhub.intake.taxonomy import Issue
from remedyhub.knowledge.selectors import articles_on_theme
from remedyhub.risk.models import CountryRating, GoodRisk, RiskDataset
from remedyhub.risk.sources import DOL_FILE, ITUC_FILE
from remedyhub.risk.themes import ACTIONS, ITUC_LEVELS, ITUC_RATINGS, Theme

# Complaint counts below this are shown as "fewer than 5", never as the number.
SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class MissingData:
    source: str
    label: Any
    command: str


def current_datasets() -> dict[str, RiskDataset]:
    """The newest edition of each source that is loaded."""
    newest = RiskDataset.objects.values("source").annotate(edition=Max("edition_year"))
    found: dict[str, RiskDataset] = {}
    for item in newest:
        found[item["source"]] = RiskDataset.objects.get(
            source=item["source"], edition_year=item["edition"]
        )
    return found


def missing_data(datasets: dict[str, RiskDataset] | None = None) -> list[MissingData]:
    datasets = current_datasets() if datasets is None else datasets
    folder = Path(settings.RISK_DATA_DIR)
    options = {
        RiskDataset.Source.DOL_GOODS: f"--dol {folder / DOL_FILE}",
        RiskDataset.Source.ITUC_INDEX: f"--ituc {folder / ITUC_FILE}",
    }
    return [
        MissingData(
            source=source.value,
            label=source.label,
            command=f"python manage.py risk_import {options[source]}",
        )
        for source in RiskDataset.Source
        if source.value not in datasets
    ]


def good_choices() -> list[str]:
    """The goods of the current DOL edition, sorted by name."""
    dataset = current_datasets().get(RiskDataset.Source.DOL_GOODS)
    if dataset is None:
        return []
    names = GoodRisk.objects.filter(dataset=dataset).values_list("good", flat=True).distinct()
    return sorted(set(names), key=str.casefold)


@dataclass
class Risk:
    country: str
    country_name: str
    subject: str
    finding: Any
    source: Any
    source_url: str
    edition_year: int
    level: int = 0


@dataclass
class ThemeResult:
    code: str
    label: Any
    risks: list[Risk] = field(default_factory=list)
    actions: list[Any] = field(default_factory=list)
    reading: list[tuple[Any, str]] = field(default_factory=list)  # (article, title)


def _labour_finding(entry: GoodRisk) -> Any:
    if entry.input_country:
        return _(
            "Made with inputs from %(country)s that are produced with child labour or forced labour"
        ) % {"country": country_name(entry.input_country)}
    if entry.forced_child_labour:
        return _("Forced child labour")
    if entry.child_labour and entry.forced_labour:
        return _("Child labour and forced labour")
    return _("Child labour") if entry.child_labour else _("Forced labour")


def risk_check(
    *, sectors: Iterable[str], goods: Iterable[str], countries: Iterable[str]
) -> list[ThemeResult]:
    """Known risks per theme for goods (or every good of the sectors) made in the countries."""
    sectors, goods, countries = set(sectors), set(goods), list(countries)
    datasets = current_datasets()
    results = {
        theme.value: ThemeResult(
            code=theme.value,
            label=theme.label,
            actions=ACTIONS[theme],
            reading=articles_on_theme(
                theme.value, language=get_language(), sectors=sectors, countries=countries
            ),
        )
        for theme in Theme
    }
    dol = datasets.get(RiskDataset.Source.DOL_GOODS)
    if dol is not None:
        entries = GoodRisk.objects.filter(dataset=dol, country__in=countries)
        for entry in entries:
            if entry.good not in goods and not sectors & set(entry.sectors):
                continue
            risk = Risk(
                country=entry.country,
                country_name=country_name(entry.country),
                subject=entry.good,
                finding=_labour_finding(entry),
                source=dol.get_source_display(),
                source_url=entry.source_url,
                edition_year=dol.edition_year,
            )
            if entry.child_labour or entry.forced_child_labour:
                results[Theme.CHILD_LABOUR].risks.append(risk)
            if entry.forced_labour or entry.forced_child_labour or entry.input_country:
                results[Theme.FORCED_LABOUR].risks.append(risk)
    ituc = datasets.get(RiskDataset.Source.ITUC_INDEX)
    if ituc is not None:
        for rating in CountryRating.objects.filter(dataset=ituc, country__in=countries):
            results[Theme.FREEDOM_OF_ASSOCIATION].risks.append(
                Risk(
                    country=rating.country,
                    country_name=country_name(rating.country),
                    subject=_("All sectors"),
                    finding=_("Rating %(rating)s: %(meaning)s")
                    % {"rating": rating.rating, "meaning": ITUC_RATINGS[rating.rating]},
                    source=ituc.get_source_display(),
                    source_url=rating.source_url,
                    edition_year=ituc.edition_year,
                    level=ITUC_LEVELS[rating.rating],
                )
            )
    for result in results.values():
        result.risks.sort(key=lambda risk: (risk.country_name, -risk.level, risk.subject))
    return list(results.values())


@dataclass
class FigureRow:
    code: str
    label: Any
    cells: list[str]


@dataclass
class ComplaintFigures:
    countries: list[tuple[str, str]]
    totals: list[str]
    rows: list[FigureRow]


def _shown(count: int) -> str:
    return _("fewer than 5") if count < SUPPRESS_BELOW else str(count)


def complaint_figures(*, sectors: Iterable[str], countries: Iterable[str]) -> ComplaintFigures:
    """Complaints filed with Remedy Hub about workplaces of these sectors in these countries,
    per issue; only structured fields are read (country, issues, the facility's sector), and
    every count below 5 is shown as "fewer than 5".

    The themes of the risk check always have a row; another issue has one only when some
    country has 5 or more, so that a row's presence does not betray a small count."""
    countries = list(dict.fromkeys(countries))
    totals: Counter[str] = Counter()
    per_issue: Counter[tuple[str, str]] = Counter()
    rows = Complaint.objects.filter(
        country__in=countries, facility__sector__in=list(sectors)
    ).values_list("country", "issues")
    for country, issues in rows:
        totals[country] += 1
        for issue in set(issues or []):
            per_issue[(issue, country)] += 1
    labels = dict(Theme.choices)
    issue_labels = dict(Issue.choices)
    codes = list(Theme.values) + [
        code
        for code in Issue.values
        if code not in labels
        and any(per_issue[(code, country)] >= SUPPRESS_BELOW for country in countries)
    ]
    return ComplaintFigures(
        countries=[(code, country_name(code)) for code in countries],
        totals=[_shown(totals[country]) for country in countries],
        rows=[
            FigureRow(
                code=code,
                label=labels.get(code) or issue_labels[code],
                cells=[_shown(per_issue[(code, country)]) for country in countries],
            )
            for code in codes
        ],
    )
