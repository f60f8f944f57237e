"""The report as JSON: the dataclasses as they are, dates in ISO form."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from kiosk.report import figures as f


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def render(report: f.Report) -> str:
    return json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=2, default=_default)
