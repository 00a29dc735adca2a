"""One-to-one maximum matching between gold items and system items.

Notes
-----
Each gold item lists its candidate system items best first. Augmenting paths (Kuhn's
algorithm) give a maximum matching; because gold items are taken in order and each tries its
candidates in preference order, ties go to the preferred candidate, and the result depends only
on the order of the input, which the callers sort.
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

__all__ = ["max_matching"]

G = TypeVar("G", bound=Hashable)
S = TypeVar("S", bound=Hashable)


def max_matching(candidates: Mapping[G, Sequence[S]]) -> dict[G, S]:
    """A maximum one-to-one matching of gold keys to system items.

    Parameters
    ----------
    candidates
        For each gold key (in the order to process them), its acceptable system items, best first.

    Returns
    -------
    dict
        Gold key -> the system item it is matched to (unmatched gold keys are absent).
    """
    holder: dict[S, G] = {}

    def assign(gold: G, visited: set[S]) -> bool:
        for item in candidates[gold]:
            if item in visited:
                continue
            visited.add(item)
            if item not in holder or assign(holder[item], visited):
                holder[item] = gold
                return True
        return False

    for gold in candidates:
        assign(gold, set())
    return {gold: item for item, gold in holder.items()}
