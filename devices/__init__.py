"""Device drivers, transports and simulators. Imports nothing else of ours and no Qt.

Public API (everything else is a driver's insides):

- ``devices.status``: DeviceState, Paper, Cover, Card, Media, DeviceStatus, DeviceEvent.
- ``devices.printer.document``: Document and its elements (Title, Line, KeyValue, Table,
  QRCode, Separator, Feed, Cut).
- ``devices.printer.printer``: ReceiptPrinter, PrintResult; ``devices.printer.realtime.Reason``.
- ``devices.idcard.reader``: IdCardReader, CardResult, CardReason;
  ``devices.idcard.textblock.IdCard``; ``devices.idcard.idnumber`` (check digit, mask).
- ``devices.scanner``: Scanner, Scan.
- ``devices.sim``: PrinterSim, IdCardSim, ScannerSim (TCP servers speaking the real bytes).

Every driver owns one thread; its calls return ``concurrent.futures.Future`` objects and its
callbacks run on that thread.
"""
