"""The built-in substance classes of flags.md (version 2): which names are opioids or laxatives.

The table only classifies a name; it never says what the user takes (no substance is pre-listed
as "yours"). A user's `class` in settings wins over it. Names are matched case-insensitively,
ignoring spaces, hyphens, dots and release suffixes ("Oxycodone ER", "tramadol extended-release"
and "TRAMADOL" are all tramadol). A name in neither list is *not classified*, never "no".
Pure: no Textual, no Rich (`fatiguelog log` and the exports import it).
"""

from __future__ import annotations

import re
from typing import Final

CLASSES: Final = ("opioid", "laxative", "other")
NOT_CLASSIFIED: Final = "not classified"

#: Names as flags.md lists them (synonyms in parentheses there are names of their own here).
OPIOIDS: Final = (
    "kratom", "mitragynine", "7-hydroxymitragynine", "7-OH", "codeine", "dihydrocodeine",
    "tramadol", "tapentadol", "morphine", "oxycodone", "hydrocodone", "hydromorphone",
    "oxymorphone", "fentanyl", "buprenorphine", "methadone", "pethidine", "meperidine",
    "loperamide", "diphenoxylate", "opium", "heroin",
)
LAXATIVES: Final = (
    "senna", "sennosides", "bisacodyl", "sodium picosulfate", "macrogol",
    "polyethylene glycol", "PEG 3350", "Movicol", "MiraLAX", "lactulose", "docusate",
    "magnesium hydroxide", "glycerol suppository", "glycerin suppository", "enema",
)

#: Words at the end of a product name that say how it is made, dosed or released, not what
#: it is.
_SUFFIX_WORDS: Final = frozenset({
    "er", "xr", "xl", "sr", "cr", "la", "mr", "ir", "cd", "retard", "continus", "depot",
    "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "caps", "powder", "leaf",
    "extract", "liquid", "syrup", "solution", "oral", "drops", "patch", "patches", "mg", "g",
    "mcg", "ug", "ml",
    # salts: "codeine phosphate", "morphine sulfate", "docusate sodium"
    "sulfate", "sulphate", "hydrochloride", "hcl", "phosphate", "tartrate", "bitartrate",
    "citrate", "sodium",
})
_SUFFIX_PHRASES: Final = tuple(
    tuple(phrase.split()) for phrase in (
        "extended release", "modified release", "prolonged release", "controlled release",
        "sustained release", "slow release", "immediate release", "delayed release",
        "long acting", "short acting", "oral solution",
    )
)
_DOSE = re.compile(r"^\d+(?:\.\d+)?(?:mg|g|mcg|µg|ug|ml)?$")
_SPLIT = re.compile(r"[\s\-_.,/()]+")


def _words(name: str) -> list[str]:
    return [w for w in _SPLIT.split(name.casefold()) if w]


def normalize(name: str) -> str:
    """A name without case, spaces or hyphens: the key the table is matched on."""
    return "".join(_words(name))


def _without_suffix(words: list[str]) -> list[str] | None:
    """`words` less one trailing suffix (a release phrase or word, a form, a dose), or None."""
    for phrase in _SUFFIX_PHRASES:
        if len(words) > len(phrase) and tuple(words[-len(phrase):]) == phrase:
            return words[:-len(phrase)]
    if len(words) > 1 and (words[-1] in _SUFFIX_WORDS or _DOSE.match(words[-1])):
        return words[:-1]
    return None


_TABLE: Final[dict[str, str]] = {
    **{normalize(name): "laxative" for name in LAXATIVES},
    **{normalize(name): "opioid" for name in OPIOIDS},
}


def builtin_class(name: str) -> str | None:
    """`opioid` or `laxative` when the built-in table knows the name, else None.

    The whole name is tried first ("PEG 3350"), then without its suffixes one at a time
    ("Oxycodone 10 mg extended-release tablets" -> "oxycodone")."""
    words: list[str] | None = _words(name)
    while words:
        found = _TABLE.get("".join(words))
        if found is not None:
            return found
        words = _without_suffix(words)
    return None


def class_words(klass: str | None) -> str:
    """A class as every view shows it: the class, or "not classified" (never "no")."""
    return klass if klass in CLASSES else NOT_CLASSIFIED


__all__ = ["CLASSES", "LAXATIVES", "NOT_CLASSIFIED", "OPIOIDS", "builtin_class", "class_words",
           "normalize"]
