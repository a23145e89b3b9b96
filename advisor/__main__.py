"""`python -m advisor …` runs the command line (`advisor/cli/`)."""

import sys

from advisor.cli import main

sys.exit(main())
