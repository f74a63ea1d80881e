"""The built-in substance classes (flags.md v2): names matched case-insensitively, ignoring
spaces, hyphens and release suffixes; anything else is "not classified", never "no"."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fatiguelog.substances import LAXATIVES, OPIOIDS, builtin_class, class_words


@pytest.mark.parametrize(
    "name",
    [
        *OPIOIDS,
        "Kratom",
        "KRATOM",
        "7-OH",
        "7 oh",
        "Codeine",
        "Oxycodone ER",
        "oxycodone extended-release",
        "Tramadol XL",
        "tramadol 50 mg",
        "Morphine sulfate modified release",
        "kratom leaf powder",
        "Buprenorphine patch",
        "Meperidine",
        "codeine phosphate 30mg tablets",
    ],
)
def test_opioids(name):
    assert builtin_class(name) == "opioid"


@pytest.mark.parametrize(
    "name",
    [
        *LAXATIVES,
        "Senna",
        "sennosides",
        "PEG-3350",
        "peg 3350",
        "Movicol",
        "MiraLAX",
        "Glycerin suppository",
        "sodium picosulfate",
        "Lactulose solution",
        "Docusate sodium",
    ],
)
def test_laxatives(name):
    assert builtin_class(name) == "laxative"


@pytest.mark.parametrize(
    "name", ["coffee", "magnesium", "ER", "XL", "tablets", "", "paracetamol", "glycerol", "PEG"]
)
def test_anything_else_is_not_classified(name):
    assert builtin_class(name) is None
    assert class_words(builtin_class(name)) == "not classified"


def test_class_words_never_say_no():
    assert [class_words(k) for k in ("opioid", "laxative", "other", None)] == [
        "opioid",
        "laxative",
        "other",
        "not classified",
    ]


def test_the_table_imports_without_textual_or_rich():
    code = (
        "import sys, fatiguelog.substances\n"
        "print(any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# Review of issue 10, item 7: common UK brand names and combination products were "not
# classified", so co-codamol 2 -> 8 tablets a day then constipation raised no timing flag.
@pytest.mark.parametrize(
    ("name", "klass"),
    [
        ("co-codamol 30/500", "opioid"),
        ("Co-codamol 8/500 effervescent", "opioid"),
        ("Co-dydramol", "opioid"),
        ("Codeine linctus", "opioid"),
        ("OxyContin", "opioid"),
        ("Oramorph", "opioid"),
        ("Oramorph oral solution", "opioid"),
        ("Zomorph", "opioid"),
        ("MST Continus", "opioid"),
        ("Butrans", "opioid"),
        ("Butrans patch", "opioid"),
        ("Nurofen Plus", "opioid"),
        ("Solpadeine Plus", "opioid"),
        ("Tramacet", "opioid"),
        ("Imodium", "opioid"),
        ("Dulcolax", "laxative"),
        ("Laxido", "laxative"),
        ("Laxido Orange", "laxative"),
        ("Movicol Paediatric", "laxative"),
        ("Movicol Paediatric Plain", "laxative"),
        ("Senokot", "laxative"),
        ("Phillips' Milk of Magnesia", "laxative"),
        ("glycerol suppositories", "laxative"),
        ("bisacodyl suppository", "laxative"),
        ("phosphate enema", "laxative"),
    ],
)
def test_brands_and_combination_products_of_a_listed_ingredient(name, klass):
    assert builtin_class(name) == klass


@pytest.mark.parametrize(
    "name",
    [
        "Fybogel",
        "Fybogel Orange",
        "Ispaghula husk",
        "Celevac",
        "Normacol",
        "Nurofen",
        "Solpadeine Headache",
        "Resolor",
        "Moventig",
        "Gabapentin",
        "Amitriptyline",
        "Ondansetron",
        "paracetamol",
        "ibuprofen",
    ],
)
def test_products_without_a_listed_ingredient_stay_not_classified(name):
    """Bulk-forming laxatives (ispaghula, methylcellulose, sterculia) are not a listed class;
    a brand whose range has products without the ingredient is not an alias."""
    assert builtin_class(name) is None


def test_every_alias_names_a_listed_ingredient():
    from fatiguelog.substances import ALIASES

    listed = {name.casefold() for name in (*OPIOIDS, *LAXATIVES)}
    assert all(ingredient.casefold() in listed for ingredient in ALIASES.values())
