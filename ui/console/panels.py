"""Side panels of the console: every kiosk with its devices, and the counter lookup."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.assist.views import KioskView, VisitRecord
from ui.console import words
from ui.console.cards import Describe
from ui.console.style import named


def device_line(kiosk: KioskView) -> str:
    if not kiosk.devices:
        return "设备：暂无报告"
    parts = []
    for d in kiosk.devices:
        state = words.DEVICE_STATES.get(d.state, d.state)
        media = f"，{words.MEDIA.get(d.media, d.media)}" if d.media and d.media != "ok" else ""
        mark = "⚠ " if d.faulty else "✓ "
        parts.append(f"{mark}{words.DEVICES.get(d.device, d.device)} {state}{media}")
    return "\n".join(parts)


class KiosksPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setAccessibleName("终端和设备状态")
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(16, 12, 16, 12)
        heading = named(QLabel("终端和设备"), "title")
        self._box.addWidget(heading)
        self._rows: list[QLabel] = []

    def show_kiosks(self, kiosks: tuple[KioskView, ...]) -> None:
        for row in self._rows:
            self._box.removeWidget(row)
            row.deleteLater()
        self._rows = []
        for kiosk in kiosks:
            label = QLabel(f"<b>{kiosk.name}</b><br>" + device_line(kiosk).replace("\n", "<br>"))
            label.setAccessibleName(f"{kiosk.name}：{device_line(kiosk)}")
            self._box.addWidget(label)
            self._rows.append(label)

    def texts(self) -> list[str]:
        return [r.accessibleName() for r in self._rows]


def record_text(record: VisitRecord, describe: Describe) -> str:
    service, _ = describe(record.service_id, "")
    lines = [
        f"查询码 {record.reference} · {service or record.service_id}",
        f"终端 {record.kiosk_id} · 开始 {record.started_at.astimezone():%H:%M}",
    ]
    if record.resident_masked:
        lines.append(f"居民 {record.resident_masked}（已核验）")
    outcome = record.outcome or "未结束"
    lines.append(f"结果：{outcome}")
    done = []
    for event in record.events:
        if event.kind == "step_entered":
            continue
        label = words.EVENTS.get(event.kind, event.kind)
        _, step = describe(record.service_id, event.step) if event.step else ("", "")
        done.append(f"{event.at.astimezone():%H:%M:%S} {label} {step}".rstrip())
    lines.append("已办：" + ("\n  " + "\n  ".join(done) if done else "无"))
    for ticket in record.tickets:
        lines.append(f"排队票：{ticket}")
    for request in record.help:
        lines.append(
            f"呼叫：{words.REASONS.get(request.reason, request.reason)} · {request.status}"
        )
    return "\n".join(lines)


class LookupPanel(QFrame):
    """The reference on a counter ticket opens what the resident already did."""

    lookup = Signal(str)

    def __init__(self, describe: Describe, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self._describe = describe
        self.edit = QLineEdit(placeholderText="票上的 8 位查询码")
        self.edit.setAccessibleName("查询码")
        self.edit.returnPressed.connect(self._go)
        self.button = QPushButton("查询")
        self.button.setAccessibleName("按查询码查询办理记录")
        self.button.clicked.connect(self._go)
        self.result = QLabel(wordWrap=True)
        self.result.setAccessibleName("查询结果")
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 12, 16, 12)
        box.addWidget(named(QLabel("窗口查询"), "title"))
        box.addLayout(row)
        box.addWidget(self.result)

    def _go(self) -> None:
        if self.edit.text().strip():
            self.result.setText("正在查询…")
            self.lookup.emit(self.edit.text())

    def clear(self) -> None:
        self.edit.clear()
        self.result.setText("")

    def show_record(self, record: VisitRecord | None) -> None:
        if record is None:
            self.result.setText("没有找到这个查询码，请核对票面")
        else:
            self.result.setText(record_text(record, self._describe))
