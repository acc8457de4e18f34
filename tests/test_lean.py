"""Worker memory hygiene (syrianews.lean): workers run without pandas, and the tables do not change."""
from __future__ import annotations

import subprocess
import sys

from syrianews.engines import LocalEngine


def _worker_state(n: int) -> tuple[bool, str, int]:
    """What a task sees in its worker: pandas imported?, Arrow's pool, a converted column."""
    import pyarrow as pa

    col = pa.array(list(range(n)))  # a Python-to-Arrow conversion: where pyarrow looks for pandas
    return "pandas" in sys.modules, pa.default_memory_pool().backend_name, len(col)


WORKERS = """
import sys
from syrianews.engines import LocalEngine

def state(n):
    import pyarrow as pa
    col = pa.array(list(range(n)))  # a Python-to-Arrow conversion: where pyarrow looks for pandas
    return "pandas" in sys.modules, pa.default_memory_pool().backend_name, len(col)

engine = LocalEngine(2)
try:
    print(engine.map(state, [(3,), (5,)]))
finally:
    engine.close()
"""


def test_local_workers_convert_to_arrow_without_importing_pandas():
    """In a fresh interpreter (this one may have imported pandas, which workers would inherit)."""
    out = subprocess.run([sys.executable, "-c", WORKERS], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[(False, 'system', 3), (False, 'system', 5)]"


def test_pandas_stays_usable_after_pyarrow_was_told_it_is_absent():
    code = (
        "import sys, pyarrow as pa; from syrianews import lean; "
        "done = lean.arrow_without_pandas(); pa.array(['x']); before = 'pandas' in sys.modules; "
        "df = pa.table({'a': [1, 2]}).to_pandas(); "
        "print(done, before, type(df).__name__, df['a'].tolist(), lean.arrow_without_pandas())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(maxsplit=3)
    assert out[:3] == ["True", "False", "DataFrame"]
    assert out[3].strip() == "[1, 2] False"  # pandas imported by then: the second call leaves pyarrow alone


def test_release_after_a_task_returns_the_result_and_keeps_errors():
    engine = LocalEngine(1)  # tasks in this process: release() runs here after each
    try:
        assert engine.map(_worker_state, [(4,)])[0][2] == 4
        try:
            engine.map(int, [("not a number",)])
        except ValueError:
            pass
        else:  # pragma: no cover - the assertion below reports it
            raise AssertionError("a task's error must reach the caller")
    finally:
        engine.close()
