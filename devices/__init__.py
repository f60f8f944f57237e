"""Device drivers, transports and simulators. Imports nothing else of ours and no Qt.

Public API, by module (everything else is a driver's insides; tests/devices/test_public_api.py
checks that kiosk/ and ui/ import nothing else):

- ``devices.status``: DeviceState, Paper, Cover, Card, Media, DeviceStatus, DeviceEvent.
- ``devices.printer.document``: Document and its elements (Element, Title, Line, KeyValue,
  Table, QRCode, Separator, Feed, Cut).
- ``devices.printer.layout``: document_text (a document as the plain text it prints as).
- ``devices.printer.printer``: ReceiptPrinter, PrintResult.
- ``devices.printer.realtime``: Reason (why a job did not print), blocker (the Reason a status
  stops a job for, or None), warning (the Reason a status warns of: paper low, or None).
- ``devices.idcard.reader``: IdCardReader, CardResult, CardReason.
- ``devices.idcard.textblock``: IdCard.
- ``devices.idcard.idnumber``: check_digit, birth_date, problem, mask (GB 11643 numbers).
- ``devices.scanner``: Scanner, Scan, Rejected (a scan the kiosk cannot take).
- ``devices.transport``: url_problem (what is wrong with a port's address, before opening).
- ``devices.sim.server``: SimServer, the simulators' base (start, stop, url, host, port, name,
  plug, unplug).
- ``devices.sim.printer``: PrinterSim, STATES, KEEP_RECEIPTS.
- ``devices.sim.idcard``: IdCardSim, Faults, sample_card.
- ``devices.sim.scanner``: ScannerSim, TERMINATORS.

The simulators are TCP servers speaking the real bytes, reached through ``socket://`` URLs.
Every driver owns one thread; its calls return ``concurrent.futures.Future`` objects and its
callbacks run on that thread.
"""
