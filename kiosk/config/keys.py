"""The declarations read as a flat list of keys: each with its dotted name, type, default, limits
and ``KIOSK_*`` variable. The loader, the checks and the example file all work from this list."""

from __future__ import annotations

import functools
import inspect
import sys
from typing import Any, Literal, NamedTuple, get_args, get_origin

from kiosk.config.record import Key, Record
from kiosk.config.settings import Settings


class KeySpec(NamedTuple):
    """One configuration key: where it lives, its type and how to override it."""

    dotted: str
    type: Any
    default: Any
    help: str
    lo: float | None
    hi: float | None
    env: str
    deploy: Any = None  # the value in an installed kiosk's configuration, when it differs

    @property
    def choices(self) -> tuple[Any, ...]:
        return get_args(self.type) if get_origin(self.type) is Literal else ()

    @property
    def section(self) -> str:
        return self.dotted.rpartition(".")[0]

    @property
    def name(self) -> str:
        return self.dotted.rpartition(".")[2]


@functools.cache
def _evaluated(annotation: str, module: str) -> Any:
    """A key's type from its annotation, each distinct one evaluated once: the declarations'
    80 annotations are a dozen texts ("str", "float", ...), and typing.get_type_hints compiled
    every one of them on each start (1.5 ms before the first paint)."""
    return eval(annotation, vars(sys.modules[module]))


def _walk(cls: type[Record], prefix: str = "") -> list[KeySpec]:
    hints = {
        name: _evaluated(annotation, cls.__module__) if isinstance(annotation, str) else annotation
        for name, annotation in inspect.get_annotations(cls).items()
    }
    specs: list[KeySpec] = []
    for name, declared in cls.declared.items():
        dotted = f"{prefix}{name}"
        if not isinstance(declared, Key):
            specs.extend(_walk(declared.record, dotted + "."))
            continue
        env = declared.env or "KIOSK_" + dotted.replace(".", "_").upper()
        specs.append(
            KeySpec(
                dotted,
                hints[name],
                declared.default,
                declared.help,
                declared.lo,
                declared.hi,
                env,
                declared.deploy,
            )
        )
    return specs


KEYS: tuple[KeySpec, ...] = tuple(_walk(Settings))
KEYS_BY_NAME = {k.dotted: k for k in KEYS}


def describe(spec: KeySpec) -> str:
    """What a key allows, in words: for error messages and the example file."""
    if spec.choices:
        return "one of " + ", ".join(repr(c) for c in spec.choices)
    base = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}[spec.type]
    if spec.lo is not None and spec.hi is not None:
        base += f" from {spec.lo:g} to {spec.hi:g}"
    return base
