"""The built-in substance classes of flags.md (version 2): which names are opioids or laxatives.

The table only classifies a name; it never says what the user takes (no substance is pre-listed
as "yours"). A user's `class` in settings wins over it. Names are matched case-insensitively,
ignoring spaces, hyphens, dots and release suffixes ("Oxycodone ER", "tramadol extended-release"
and "TRAMADOL" are all tramadol). A name in neither list is *not classified*, never "no".

flags.md lists ingredients (and a few brands). A product that contains a listed ingredient is
of that ingredient's class, so `ALIASES` adds the brand names and combination products people
actually write ("co-codamol", "OxyContin", "Laxido"): each names the listed ingredient it
contains, and docs/flags.md lists every one. A name that only *may* contain one ("Solpadeine
Headache" has no codeine) is not an alias: unknown stays "not classified".
Pure: no Textual, no Rich (`fatiguelog log` and the exports import it).
"""

from __future__ import annotations

import re
from typing import Final

CLASSES: Final = ("opioid", "laxative", "other")
NOT_CLASSIFIED: Final = "not classified"

#: Names as flags.md lists them (synonyms in parentheses there are names of their own here).
OPIOIDS: Final = (
    "kratom",
    "mitragynine",
    "7-hydroxymitragynine",
    "7-OH",
    "codeine",
    "dihydrocodeine",
    "tramadol",
    "tapentadol",
    "morphine",
    "oxycodone",
    "hydrocodone",
    "hydromorphone",
    "oxymorphone",
    "fentanyl",
    "buprenorphine",
    "methadone",
    "pethidine",
    "meperidine",
    "loperamide",
    "diphenoxylate",
    "opium",
    "heroin",
)
LAXATIVES: Final = (
    "senna",
    "sennosides",
    "bisacodyl",
    "sodium picosulfate",
    "macrogol",
    "polyethylene glycol",
    "PEG 3350",
    "Movicol",
    "MiraLAX",
    "lactulose",
    "docusate",
    "magnesium hydroxide",
    "glycerol suppository",
    "glycerin suppository",
    "enema",
)

#: Brand names and combination products -> the listed ingredient they contain (flags.md: a
#: product that contains a listed ingredient is of its class). Keep docs/flags.md in step.
ALIASES: Final[dict[str, str]] = {
    # codeine
    "co-codamol": "codeine",
    "co-codaprin": "codeine",
    "codeine linctus": "codeine",
    "Solpadol": "codeine",
    "Kapake": "codeine",
    "Zapain": "codeine",
    "Tylex": "codeine",
    "Codipar": "codeine",
    "Solpadeine": "codeine",
    "Solpadeine Plus": "codeine",
    "Solpadeine Max": "codeine",
    "Nurofen Plus": "codeine",
    "Migraleve": "codeine",
    "Tylenol with codeine": "codeine",
    "Galcodine": "codeine",
    # dihydrocodeine
    "co-dydramol": "dihydrocodeine",
    "Paramol": "dihydrocodeine",
    "DF118": "dihydrocodeine",
    "DF118 Forte": "dihydrocodeine",
    "DHC Continus": "dihydrocodeine",
    # tramadol, tapentadol
    "Tramacet": "tramadol",
    "Zydol": "tramadol",
    "Zamadol": "tramadol",
    "Maxitram": "tramadol",
    "Marol": "tramadol",
    "Tramquel": "tramadol",
    "Ultram": "tramadol",
    "Ultracet": "tramadol",
    "Palexia": "tapentadol",
    "Nucynta": "tapentadol",
    # morphine
    "Oramorph": "morphine",
    "Zomorph": "morphine",
    "MST Continus": "morphine",
    "MST": "morphine",
    "Sevredol": "morphine",
    "MXL": "morphine",
    "Morphgesic": "morphine",
    # oxycodone
    "OxyContin": "oxycodone",
    "OxyNorm": "oxycodone",
    "Longtec": "oxycodone",
    "Shortec": "oxycodone",
    "Targinact": "oxycodone",
    "Percocet": "oxycodone",
    "Roxicodone": "oxycodone",
    # hydrocodone, hydromorphone
    "Vicodin": "hydrocodone",
    "Norco": "hydrocodone",
    "Zohydro": "hydrocodone",
    "Hysingla": "hydrocodone",
    "Palladone": "hydromorphone",
    "Dilaudid": "hydromorphone",
    # fentanyl
    "Durogesic": "fentanyl",
    "Matrifen": "fentanyl",
    "Abstral": "fentanyl",
    "Effentora": "fentanyl",
    "Instanyl": "fentanyl",
    "PecFent": "fentanyl",
    "Actiq": "fentanyl",
    # buprenorphine
    "Butrans": "buprenorphine",
    "Transtec": "buprenorphine",
    "Subutex": "buprenorphine",
    "Suboxone": "buprenorphine",
    "Espranor": "buprenorphine",
    "Temgesic": "buprenorphine",
    "Buvidal": "buprenorphine",
    # methadone, pethidine
    "Physeptone": "methadone",
    "Methadose": "methadone",
    "Demerol": "pethidine",
    # loperamide, diphenoxylate
    "Imodium": "loperamide",
    "Imodium Plus": "loperamide",
    "Imodium Instants": "loperamide",
    "Diareze": "loperamide",
    "Norimode": "loperamide",
    "Arret": "loperamide",
    "co-phenotrope": "diphenoxylate",
    "Lomotil": "diphenoxylate",
    # senna
    "Senokot": "senna",
    "Manevac": "senna",
    # bisacodyl, sodium picosulfate
    "Dulcolax": "bisacodyl",
    "Dulcolax Pico": "sodium picosulfate",
    "Laxoberal": "sodium picosulfate",
    "Picolax": "sodium picosulfate",
    "CitraFleet": "sodium picosulfate",
    # macrogol
    "Laxido": "macrogol",
    "CosmoCol": "macrogol",
    "Molaxole": "macrogol",
    "Molative": "macrogol",
    "Macilax": "macrogol",
    "Dulcosoft": "macrogol",
    "Klean-Prep": "macrogol",
    "Moviprep": "macrogol",
    "Plenvu": "macrogol",
    "GlycoLax": "macrogol",
    "polyethylene glycol 3350": "macrogol",
    # lactulose, docusate, magnesium hydroxide
    "Duphalac": "lactulose",
    "Lactugal": "lactulose",
    "Kristalose": "lactulose",
    "Dioctyl": "docusate",
    "Docusol": "docusate",
    "Norgalax": "docusate",
    "Colace": "docusate",
    "milk of magnesia": "magnesium hydroxide",
    "Phillips' milk of magnesia": "magnesium hydroxide",
    # glycerol suppository, enema
    "glycerol suppositories": "glycerol suppository",
    "glycerin suppositories": "glycerol suppository",
    "phosphate enema": "enema",
    "Fleet enema": "enema",
    "Cleen enema": "enema",
    "micro-enema": "enema",
    "Micralax": "enema",
    "Micolette": "enema",
    "Relaxit": "enema",
}

#: Words at the end of a product name that say how it is made, dosed or released, not what
#: it is.
_SUFFIX_WORDS: Final = frozenset(
    {
        "er",
        "xr",
        "xl",
        "sr",
        "cr",
        "la",
        "mr",
        "ir",
        "cd",
        "retard",
        "continus",
        "depot",
        "tablet",
        "tablets",
        "tab",
        "tabs",
        "capsule",
        "capsules",
        "caps",
        "powder",
        "leaf",
        "extract",
        "liquid",
        "syrup",
        "solution",
        "oral",
        "drops",
        "patch",
        "patches",
        "mg",
        "g",
        "mcg",
        "ug",
        "ml",
        # salts: "codeine phosphate", "morphine sulfate", "docusate sodium"
        "sulfate",
        "sulphate",
        "hydrochloride",
        "hcl",
        "phosphate",
        "tartrate",
        "bitartrate",
        "citrate",
        "sodium",
        # forms and flavours: "codeine linctus", "co-codamol effervescent", "Laxido orange",
        # "Movicol Paediatric Plain", "bisacodyl suppository"
        "linctus",
        "effervescent",
        "soluble",
        "dispersible",
        "caplet",
        "caplets",
        "sachet",
        "sachets",
        "suppository",
        "suppositories",
        "granules",
        "instants",
        "melt",
        "melts",
        "paediatric",
        "pediatric",
        "plain",
        "orange",
        "lemon",
        "lime",
        "chocolate",
        "unflavoured",
        "unflavored",
        "flavour",
        "flavor",
    }
)
_SUFFIX_PHRASES: Final = tuple(
    tuple(phrase.split())
    for phrase in (
        "extended release",
        "modified release",
        "prolonged release",
        "controlled release",
        "sustained release",
        "slow release",
        "immediate release",
        "delayed release",
        "long acting",
        "short acting",
        "oral solution",
    )
)
# (Patterns as text, the table built on first use: the app reads its settings, which import
# this module, before home's first frame, and needs the table only for a substance's class.)
_DOSE = r"^\d+(?:\.\d+)?(?:mg|g|mcg|µg|ug|ml)?$"
_SPLIT = r"[\s\-_.,/()'\u2019]+"  # \u2019: a typographic apostrophe


def _words(name: str) -> list[str]:
    return [w for w in re.split(_SPLIT, name.casefold()) if w]


def normalize(name: str) -> str:
    """A name without case, spaces or hyphens: the key the table is matched on."""
    return "".join(_words(name))


def _without_suffix(words: list[str]) -> list[str] | None:
    """`words` less one trailing suffix (a release phrase or word, a form, a dose), or None."""
    for phrase in _SUFFIX_PHRASES:
        if len(words) > len(phrase) and tuple(words[-len(phrase) :]) == phrase:
            return words[: -len(phrase)]
    if len(words) > 1 and (words[-1] in _SUFFIX_WORDS or re.match(_DOSE, words[-1])):
        return words[:-1]
    return None


_TABLE: dict[str, str] | None = None  # (built by `_table` on first use)


def _table() -> dict[str, str]:
    """Every listed name and alias, normalized, to its class. Built whole before it is
    published: a thread that asks meanwhile builds its own rather than reading half of it."""
    global _TABLE
    table = _TABLE
    if table is None:
        table = {normalize(name): "laxative" for name in LAXATIVES}
        table.update({normalize(name): "opioid" for name in OPIOIDS})
        table.update(
            {normalize(alias): table[normalize(listed)] for alias, listed in ALIASES.items()}
        )
        _TABLE = table
    return table


def builtin_class(name: str) -> str | None:
    """`opioid` or `laxative` when the built-in table knows the name, else None.

    The whole name is tried first ("PEG 3350"), then without its suffixes one at a time
    ("Oxycodone 10 mg extended-release tablets" -> "oxycodone")."""
    table = _table()
    words: list[str] | None = _words(name)
    while words:
        found = table.get("".join(words))
        if found is not None:
            return found
        words = _without_suffix(words)
    return None


def class_words(klass: str | None) -> str:
    """A class as every view shows it: the class, or "not classified" (never "no")."""
    return klass if klass in CLASSES else NOT_CLASSIFIED


__all__ = [
    "ALIASES",
    "CLASSES",
    "LAXATIVES",
    "NOT_CLASSIFIED",
    "OPIOIDS",
    "builtin_class",
    "class_words",
    "normalize",
]
