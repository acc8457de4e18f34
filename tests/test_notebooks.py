"""The analysis notebooks run top to bottom on any build, and their figures render Arabic.

Every notebook is executed headless (nbclient, python3 kernel) against the one-article sample
build and against the SaudiNewsNet build; any cell error fails the test and names the cell.
The font tests check what the eye checks on the PNGs: the shipped font is the one used, it
has the glyphs, and matplotlib shapes (joins) and orders Arabic right-to-left by itself.
"""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("nbclient")
pytest.importorskip("jupytext")
matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from syrianews import notebooks, plotting  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = ["01_corpus_overview", "02_actor_coverage", "03_voices", "04_accusations", "05_related_links"]


def test_notebooks_are_found_in_order_as_percent_scripts():
    found = notebooks.find_notebooks(NOTEBOOKS)
    assert [p.stem for p in found] == EXPECTED
    for path in found:
        nb = notebooks.read_notebook(path)
        assert nb.cells[0].cell_type == "markdown" and "**Question:**" in nb.cells[0].source, path.name
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "syrianews.load" in code or "plotting.load_columns" in code, path.name
        assert "plotting.save(" in code, path.name
        assert not any(c.get("outputs") for c in nb.cells), f"{path.name} keeps outputs"


def _run_all(build: Path, figures: Path) -> list[str]:
    results = notebooks.run_all(NOTEBOOKS, data=build, figures=figures)
    assert [r.notebook.stem for r in results] == EXPECTED
    return sorted(p.name for p in figures.glob("*.png"))


def test_every_notebook_runs_on_the_sample(sample_build, tmp_path):
    """The one-article build: no cell may fail; figures that need more data are skipped."""
    pngs = _run_all(sample_build, tmp_path)
    assert "01_overview_outlets.png" in pngs
    assert "01_overview_over_time.png" not in pngs  # one article cannot make a time series


@pytest.mark.corpus
def test_every_notebook_runs_on_the_corpus(corpus_build, tmp_path):
    import syrianews

    pngs = _run_all(corpus_build, tmp_path)
    for name in ["outlets", "over_time", "lengths", "rejects"]:
        assert f"01_overview_{name}.png" in pngs
    # where the build has the extractor tables, the main figures must be drawn, not skipped
    expected = {"mentions": ["02_actors_top_actors.png", "02_actors_co_mentions.png", "02_actors_prominence.png"],
                "quotes": ["03_voices_voices.png", "03_voices_voice_gap.png", "03_voices_direct.png", "03_voices_verbs.png"],
                "accusations": ["04_accusations_pairs.png", "04_accusations_network.png", "04_accusations_answers.png"]}
    for table, figures in expected.items():
        if len(syrianews.load(table, corpus_build, columns=["article_id"])) > 1000:
            assert set(figures) <= set(pngs), (table, sorted(set(figures) - set(pngs)))
    for png in pngs:
        assert (tmp_path / png).stat().st_size > 5_000, png


def _write_notebook(folder: Path, name: str, cells: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n\n".join(f"# %%\n{c}" for c in cells) + "\n", encoding="utf-8")
    return path


def test_runner_names_the_failing_notebook_and_cell(tmp_path, sample_build, capsys):
    folder = tmp_path / "nbs"
    _write_notebook(folder, "01_ok.py", ["x = 1"])
    _write_notebook(folder, "02_bad.py", ["y = 2", "raise ValueError('broken on purpose')"])
    with pytest.raises(notebooks.NotebookError) as err:
        notebooks.run_notebook(folder / "02_bad.py", data=sample_build, figures=tmp_path / "fig")
    assert err.value.cell == 1 and "broken on purpose" in err.value.error
    code = notebooks.main(["run", "--dir", str(folder), "--data", str(sample_build), "--figures", str(tmp_path / "fig")])
    assert code == 1
    out = capsys.readouterr()
    assert "ok   01_ok.py" in out.out and "02_bad.py: cell 1 failed" in out.err


def test_runner_passes_the_build_and_figure_folder_to_the_kernel(tmp_path, sample_build):
    folder = tmp_path / "nbs"
    check = (
        "import os, syrianews\n"
        f"assert os.environ['SYRIANEWS_DATA'] == {str(Path(sample_build).resolve())!r}\n"
        "assert len(syrianews.load('articles')) == 1\n"
        "open(os.path.join(os.environ['SYRIANEWS_FIGURES'], 'seen.txt'), 'w').write('ok')"
    )
    _write_notebook(folder, "01_env.py", [f"import os; os.makedirs(os.environ['SYRIANEWS_FIGURES'], exist_ok=True)\n{check}"])
    notebooks.run_notebook(folder / "01_env.py", data=sample_build, figures=tmp_path / "fig")
    assert (tmp_path / "fig" / "seen.txt").read_text() == "ok"


def test_runner_refuses_a_missing_build(tmp_path, capsys):
    assert notebooks.main(["run", "--dir", str(NOTEBOOKS), "--data", str(tmp_path / "nothing")]) == 2
    assert "no build" in capsys.readouterr().err


# --- Arabic in figures -------------------------------------------------------------------

@pytest.fixture(scope="module")
def arabic_font():
    plotting.setup()
    from matplotlib import font_manager

    return font_manager.get_font(str(plotting.arabic_font_path()))


def test_figures_use_the_shipped_arabic_font():
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    plotting.setup()
    used = font_manager.findfont(font_manager.FontProperties(family=plt.rcParams["font.family"]), fallback_to_default=False)
    assert Path(used) == plotting.arabic_font_path()
    assert "site-packages" in used or "dist-packages" in used or "fontpkg" in used  # from the wheel, not the system


def test_font_has_every_arabic_letter_of_the_actor_names(arabic_font):
    """No tofu: every Arabic character of the catalogue's names maps to a real glyph."""
    import pandas as pd
    from importlib.resources import files

    names = "النظام السوري روسيا الولايات المتحدة إيران تنظيم الدولة الإسلامية هيئة تحرير الشام ؤئءآةى"
    catalogue = files("syrianews") / "data" / "actors.csv"
    if catalogue.is_file():
        names += " ".join(pd.read_csv(catalogue)["name_ar"].dropna())
    arabic = {c for c in names if "\u0600" <= c <= "\u06ff" and c not in "\u0640"}
    missing = sorted(c for c in arabic if arabic_font.get_char_index(ord(c)) == 0)
    assert not missing, f"no glyph for {missing}"


def test_matplotlib_joins_arabic_letters(arabic_font):
    """Shaped text: three joined beh are much narrower than three isolated ones."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(fname=str(plotting.arabic_font_path()), size=20)
    one = text_to_path.get_text_width_height_descent("ب", prop, ismath=False)[0]
    three = text_to_path.get_text_width_height_descent("ببب", prop, ismath=False)[0]
    assert three < 0.75 * 3 * one


def test_matplotlib_sets_arabic_right_to_left(arabic_font):
    """Logical order د ا ر (non-joining letters, so their glyphs are the plain ones) must be
    drawn right to left: ر leftmost, د rightmost. Pre-shaped/reversed strings would fail."""
    from matplotlib.textpath import text_to_path

    arabic_font.set_size(20, 72)
    glyphs, _, _ = text_to_path.get_glyphs_with_font(arabic_font, "دار")
    xs = {int(key.rsplit("-", 1)[1], 16): x for key, x, _, _ in glyphs}
    d, alef, r = (arabic_font.get_char_index(ord(c)) for c in "دار")
    assert xs[r] < xs[alef] < xs[d]


def test_figures_go_to_the_folder_named_by_the_environment(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    monkeypatch.setenv("SYRIANEWS_FIGURES", str(tmp_path / "figs"))
    plotting.setup()
    fig, ax = plt.subplots()
    ax.set_title(plotting.bilingual("Articles", "مقالات"))
    path = plotting.save(fig, "99_test", "title")
    assert path == tmp_path / "figs" / "99_test_title.png" and path.stat().st_size > 1000
    plt.close(fig)


def test_actor_labels_prefer_english_and_keep_arabic_whole():
    import pandas as pd

    actors = pd.DataFrame(
        {"actor_id": ["SYR_GOV", "X"], "name_en": ["Syrian government (Assad regime)", None], "name_ar": ["النظام السوري", "فاعل"]}
    )
    assert plotting.actor_names(actors) == {"SYR_GOV": "Syrian government", "X": "فاعل"}
    assert plotting.actor_names(actors, "both")["SYR_GOV"] == "Syrian government · النظام السوري"
    assert plotting.actor_names(actors, "ar")["SYR_GOV"] == "النظام السوري"
    renamed = pd.DataFrame({"actor_id": ["HTS"], "name_en": ["Hayat Tahrir al-Sham / Nusra Front"], "name_ar": ["هيئة تحرير الشام"]})
    assert "Nusra Front" in plotting.actor_names(renamed, "both")["HTS"]  # both names of the period survive


def test_long_actor_labels_are_cut_after_a_whole_word():
    """A cut mid-word left a lone ا before the ellipsis, which bidi sets at the label's far end."""
    import pandas as pd

    actors = pd.DataFrame({"actor_id": ["SOHR"], "name_en": ["Syrian Observatory for Human Rights"],
                           "name_ar": ["المرصد السوري لحقوق الإنسان"]})
    assert plotting.actor_names(actors, "both")["SOHR"] == "Syrian Observatory for Human Rights · المرصد السوري لحقوق…"
    assert plotting.actor_names(actors, "ar")["SOHR"] == "المرصد السوري لحقوق الإنسان"  # fits: not cut
    one_word = pd.DataFrame({"actor_id": ["L"], "name_en": ["x" * 40], "name_ar": [None]})
    assert plotting.actor_names(one_word)["L"] == "x" * 33 + "…"  # no word boundary: cut at the limit


def test_enough_prints_why_a_figure_is_skipped(capsys):
    assert plotting.enough(3, 2, "actors")
    assert not plotting.enough(1, 2, "actors")
    assert "Not enough data for this figure: actors (have 1, need at least 2)" in capsys.readouterr().out


def test_report_writes_a_readable_html_page_with_its_figures(sample_build, tmp_path):
    """`make report`: the executed notebook as HTML with the figures embedded, PNGs beside it."""
    done = notebooks.report(NOTEBOOKS, data=sample_build, out=tmp_path, only=["01_corpus"])
    assert [html.name for _, html in done] == ["01_corpus_overview.html"]
    page = (tmp_path / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "Syria subset:" in page and "data:image/png;base64," in page
    assert "Traceback" not in page
    assert (tmp_path / "figures" / "01_overview_outlets.png").stat().st_size > 5_000



def test_readme_figures_are_produced_by_the_notebooks():
    """The README's images are figures that the notebooks save (so `make report` refreshes them)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sources = [p.read_text(encoding="utf-8") for p in NOTEBOOKS.glob("*.py")]
    for name in notebooks.README_FIGURES:
        assert f"docs/figures/{name}" in readme, name
        assert (ROOT / "docs" / "figures" / name).is_file(), name
        parts = name.removesuffix(".png").split("_")
        nb, fig = "_".join(parts[:2]), "_".join(parts[2:])
        assert any(f'NB = "{nb}"' in src and f'plotting.save(fig, NB, "{fig}")' in src for src in sources), name
