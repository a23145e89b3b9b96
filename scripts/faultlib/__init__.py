"""The cases of the fault matrix (scripts/faults.py), one module per category or two.

Importing the package registers every case in `common.CASES`. The imports below are in the order of the
matrix: it is the order in which the cases run and the categories are counted, so keep it.
"""

# isort: off
from . import common, pii_csv, export, build, index, cli, feedback

# isort: on

__all__ = ["build", "cli", "common", "export", "feedback", "index", "pii_csv"]
