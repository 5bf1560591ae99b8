"""strategic-concept-timing: when and where the next Strategic Concept is to be adopted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from checker.claims import CLAUSE_BREAKS, NEGATIONS
from checker.dates import resolve_date, sentence_tense
from checker.model import Comparison, Confidence, Fact, FactTime, StatedDate
from checker.nlp import AnalysedDocument, Mention, Sentence
from checker.rules import Rule

from ._dates import meeting_dates
from ._meetings import (
    DEFAULT_ORG,
    MeetingRef,
    compare_meetings,
    date_tied_to,
    dates_in,
    link,
    meeting_patterns,
    meetings_in,
    nearest,
    place_after,
    place_of,
    speaker,
)
from ._tables import read_patterns

KEY = "adoption of the next Strategic Concept"
RELATIVE_WORDS = {"where", "when", "which"}  # "the summit in Madrid, where leaders ..."


class StrategicConceptTiming(Rule):
    id = "strategic-concept-timing"
    compare_within_document = True
    title = "When the next Strategic Concept is adopted"
    description = """
What it checks: the meeting or date at which the Alliance's next Strategic Concept is to
be adopted ("the adoption of the next Strategic Concept in Madrid"; "In 2023, we will
adopt a new Strategic Concept").

How: a sentence that speaks of adopting (adopt, adoption, agree, endorse, approve) a
next, new or updated Strategic Concept - one concept, whichever word is used. The time or
place is read from the sentence; when the sentence gives none, from the meeting its
paragraph announces ("Between now and the NATO summit in June ... We will adopt an updated
Strategic Concept"), marked as contextual. The place or date is linked to a summit through
the reference table rules/data/nato_meetings.csv.

Verdicts: agreement when both name the same summit or compatible dates; discrepancy when
they name different summits, years or places; complementary when they cannot be linked.
"""
    examples = (
        "agreement: 'adoption of the next Strategic Concept in Madrid' and 'we will adopt an "
        "updated Strategic Concept' in a paragraph about the NATO summit in June (2022)",
        "discrepancy: 'in Madrid' against 'In 2023, we will adopt a new Strategic Concept'",
    )

    def patterns(self) -> Sequence[dict[str, Any]]:
        return [*read_patterns("strategic_concept.jsonl"), *meeting_patterns()]

    def extract(self, document: AnalysedDocument) -> Iterable[Fact]:
        for sentence in document.sentences:
            concepts = sentence.labelled("CONCEPT")
            adoptions = sentence.labelled("ADOPT")
            if not concepts or not adoptions:
                continue
            if negated(sentence, adoptions[0]):
                continue  # "No new Strategic Concept was adopted in Brussels"
            found = self._timing(document, sentence, concepts[0])
            if found is None:
                continue
            ref, confidence, end = found
            start = min(adoptions[0].start, concepts[0].start)
            span = document.document.span(start, max(end, concepts[0].end))
            # the next concept is the one the document's event prepares
            yield Fact(self.id, KEY, ref, span.quote, span, confidence, FactTime.EVENT)

    def _timing(
        self, document: AnalysedDocument, sentence: Sentence, concept: Mention
    ) -> tuple[MeetingRef, Confidence, int] | None:
        """The stated meeting, how it was found, and where its words end in the sentence."""
        anchor = document.document.day  # "today" needs a day, not a month
        speaking = speaker(document)
        before = [m for m in meetings_in(sentence, anchor, speaking) if m.end <= concept.start]
        if before:
            # "the next NATO summit, in Madrid in July, where leaders are to adopt an
            # updated Strategic Concept": the meeting the relative clause is said of
            mention = max(before, key=lambda m: m.end)
            between = document.document.text[mention.end : concept.start].lower().split()
            if (
                mention.relation == "next meeting"
                and mention.ref.org == DEFAULT_ORG
                and set(between) & RELATIVE_WORDS
            ):
                return mention.ref, Confidence.EXPLICIT, max(mention.end, concept.end)
        place = place_after(sentence, concept.last_token) or place_of(sentence, [concept])
        tied = [d for d in dates_in(sentence) if date_tied_to(sentence, d, [concept])]
        nearest_date = nearest(tied, [concept], window=None)  # not "the first since 2010"
        dates = [nearest_date] if nearest_date else []  # the date tied to the concept
        tense = sentence_tense(sentence.tokens)
        date = resolve_date(nearest_date.text, anchor, tense=tense) if nearest_date else None
        if place or date:
            name = place[0] if place else None
            ref = MeetingRef("summit", date, name, link("summit", date, name, anchor))
            ends = [concept.end, *([place[2]] if place else []), *(d.end for d in dates[:1])]
            end = max(ends)
            return ref, Confidence.EXPLICIT, end
        for other in document.paragraph(sentence.paragraph):
            for mention in meetings_in(other, anchor, speaking):
                if mention.relation == "next meeting" and mention.ref.org == DEFAULT_ORG:
                    ref = mention.ref
                    said = document.document.text[mention.start : mention.end]
                    contextual = MeetingRef(
                        ref.body, ref.date, ref.place, ref.meeting, f"from its paragraph: {said!r}"
                    )
                    return contextual, Confidence.CONTEXTUAL, concept.end
        return None

    def compare(self, a: Fact, b: Fact) -> Comparison:
        return compare_meetings(a.value, b.value)

    def dates(self, fact: Fact) -> Sequence[StatedDate]:
        return meeting_dates(fact.value) if isinstance(fact.value, MeetingRef) else ()


def negated(sentence: Sentence, adoption: Mention) -> bool:
    """'No new Strategic Concept was adopted', 'the concept was not adopted': a negation in
    the clause before the word of adopting."""
    start = adoption.first_token
    while start > 0 and sentence.tokens[start - 1].text not in CLAUSE_BREAKS:
        start -= 1
    return any(t.lower in NEGATIONS for t in sentence.tokens[start : adoption.first_token])


RULE = StrategicConceptTiming()
