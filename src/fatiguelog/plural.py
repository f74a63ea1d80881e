"""A count with its noun, in the singular or plural as the count says: "1 answer", "2 answers".

Never "answer(s)": a brain-fogged reader should not have to work out which one is meant. A
small module of its own (no imports), so any layer can use it; the wording module may take it
over.
"""

from __future__ import annotations


def counted(count: int, noun: str, plural: str = "") -> str:
    """`count` and `noun`: "1 answer", "0 answers", "3 copies" (`plural` for a noun that
    does not just take an s)."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


def verb(count: int, singular: str, plural: str) -> str:
    """The verb that agrees with `count`: verb(1, "is", "are") is "is"."""
    return singular if count == 1 else plural


__all__ = ["counted", "verb"]
