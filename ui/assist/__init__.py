"""Kiosk-side widgets for the human path, for the kiosk window to embed.

Embedding API (each widget is self-contained; none touches the database itself, every read and
write is a kiosk.api call run on a worker thread):

``StaffEntryButton``  the discreet, labelled staff control ("工作人员"). Signal ``pressed``.
``PinPadPanel(staff, kiosk_id)``  staff number + PIN on large keys; ``badge_scanned(code)``
    takes a badge read by the scanner. Signals ``signed_in(StaffInfo)``, ``cancelled()``.
    Call ``reset()`` each time it is shown.
``AssistedBanner``  ``show_staff(StaffInfo)`` / ``clear()``: "工作人员 王芳（工号 1024）正在协助您";
    put it on every screen while assisted.
``StaffActionsPanel(takeover, make_resident)``  the helper's actions, each a ``Takeover`` call
    (kiosk.assist.takeover) that writes an audit entry. Signals: ``state_changed()`` (redraw
    the current step), ``reprint_requested()``, ``device_switched_off(str)``,
    ``leave_kiosk_requested(str)``, ``visit_ended()``, ``handed_back()``, ``refused(str)``.
``HelpStatusStrip``  what the resident sees after a call: ``follow(HelpWatch)`` polls it once a
    second; ``show_undelivered(text)`` for the offline fallback. Signals ``announce(str)``
    (speak this), ``counter_offered(HelpStatus)``, ``staff_coming(HelpStatus)``,
    ``cancelled()``, ``finished()``.

Every widget has ``shutdown()``; call it before the window closes.
"""
