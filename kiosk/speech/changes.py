"""What a screen says when it is drawn again for a change on the same step (printing, then
printed; looking it up, then the answer; a number to type once more): only what it did not say
just before. Its title, its prompt and who was identified are not read a second time. A screen
that answers what the resident just did says its answer first, however much else it says."""

from __future__ import annotations

from kiosk.speech.private import spoken_lines


def news(before: str, after: str) -> str:
    """The lines of ``after`` that ``before`` did not have, in their order; a marked personal
    span over several lines counts as one."""
    had = set(spoken_lines(before))
    return "\n".join(line for line in spoken_lines(after) if line.strip() and line not in had)


def again(answered: str, text: str, new: str) -> str:
    """The lines of the last answer ``answered`` that ``text`` still has, then ``new``."""
    shown, fresh = set(spoken_lines(text)), set(spoken_lines(new))
    kept = [line for line in spoken_lines(answered) if line.strip() and line in shown - fresh]
    return "\n".join([*kept, new] if new else kept)


def answer_first(answer: str, text: str) -> str:
    """All of ``text``, the lines of ``answer`` that it has first, then the others in their
    order: the whole screen said again (what was being said was cut off), its answer still
    in front."""
    shown = [line for line in spoken_lines(text) if line.strip()]
    lead = [line for line in spoken_lines(answer) if line in set(shown)]
    led = set(lead)
    rest = [line for line in shown if line not in led]
    return "\n".join([*lead, *rest])
