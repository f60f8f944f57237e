"""``kiosk run`` leaves the Python stack of the thread a crash struck, whole, in its log."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.helpers.child import run_python
from tests.helpers.waiting import wait_until

ROOT = Path(__file__).resolve().parent.parent.parent


def test_a_segmentation_fault_in_kiosk_run_leaves_the_python_stacks_in_the_log(
    tmp_path: Path,
) -> None:
    log = tmp_path / "kiosk.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_SPEECH_ENABLED": "false"}
    env.pop("PYTHONFAULTHANDLER", None)
    with log.open("w") as out:
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(tmp_path)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            # Started (store, devices, voice), the loop running: not while the startup worker
            # is still inside the migration, where the dump of its stack could be cut short.
            wait_until(lambda: "kiosk: ready" in log.read_text(), timeout=60, interval=0.1)
            kiosk.send_signal(signal.SIGSEGV)
            code = kiosk.wait(timeout=30)
        finally:
            if kiosk.poll() is None:
                kiosk.kill()
                kiosk.wait()
    text = log.read_text(errors="replace")
    assert code == -signal.SIGSEGV
    assert "Fatal Python error: Segmentation fault" in text, text[-2000:]
    # The GUI thread took the signal (Linux gives a process's signal to its main thread): its
    # stack, whole, down to the interpreter's first frame.
    stack = text[text.index("Stack (most recent call first):") :]
    assert "in run_kiosk" in stack and "in _run_module_as_main" in stack, stack


# A fault while other threads run Python: the dump must not read their changing frames (with
# every thread's stack written, about one run in seven ended before the main thread's).
BUSY = """
import os, signal, sys, threading, time
from kiosk.cli import crash_traces

def deep(n):
    return 0 if n == 0 else deep(n - 1) + 1

def busy():
    while True:
        deep(300)

crash_traces()
for _ in range(3):
    threading.Thread(target=busy, daemon=True).start()
threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGSEGV)).start()

def main_thread_waiting():
    time.sleep(10)

main_thread_waiting()
"""


def test_the_crash_dump_is_the_struck_threads_whole_stack_while_others_run_python() -> None:
    for _ in range(3):
        done = run_python(BUSY)
        assert done.returncode == -signal.SIGSEGV, done.stderr[-2000:]
        dump = done.stderr[done.stderr.index("Fatal Python error") :]
        assert "in main_thread_waiting" in dump and "in <module>" in dump, dump[-2000:]
        assert "in deep" not in dump, dump[-2000:]  # no running thread's frames were read
