"""Weighted scores of an assessment against its framework: a pure function, checked input."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    weight: int
    max_score: int


@dataclass(frozen=True)
class Score:
    percent: Decimal  # 0-100, one decimal
    passed: bool


class InvalidScores(ValueError):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def score(criteria: list[Criterion], scores: dict[str, int], *, pass_mark: int) -> Score:
    """The weighted share of the maximum, as a percentage; passed when it reaches
    ``pass_mark``. Every criterion needs a whole score from 0 to its maximum, and no other
    criterion may be scored."""
    errors = []
    known = {criterion.code for criterion in criteria}
    for code in sorted(set(scores) - known):
        errors.append(_("%(code)s is not a criterion of this framework.") % {"code": code})
    total = Decimal(0)
    weights = 0
    for criterion in criteria:
        value = scores.get(criterion.code)
        if value is None or isinstance(value, bool) or not isinstance(value, int):
            errors.append(_("Give %(name)s a whole score.") % {"name": criterion.name})
            continue
        if not 0 <= value <= criterion.max_score:
            errors.append(
                _("The score of %(name)s must be between 0 and %(max)s; it was %(value)s.")
                % {"name": criterion.name, "max": criterion.max_score, "value": value}
            )
            continue
        total += Decimal(criterion.weight) * Decimal(value) / Decimal(criterion.max_score)
        weights += criterion.weight
    if not criteria or not any(criterion.weight > 0 for criterion in criteria):
        errors.append(_("The framework has no weighted criteria."))
    if errors:
        raise InvalidScores(errors)
    percent = (total * 100 / Decimal(weights)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Score(percent=percent, passed=percent >= pass_mark)
