"""What a backend answered, drawn the same way on lookup and ticket screens: the sentence,
the facts as label and value, the table in pages; or the failure in words with ways forward."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout

from kiosk.backends.base import Answer
from kiosk.i18n import t
from ui.screens.base import StepScreen
from ui.widgets.table import PagedTable
from ui.widgets.text import Label, Panel


def rows_per_page(screen: StepScreen, taken_rows: int) -> int:
    look = screen.look
    height = 1920 if look.portrait else 1080
    row = look.body_px * 1.45 + look.mm(2)
    # Portrait leaves room for the help strip and the staff control row as well.
    return max(3, int(height * (0.38 if look.portrait else 0.3) / row) - taken_rows)


def show_answer(screen: StepScreen, answer: Answer) -> None:
    look, lang = screen.look, screen.lang
    if answer.message is not None:
        screen.box.addWidget(Label(look, answer.message.get(lang), "strong"))
        screen.say(answer.message.spoken(lang))
    if answer.facts:
        panel = Panel(look)
        grid = QGridLayout()
        grid.setHorizontalSpacing(look.mm(8))
        bg = look.theme.muted_bg
        columns = 1 if look.portrait or len(answer.facts) < 4 else 2
        for i, fact in enumerate(answer.facts):
            r, c = i // columns, (i % columns) * 2
            grid.addWidget(Label(look, fact.label.get(lang), bg=bg), r, c)
            grid.addWidget(Label(look, fact.value_in(lang), "strong", bg=bg), r, c + 1)
            screen.say(f"{fact.label.spoken(lang)}：{fact.value_in(lang)}")
        panel.box.addLayout(grid)
        screen.box.addWidget(panel)
    if answer.table is not None and answer.table.rows:
        headers = [h.get(lang) for h in answer.table.headers]
        fact_rows = -(-len(answer.facts) // (1 if look.portrait else 2)) if answer.facts else 0
        table = PagedTable(look, lang, headers, answer.table.rows, rows_per_page(screen, fact_rows))
        screen.box.addWidget(table)
        for row in table.page_rows():
            screen.say("，".join(f"{h} {v}" for h, v in zip(headers, row, strict=False)))


def show_failure(screen: StepScreen, answer: Answer) -> None:
    """The failure in words, and what the resident can do: try again, or a person."""
    error = answer.error.value if answer.error else "unavailable"
    # The backend's own sentence says more than ours, where it gives one.
    words = (
        answer.message.get(screen.lang) if answer.message else t(f"backend.{error}", screen.lang)
    )
    screen.problem(words)
    ways = QHBoxLayout()
    ways.setSpacing(screen.look.gap_px * 2)
    retry = screen.button(t("action.retry", screen.lang), role="primary", name="action.retry")
    retry.activated.connect(screen.ctx.visit.retry)
    staff = screen.button(t("bar.call_staff", screen.lang), role="staff", name="way.staff")
    staff.activated.connect(screen.ctx.visit.request_help)
    ways.addWidget(retry)
    ways.addWidget(staff)
    screen.box.addLayout(ways)
    screen.primary = retry
