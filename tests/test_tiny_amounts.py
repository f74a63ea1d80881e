"""An amount too small to show is refused (issue 11, outside test after the cache redesign,
point 9).

Why: "Tiny doses shown as zero: `log dose kratom 0.0000000000000000001 g` accepted (hand-edited
5e-324 passes check); timeline "0-2 g a day (usually 0)"."
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fatiguelog.records import InputError, read_amount
from fatiguelog.validate import entry_issues
from fatiguelog.wording import amount_number
from tests.factories import put_entry

TOO_SMALL = "would show as 0"


@pytest.mark.parametrize("typed", ["0.0000000000000000001", "0,0000000000001", "0.001", "0.004"])
def test_an_amount_that_would_show_as_0_is_refused(typed: str) -> None:
    with pytest.raises(InputError, match=TOO_SMALL):
        read_amount(typed)


@pytest.mark.parametrize("typed", ["0.01", "0.25", "2"])
def test_the_smallest_amount_that_shows_is_accepted(typed: str) -> None:
    assert amount_number(read_amount(typed)) != "0"


def test_log_dose_refuses_it_and_writes_nothing(cli, data_dir: Path) -> None:
    result = cli("log", "dose", "kratom", "0.0000000000000000001", "g")
    assert result.code != 0
    assert TOO_SMALL in result.err
    assert not (data_dir / "entries").exists()


def test_a_hand_edited_tiny_amount_is_a_problem_of_its_file(cli, data_dir: Path) -> None:
    put_entry(
        data_dir,
        date(2026, 11, 20),
        'schema = 1\ndate = 2026-11-20\n[[intake]]\nsubstance = "kratom"\n'
        'amount = 5e-324\nunit = "g"\n',
    )
    result = cli("check")
    assert result.code == 1
    assert "2026-11-20.toml:5: dose 1: amount" in result.out and TOO_SMALL in result.out


def test_validation_keeps_a_small_amount_that_shows() -> None:
    from datetime import date

    doc = {
        "schema": 1,
        "date": date(2026, 11, 20),
        "intake": [{"substance": "kratom", "amount": 0.01, "unit": "g"}],
    }
    assert entry_issues(doc, date(2026, 11, 20)) == []


def test_import_refuses_it() -> None:
    from datetime import date

    from fatiguelog.importers.core import NotUnderstood, Reading, Rule, _dose

    reading = Reading(date(2026, 11, 20), "Kratom", "0.0000001 g", 2, name="kratom")
    with pytest.raises(NotUnderstood, match=TOO_SMALL):
        _dose(Rule(target=None, substance="kratom"), reading)  # type: ignore[arg-type]
