"""`mailbot templates preview NAME`: a template rendered with sample data, before it reaches anyone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mailbot.core.model import Decision, Event, Kind, Outcome, Participant, Registration, Severity, Violation
from mailbot.core.replies import reply_context


def sample_decisions(event: Event) -> dict[str, Decision]:
    """One realistic decision per reply template, on the event's own sessions."""
    first = event.sessions[0].date
    last = event.sessions[-1].date
    people = (
        Participant("Anna Andersson", "S", "kommunstyrelsens ordförande"),
        Participant("Bo Berg", "M"),
        Participant("Cecilia Ek", "S"),
    )
    before = Registration("Nacka", first, people)
    after = (people[0], people[1], Participant("David Lind", "L"))
    late = dt.datetime.combine(event.deadline + dt.timedelta(days=1), dt.time(0, 9)).isoformat()
    return {
        "reply/confirmation": Decision(
            Kind.BOTH,
            Outcome.CONFIRMED,
            "Nacka",
            session=first,
            participants=people,
            info_attendee=people[0],
            violations=(Violation("duplicate_party", Severity.WARNING, {"parties": "S"}),),
        ),
        "reply/change": Decision(
            Kind.CHANGE, Outcome.CONFIRMED, "Nacka", session=last, participants=after, previous=before
        ),
        "reply/cancellation": Decision(Kind.CANCELLATION, Outcome.CONFIRMED, "Nacka", previous=before),
        "reply/info_meeting": Decision(Kind.INFO_MEETING, Outcome.CONFIRMED, "Nacka", info_attendee=people[0]),
        "reply/rejection": Decision(
            Kind.REGISTRATION,
            Outcome.REJECTED,
            "Nacka",
            participants=(*people, Participant("Erik Falk", None)),
            violations=(
                Violation("deadline_passed", Severity.ERROR, {"arrived": late, "deadline": event.deadline.isoformat()}),
                Violation("multiple_session_dates", Severity.ERROR, {"dates": f"{first}, {last}"}),
                Violation(
                    "too_many_participants", Severity.ERROR, {"count": "4", "maximum": str(event.max_participants)}
                ),
                Violation("missing_party", Severity.ERROR, {"names": "Erik Falk"}),
            ),
        ),
        "reply/review": Decision(
            Kind.QUESTION, Outcome.NEEDS_REVIEW, "Nacka", reasons=("meddelandet innehåller en fråga",)
        ),
    }


def sample_context(name: str, event: Event) -> dict[str, Any]:
    decisions = sample_decisions(event)
    decision = decisions.get(name, decisions["reply/confirmation"])
    return reply_context(decision, event)
