"""Issue 13's "Why", point by point: a question is declared in one place, and everything that
names it (the check-in built at import, the merge message) follows that one declaration.

The source scan reads fatiguelog's own code the way its next maintainer would: a literal list
naming the built-in symptoms together anywhere but `vocabulary.py` is a second list to keep in
step by hand, the thing the issue complains about.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import fatiguelog
from fatiguelog import vocabulary
from fatiguelog.merge import merge_docs
from fatiguelog.vocabulary import Question

SOURCE = Path(fatiguelog.__file__).parent

#: A fifth built-in symptom declared in the registry, in a fresh process, before anything
#: that builds the check-in is imported; then the full check-in is built and answered.
FIFTH_BEFORE_IMPORT = """
import json
from datetime import date
from fatiguelog import vocabulary
fifth = vocabulary.Question(("symptoms", "sore_throat"), "rating", "Sore throat", chart=True)
vocabulary.QUESTIONS = (*vocabulary.QUESTIONS, fifth)
vocabulary.BUILT_IN = vocabulary.Vocabulary(vocabulary.QUESTIONS)
import fatiguelog.cli
import fatiguelog.ui.screens.checkin
from fatiguelog import checkin
from fatiguelog.model import Entry
from fatiguelog.settings import Settings
steps = checkin.steps_for(Settings())
entry = checkin.apply_answers(Entry.new(date(2026, 11, 25)), {"sore_throat": 4})
print(json.dumps({"ids": [s.id for s in steps], "symptoms": entry.doc["symptoms"]}))
"""


# Why 13 "a four-name tuple unpack in checkin.py that raises at import when a fifth symptom is
# added": fails at BASE (no registry; ported: a fifth Rating in model.SYMPTOM_RATINGS raises
# ValueError at `import fatiguelog.checkin`).
def test_a_fifth_built_in_symptom_declared_before_import_is_asked() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIFTH_BEFORE_IMPORT], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    ids = said["ids"]
    symptoms = [q.step_id for q in vocabulary.QUESTIONS if q.section == "symptoms"]
    # Asked after the four built-in symptoms (and the crash question), in the registry's order.
    assert ids[ids.index(symptoms[0]) : ids.index("sore_throat") + 1] == [*symptoms, "sore_throat"]
    assert said["symptoms"] == {"sore_throat": 4}


# -- the built-in questions are listed in one module ------------------------------------------

#: The four symptoms the issue names; a literal naming three or more of them is a list of the
#: questions. (Two named together is a choice about those two, e.g. fatigue and PEM drawn on
#: one chart, and is not counted.)
SYMPTOMS = {"fatigue", "pem", "pain", "brain_fog"}
#: Writes example diaries: its entries' `[symptoms]` tables are answers, not a list of questions.
ANSWERS_NOT_QUESTIONS = {"demo_history.py"}


def _lists_of_symptoms() -> Iterator[str]:
    for path in sorted(SOURCE.rglob("*.py")):
        rel = path.relative_to(SOURCE).as_posix()
        if rel == "vocabulary.py" or rel in ANSWERS_NOT_QUESTIONS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
                named = {
                    n.value
                    for n in ast.walk(node)
                    if isinstance(n, ast.Constant) and n.value in SYMPTOMS
                }
                if len(named) >= 3:
                    yield f"{rel}:{node.lineno} {sorted(named)}"


# Why 13 "the code lists each question in six places (model.SYMPTOM_RATINGS, ...,
# analysis/days.RATING_PATHS whose absence raises KeyError in summary_of, analysis/series.LABELS,
# ...)": fails at BASE (model.py:36 and :337, analysis/days.py:23, analysis/series.py:13 and :27,
# importers/targets.py:45 and :72).
def test_only_the_vocabulary_lists_the_built_in_symptoms() -> None:
    assert list(_lists_of_symptoms()) == []


def test_the_scan_sees_a_list_of_the_symptoms() -> None:
    """The scan above can fail: it finds the vocabulary's own list when not told to skip it."""
    tree = ast.parse((SOURCE / "vocabulary.py").read_text(encoding="utf-8"))
    found = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Tuple)
        and len({n.value for n in ast.walk(node) if isinstance(n, ast.Constant)} & SYMPTOMS) >= 3
    ]
    assert found


# -- a declared question is named in a merge --------------------------------------------------

#: A throwaway yes/no question: before the registry, a question that is not a 0-10 rating had
#: its name in merge messages only if someone also added it to merge._LABELS by hand.
SORE_THROAT_TODAY = Question(("symptoms", "sore_throat"), "yesno", "Sore throat today")


@pytest.fixture
def one_more_question(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The registry with one more built-in question, declared once, as a maintainer would."""
    monkeypatch.setattr(
        vocabulary, "BUILT_IN", vocabulary.Vocabulary((*vocabulary.QUESTIONS, SORE_THROAT_TODAY))
    )
    vocabulary._with.cache_clear()
    yield
    vocabulary._with.cache_clear()


# Why 13 "merge._LABELS" (one of the six places): fails at BASE (no registry; ported: with no
# place to declare a yes/no question but merge._LABELS, it is said as "symptoms.sore_throat").
def test_a_merge_names_a_question_declared_once(one_more_question: None) -> None:
    base = {"symptoms": {"fatigue": 3}}
    mine = {"symptoms": {"fatigue": 3, "sore_throat": True}}
    disk = {"symptoms": {"fatigue": 3, "sore_throat": False}}
    both = merge_docs(base, mine, disk)
    assert both.both_changed == ["sore throat today (elsewhere: no)"]
    assert "Changed in both places, yours kept: sore throat today (elsewhere: no)." in (
        both.summary()
    )
    theirs = merge_docs(base, {"symptoms": {"fatigue": 5}}, disk)
    assert theirs.from_disk == ["sore throat today changed elsewhere"]
    assert theirs.doc["symptoms"] == {"fatigue": 5, "sore_throat": False}
