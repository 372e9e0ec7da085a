"""Charts for the cohort report, as SVG images: same data, same bytes (fixed hash salt, no dates)."""

from __future__ import annotations

import base64
import functools
import io

# matplotlib is optional (pip install 'practice-model[charts]'): without it the report has no charts.
MISSING = "the cohort report has no charts: install them with pip install 'practice-model[charts]'"


@functools.cache
def _pyplot():
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "practice-model", "font.size": 10, "svg.fonttype": "none"})
    return plt


def available() -> bool:
    return _pyplot() is not None


def _charting(draw):
    """A chart function that gives no chart ("") when matplotlib is not installed."""
    @functools.wraps(draw)
    def chart(*args, **kwargs) -> str:
        plt = _pyplot()
        return "" if plt is None else draw(plt, *args, **kwargs)
    return chart


def _svg(figure) -> str:
    plt = _pyplot()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


# Okabe and Ito's palette, distinguishable with every common colour-vision deficiency; every chart also
# labels in text what its colours say, so nothing depends on colour alone.
BLUE, ORANGE, VERMILLION, SKY, GREEN, GREY = "#0072B2", "#E69F00", "#D55E00", "#56B4E9", "#009E73", "#999999"


@_charting
def score_distribution(plt, percentages: list[float], pass_mark: float) -> str:
    figure, axis = plt.subplots(figsize=(6, 3))
    counts, _, bars = axis.hist(percentages, bins=[i * 10 for i in range(11)], color=BLUE, edgecolor="white")
    axis.bar_label(bars, labels=[str(int(c)) if c else "" for c in counts], fontsize=8)
    axis.axvline(pass_mark, color=VERMILLION, linestyle="--")
    axis.annotate(f"pass mark {pass_mark:g}%", (pass_mark, 0.5), xycoords=("data", "axes fraction"), xytext=(-4, 0), ha="right",
                  textcoords="offset points", color="#1b1b1b", fontsize=8)
    axis.set_xlabel("Score (%)")
    axis.set_ylabel("Learners")
    return _svg(figure)


@_charting
def facility_discrimination(plt, points: list[tuple[str, float, float]]) -> str:
    figure, axis = plt.subplots(figsize=(6, 4))
    axis.axvspan(0.3, 0.7, color="#eeeeee")
    axis.annotate("best range", (0.5, 1), xycoords=("data", "axes fraction"), xytext=(0, -12), textcoords="offset points",
                  ha="center", fontsize=8)
    axis.axhline(0, color="#777", linewidth=0.8)
    for label, facility, discrimination in points:
        negative = discrimination < 0
        axis.scatter([facility], [discrimination], color=VERMILLION if negative else BLUE, marker="x" if negative else "o")
        axis.annotate(label + (" (negative)" if negative else ""), (facility, discrimination), fontsize=7, xytext=(3, 3),
                      textcoords="offset points")
    axis.set_xlim(0, 1)
    axis.set_xlabel("Facility (0 = nobody right, 1 = everybody right)")
    axis.set_ylabel("Discrimination index")
    return _svg(figure)


@_charting
def coverage_heatmap(plt, learners: list[str], items: list[str], values: list[list[float | None]]) -> str:
    figure, axis = plt.subplots(figsize=(max(4, 0.6 * len(items) + 2), max(2, 0.4 * len(learners) + 1.5)))
    data = [[v if v is not None else float("nan") for v in row] for row in values]
    # cividis: a blue-to-yellow scale designed to read the same with colour-vision deficiencies (no red against green).
    image = axis.imshow(data, vmin=0, vmax=1, cmap="cividis", aspect="auto")
    for y, row in enumerate(values):
        for x, value in enumerate(row):
            text = "–" if value is None else f"{value:.0%}"
            axis.text(x, y, text, ha="center", va="center", fontsize=7, color="black" if value is not None and value > 0.55 else "white"
                      if value is not None else "#1b1b1b")
    axis.set_xticks(range(len(items)), items, rotation=60, ha="right")
    axis.set_yticks(range(len(learners)), learners)
    figure.colorbar(image, ax=axis, label="Share of marks gained")
    return _svg(figure)
