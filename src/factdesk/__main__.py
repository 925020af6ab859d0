"""``python -m factdesk``: the command line."""

import sys

from factdesk.cli import main

sys.exit(main())
