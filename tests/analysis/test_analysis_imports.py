"""The analysis (and the demo generator) must import without Textual: exports stay fast."""

from __future__ import annotations

import subprocess
import sys


def test_analysis_imports_without_textual():
    code = (
        "import sys\n"
        "import fatiguelog.analysis.build, fatiguelog.demo_history, fatiguelog.cli.trends\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
