"""The group's score distributions as one accessible SVG: a row per dimension, a dot per person.

Plain SVG strings (no script, no external references), so the dashboard and the workshop
pack PDF share them. The chart has a title and a description with every value; the page
shows the same numbers in a table next to it.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

INK = "#1f2a33"
MUTED = "#5b6770"
DOT = "#2f5d7c"
MEDIAN = "#b3261e"
TRACK = "#e8ecef"
FONT = "font-family=\"'Source Sans 3', Arial, sans-serif\""


@dataclass(frozen=True)
class ChartRow:
    label: str
    scores: tuple[int, ...]
    median: float | None
    median_text: str = ""  # the median in the language's number format


def _x(value: object) -> str:
    return escape(str(value), quote=True)


def distribution_svg(rows: Sequence[ChartRow], *, title: str, description: str, median_label: str,
                     person_label: str = "", id_prefix: str = "dist") -> str:
    """Dots on a 0-100 scale for each row; equal scores stack upwards. The median is a dashed
    line behind them (told apart from the dots by shape, also in grayscale), and a legend says so."""
    width, left, right = 680, 8, 12
    track = width - left - right
    label_h, band_h = 20, 40
    row_h = label_h + band_h + 10
    height = row_h * len(rows) + 34 + (26 if person_label else 0)

    def px(score: float) -> float:
        return left + track * max(0.0, min(100.0, score)) / 100

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" class="distribution-chart" {FONT}>',
        f'<title id="{id_prefix}-title">{_x(title)}</title>',
        f'<desc id="{id_prefix}-desc">{_x(description)}</desc>',
    ]
    for i, row in enumerate(rows):
        top = i * row_h
        base = top + label_h + band_h - 8
        parts.append(f'<text x="{left}" y="{top + 15}" font-size="15" fill="{INK}">{_x(row.label)}</text>')
        parts.append(f'<rect x="{left}" y="{base - 2}" width="{track}" height="4" fill="{TRACK}"/>')
        if row.median is not None:
            x = px(row.median)
            parts.append(
                _median_mark(x, top + label_h, band_h)
                + f'<text x="{min(x + 6, width - 90):.1f}" y="{top + label_h + 10}" font-size="12" '
                f'fill="{MEDIAN}">{_x(median_label)} {_x(row.median_text or f"{row.median:g}")}</text>'
            )
        stacked: Counter[int] = Counter()
        for score in row.scores:
            level = stacked[score]
            stacked[score] += 1
            parts.append(
                f'<circle cx="{px(score):.1f}" cy="{base - 8 - level * 11:.1f}" r="5" fill="{DOT}" '
                f'stroke="#fff" stroke-width="1"/>'
            )
    axis_y = row_h * len(rows) + 6
    for tick in (0, 25, 50, 75, 100):
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        parts.append(
            f'<text x="{px(tick):.1f}" y="{axis_y + 14}" font-size="12" fill="{MUTED}" '
            f'text-anchor="{anchor}">{tick}</text>'
        )
    if person_label:
        legend_y = axis_y + 38
        parts.append(
            f'<circle cx="{left + 6}" cy="{legend_y - 4}" r="5" fill="{DOT}"/>'
            f'<text x="{left + 18}" y="{legend_y}" font-size="12" fill="{INK}">{_x(person_label)}</text>'
            + _median_mark(left + 170, legend_y - 14, 16)
            + f'<text x="{left + 180}" y="{legend_y}" font-size="12" fill="{INK}">{_x(median_label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _median_mark(x: float, top: float, height: float) -> str:
    """A dashed vertical line: unlike the round dots, recognisable without colour."""
    return (f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + height:.1f}" stroke="{MEDIAN}" '
            f'stroke-width="3" stroke-dasharray="5 3"/>')


@dataclass(frozen=True)
class Quadrant:
    """One cell of the group profile grid: its blend type label(s) and how many people are in it."""

    label: str
    column: int  # 0: first axis low, 1: high
    row: int  # 0: second axis high (top), 1: low


def group_blend_svg(quadrants: Sequence[Quadrant], points: Sequence[tuple[float, float]],
                    median: tuple[float, float] | None, *, threshold: float, x_label: str, y_label: str,
                    title: str, description: str, person_label: str, median_label: str,
                    id_prefix: str = "groupblend") -> str:
    """The 2x2 blend grid with one dot per person (anonymous) and the group's median as a ring.

    The grid is split at the threshold on both axes, so a dot's quadrant is its blend type.
    """
    size, pad_l, pad_b, pad_t = 420, 70, 78, 8
    cell = (size - pad_l - 10) / 2
    height = pad_t + 2 * cell + pad_b

    def px(score: float) -> float:
        share = score / threshold / 2 if score < threshold else 0.5 + (score - threshold) / (100 - threshold) / 2
        return pad_l + 2 * cell * max(0.0, min(1.0, share))

    def py(score: float) -> float:
        return pad_t + 2 * cell - (px(score) - pad_l)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {height:.0f}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" class="group-blend-chart" {FONT}>',
        f'<title id="{id_prefix}-title">{_x(title)}</title>',
        f'<desc id="{id_prefix}-desc">{_x(description)}</desc>',
    ]
    for quadrant in quadrants:
        x, y = pad_l + quadrant.column * cell, pad_t + quadrant.row * cell
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{cell:.1f}" height="{cell:.1f}" fill="#fff" '
                     f'stroke="{INK}" stroke-width="1"/>')
        for line_no, line in enumerate(textwrap.wrap(quadrant.label, 26)):
            parts.append(f'<text x="{x + cell / 2:.1f}" y="{y + 16 + line_no * 14:.1f}" font-size="12" '
                         f'fill="{MUTED}" text-anchor="middle">{_x(line)}</text>')
    placed: Counter[tuple[int, int]] = Counter()
    for score_x, score_y in points:
        key = (round(px(score_x)), round(py(score_y)))
        shift = placed[key] * 7
        placed[key] += 1
        parts.append(f'<circle cx="{px(score_x) + shift:.1f}" cy="{py(score_y):.1f}" r="6" fill="{DOT}" '
                     f'stroke="#fff" stroke-width="1.5"/>')
    if median is not None:
        parts.append(f'<circle cx="{px(median[0]):.1f}" cy="{py(median[1]):.1f}" r="10" fill="none" '
                     f'stroke="{MEDIAN}" stroke-width="3" stroke-dasharray="5 3"/>')
    bottom = pad_t + 2 * cell
    parts.append(
        f'<text x="{pad_l + cell:.1f}" y="{bottom + 20:.1f}" font-size="14" font-weight="600" fill="{INK}" '
        f'text-anchor="middle">{_x(x_label)}</text>'
        f'<text transform="translate(16 {pad_t + cell:.1f}) rotate(-90)" font-size="14" font-weight="600" '
        f'fill="{INK}" text-anchor="middle">{_x(y_label)}</text>'
    )
    legend_y = bottom + 50
    parts.append(
        f'<circle cx="{pad_l + 6}" cy="{legend_y - 4}" r="6" fill="{DOT}"/>'
        f'<text x="{pad_l + 18}" y="{legend_y}" font-size="12" fill="{INK}">{_x(person_label)}</text>'
        f'<circle cx="{pad_l + 176}" cy="{legend_y - 4}" r="8" fill="none" stroke="{MEDIAN}" stroke-width="3" '
        f'stroke-dasharray="5 3"/>'
        f'<text x="{pad_l + 190}" y="{legend_y}" font-size="12" fill="{INK}">{_x(median_label)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
