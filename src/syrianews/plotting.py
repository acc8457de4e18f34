"""Shared set-up for the analysis notebooks: an Arabic-capable font, where figures go, actor labels.

matplotlib 3.11 lays text out with libraqm, so Arabic strings are shaped (joined letters) and
set right-to-left by matplotlib itself. Strings must therefore be passed in their logical order:
never pre-shape them with arabic-reshaper / python-bidi, which would render them reversed.
The font is Noto Sans Arabic (OFL-1.1), installed from PyPI by ``fontpkg-noto-sans-arabic``
(the ``notebooks`` extra), so no system font is needed; it also covers Latin, which keeps
bilingual labels in one typeface. DejaVu Sans stays as the fallback for other symbols.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Mapping

ARABIC_FAMILY = "Noto Sans Arabic"
FALLBACK_FAMILY = "DejaVu Sans"
FIGURES_ENV = "SYRIANEWS_FIGURES"
DATA_ENV = "SYRIANEWS_DATA"


def arabic_font_path() -> Path:
    """The shipped Arabic font file (from the ``fontpkg-noto-sans-arabic`` wheel)."""
    try:
        import fontpkg_noto_sans_arabic as pkg
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError(
            "the notebooks need the Arabic font package: pip install 'syrianews[notebooks]'"
        ) from exc
    files = sorted((Path(pkg.ROOT) / "files").glob("*.ttf"))
    if not files:  # pragma: no cover
        raise FileNotFoundError(f"no .ttf file in {pkg.ROOT}/files")
    return files[0]


def register_font() -> str:
    """Add the Arabic font to matplotlib's font manager (idempotent) and return its family name."""
    from matplotlib import font_manager

    path = arabic_font_path()
    known = {Path(f.fname) for f in font_manager.fontManager.ttflist}
    if path not in known:
        font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def setup(style: Mapping[str, object] | None = None) -> dict[str, Path | None]:
    """Configure matplotlib for the notebooks and say where data and figures are.

    Checks that matplotlib can shape Arabic (>= 3.11, built with libraqm), registers the font,
    and, when ``$SYRIANEWS_DATA`` is unset and ``data/processed`` is not under the working
    directory, points it at the project's ``data/processed`` found from the working directory
    upwards (JupyterLab starts notebooks in ``notebooks/``).
    """
    import matplotlib
    import matplotlib.pyplot as plt
    from matplotlib import ft2font

    version = tuple(int(p) for p in re.findall(r"\d+", matplotlib.__version__)[:2])
    if version < (3, 11) or not getattr(ft2font, "__libraqm_version__", None):
        raise RuntimeError(
            f"matplotlib {matplotlib.__version__} cannot shape Arabic: the notebooks need matplotlib>=3.11 (libraqm)"
        )
    family = register_font()
    plt.rcParams.update(
        {
            # a list of families (not the generic "sans-serif") makes matplotlib fall back
            # glyph by glyph, e.g. to DejaVu Sans for arrows that Noto Sans Arabic lacks
            "font.family": [family, FALLBACK_FAMILY],
            "font.sans-serif": [family, FALLBACK_FAMILY, *plt.rcParams["font.sans-serif"]],
            "axes.unicode_minus": False,
            "figure.dpi": 100,
            "savefig.dpi": 120,
            "savefig.bbox": "tight",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    if style:
        plt.rcParams.update(style)
    if not os.environ.get(DATA_ENV) and not Path("data/processed").is_dir():
        # the loader's relative default would miss: point it at the project's build
        root = project_root()
        if root is not None and (root / "data" / "processed").is_dir():
            os.environ[DATA_ENV] = str(root / "data" / "processed")
    from .loading import data_dir

    return {"data": data_dir(), "figures": figure_dir()}


def project_root(start: Path | None = None) -> Path | None:
    """The nearest folder, from ``start`` (default: cwd) upwards, holding this project's pyproject."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "notebooks").is_dir():
            return folder
    return None


def figure_dir() -> Path:
    """``$SYRIANEWS_FIGURES`` if set, else ``reports/figures`` of the project (or of the cwd)."""
    env = os.environ.get(FIGURES_ENV)
    if env:
        return Path(env)
    root = project_root() or Path.cwd()
    return root / "reports" / "figures"


def save(fig, notebook: str, name: str) -> Path:
    """Save ``fig`` as ``<figures>/<notebook>_<name>.png`` and return the path.

    Under a non-interactive backend (headless runs) the figure is closed once saved, so long
    runs do not pile figures up; in JupyterLab it stays open to be shown below the cell.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    folder = figure_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{notebook}_{name}.png"
    fig.savefig(path)
    if matplotlib.get_backend().lower() == "agg":
        plt.close(fig)
    print(f"saved {path.name}")
    return path


def load_columns(table: str, wanted: Iterable[str], data: str | os.PathLike | None = None):
    """``syrianews.load`` of the ``wanted`` columns that this build's table has.

    Builds made by older or newer versions of the package differ in their non-contract
    columns; asking only for those present keeps the notebooks working on any build (the
    missing ones are added as nulls so the code can test them with ``.notna()``).
    """
    from .loading import load, table_schema

    wanted = list(wanted)
    present = set(table_schema(table, data).names)
    frame = load(table, data, columns=[c for c in wanted if c in present])
    for c in wanted:
        if c not in present:
            frame[c] = None
    return frame


def enough(n: int, needed: int, what: str) -> bool:
    """True when there are ``needed`` items; otherwise print why the figure is skipped.

    Lets every figure degrade to a clear sentence on a tiny build (the one-article sample) or
    on a build whose extractor tables are empty, instead of an error or an empty plot.
    """
    if n >= needed:
        return True
    print(f"Not enough data for this figure: {what} (have {n}, need at least {needed}). Skipped.")
    return False


def period(published) -> tuple[str, str]:
    """A time bin that suits the span of ``published`` (a datetime Series): day, week or month.

    Returns a pandas offset alias and its name, so that a three-week corpus is plotted by day
    and a multi-year one by month without a notebook edit.
    """
    span = published.max() - published.min() if published.notna().any() else None
    days = span.days if span is not None else 0
    if days <= 120:
        return "D", "day"
    if days <= 3 * 365:
        return "W-MON", "week"
    return "MS", "month"


def actor_names(actors, lang: str = "en") -> dict[str, str]:
    """actor_id → display label: English (``en``), Arabic (``ar``) or both (``both``).

    English names from the catalogue read better on most axes; ``both`` keeps the Arabic that
    the articles use. Missing names fall back to the other language, then to the ID.
    """
    out: dict[str, str] = {}
    if actors is None or len(actors) == 0:
        return out
    for row in actors.itertuples(index=False):
        en = _clean(getattr(row, "name_en", None))
        ar = _clean(getattr(row, "name_ar", None))
        if lang == "ar":
            label = ar or en
        elif lang == "both":
            # 36: room for both names of a renamed group (Hayat Tahrir al-Sham / Nusra Front)
            en, ar = _shorten(en, 36), _shorten(ar, 22)
            label = f"{en} · {ar}" if en and ar else (en or ar)
        else:
            label = en or ar
        out[row.actor_id] = _shorten(label or row.actor_id, 62 if lang == "both" else 34)
    return out


def label(ids: Iterable[str | None], names: Mapping[str, str]) -> list[str]:
    """Labels for a sequence of actor IDs (unknown IDs are shown as themselves)."""
    return [names.get(i, i) if i is not None else "(none)" for i in ids]


def stacked_barh(ax, shares, labels: list[str], colors, legend: Mapping[str, str] | None = None) -> None:
    """Horizontal bars of row shares (0–1) stacked column by column, first row on top, in %."""
    left = 0
    for col, color in zip(shares.columns, colors):
        vals = shares[col].values[::-1] * 100
        ax.barh(labels[::-1], vals, left=left, color=color, label=(legend or {}).get(col, col))
        left = left + vals
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))


def bilingual(en: str, ar: str) -> str:
    """An axis label in English and Arabic, e.g. ``bilingual("Articles", "مقالات")``."""
    return f"{en} / {ar}"


def _clean(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _shorten(text: str, limit: int = 34) -> str:
    """Drop a parenthesised gloss and cut long names so that axes stay readable.

    The cut falls after the last whole word that fits (when one does): a letter cut off
    mid-word is misleading, and in Arabic a lone letter before the ellipsis is set by the
    bidi algorithm at the far end of the label (المرصد السوري لحقوق ا… shows its ا leftmost).
    """
    short = re.sub(r"\s*\([^)]*\)", "", text).strip() or text
    if len(short) <= limit:
        return short
    head = short[: limit - 1]
    if not short[limit - 1].isspace() and " " in head.strip():
        head = head.rsplit(" ", 1)[0]
    return head.rstrip() + "…"


def barh_ci(ax, frame, value: str, labels: list[str], scale: float = 100.0, color="#4C72B0",
            offset: float = 0.0, height: float = 0.8, label: str | None = None) -> None:
    """Horizontal bars of ``frame[value]`` with their bootstrap interval (``lo``/``hi``) as
    error bars, first row on top; ``offset``/``height`` place two series side by side."""
    from .analysis.bootstrap import errorbars

    ys = [i + offset for i in range(len(frame))][::-1]
    ax.barh(ys, frame[value].to_numpy(float) * scale, height=height, color=color, label=label,
            xerr=errorbars(frame, value, scale), error_kw={"ecolor": "#333333", "elinewidth": 1, "capsize": 2})
    ax.set_yticks([i for i in range(len(frame))][::-1], labels)


# measured with ../shared/eval/score.py on the 90 gold_dev articles at main 1b644ea (whole set,
# not cross-validated): shown only while the package has no stored cross-validated evaluation
REFERENCE = {
    "actors": "P 0.968, R 0.952",
    "direct": "P 0.921, R 0.865",
    "indirect": "P 0.895, R 0.850",
    "any_quote": "P 0.909, R 0.860",
    "accused": "P 0.900, R 0.500",
    "accusation_triple": "P 1.000, R 0.200",
    "speaker_accuracy": "0.814",
}


def trust(metrics: Mapping[str, str], caveats: Iterable[str]) -> None:
    """Print "How far to trust these figures": the evaluation of the extractors behind a notebook
    (``metrics``: metric key -> what it measures), then what a reader should not conclude.

    The figures are the cross-validated ones that ``make evaluate`` stores in the package
    (``data/evaluation_cv.json``, mean ± sd over folds) when present, else :data:`REFERENCE`.
    """
    import json
    from importlib.resources import files

    stored = files("syrianews") / "data" / "evaluation_cv.json"
    cv = None
    if stored.is_file():
        cv = json.loads(stored.read_text(encoding="utf-8")).get("cross_validated")
    if not metrics:
        print("No extractor is behind these figures; the intervals are sampling intervals over articles. Do not conclude:")
        for c in caveats:
            print(f"  - {c}")
        return
    if cv:
        print(f"Extraction quality, cross-validated on the annotated articles ({cv.get('folds', '?')} folds, mean ± sd):")
    else:
        print("Extraction quality on the 90 annotated gold_dev articles (not cross-validated; "
              "`make evaluate` stores cross-validated figures):")
    for key, what in metrics.items():
        if cv and key in cv:
            v = cv[key]
            if "precision" in v:
                text = (f"precision {v['precision']['mean']:.2f} ± {v['precision']['sd']:.2f}, "
                        f"recall {v['recall']['mean']:.2f} ± {v['recall']['sd']:.2f}")
            else:
                text = f"{v['mean']:.2f} ± {v['sd']:.2f}"
        else:
            text = REFERENCE.get(key, "not measured")
        print(f"  {what}: {text}")
    print("The intervals in the figures are sampling intervals over articles: they do not include these "
          "extraction errors. Do not conclude:")
    for c in caveats:
        print(f"  - {c}")
