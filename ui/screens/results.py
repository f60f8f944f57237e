"""What a backend answered, drawn the same way on lookup and ticket screens: the sentence,
the facts as label and value, the table in pages; or the failure in words with ways forward."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout

from kiosk.backends.base import Answer, AnswerError
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


def show_answer(screen: StepScreen, answer: Answer) -> PagedTable | None:
    """The answer on ``screen``; its table, if any, is returned: give it the screen's stretch
    (it takes the height left and pages to fit it)."""
    look, lang = screen.look, screen.lang
    if answer.message is not None:
        screen.box.addWidget(Label(look, answer.message.get(lang), "strong"))
        screen.say(answer.message.spoken(lang))
    has_table = answer.table is not None and bool(answer.table.rows)
    # Landscape with a table: the facts beside it, so the table keeps the height for its rows.
    beside = has_table and bool(answer.facts) and not look.portrait
    row = QHBoxLayout()
    row.setSpacing(look.gap_px * 2)
    if answer.facts:
        panel = Panel(look)
        grid = QGridLayout()
        grid.setHorizontalSpacing(look.mm(8))
        bg = look.theme.muted_bg
        columns = 1 if look.portrait or beside or len(answer.facts) < 4 else 2
        for i, fact in enumerate(answer.facts):
            r, c = i // columns, (i % columns) * 2
            grid.addWidget(Label(look, fact.label.get(lang), bg=bg), r, c)
            grid.addWidget(Label(look, fact.value_in(lang), "strong", bg=bg), r, c + 1)
            screen.say_fact(fact.label.spoken(lang), fact.value_in(lang))
        panel.box.addLayout(grid)
        if beside:
            row.addWidget(panel, 2, Qt.AlignmentFlag.AlignTop)
        else:
            screen.box.addWidget(panel)
    if answer.table is not None and has_table:
        headers = [h.get(lang) for h in answer.table.headers]
        fact_rows = -(-len(answer.facts) // (1 if look.portrait else 2)) if answer.facts else 0
        per_page = rows_per_page(screen, 0 if beside else fact_rows)
        table = PagedTable(look, lang, headers, answer.table.rows, per_page)
        if beside:
            row.addWidget(table, 3)
            screen.box.addLayout(row, 1)
        else:
            screen.box.addWidget(table, 1)
        screen.say_later(table.speech)  # the rows of the page as laid out, once it is
        # A page the resident turns is said: where it is, then its rows (not a page the
        # table fitted to its height as the screen was laid out).
        table.turned.connect(
            lambda page: screen.announce.emit(
                t("page.where", lang, n=page + 1, total=table.pages) + "\n" + table.speech()
            )
        )
        return table
    return None


def show_failure(screen: StepScreen, answer: Answer) -> None:
    """The failure in words, and what the resident can do: try again where that may help (the
    system did not answer), else a person or home, never a retry that is bound to fail again
    (a card already reported lost stays so)."""
    error = answer.error or AnswerError.UNAVAILABLE
    # The backend's own sentence says more than ours, where it gives one.
    words = (
        answer.message.get(screen.lang)
        if answer.message
        else t(f"backend.{error.value}", screen.lang)
    )
    screen.problem(words)
    ways = QHBoxLayout()
    ways.setSpacing(screen.look.gap_px * 2)
    staff = screen.button(t("bar.call_staff", screen.lang), role="staff", name="way.staff")
    staff.activated.connect(screen.ctx.call_staff)
    if error is AnswerError.UNAVAILABLE:
        retry = screen.button(t("action.retry", screen.lang), role="primary", name="action.retry")
        retry.activated.connect(screen.ctx.visit.retry)
        ways.addWidget(retry)
        ways.addWidget(staff)
        screen.primary = retry
    else:
        leave = screen.button(t("action.leave", screen.lang), name="action.leave")
        leave.activated.connect(screen.ctx.visit.home)
        ways.addWidget(staff)
        ways.addWidget(leave)
        screen.primary = staff
    screen.box.addLayout(ways)
