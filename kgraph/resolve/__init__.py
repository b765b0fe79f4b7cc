"""Actor recognition and resolution: the mentions of one document -> canonical entities.

Resolution is a list of named sieves, :data:`SIEVES`, run in order over one shared
:class:`~kgraph.resolve.context.ResolutionContext`. Each sieve lives in the module of its
family:

========================  ==========================================================
``names``                 gazetteer names, named events, places, the statistical NER,
                          organisations by their head word; ships ("the carrier Theodore
                          Roosevelt", "aboard the Gerald R. Ford")
``namesakes``             sub-national namesakes ("Georgia Governor", "Victoria's Premier"),
                          names inside names ("the Niger Delta Avengers", "the Gulf of Guinea")
``organisations``         unknown organisations by form: "Name (ACRONYM)", a name ending in an
                          organisation word, "the M23 armed group"; companies told with their
                          state ("the Chinese firm Sinopec", "Iran-based Parsian Logistics")
``people``                names by their titles; short names to full names or office holders
``metonymy``              "the Biden administration", capitals as governments, "the North",
                          "the junta in Niger", datelines ("MOSCOW (Reuters) -") as places,
                          names two states share ("Congolese President Denis Sassou Nguesso"),
                          "Congo" decided by the text
``institutions``          "Japan's Foreign Ministry", "the foreign ministry" again, acronyms
``offices``               titles -> ``official_of`` relations
``coreference``           group expressions, "the missile" after "a ballistic missile"
                          (and, for extraction, pronouns, anaphora and retold events)
``descriptions``          "three Malian officials" (the people named next), "the Southeast
                          Asian country" (a state named before), "the mercenary force" (an
                          organisation named before)
``voice``                 "I" and "we" of a statement: its author ("Statement by A"), its
                          signatories ("we—A, B and C—met")
========================  ==========================================================

Every span records the sieve that made it and those that revised it; the trail reaches
``Mention.sieve`` and is logged at INFO (``kgraph -v``), so a wrong actor can be traced to
its rule. ``resolve_document(..., sieves=[...])`` runs a chosen subset, for tests and
diagnosis.

Examples
--------
>>> [name for name, _ in SIEVES][:3]
['gazetteer', 'events', 'prefixed_events']
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from ..errors import UsageError
from ..model import Document
from . import (
    coreference,
    descriptions,
    institutions,
    metonymy,
    names,
    namesakes,
    offices,
    organisations,
    people,
    voice,
)
from .context import (
    KnowledgeSource,
    Resolution,
    ResolutionContext,
    Span,
    build_resolution,
)

__all__ = ["SIEVES", "SIEVE_NAMES", "KnowledgeSource", "Resolution", "ResolutionContext", "Sieve", "Span",
           "resolve_document", "run_sieves"]

#: A sieve reads and changes the shared context.
Sieve = Callable[[ResolutionContext], None]

#: The sieves, in the order they run: the one place that fixes it. Each entry is
#: (name, function); the name is what spans record and what ``sieves=`` selects.
SIEVES: tuple[tuple[str, Sieve], ...] = (
    ("gazetteer", names.gazetteer_names),
    ("events", names.named_events),
    ("prefixed_events", names.prefixed_events),
    ("namesakes", namesakes.sub_national_namesakes),  # "Georgia Governor": the US state, not the country
    ("vessels", names.vessel_names),
    ("names_inside_names", namesakes.names_inside_names),  # "the Niger Delta Avengers" is a group, not a place
    ("titled_names", people.titled_names),  # before the NER, which may call "Marcus Delaney" an ORG
    ("places", names.context_places),  # before the NER, which may call "Avdiivka" or "the Negev" an ORG
    ("ner", names.ner_names),
    ("named_organisations", names.named_organisations),
    ("organisations_by_form", organisations.organisations_by_form),  # "X (ACR)", "the M23 armed group"
    ("described_companies", organisations.described_companies),  # "the Chinese firm X", "Iran-based X"
    ("apposed_names", people.apposed_names),
    ("people", people.resolve_people),
    ("namesake_states", metonymy.namesake_states),  # "Congolese President Denis Sassou Nguesso"
    ("administrations", metonymy.administrations),
    ("capitals", metonymy.resolve_capitals),
    ("short_references", metonymy.short_references),
    ("rulers_in", metonymy.rulers_in),  # "military leaders in Niger", "the authorities in Kabul"
    ("ambiguous_states", metonymy.ambiguous_states),  # "Congo" in a text that names Kinshasa: the DRC
    ("institutions", institutions.state_institutions),
    ("acronyms", institutions.acronyms),
    ("offices", offices.stated_offices),
    ("groups", coreference.group_expressions),
    ("descriptions", descriptions.described_states),
    ("organisation_descriptions", descriptions.described_organisations),  # "the mercenary force"
    ("regimes", descriptions.state_regimes),  # "the regime" after "the Burmese military regime"
    ("voice", voice.statement_voice),  # "I asked ...", "we met": the statement's author, its signatories
    ("materiel_anaphora", coreference.materiel_anaphora),
)
SIEVE_NAMES: tuple[str, ...] = tuple(name for name, _ in SIEVES)


def resolve_document(document: Document, parsed: Doc, kb: KnowledgeSource,
                     sieves: Sequence[str] | None = None) -> Resolution:
    """Resolve the actors of one document.

    Parameters
    ----------
    document : Document
        The document; its ``date`` picks office holders ("Prime Minister Abe" in 2016).
    parsed : spacy.tokens.Doc
        ``document.text`` parsed by the kgraph pipeline (with or without a statistical model).
    kb : KnowledgeBase
        Knowledge base (kgraph.knowledge) whose ``gazetteer`` is read; any object with a
        ``gazetteer`` attribute will do (resolution does not import the knowledge module,
        which imports extraction).
    sieves : sequence of str, optional
        Names of the sieves to run, in the order given (default: all of :data:`SIEVES`).
        A sieve left out is disabled; later sieves see what the others made.

    Returns
    -------
    Resolution
        Entities (sorted by id), mentions (each with its ``sieve`` trail) and stated offices.

    Raises
    ------
    UsageError
        When ``sieves`` names a sieve that does not exist.

    Examples
    --------
    >>> resolve_document(doc, nlp(doc.text), kb, sieves=["gazetteer"])  # doctest: +SKIP
    """
    ctx = ResolutionContext(document, parsed, kb.gazetteer)
    run_sieves(ctx, _select(sieves))
    return build_resolution(ctx)


def run_sieves(ctx: ResolutionContext, sieves: Sequence[tuple[str, Sieve]] = SIEVES) -> ResolutionContext:
    """Run ``sieves`` ((name, function) pairs) over ``ctx`` in order; each span a sieve adds is
    credited to it. Returns ``ctx``, for chaining in tests."""
    for name, sieve in sieves:
        ctx.spans.sieve = name
        sieve(ctx)
    ctx.spans.sieve = ""
    return ctx


def _select(names_: Sequence[str] | None) -> Sequence[tuple[str, Sieve]]:
    if names_ is None:
        return SIEVES
    if isinstance(names_, str):
        raise UsageError(f"sieves must be a list of names, not the string {names_!r}")
    by_name = dict(SIEVES)
    unknown = [n for n in names_ if n not in by_name]
    if unknown:
        raise UsageError(f"unknown resolution sieve(s) {', '.join(map(repr, unknown))}; "
                         f"choose among {', '.join(SIEVE_NAMES)}")
    return [(n, by_name[n]) for n in names_]
