"""What a screen says when it is drawn again for a change on the same step (printing, then
printed; looking it up, then the answer; a number to type once more): only what it did not say
just before. Its title, its prompt and who was identified are not read a second time."""

from __future__ import annotations

from kiosk.speech.private import spoken_lines


def news(before: str, after: str) -> str:
    """The lines of ``after`` that ``before`` did not have, in their order; a marked personal
    span over several lines counts as one."""
    had = set(spoken_lines(before))
    return "\n".join(line for line in spoken_lines(after) if line.strip() and line not in had)
