"""A service file written for a test: its head and tail (a rate and a done step) around the
steps under test, and steps that depend on a choice."""

from __future__ import annotations

from pathlib import Path

HEAD = """id = "demo"
title = { zh = "示例", en = "Example" }
summary = { zh = "示例服务", en = "An example" }
"""


TAIL = """
[[steps]]
id = "rate"
kind = "rate"
title = { zh = "评价", en = "Rate" }

[[steps]]
id = "done"
kind = "done"
title = { zh = "完成", en = "Done" }
"""


def write(tmp_path: Path, body: str, *, head: str = HEAD, tail: str = TAIL) -> Path:
    path = tmp_path / "demo.toml"
    path.write_text(head + body + tail, encoding="utf-8")
    return path


CHOOSE = """
[[steps]]
id = "pick"
kind = "choose"
field = "colour"
title = { zh = "a", en = "a" }
  [[steps.options]]
  value = "red"
  label = { zh = "红", en = "Red" }
  [[steps.options]]
  value = "blue"
  label = { zh = "蓝", en = "Blue" }
"""


def info_step(step_id: str, condition: str) -> str:
    title = 'title = { zh = "b", en = "b" }'
    return f'\n[[steps]]\nid = "{step_id}"\nkind = "info"\n{condition}\n{title}\n'


# A choice of colour, and three steps that depend on it.
COLOURED = (
    CHOOSE
    + info_step("for-red", 'when = { colour = "red" }\notherwise = "for-all"')
    + info_step("for-blue", 'when = { colour = "blue" }')
    + info_step("for-all", 'unless = { colour = ["green", "grey"] }')
)
