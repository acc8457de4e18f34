"""Analysis helpers of the notebooks: the Syria selection, valid measures, bootstrap intervals.

The notebooks only load, call these and plot; the logic lives here, tested in
``tests/test_analysis.py``.
"""
from . import bootstrap, context, estimates, measures, selection  # noqa: F401
