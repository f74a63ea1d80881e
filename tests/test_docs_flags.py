"""docs/flags.md matches the code: every rule with its level and window, every citation, and
the README names every alarm symptom the app knows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fatiguelog.analysis import rules
from fatiguelog.model import RED_ADVICE, RED_FLAGS, URGENT_RED_FLAGS

ROOT = Path(__file__).resolve().parent.parent
DOCS = (ROOT / "docs" / "flags.md").read_text(encoding="utf-8")
LEVELS = {"urgent": "**urgent**", "warn": "warning", "info": "note"}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def table_row(rule_id: str) -> list[str]:
    row = next(line for line in DOCS.splitlines() if line.startswith(f"| `{rule_id}` |"))
    return [cell.strip() for cell in row.strip("|").split("|")]


@pytest.mark.parametrize("info", rules.all_infos(), ids=lambda info: info.id)
def test_every_rule_is_in_the_table_with_its_level_and_window(info):
    key = info.id.removeprefix("red.")
    rule_id = "red.<key>" if key in URGENT_RED_FLAGS else info.id
    cells = table_row(rule_id)
    assert cells[1] == LEVELS[info.level]
    assert cells[2] == str(info.window)


@pytest.mark.parametrize("citation", [rules.ROME_IV, rules.LEWIS_HEATON, rules.CHEY, rules.SINGH])
def test_every_citation_is_given_in_full(citation):
    assert flat(citation.removesuffix(".").replace(" (Rome IV)", "")) in flat(DOCS)


def test_the_graded_advice_is_quoted_exactly():
    for key in RED_FLAGS:
        assert flat(RED_ADVICE[key]) in flat(DOCS)


def test_the_substance_table_is_the_one_in_the_code():
    from fatiguelog.substances import LAXATIVES, OPIOIDS

    docs = flat(DOCS).lower()
    for name in (*OPIOIDS, *LAXATIVES):  # "glycerol (glycerin) suppository": word by word
        assert all(word in docs for word in name.lower().split()), name


def test_the_readme_names_every_alarm_symptom():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    readme = flat(re.sub(r"\n>\s*", " ", text)).lower()
    sentence = readme[readme.index("fatiguelog is not a doctor") :]
    sentence = sentence[: sentence.index("## ")]
    words = {
        "blood_in_stool": "blood in your stool",
        "black_stool": "black or tarry stool",
        "severe_abdominal_pain": "severe stomach pain",
        "vomiting": "vomiting",
        "no_stool_no_gas": "no stool and no gas with a swollen belly",
        "fever": "fever",
        "unintended_weight_loss": "weight loss without trying",
    }
    assert set(words) == set(RED_FLAGS)
    for phrase in words.values():
        assert phrase in sentence, phrase


def test_every_brand_name_and_combination_product_is_documented():
    """Review of issue 10, item 7: the aliases the table adds are listed in docs/flags.md."""
    from fatiguelog.substances import ALIASES

    docs = flat(DOCS).lower()
    for alias, ingredient in ALIASES.items():
        assert alias.lower() in docs, alias
        assert ingredient.lower() in docs, ingredient
