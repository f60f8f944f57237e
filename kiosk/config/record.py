"""What the configuration's sections are made of: ``Record``, an immutable set of declared keys.

Every start reads the configuration before the kiosk's first paint. As frozen dataclasses, the
sections cost about 10 ms of that start: ``dataclasses`` writes six methods for each class and
compiles each with ``exec``. A record's methods are written once, here, and read the
declarations its class holds; what the sections are used for is the same: built from keyword
values, read as attributes, equal when their values are, hashable, unchangeable, ``replace``.
"""

from __future__ import annotations

import inspect
from dataclasses import FrozenInstanceError
from typing import Any, ClassVar, Self, dataclass_transform


class Key:
    """One declared key: its default, a line of help, its limits, its ``KIOSK_*`` variable
    (when not the one its name gives) and its value in an installed kiosk's configuration."""

    __slots__ = ("default", "deploy", "env", "help", "hi", "lo")

    def __init__(
        self,
        default: Any,
        help: str,
        lo: float | None = None,
        hi: float | None = None,
        env: str | None = None,
        deploy: Any = None,
    ) -> None:
        self.default, self.help, self.lo, self.hi = default, help, lo, hi
        self.env, self.deploy = env, deploy


class Part:
    """A record within a record (a section of the settings), made with its defaults."""

    __slots__ = ("record",)

    def __init__(self, record: type[Record]) -> None:
        self.record = record


@dataclass_transform(frozen_default=True, kw_only_default=True)  # type checkers: as a dataclass
class Record:
    """Keys declared as annotated class attributes, each ``Key(...)`` or ``Part(...)``; an
    instance holds a value for each, given by keyword or its default."""

    declared: ClassVar[dict[str, Key | Part]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        declared: dict[str, Key | Part] = {}
        for name in inspect.get_annotations(cls):
            spec = cls.__dict__.get(name)
            if isinstance(spec, Key | Part):
                declared[name] = spec
                delattr(cls, name)  # the instance's value, never the declaration, is read
        cls.declared = declared

    def __init__(self, **values: Any) -> None:
        for name, spec in self.declared.items():
            if name in values:
                value = values.pop(name)
            elif isinstance(spec, Key):
                value = spec.default
            else:
                value = spec.record()
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__} has no key {', '.join(map(repr, values))}")

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.declared)

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes``, as ``dataclasses.replace`` makes one."""
        return type(self)(**{**dict(zip(self.declared, self.values(), strict=True)), **changes})

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.values() == other.values()

    def __hash__(self) -> int:
        return hash((type(self), self.values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.declared)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
