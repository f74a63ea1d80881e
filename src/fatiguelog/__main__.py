"""`python -m fatiguelog`."""

from fatiguelog.cli import main

raise SystemExit(main())
