"""Horizontal bar charts as plain geometry for a server-rendered SVG: no script, no inline
style (the CSP forbids both), and every chart is shown beside a table of the same figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

LABEL_WIDTH = 90
BAR_AREA = 220
BAR_HEIGHT = 14
GAP = 6
# Colour-blind-safe pair with enough contrast on white (blue, orange-brown).
FILLS = ("#0b5394", "#8a4b08")


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    fill: str
    value: str
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[str, ...]
    label_y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    title: str
    series: tuple[str, ...]
    label_header: str
    rows: tuple[Row, ...]
    width: int
    height: int

    @property
    def legend(self) -> list[tuple[str, str]]:
        return list(zip(self.series, FILLS, strict=False))


def _text(value: Decimal | int) -> str:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(value.to_integral_value())
    return str(value)


def bar_chart(
    *,
    title: str,
    series: Sequence[str],
    label_header: str,
    rows: Sequence[tuple[str, Sequence[Decimal | int]]],
) -> Chart:
    """Bars scaled to the largest value of the chart; a zero has no bar but keeps its label."""
    largest = max((value for _label, values in rows for value in values), default=0) or 1
    n = len(series)
    row_height = n * BAR_HEIGHT + GAP
    built = []
    for index, (label, values) in enumerate(rows):
        top = GAP + index * row_height
        bars = []
        for j, value in enumerate(values):
            width = round(BAR_AREA * float(value) / float(largest))
            y = top + j * BAR_HEIGHT
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y,
                    width=max(width, 0),
                    height=BAR_HEIGHT - 2,
                    fill=FILLS[j % len(FILLS)],
                    value=_text(value),
                    text_x=LABEL_WIDTH + max(width, 0) + 4,
                    text_y=y + BAR_HEIGHT - 4,
                )
            )
        built.append(
            Row(
                label=label,
                values=tuple(_text(v) for v in values),
                label_y=top + (n * BAR_HEIGHT) // 2 + 4,
                bars=tuple(bars),
            )
        )
    return Chart(
        title=title,
        series=tuple(series),
        label_header=label_header,
        rows=tuple(built),
        width=LABEL_WIDTH + BAR_AREA + 50,
        height=GAP + len(rows) * row_height + GAP,
    )
