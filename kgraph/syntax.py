"""Dependency-parse helpers: who is the subject, the object, what a preposition governs.

Shared by resolution (kgraph.resolve, coreference) and extraction (kgraph.extract), so
they sit below both.

They read spaCy's English (ClearNLP-style) labels and undo what surface syntax
hides: passives, control ("X plans to meet"), raising ("X is expected to"),
object control ("urged X to"), participles ("containers sent from ...") and
conjunctions.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

#: Modifier dependencies of a noun that may name an actor ("Russian strikes") or qualify an
#: event noun ("military ties"); the cue dependencies of modality are ``extract.modality.CUE_DEPS``.
MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod")
SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
PRONOUNS = frozenset({"they", "them", "their", "we", "our", "us", "it", "its", "he", "his", "she", "her",
                      "who", "which", "that"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
#: Prepositions whose gerund shares the subject of the verb it hangs from ("responded by
#: sanctioning", "after meeting", "before signing").
MANNER_PREPOSITIONS = frozenset({"by", "after", "before", "while", "without", "through", "since", "upon", "when"})
#: Dependencies the small parser gives a verb it wrongly attached to its own object
#: ("will see X [share] technology with Y": "share" as a modifier of "technology").
MISATTACHED_VERB_DEPS = frozenset({"nmod", "amod", "compound"})
#: Verbs whose infinitive complement takes the subject, not the object, as its subject.
SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten", "offer", "agree"})
#: Verbs whose prepositional object does the infinitive: "called on the Council to impose
#: sanctions" (the Council would impose them), "appealed to X to release ...".
PREPOSITION_CONTROL = {"call": ("on", "upon"), "appeal": ("to",), "prevail": ("on", "upon")}


def annotated(doc: Doc, attribute: str) -> bool:
    """``doc.has_annotation(attribute)``, worked out once per parsed document.

    spaCy's ``Doc.has_annotation`` scans every token at each call; asked once per trigger or
    mention, it would make reading a document quadratic in its length. The answers are kept in
    ``doc.user_data`` (a parsed document's annotation no longer changes).

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A document the pipeline has finished with.
    attribute : str
        ``"DEP"``, ``"SENT_START"``, ``"POS"``, ``"ENT_IOB"``, ...

    Returns
    -------
    bool
    """
    known = doc.user_data.setdefault("kgraph_annotated", {})
    if attribute not in known:
        known[attribute] = doc.has_annotation(attribute)
    return known[attribute]


def lemma_forms(token: Token) -> set[str]:
    """The lemma, and the word without its inflection when the small model's lemmatizer
    errs ("staged" -> "stag")."""
    word = token.lower_
    forms = {token.lemma_.lower(), word}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.add(word[: -len(suffix)])
    return forms


def is_verbal(token: Token) -> bool:
    """Whether the token is a verb or auxiliary, by part of speech or by tag ("VBN" read as an adjective)."""
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


#: Verb tags of a finite or bare verb (not a participle, which may modify a noun).
FINITE_OR_BARE = frozenset({"VB", "VBP", "VBZ", "VBD"})


def is_passive(verb: Token) -> bool:
    """Whether the verb is passive: it has a passive subject or a passive auxiliary ("was [supplied]")."""
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Each token and the tokens coordinated with it ("Japan, Korea and the US")."""
    out: list[Token] = []
    for token in tokens:
        for t in (token, *token.conjuncts):
            if t not in out:
                out.append(t)
    return out


def agent_objects(verb: Token) -> list[Token]:
    """The objects of a "by" agent on the verb ("missiles launched by [X]"); on a participle
    opening the sentence also of a "by" the parser read as a plain preposition ("Sanctioned by
    [X] last year, ...")."""
    found = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not found and opening_participle(verb):
        found = prepositional_objects(verb, "by")
    return found


def opening_participle(verb: Token) -> bool:
    """Whether the verb is a past participle without a subject of its own that opens the clause it
    leads into ("[Blamed] by Kyiv for the strike, Moscow denied it", "[Sanctioned] by the EU, Iran
    said ..."): it tells what was done to that clause's subject."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i < verb.head.i \
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _manner_clause(preposition: Token) -> Token | None:
    """The verb a manner phrase coordinated with another ("by sharing ... and [by] conducting ...")
    or listed after "including" ("including by conducting ...", also on the verb's object) tells the
    manner of; None when the phrase hangs directly on a verb (read as usual) or on no verb."""
    start = preposition
    while preposition.dep_ == "conj" and preposition.head.pos_ == "ADP" and preposition.head is not preposition:
        preposition = preposition.head
    host = preposition.head
    if host.dep_ in ("prep", "acl") and host.lower_ == "including" and host.head is not host:
        host = host.head  # "to address the threats including by ...": the clause of "threats"
        for _ in range(3):
            if is_verbal(host) or host.head is host or host.dep_ not in ("dobj", "obj", "pobj", "prep", "conj"):
                break
            host = host.head
    if (preposition is start and host is start.head) or not is_verbal(host):
        return None
    return host


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The logical subject of a verb, through passives, control, raising and coordination."""
    if depth > 6:
        return []
    agents = agent_objects(verb)  # "by X", also on a participle ("missiles launched by X")
    if agents:
        return agents
    if not is_passive(verb):
        found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if found and verb.dep_ == "relcl" and all(t.lower_ in RELATIVE_PRONOUNS for t in found):
            return [verb.head]  # "Iran, which supplied drones": Iran supplied them
        if found:
            return found
    head = verb.head
    if head is verb:
        return []
    if verb.dep_ in ("xcomp", "advcl") and (verb.dep_ == "xcomp" or _infinitive(verb)):
        addressed = [g for p in PREPOSITION_CONTROL.get(head.lemma_, ()) for g in prepositional_objects(head, p)]
        if addressed:
            return addressed  # "called on X to impose": X would impose
    if verb.dep_ == "xcomp":
        controllers = [c for c in head.children if c.dep_ == "dobj"]
        if controllers and head.lemma_ not in SUBJECT_CONTROL:
            return controllers  # "urged X to send"
        raised = [c for c in head.children if c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS]
        return raised or subjects(head, depth + 1)
    if verb.dep_ == "conj" and is_verbal(head):
        return subjects(head, depth + 1)
    if verb.dep_ == "acomp":  # "X is likely [to send]", "X is ready [to talk]"
        return subjects(head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG":
        return [head]
    if verb.dep_ == "relcl" and not is_passive(verb):
        return [head]
    clause = _manner_clause(head) if verb.dep_ == "pcomp" and head.lower_ in MANNER_PREPOSITIONS else None
    if clause is not None:  # "X will deepen ties, including by sharing data and by conducting drills"
        return subjects(clause, depth + 1)
    if verb.dep_ == "pcomp" and head.lower_ in MANNER_PREPOSITIONS and is_verbal(head.head):
        return subjects(head.head, depth + 1)  # "X responded by sanctioning ...": X sanctions
    if verb.dep_ == "pcomp":
        # "sanctioned X for buying ...", "accused X of supplying ...": the object acts.
        governor = head.head
        if is_verbal(governor):
            acted_on = [c for c in governor.children if c.dep_ == "dobj"]
            # "imposed sanctions on X for buying": the one the sanctions are on
            acted_on += [g for host in (governor, *acted_on) for p in ("on", "against")
                         for g in prepositional_objects(host, p)]
            # "X is suspected of attacking ...", "X was accused of supplying ..."
            acted_on += [c for c in governor.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            return acted_on
        if head.lower_ in ("of", "for") and governor.dep_ in ("dobj", "obj") and is_verbal(governor.head):
            return [governor]  # "accused [Chinese companies] of supplying ...", attached to the noun
        return []
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or _infinitive(verb)):
        return subjects(head, depth + 1)  # "X travelled to Y to ask for ...": X asks
    return []


def _infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def objects(verb: Token) -> list[Token]:
    """The logical object: direct object, passive subject, or the noun a participle modifies."""
    if is_passive(verb):
        found = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if found:
            return found
    found = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if found and verb.dep_ == "relcl" and all(t.lower_ in RELATIVE_PRONOUNS for t in found):
        return [verb.head]  # "the drones that Iran supplied"
    if found:
        return found
    # "Japan met the U.N. India ...": the parser reads a sentence-final initialism, its stop
    # the sentence's, as a loose "dep" of the verb
    found = [c for c in verb.children if c.dep_ == "dep" and c.i > verb.i and c.i == c.sent.end - 1
             and c.pos_ == "PROPN" and c.text.endswith(".")]
    if found:
        return found
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        return [verb.head]
    if opening_participle(verb):  # "Blamed by Kyiv for the strike, Moscow denied it"
        return [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ in MISATTACHED_VERB_DEPS and verb.head.i > verb.i and verb.tag_ in FINITE_OR_BARE:
        return [verb.head]
    # "condemned what it called U.S. hostility": the free relative names its object
    for clause in verb.children:
        if clause.dep_ == "ccomp" and any(c.dep_ == "dobj" and c.lower_ == "what" for c in clause.children):
            return [c for c in clause.children if c.dep_ == "oprd"]
    return []


def prepositional_objects(token: Token, preposition: str) -> list[Token]:
    """Objects of ``preposition`` attached to ``token`` ("to" in "sent to Russia")."""
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ == preposition:
            found.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
    return found


def governing_verb(noun: Token, max_hops: int = 3) -> tuple[Token | None, str | None]:
    """The verb a noun event hangs from ("imposed [sanctions]", "initiate [an exercise plan]",
    "[during talks], they agreed"), and the first preposition on the way to it."""
    token, preposition = noun, None
    for _ in range(max_hops):
        head = token.head
        if head is token or token.dep_ in ("ROOT", "nsubj", "nsubjpass"):
            return None, preposition
        if token.dep_ == "pobj" and head.dep_ == "prep":
            if head.lower_ != "of":  # "a package of sanctions", "a round of talks"
                preposition = preposition or head.lower_
            token = head.head
            if is_verbal(token):
                return token, preposition
            continue
        if token.dep_ in ("dobj", "obj", "attr", "oprd", "dative") and is_verbal(head):
            return head, preposition
        if token.dep_ in ("compound", "conj", "appos"):
            token = head
            continue
        return None, preposition
    return None, preposition


def predicated_of(noun: Token) -> list[Token]:
    """What a noun is said of: "X is an ally of Y", "views X as a cobelligerent",
    "Turkey, a NATO ally"."""
    head = noun.head
    if noun.dep_ == "attr":
        return subjects(head)
    if noun.dep_ == "appos":
        return [head]
    if noun.dep_ == "pobj" and head.lower_ == "as" and is_verbal(head.head):
        return objects(head.head)
    return []


#: Determiners that make a noun take up an earlier phrase: "these troops", "the launch".
ANAPHORIC_DETERMINERS = frozenset({"these", "those", "the", "this", "that", "such"})


def anaphoric(noun: Token) -> bool:
    """Whether a noun has a determiner that takes up an earlier phrase ("these troops", "the launch").

    Parameters
    ----------
    noun : spacy.tokens.Token
        A token of a parsed document.

    Returns
    -------
    bool
    """
    return any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in noun.children)


def word_in(token: Token, words) -> bool:
    """Whether the token's lemma or its lower-case form is one of ``words`` (any container of str)."""
    return token.lemma_.lower() in words or token.lower_ in words


def in_subject(token: Token) -> bool:
    """Whether the token is in a subject phrase ("President [Biden] hosted ...")."""
    while token.dep_ in ("compound", "flat", "appos", "amod") and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


#: Dependencies the parser gives a name that addresses the hearer before an imperative.
VOCATIVE_DEPS = frozenset({"npadvmod", "dep", "intj", "nsubj", "vocative", "appos"})


def is_vocative(token: Token) -> bool:
    """Whether a name addresses the hearer of an imperative: "[President Putin], stop your troops"
    (a proper noun, then a comma, hung on a bare verb with no auxiliary, which the parser may call
    its subject); such a name is the addressee, not the one who speaks or acts."""
    while token.dep_ in ("compound", "flat") and token.head is not token:
        token = token.head
    verb = token.head
    edge = token.right_edge  # the comma may hang on the name
    comma = edge.text == "," or (edge.i + 1 < len(token.doc) and token.doc[edge.i + 1].text == ",")
    return token.pos_ == "PROPN" and token.dep_ in VOCATIVE_DEPS and token.i < verb.i and verb.tag_ == "VB" \
        and comma and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
