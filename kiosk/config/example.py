"""The documented configuration written from the declarations: ``packaging/kiosk.example.toml``
(every default) and an installed kiosk's ``/etc/kiosk/kiosk.toml`` (the installed values).
``python -m kiosk.config [--installed]`` prints it."""

from __future__ import annotations

from typing import Any

from kiosk.config.keys import KEYS, describe


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def example_toml(*, installed: bool = False) -> str:
    """The documented configuration, every key with its value and its variable.

    By default every value is the default (``packaging/kiosk.example.toml``). ``installed``
    gives the file a kiosk package puts in /etc/kiosk/kiosk.toml: the same keys, with the
    installed values (data in /var/lib/kiosk, devices at their udev names).
    """
    override = (
        "# KIOSK_* environment variables override this file; command-line flags override both."
    )
    if installed:
        head = [
            "# Kiosk configuration of this installation (the package's /etc/kiosk/kiosk.toml).",
            "# Keys marked 'Installed' differ from the built-in default.",
            override,
            "# Devices: the /dev/kiosk/* names come from udev rules; copy",
            "# /usr/share/kiosk/udev/70-kiosk-devices.rules to /etc/udev/rules.d/ and fill in",
            "# your devices' vendor, product and serial there (the file says how).",
        ]
    else:
        head = [
            "# Kiosk configuration. Every key is shown with its default.",
            override,
            "# Generated from kiosk/config/sections.py by `python -m kiosk.config`; "
            "a test keeps it in step.",
            "# 'Installed': the value the kiosk package puts in /etc/kiosk/kiosk.toml.",
        ]
    lines = head
    section = None
    for spec in KEYS:
        sec = spec.dotted.rpartition(".")[0]
        if sec != section:
            lines += ["", f"[{sec}]"]
            section = sec
        allowed = describe(spec)
        note = f" Installed: {toml_value(spec.deploy)}." if spec.deploy is not None else ""
        lines.append(f"# {spec.help} Allowed: {allowed}.{note} Variable: {spec.env}")
        value = spec.deploy if installed and spec.deploy is not None else spec.default
        lines.append(f"{spec.dotted.rpartition('.')[2]} = {toml_value(value)}")
    return "\n".join(lines) + "\n"
