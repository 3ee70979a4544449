"""`python -m reader` is the same command as `reader`."""

import sys

from reader.cli.main import main

sys.exit(main())
