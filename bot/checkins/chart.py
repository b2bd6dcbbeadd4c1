"""Draw a mood (distress) chart as PNG bytes, sized to read on a phone."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Mapping

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.dates import AutoDateLocator, DateFormatter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

TALK_THRESHOLD = 4
LINE_COLOUR = "#1f4e79"
BAND_COLOUR = "#f6c9a8"


def draw_chart(per_day: Mapping[date, float], start: date, end: date, title: str) -> bytes:
    """PNG of daily average scores from ``start`` to ``end`` with a 'talk to someone' band."""
    figure = Figure(figsize=(7, 4.6), dpi=150)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot(1, 1, 1)
    ax.axhspan(TALK_THRESHOLD, 10.4, color=BAND_COLOUR, alpha=0.55, zorder=0)
    ax.text(
        start + (end - start) / 2 if end > start else start,
        9.4,
        "talk to someone",
        ha="center",
        va="center",
        fontsize=15,
        color="#8a3b12",
        fontweight="bold",
        zorder=1,
    )
    days = sorted(per_day)
    if days:
        values = [per_day[d] for d in days]
        ax.plot(days, values, color=LINE_COLOUR, linewidth=2.5, marker="o", markersize=7, zorder=3)
    else:
        ax.text(
            start + (end - start) / 2 if end > start else start,
            2,
            "No check-ins yet",
            ha="center",
            va="center",
            fontsize=15,
            color="#555555",
        )
    ax.set_ylim(0, 10.4)
    ax.set_yticks(range(0, 11, 2))
    ax.set_xlim(start - timedelta(hours=12), end + timedelta(hours=12))
    ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=6))
    ax.xaxis.set_major_formatter(DateFormatter("%d %b"))
    ax.set_title(title, fontsize=16, pad=10)
    ax.set_ylabel("Distress (0 calm, 10 worst)", fontsize=13)
    ax.tick_params(labelsize=12)
    ax.grid(axis="y", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
