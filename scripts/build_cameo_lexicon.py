#!/usr/bin/env python3
"""Convert PETRARCH2's CAMEO verb-pattern dictionary into kgraph trigger entries.

usage: python scripts/build_cameo_lexicon.py [--source CAMEO.2.0.txt] [--out ontologies/cameo_triggers.yaml]
                                             [--stats]

Reads the CAMEO verb dictionary of the PETRARCH2 event coder (MIT licence, Open Event
Data Alliance; format in PETRARCH2's ``dictionaries.rst``) and writes
``ontologies/cameo_triggers.yaml``: trigger entries in the format of
``ontologies/relations.yaml`` (type, pos, lemmas, argument places) plus

* ``cameo``: the CAMEO code of the pattern (kgraph exports it as the relation's ``cameo``);
* ``when``: what the pattern asks around the verb, place -> words; ``obj``, ``subj``,
  ``prep:WORD`` (the object of that preposition on the verb) and ``prt`` (a particle,
  "set off"); an empty list means "any word" ("call for ..." -> ``prep:for: []``). Each
  word or phrase is matched against a dependent's lemma or lower-cased text; in a phrase
  ("military aid") the last word is the head and the others its modifiers. TABARI patterns
  are linear, so ``obj`` words are to be matched against the direct object or the object
  predicate ("called X a liar");
* a lemma of several words is a multi-word verb ("ask for", "wire tap"): the parse's verb is
  one of its words and the others stand next to it;
* ``cameo_block``, ``cameo_pattern``, ``lines``: where the entry comes from in the source
  (block name, pattern text, 1-based line numbers), so that every relation read with it
  can be traced back to the dictionary.

Every entry has ``window: false``: it needs a dependency parse (the pattern's words are
checked on the parse), never the parser-less fallback.

The mapping of CAMEO codes to kgraph relation types is ``map_code`` below (FORMAT.md's table,
kept narrow where a CAMEO category is broader than the kgraph type); every code outside it
is dropped and counted (``--stats``). Conservative choices, each with its reason, are the
constants GENERIC_VERBS, NO_BARE_BLOCKS and the spread rule in ``bare_allowed``: such verbs
fire only with their pattern's object or preposition words, never alone.

The output is deterministic: entries sorted by type, code, block and pattern; same source,
byte-identical file.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_OUT = ROOT / "ontologies" / "cameo_triggers.yaml"
LICENSE_COPY = "ontologies/licenses/PETRARCH2-LICENSE"

# --------------------------------------------------------------------------------------
# Conservative choices
# --------------------------------------------------------------------------------------

#: Verbs too generic to fire alone, whatever code CAMEO gives the bare verb: with them an
#: entry needs its pattern's object or preposition words. Reason per group.
GENERIC_VERBS = {
    # light and motion verbs: meaning comes from the object or the preposition
    "say": "reporting verb", "make": "light verb", "go": "motion verb; visit needs 'to'",
    "take": "light verb", "come": "motion verb", "get": "light verb", "give": "light verb",
    "put": "light verb", "set": "light verb", "have": "auxiliary", "be": "copula", "do": "auxiliary",
    "keep": "light verb", "hold": "light verb; 'held talks' is a pattern",
    "bring": "light verb", "run": "light verb", "move": "motion verb",
    "arrive": "motion verb; visit needs 'in'/'to' and a place",
    "travel": "motion verb; visit needs 'to'", "fly": "motion verb; visit needs 'to'",
    "head": "motion verb", "leave": "motion verb", "return": "motion verb", "reach": "light verb",
    "enter": "motion verb (also 'entered into talks')",
    # communication verbs CAMEO codes as "consult" (040) or "appeal" (020) when bare
    "call": "phone call, 'call for', 'call on', 'call X Y': only with a pattern",
    "phone": "a bare call is optional in gold", "telephone": "a bare call is optional in gold",
    "cable": "a message, not a meeting", "contact": "a message, not a meeting",
    "hear": "perception verb", "consider": "mental verb", "notify": "a message, not a meeting",
    "introduce": "ambiguous (introduce a bill)", "invite": "an invitation is not yet a meeting",
    "assemble": "a gathering without a counterpart", "interact": "vague",
    "hope": "CAMEO codes 'hope' as an appeal; far too weak", "suggest": "a proposal, not a request",
    "wish": "too weak", "want": "too weak", "expect": "modality, not an event",
    "face": "the subject undergoes ('faced criticism')", "brave": "the subject undergoes",
    "encounter": "the subject undergoes", "confront": "ambiguous (confront a problem)",
    "run into": "idiom", "communicate with": "a message, not a meeting",
    # hostile verbs whose subject is not the attacker or that describe harm without a side
    "die": "the subject is the victim", "fall": "the subject is the victim",
    "suffer": "the subject is the victim", "lose": "the subject is the victim",
    "destroy": "things are destroyed in accidents and storms too",
    "engage": "'engage in talks', 'engage with': only with a pattern",
    "target": "'targeted X with sanctions' is a sanction: only with a pattern",
    "hit": "'hit X with sanctions' is a sanction: only with a pattern",
    "strike": "'struck a deal' is an agreement: only with a pattern",
    "pound": "also currency and metaphor", "flatten": "also economic ('flattened growth')",
    "repulse": "also 'disgust'", "ransack": "crime more often than war",
    "explode": "accidents", "burn": "accidents and protest", "crash": "accidents",
    "charge": "court charges ('charged with murder')",
    "support": "CAMEO 050 is verbal support", "aid": "usually civil aid",
    "grant": "usually civil", "allocate": "budget verb", "boost": "economic",
    "link": "vague", "merge": "companies", "trade": "commerce", "finance": "commerce",
    "purchase": "reverse direction: kgraph's purchase trigger reads the seller from 'from'",
    "import": "reverse direction, see purchase", "buy": "reverse direction, see purchase",
}

#: Blocks whose bare verbs never fire alone: the block's verbs are a loose synonym set
#: (WordNet) whose members do not all carry the block's code.
NO_BARE_BLOCKS = {
    "GO_SOMEWHERE": "mixed motion verbs; CAMEO's (TO)/(IN) patterns carry the visit",
    "ARRIVE": "motion verbs; the (IN)/(TO) patterns carry the visit",
    "MEET_PEOPLE": "face/brave/encounter/contact/confront share the block; only meet is a meeting",
    "PHYSICAL_CONFLICT": "mixed set including everyday verbs (push, hit, beat)",
    "EXPLOSIVE_DESTRUCTION": "explosions without an attacker",
    "DIE": "the subject is the victim",
    "CALL": "a bare call is optional in gold; 'call for/on' are patterns",
    "AID": "aid is civil unless its object is materiel (patterns)",
    "GRANT": "civil grants", "ALLOCATE": "budget verbs", "BOOST": "economic verbs",
    "LINK": "vague", "MERGE": "companies", "TRADE": "commerce", "FINANCE": "commerce",
    "IMPORT": "reverse direction", "PURCHASE": "reverse direction", "ENACT": "laws",
    "ENLIST": "recruitment", "FACILITATE": "vague", "OVERSEE_MANAGE": "vague",
    "SUPPORT": "verbal support (050)", "COORDINATE": "050", "COLLABORATE": "050",
    "DESTROY": "things are destroyed by storms too",
    "TARGET": "'targeted with sanctions' is a sanction", "ENGAGE": "'engage in talks'",
    "KILL": "killings by unnamed people, crime and accidents; kgraph's own trigger lists 'kill'",
    "SHOOT": "'shoot a film', 'shot up'; kgraph's own trigger lists 'shoot'",
    "POUND": "currency, metaphor", "FLATTEN": "metaphor", "RANSACK": "crime",
    "REPULSE": "'disgust'", "GUNFIRE": "noun-like block",
}

#: The spread rule: a block whose patterns fall into at least this many CAMEO roots, and
#: whose bare code's root holds less than this share of them, keeps its verbs pattern-only.
SPREAD_ROOTS = 5
SPREAD_SHARE = 0.34

#: Words standing between verb and object that are particles, not nouns ("set off", "put up").
PARTICLES = {"up", "off", "out", "down", "forward", "back", "away", "aside", "over", "in", "on"}

#: Bare preposition words in TABARI-style patterns ("* ON TRIP", "* WITH"): read as a
#: prepositional phrase holding the nouns that follow.
PREPOSITION_WORDS = {"with", "between", "among", "against", "to", "for", "from", "into", "at", "by", "of",
                     "about", "alongside", "toward", "towards", "upon", "under", "during", "after", "before"}
#: Function words CAMEO patterns sometimes hold as if they were nouns ("* IF", "* THAT"): the
#: parse has no object there, so such patterns are dropped.
FUNCTION_WORDS = {"if", "that", "and", "or", "whether", "which", "who", "than", "as", "so", "it"}

#: Blocks whose verbs take the goods in, so the subject is the recipient ("bought tanks from X",
#: "ordered jets from X"): their transfer entries read the supplier from "from".
RECEIVING_BLOCKS = {"PURCHASE", "IMPORT", "OBTAIN"}

#: Bare verbs whose own CAMEO code does not hold in today's news prose (reviewed by hand).
BARE_REJECT = {
    "lecture": "teaching", "mock": "ridicule is not an accusation", "jeer": "crowds",
    "scoff": "dismissal", "ridicule": "dismissal", "scold": "personal", "chide": "personal",
    "dress down": "personal", "chasten": "personal", "reprobate": "archaic", "crucify": "metaphor",
    "pillory": "metaphor", "savage": "metaphor", "snub": "a rebuff, not an accusation",
    "abhor": "a feeling", "scorn": "a feeling", "deride": "dismissal", "remonstrate": "archaic",
    "compensate": "payment (CAMEO files it under 114)", "complain": "grumbling more often than a protest",
    "circle": "also 'circle back'", "ring": "phone", "infest": "pests", "inhabit": "living",
    "reside": "living", "shot and": "parse residue", "render": "generic", "stock": "generic",
    "tender": "generic", "attire": "clothes", "gear": "generic", "outfit": "clothes",
    "arm": "kgraph's transfer trigger reads 'armed X with Y'", "equip": "kgraph's transfer trigger",
    "furnish": "kgraph's transfer trigger", "desire": "a wish", "advise": "advice",
    "advocate": "support", "counsel": "advice", "hint": "too weak", "propose": "a proposal",
    "recommend": "advice", "apply": "'apply for membership'", "decree": "domestic order",
    "order": "'ordered 42 jets' is a purchase; 'ordered troops' is domestic",
    "risk": "'risk escalation'", "evacuate": "not a transfer", "interfere": "not a transfer",
    "intervene": "not a transfer", "step in": "not a transfer", "stabilise": "not a transfer",
    "stabilize": "not a transfer", "convene": "'convened a meeting' names no host or visitor",
    "broker": "mediation of a deal: optional in gold", "insist": "no addressee",
}
#: Verbs whose bare sense is their block's code beyond doubt: the spread rule spares them
#: ("demand" shares the DEMAND block with need, push and campaign).
CLEAR_VERBS = {"demand", "exhort", "entreat", "adjure", "press", "urge"}

#: Patterns demoted after measuring precision on real news (issue 12): (block, code, pattern text
#: or "ANY") -> reason. Each is dropped from the output and listed in its header.
DEMOTED_PATTERNS = {
    ("MOVE", "192", "ANY"): "troop movements are deployments (to an ally's region too), not attacks",
    ("START", "194", "* &WEAPON"): "'activated a missile warning system': starting a weapon system names no target",
    ("BOOST", "100", "* PRESSURE"): "'increase pressure on X' is no demand with a content",
}

#: Codes whose bare verbs are too vague to fire alone except these verbs.
BARE_ONLY = {"040": {"confer", "consult"}, "160": {"blacklist"}}

#: Pre-verb words that mark tense or modality in TABARI patterns; kgraph reads modality
#: itself (ontologies/modality.yaml), so patterns needing them are dropped.
AUXILIARIES = {"will", "would", "not", "been", "be", "is", "was", "were", "has", "have", "had",
               "to", "symbolically", "can", "could", "may", "might", "must", "should"}

# --------------------------------------------------------------------------------------
# CAMEO codes -> kgraph types
# --------------------------------------------------------------------------------------

EXERCISE_WORDS = {"exercise", "exercises", "drill", "drills", "maneuver", "maneuvers", "manoeuvre",
                  "manoeuvres", "war-game", "wargame", "wargames", "war-games", "games", "mock"}
#: Words that make a 062 pattern an arms transfer ("sell tanks"), filled from the &WEAPON and
#: &AIRCRAFT synsets when the dictionary is read.
MATERIEL_WORDS = {"arms", "arm", "tank", "tanks", "weapons", "fighter", "fighters", "warship", "warships"}
#: Words that make a 062 pattern military cooperation rather than something else CAMEO files there.
COOPERATION_WORDS = {"military", "defense", "defence", "security", "joint", "alongside", "army", "troops",
                     "forces", "training", "bases", "base", "naval", "patrols"}
#: 040-046 patterns count as a meeting only with one of these words or a party preposition:
#: CAMEO's "consult" also covers letters, messages and raising concerns.
MEETING_WORDS = {"meeting", "meetings", "talks", "talk", "summit", "summits", "consultation",
                 "consultations", "conference", "negotiation", "negotiations", "negotiate", "discussion",
                 "discussions", "session", "seminar", "workshop", "round", "table", "telephone", "phone",
                 "call", "calls", "conversation", "mediation", "mediator", "mediators", "negotiator",
                 "negotiators", "process", "dialogue", "parley", "parleys", "with", "between"}
#: 042 patterns count as a visit only with one of these words or a place preposition.
VISIT_WORDS = {"visit", "visits", "tour", "trip", "trips", "pilgrimage", "stop", "journey", "envoy",
               "delegation", "policymaker", "to", "for", "from", "summit"}
PROJECTILE_WORDS = {"missile", "missiles", "rocket", "rockets", "satellite", "satellites", "test",
                    "tests", "icbm", "warhead", "weapon", "weapons", "bomb"}
SANCTION_WORDS = {"sanction", "sanctions", "embargo", "embargoes", "boycott", "blockade", "ban",
                  "restriction", "restrictions", "freeze"}


def map_code(code: str, words: set[str], materiel: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The kgraph relation type of a CAMEO event code, or None (dropped).

    ``words`` are the pattern's words (lower case), used where one CAMEO code covers several
    kgraph types (062 cooperation, exercise or arms sale; 15x exercise or launch);
    ``materiel`` are weapon words besides MATERIEL_WORDS (the dictionary's weapon synsets).
    """
    if not re.fullmatch(r"\d{3,4}", code):
        return None
    root, sub = code[:2], code[:3]
    if root == "02":                        # appeal or request (020-028 and subcodes)
        return "request"
    if root == "10":                        # demand (FORMAT.md: request, CAMEO 02 / 10)
        return "request"
    if sub in ("040", "041", "044", "045", "046"):  # consult, phone, meet elsewhere, mediate, negotiate
        return "meeting" if not words or words & MEETING_WORDS else None
    if sub == "042":                        # make a visit
        return "visit" if not words or words & VISIT_WORDS else None
    if sub == "043":                        # host a visit: the host is the target
        return "host"
    if sub == "057":                        # sign formal agreement
        return "agreement"
    if sub == "062":                        # military cooperation; exercises and arms sales are their own types
        if words & EXERCISE_WORDS:
            return "military_exercise"
        if words & (MATERIEL_WORDS | materiel):
            return "transfer"
        return "military_cooperation" if words & COOPERATION_WORDS or not words else None
    if sub == "070" and not words:          # provide aid: bare verbs only (donate); the object decides
        return "transfer"
    if sub == "072":                        # provide military aid
        return "transfer"
    if sub in ("111", "112", "114", "115"):  # criticize, accuse, complain officially, sue
        return "accusation"
    if root == "13":                        # threaten (130-139)
        return "threat"
    if root == "15":                        # show of force: only exercises and launches are kgraph types
        if words & EXERCISE_WORDS:
            return "military_exercise"
        if words & PROJECTILE_WORDS:
            return "launch"
        return None
    if sub == "163":                        # impose embargo, boycott or sanctions
        return "sanction"
    if sub == "162":                        # reduce or stop aid: a sanction measure
        return "sanction"
    if sub == "160":                        # reduce relations: a sanction only when sanctions are named
        return "sanction" if words & SANCTION_WORDS or not words else None
    if sub in ("183", "185", "186"):         # bombing, assassination attempt, assassination
        return "armed_conflict"
    if root in ("19", "20"):                # conventional military force, mass violence
        return "armed_conflict"
    return None


#: Why codes inside the brief's ranges are nonetheless dropped (reported in --stats).
DROPPED_IN_RANGE = {
    "060/061/063": "economic or judicial cooperation: no kgraph type",
    "064": "share intelligence or information: no kgraph type (not technology)",
    "062 without military, exercise or weapon words": "CAMEO files odd patterns there (dogfight, extension)",
    "070 patterns": "non-specific aid: its patterns name aid, funds, gifts (civil); bare verbs kept",
    "071/073/074/075": "economic, humanitarian aid, protection, asylum: no kgraph type",
    "040-046 without a meeting word": "letters, messages, concerns: consultation without a meeting",
    "042 without a visit word or place preposition": "CAMEO noise (finish talks)",
    "110": "'disapprove' covers regret, lament, despair: too weak for an accusation",
    "113/116": "rally opposition, find guilty: not an accusation between actors",
    "150-154 without exercise or projectile words": "alerts and mobilisation: no kgraph type",
    "161/164-166": "cut diplomatic ties, halt talks, expel: not a sanction in ANNOTATION.md",
    "160 with other words": "'reduce relations' only counts when sanctions are named",
    "180-182/184": "crimes against persons (abuse, abduction, torture): not armed conflict",
}

# argument places per kgraph type (from relations.yaml's hand-written verb triggers)
DIRECTED = {
    "request": dict(source=["subj"], target=["obj", "dative", "prep:on", "prep:upon", "prep:to",
                                              "prep:from"], object=["obj", "prep:for"]),
    "accusation": dict(source=["subj"], target=["obj", "prep:on", "prep:against", "event_obj"]),
    "threat": dict(source=["subj"], target=["obj", "prep:against", "prep:to"]),
    "sanction": dict(source=["subj"], target=["obj", "prep:on", "prep:against"]),
    "armed_conflict": dict(source=["subj"], target=["obj", "prep:against", "prep:on", "prep:at",
                                                    "prep:into", "site_in"]),
    "visit": dict(source=["subj"], target=["obj", "prep:to", "prep:in"]),
    "host": dict(source=["obj", "prep:with"], target=["subj"]),
    "transfer": dict(source=["subj", "prep:from"], target=["prep:to", "dative", "prep:for"],
                     object=["obj", "prep:with"]),
    "launch": dict(source=["subj"], object=["obj"]),
}
SYMMETRIC = {
    "meeting": ["subj", "prep:with", "obj"],
    "agreement": ["subj", "prep:with"],
    "military_cooperation": ["subj", "prep:with"],
    "military_exercise": ["subj", "prep:with"],
}
#: Prepositions whose object may be the target (directed) or a party (symmetric).
TARGET_PREPS = {t: {p.split(":", 1)[1] for p in places.get("target", []) if p.startswith("prep:")}
                for t, places in DIRECTED.items()}
PARTY_PREPS = {"with", "between", "among"}

# --------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------


@dataclass
class Verb:
    word: str                 # lemma, lower case ("ask")
    compound: str | None      # multi-word verb ("ask for"), else None
    code: str | None          # the verb's own code, else None (block code applies)
    line: int


@dataclass
class Pattern:
    pre: list[str]
    post: list[str]
    code: str
    text: str
    line: int


@dataclass
class Block:
    name: str
    code: str
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def parse(text: str) -> tuple[dict[str, list[str]], list[Block]]:
    """Synsets (name -> phrases, lower case, '_' as space) and verb blocks of the dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current_syn = None
    in_verbs = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_syn = line.strip()
                synsets[current_syn] = []
            elif line.startswith("+") and current_syn:
                synsets[current_syn].append(line[1:].strip().rstrip("_").replace("_", " ").lower())
            continue
        if line.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
            if m:
                blocks.append(Block(name=m.group(1), code=m.group(2), line=lineno))
            continue
        if line.startswith("~") or not blocks:
            continue                       # verb transformations: not used (see --stats)
        if line.startswith("-"):
            m = re.match(r"-\s*(.*?)\s*\[([^\]]*)\]\s*$", line)
            if not m or "*" not in m.group(1):
                continue
            body = m.group(1)
            pre, _, post = body.partition("*")
            blocks[-1].patterns.append(Pattern(pre=pre.split(), post=post.split(), code=m.group(2),
                                               text=_pattern_text(pre, post), line=lineno))
            continue
        blocks[-1].verbs.extend(_verbs(line, lineno))
    return synsets, blocks


def _pattern_text(pre: str, post: str) -> str:
    return " ".join(" ".join(pre.split() + ["*"] + post.split()).split())


def _verbs(line: str, lineno: int) -> list[Verb]:
    """The verb of one synonym line: ``WORD {forms} [code]`` or a compound ``+ASK_FOR``."""
    code = None
    m = re.search(r"\[([^\]]*)\]\s*$", line)
    if m:
        code = m.group(1).strip()
        line = line[:m.start()]
    head = re.sub(r"\{[^}]*\}?", " ", line).split()
    if not head:
        return []
    word = head[0]
    if "_" in word:
        parts = word.split("_")
        if any(p.lstrip("+").lower() in FUNCTION_WORDS for p in parts):
            return []                      # "ARREST_AND_+...": residue of a longer phrase
        verb = next((p[1:] for p in parts if p.startswith("+")), parts[0].lstrip("+"))
        phrase = " ".join(p.lstrip("+") for p in parts).lower()
        return [Verb(word=verb.lower(), compound=phrase, code=code, line=lineno)]
    return [Verb(word=word.lstrip("+").lower(), compound=None, code=code, line=lineno)]


# --------------------------------------------------------------------------------------
# Patterns -> constraints
# --------------------------------------------------------------------------------------

class Unusable(Exception):
    """A pattern kgraph's parse-based reading cannot express (counted by reason)."""


def _groups(tokens: list[str]) -> list[tuple[str, list[str]]]:
    """Split pattern tokens into ('np', words), ('pp', [prep, *words]) and ('mark', [sym])."""
    out, i = [], 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.startswith("("):
            words, depth = [], 0
            while i < len(tokens):
                t = tokens[i]
                depth += t.count("(") - t.count(")")
                words.append(t)
                i += 1
                if depth <= 0:
                    break
            inner = " ".join(words)[1:-1].replace("{", "").replace("}", "").split()
            out.append(("pp", inner))
            continue
        if tok.startswith("{"):
            words = []
            while i < len(tokens):
                words.append(tokens[i])
                i += 1
                if words[-1].endswith("}"):
                    break
            out.append(("np", " ".join(words).strip("{}").split()))
            continue
        if tok in ("$", "+", "%", "^"):
            out.append(("mark", [tok]))
        elif tok.lower() in PREPOSITION_WORDS:
            words = [tok]
            i += 1
            while i < len(tokens) and tokens[i][0] not in "({" and tokens[i] not in ("$", "+", "%", "^") \
                    and tokens[i].lower() not in PREPOSITION_WORDS:
                words.append(tokens[i])
                i += 1
            out.append(("pp", words))
            continue
        elif tok.lower() in FUNCTION_WORDS:
            raise Unusable("function word held as a noun")
        else:
            out.append(("np", [tok]))
        i += 1
    return out


def _expand(words: list[str], synsets: dict[str, list[str]]) -> list[str]:
    """A noun phrase as phrases of lower-case words; a synset becomes its members."""
    phrases = [""]
    for w in words:
        if w.startswith("&"):
            members = synsets.get(w)
            if members is None:
                raise Unusable("undefined synset")
            phrases = [f"{p} {m}".strip() for p in phrases for m in members]
        else:
            phrases = [f"{p} {w.lower()}".strip() for p in phrases]
    return phrases


@dataclass(frozen=True)
class Reading:
    """What a pattern asks (``when``) and where its actors are (``target`` first places)."""
    when: tuple[tuple[str, tuple[str, ...]], ...]
    target_first: tuple[str, ...]
    source_first: tuple[str, ...]
    taken: frozenset[str]        # places whose words are not actors (obj: "sanctions")


def read_pattern(p: Pattern, synsets: dict[str, list[str]]) -> Reading:
    when: dict[str, list[str]] = {}
    target_first: list[str] = []
    source_first: list[str] = []
    taken: set[str] = set()
    # before the verb: a subject word, or the source marker. A subject word names the
    # actor's kind (troops, aircraft), which kgraph resolves itself: it is not kept.
    pre = _groups(p.pre)
    subject_only = False
    for kind, words in pre:
        if kind == "mark" and words[0] == "$":
            continue
        if kind == "np" and words[0].lower() in AUXILIARIES:
            raise Unusable("auxiliary or adverb before the verb")
        if kind == "np" and len(pre) == 1:
            _expand(words, synsets)
            subject_only = True
            continue
        raise Unusable("unusual words or markers before the verb")
    post = _groups(p.post)
    nps = [g for g in post if g[0] == "np"]
    marks = [g for g in post if g[0] == "mark"]
    if marks:
        if len(marks) == 1 and marks[0][1] == ["+"] and not nps:
            target_first.append("obj")
        else:
            raise Unusable("unusual actor markers after the verb")
    particles = [w for k, ws in nps for w in ws if len(ws) == 1 and w.lower() in PARTICLES]
    nouns = [(k, ws) for k, ws in nps if not (len(ws) == 1 and ws[0].lower() in PARTICLES)]
    if particles:
        when["prt"] = sorted({w.lower() for w in particles})
    if len(nouns) > 1:
        raise Unusable("several noun phrases after the verb")
    if nouns:
        if nouns[0][1][0].lower() in AUXILIARIES:
            raise Unusable("verb remnant after the verb")
        when["obj"] = _expand(nouns[0][1], synsets)
        taken.add("obj")
    for kind, words in post:
        if kind != "pp":
            continue
        prep = words[0].lower()
        if "/" in prep or not prep.isalpha():
            raise Unusable("alternative prepositions")
        place = f"prep:{prep}"
        rest = words[1:]
        if rest == ["+"]:
            target_first.append(place)
            when.setdefault(place, [])
        elif rest == ["$"]:
            source_first.append(place)
            when.setdefault(place, [])
        elif not rest or rest == ["^"]:
            when.setdefault(place, [])
            target_first.append(place)        # kept only if the type allows it (see entry)
        elif any(w in ("+", "$", "%") for w in rest):
            raise Unusable("unusual actor markers after the verb")
        else:
            when[place] = sorted(set(when.get(place, [])) | set(_expand([w for w in rest if w != "^"], synsets)))
            taken.add(place)
    if subject_only and not when and not target_first:
        raise Unusable("only a subject word (the actor's kind)")
    return Reading(when=tuple(sorted((k, tuple(sorted(set(v)))) for k, v in when.items())),
                   target_first=tuple(target_first), source_first=tuple(source_first),
                   taken=frozenset(taken))


def pattern_words(p: Pattern, synsets: dict[str, list[str]]) -> set[str]:
    words = set()
    for tok in p.pre + p.post:
        tok = tok.strip("(){}")
        if tok.startswith("&"):
            for m in synsets.get(tok, []):
                words.update(m.split())
        elif tok and tok not in "$+%^":
            words.add(tok.lower())
    return words


def primary(code: str) -> tuple[str, bool]:
    """The code a pattern gives source -> target, and whether only the reverse is coded.

    TABARI/PETRARCH paired codes ``[a:b]``: ``a`` from source to target, ``b`` back.
    """
    code = code.strip()
    if ":" in code:
        a, b = code.split(":", 1)
        return (a, False) if a else (b, True)
    return code, False


# --------------------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------------------

def places(kind: str, reading: Reading | None, receiving: bool = False) -> dict[str, list[str]]:
    """Argument places of an entry of kgraph type ``kind`` ('host' and 'transfer' included).

    ``receiving``: a transfer whose subject takes the goods in (buy, obtain).
    """
    taken = reading.taken if reading else frozenset()
    if kind == "transfer" and receiving:
        return {"source": ["prep:from", "goods_mod"], "target": ["subj"], "object": ["obj"]}
    if kind in SYMMETRIC:
        first = [p for p in (reading.target_first if reading else ())
                 if p.split(":", 1)[-1] in PARTY_PREPS]
        parties = _uniq(first + [p for p in SYMMETRIC[kind] if p not in taken])
        return {"participants": parties}
    spec = DIRECTED[kind]
    out = {}
    src = _uniq(list(reading.source_first if reading else ()) + [p for p in spec["source"] if p not in taken])
    out["source"] = src
    if "target" in spec:
        allowed = TARGET_PREPS.get(kind, set())
        first = [p for p in (reading.target_first if reading else ())
                 if p == "obj" or p.split(":", 1)[-1] in allowed]
        out["target"] = _uniq(first + [p for p in spec["target"] if p not in taken and p not in src])
        # TABARI patterns are linear: "* LIAR" is also "called X a liar", where the pattern's
        # word is the object predicate and X the direct object. So a direct object holding the
        # pattern's word stays a (last) target place: a word like "sanctions" is no actor anyway.
        if "obj" in taken and "obj" in spec["target"]:
            out["target"].append("obj")
    if "object" in spec:
        obj = [p for p in spec["object"] if p not in out.get("target", [])]
        out["object"] = obj
    return out


def _uniq(seq):
    seen, out = set(), []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def bare_allowed(block: Block, verb: Verb) -> str | None:
    """None if the bare verb may fire alone, else the reason it may not."""
    name = verb.compound or verb.word
    if name in GENERIC_VERBS or verb.word in GENERIC_VERBS:
        return "generic verb: " + GENERIC_VERBS.get(name, GENERIC_VERBS.get(verb.word, ""))
    if name in BARE_REJECT:
        return "reviewed: " + BARE_REJECT[name]
    if block.name in NO_BARE_BLOCKS and verb.code is None:
        return "block: " + NO_BARE_BLOCKS[block.name]
    code = primary(verb.code or block.code)[0]
    if code in BARE_ONLY and name not in BARE_ONLY[code]:
        return f"code {code} is too vague for a bare verb"
    roots = Counter(primary(p.code)[0][:2] for p in block.patterns if re.fullmatch(r"\d{3,4}", primary(p.code)[0]))
    total = sum(roots.values())
    if verb.code is None and name not in CLEAR_VERBS and len(roots) >= SPREAD_ROOTS and roots[code[:2]] < SPREAD_SHARE * total:
        return f"spread: patterns over {len(roots)} CAMEO roots, {roots[code[:2]]}/{total} in {code[:2]}"
    return None


def build(text: str) -> tuple[list[dict], Counter, list[tuple[str, str, str]]]:
    synsets, blocks = parse(text)
    materiel = {w for name in ("&WEAPON", "&AIRCRAFT", "&WMD")
                for member in synsets.get(name, []) for w in member.split()}
    stats: Counter = Counter()
    demoted: list[tuple[str, str, str]] = []
    grouped: dict[tuple, dict] = {}
    dropped_roots: Counter = Counter()
    demoted_patterns: list[tuple[str, str, str]] = []

    def add(kind, code, block, lemma, compound, reading, text, line):
        rel_type = "visit" if kind == "host" else kind
        pl = places(kind, reading, receiving=block.name in RECEIVING_BLOCKS)
        key = (rel_type, code, block.name, text, tuple((k, tuple(v)) for k, v in sorted(pl.items())),
               reading.when if reading else ())
        entry = grouped.get(key)
        if entry is None:
            entry = grouped[key] = {"type": rel_type, "pos": "verb", "lemmas": set(), "cameo": code,
                                    **pl, "when": {k: list(v) for k, v in reading.when} if reading else {},
                                    "cameo_block": block.name,
                                    "cameo_pattern": text, "lines": set()}
        entry["lemmas"].add(compound or lemma)
        entry["lines"].add(line)

    for block in blocks:
        # bare verbs
        for verb in block.verbs:
            stats["verbs"] += 1
            code, reverse = primary(verb.code or block.code)
            kind = None if reverse else map_code(code, set())
            if kind is None:
                stats["bare verbs: code not mapped"] += 1
                continue
            if kind in ("launch",):
                stats["bare verbs: code not mapped"] += 1
                continue
            why = bare_allowed(block, verb)
            if why:
                demoted.append((block.name, verb.compound or verb.word, why))
                stats["bare verbs: pattern-only (conservative)"] += 1
                continue
            stats["bare verbs: kept"] += 1
            add(kind, code, block, verb.word, verb.compound, None, "*", verb.line)
        # patterns
        for p in block.patterns:
            stats["patterns"] += 1
            code, reverse = primary(p.code)
            if reverse:
                stats["patterns dropped: reverse-only code [:x]"] += 1
                continue
            kind = map_code(code, pattern_words(p, synsets), materiel)
            reason = DEMOTED_PATTERNS.get((block.name, code, p.text)) or DEMOTED_PATTERNS.get(
                (block.name, code, "ANY"))
            if kind is not None and reason:
                stats["patterns demoted after measuring precision"] += 1
                demoted_patterns.append((block.name, p.text, f"[{code}] {reason}"))
                continue
            if kind is None:
                if re.fullmatch(r"\d{3,4}", code):
                    stats["patterns dropped: code not mapped"] += 1
                    dropped_roots[code[:2]] += 1
                else:
                    stats["patterns dropped: null or malformed code"] += 1
                continue
            try:
                reading = read_pattern(p, synsets)
            except Unusable as err:
                stats[f"patterns dropped: {err}"] += 1
                continue
            if not reading.when and not reading.target_first:
                stats["patterns dropped: no words (same as the bare verb)"] += 1
                continue
            if kind == "transfer" and not ({"obj", "prep:with"} & {k for k, _ in reading.when}):
                stats["patterns dropped: transfer without goods words"] += 1
                continue
            stats["patterns kept"] += 1
            stats[f"kept as {'visit' if kind == 'host' else kind}"] += 1
            for verb in block.verbs:
                add(kind, code, block, verb.word, verb.compound, reading, p.text, p.line)
    entries = []
    for entry in grouped.values():
        entry["lemmas"] = sorted(entry["lemmas"])
        entry["lines"] = sorted(entry["lines"])
        if entry["type"] == "transfer" and entry["cameo"] == "072":
            entry["default_class"] = "materiel"
        if entry["type"] == "launch":
            entry["object_class"] = "projectile"
        entries.append(entry)
    entries.sort(key=lambda e: (e["type"], e["cameo"], e["cameo_block"], e["cameo_pattern"], e["lines"]))
    stats["entries"] = len(entries)
    stats["synsets"] = len(synsets)
    stats["blocks"] = len(blocks)
    stats["transformations (~ lines, not used)"] = text.count("\n~")
    for root, n in dropped_roots.items():
        stats[f"patterns dropped, code not mapped, by root: {root}"] = n
    return entries, stats, sorted(demoted) + sorted(set(demoted_patterns))


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------

def _scalar(value) -> str:
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if re.fullmatch(r"[a-z][a-z0-9_:\- ]*", s) and s not in ("yes", "no", "on", "off", "true", "false", "null") \
            and not s.endswith(":") and ": " not in s:
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flow(values) -> str:
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


KEY_ORDER = ("type", "pos", "lemmas", "cameo", "when", "source", "target", "participants",
             "object", "object_class", "default_class", "window", "cameo_block", "cameo_pattern", "lines")


def render(entries: list[dict], stats: Counter, demoted: list, source_name: str, license_text: str) -> str:
    out = []
    out.append("# GENERATED FILE - do not edit by hand.")
    out.append("# Regenerate with:  python scripts/build_cameo_lexicon.py "
               "--source ../shared/data/petrarch2/CAMEO.2.0.txt")
    out.append(f"# Source: {source_name}, the CAMEO verb-pattern dictionary of the PETRARCH2 event coder")
    out.append("# (github.com/openeventdata/petrarch2, petrarch2/data/dictionaries/), Open Event Data Alliance.")
    out.append("# It is used under the MIT licence; its notice, kept as required:")
    out.append("#")
    out.extend(("#   " + line).rstrip() for line in license_text.strip().splitlines())
    out.append("#")
    out.append(f"# (full text: {LICENSE_COPY})")
    out.append("#")
    out.append("# Format: the trigger entries of relations.yaml (see its header), plus cameo (the CAMEO")
    out.append("# code), when (place -> words the pattern needs around the verb: obj, subj, prt,")
    out.append("# prep:WORD; [] = any word; a phrase's last word is the head; obj words may stand as the")
    out.append("# object predicate, 'called X a liar'), and cameo_block /")
    out.append("# cameo_pattern / lines (the source, for tracing). A lemma of several words is a")
    out.append("# multi-word verb ('ask for'): the verb is one of its words, the others stand next to it. All entries")
    out.append("# need a parse (window: false). Type 'transfer' is relations.yaml's pseudo-type: the")
    out.append("# object's class makes it an arms or a technology transfer.")
    out.append("#")
    out.append("# Conversion figures:")
    for k in sorted(stats):
        out.append(f"#   {k}: {stats[k]}")
    out.append("#")
    out.append("# Dropped although inside the mapped CAMEO ranges:")
    for k, v in DROPPED_IN_RANGE.items():
        out.append(f"#   {k}: {v}")
    out.append("#")
    out.append(f"# Bare verbs kept pattern-only, and patterns demoted after measuring precision on news ({len(demoted)}; block, verb or pattern, reason):")
    for block, verb, why in demoted:
        out.append(f"#   {block} / {verb}: {why}")
    out.append("")
    out.append("source: CAMEO.2.0.txt (PETRARCH2, MIT licence)")
    out.append("triggers:")
    for e in entries:
        first = True
        for key in KEY_ORDER:
            if key == "window":
                value = False
            else:
                value = e.get(key)
            if value is None or value == {} or value == []:
                if key not in ("window",):
                    continue
            prefix = "  - " if first else "    "
            first = False
            if isinstance(value, bool):
                out.append(f"{prefix}{key}: {'true' if value else 'false'}")
            elif key == "when":
                inner = ", ".join(f"{_scalar(k)}: {_flow(v)}" for k, v in sorted(value.items()))
                out.append(f"{prefix}{key}: {{{inner}}}")
            elif isinstance(value, list):
                out.append(f"{prefix}{key}: {_flow(value)}")
            else:
                out.append(f"{prefix}{key}: {_scalar(value)}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="CAMEO.2.0.txt")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the YAML file to write")
    parser.add_argument("--license", type=Path, default=None,
                        help="PETRARCH2's LICENSE (default: beside the source)")
    parser.add_argument("--stats", action="store_true", help="print the conversion figures")
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"error: no such file: {args.source}", file=sys.stderr)
        return 2
    license_path = args.license or args.source.parent / "LICENSE"
    license_text = license_path.read_text(encoding="utf-8")
    text = args.source.read_text(encoding="utf-8", errors="replace")
    entries, stats, demoted = build(text)
    rendered = render(entries, stats, demoted, args.source.name, license_text)
    import yaml  # check the output parses before writing it
    data = yaml.safe_load(rendered)
    if len(data["triggers"]) != len(entries):
        raise SystemExit("internal error: rendered YAML lost entries")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(rendered, encoding="utf-8")
    licence_copy = ROOT / LICENSE_COPY
    if args.out.resolve().parent == (ROOT / "ontologies").resolve():
        licence_copy.parent.mkdir(parents=True, exist_ok=True)
        licence_copy.write_text(license_text, encoding="utf-8")
    if args.stats:
        for k in sorted(stats):
            print(f"{k}: {stats[k]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
