"""Contested claims: relations that the sources of a merged graph disagree on.

Two relations of a merged graph contest each other when they have the same type and the same
actors (source and target for a directed type, the set of participants for a symmetric one),
one is presented as fact or as a suspicion (modality class "factual" or "uncertain") and the
other as negated, and they come from different sources: different documents, or within one
document different ``attributed_to``.

    "Ukraine's intelligence service said Belarus had sent tanks to Russia."   (one article)
    "Belarus denied sending tanks to Russia."                                 (another)

give arms_transfer Belarus -> Russia, reported (attributed to Ukraine) and negated (attributed
to Belarus): one contested claim.  Plans and expectations (class "future") contest nothing: a
denied plan and a reported deal are about different things.

The links are a function of the relations alone, so they are computed where they are needed
(graph.json's ``contested_by``, the RDF's ``kg:contestedBy``, the viewer, ``kg.contested()``)
and whatever built the graph (a merge, a store, a Dask build, an RDF or JSON reader) gives the
same links for the same relations.  This module sits in the graph stage, after the merge; it
reads only :mod:`kgraph.model`.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from .model import MODALITY_CLASS, Relation

#: Modality classes of the side that affirms a claim; the other side is "negated".
CLAIM_CLASSES = ("factual", "uncertain")
DENIAL_CLASS = "negated"


def claim_key(relation: Relation) -> tuple:
    """What a claim is about: :meth:`Relation.key` without the modality (type and actors).

    Examples
    --------
    >>> claim_key(Relation("arms_transfer", "Q184", "Q159", modality="negated"))
    ('arms_transfer', 'Q184', 'Q159', ())
    """
    return relation.key()[:4]


def side_of(relation: Relation) -> str | None:
    """"claim" for a factual or uncertain relation, "denial" for a negated one, None otherwise.

    Examples
    --------
    >>> [side_of(Relation("visit", modality=m)) for m in ("suspected", "negated", "planned")]
    ['claim', 'denial', None]
    """
    modality_class = MODALITY_CLASS.get(relation.modality)
    if modality_class == DENIAL_CLASS:
        return "denial"
    return "claim" if modality_class in CLAIM_CLASSES else None


def different_sources(a: Relation, b: Relation) -> bool:
    """Whether two relations come from different sources: more than one document between them
    (one of them was read where the other was not), or a different ``attributed_to``.

    Examples
    --------
    >>> from kgraph.model import Evidence
    >>> said = Relation("arms_transfer", "Q184", "Q159", attributed_to="Q212",
    ...                 evidence=[Evidence("a", "...", 0, 10)])
    >>> denied = Relation("arms_transfer", "Q184", "Q159", modality="negated", attributed_to="Q184",
    ...                   evidence=[Evidence("a", "...", 20, 30)])
    >>> different_sources(said, denied)
    True
    """
    documents = {ev.doc for ev in a.evidence} | {ev.doc for ev in b.evidence}
    return len(documents) > 1 or a.attributed_to != b.attributed_to


def contested_pairs(relations: Sequence[Relation]) -> list[tuple[Relation, Relation]]:
    """Every (claim, denial) pair of relations that contest each other.

    Parameters
    ----------
    relations : sequence of Relation
        A merged graph's relations (one per ``Relation.key()``).

    Returns
    -------
    list of (Relation, Relation)
        The affirming relation first; ordered by the claim's place in ``relations``, then the
        denial's: a graph in canonical order gives the same list on every run.

    Examples
    --------
    >>> said = Relation("arms_transfer", "Q184", "Q159", modality="reported", attributed_to="Q212")
    >>> denied = Relation("arms_transfer", "Q184", "Q159", modality="negated", attributed_to="Q184")
    >>> [(c.modality, d.modality) for c, d in contested_pairs([denied, said])]
    [('reported', 'negated')]
    """
    denials: dict[tuple, list[Relation]] = defaultdict(list)
    for relation in relations:
        if side_of(relation) == "denial":
            denials[claim_key(relation)].append(relation)
    if not denials:
        return []
    pairs = []
    for claim in relations:
        if side_of(claim) != "claim":
            continue
        for denial in denials.get(claim_key(claim), ()):
            if different_sources(claim, denial):
                pairs.append((claim, denial))
    return pairs


def contest_links(relations: Iterable[Relation]) -> dict[str, list[str]]:
    """Relation id -> the sorted ids of the relations that contest it; uncontested ids are absent.

    The link is symmetric: the denial lists the claim and the claim the denial.

    Examples
    --------
    >>> said = Relation("arms_transfer", "Q184", "Q159", modality="reported", attributed_to="Q212")
    >>> denied = Relation("arms_transfer", "Q184", "Q159", modality="negated", attributed_to="Q184")
    >>> contest_links([said, denied]) == {said.id: [denied.id], denied.id: [said.id]}
    True
    """
    links: dict[str, set[str]] = defaultdict(set)
    for claim, denial in contested_pairs(list(relations)):
        links[claim.id].add(denial.id)
        links[denial.id].add(claim.id)
    return {id_: sorted(others) for id_, others in sorted(links.items())}
