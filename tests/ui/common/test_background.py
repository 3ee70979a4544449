"""Background workers never make Qt objects die outside the GUI thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from reader.ui.common.background import WorkerThreads


class _Churn(QObject):
    done = Signal(int)

    def run(self) -> None:
        junk = [[index] for index in range(200_000)]  # enough allocation to trigger collections
        self.done.emit(len(junk))


class _Cyclic(QObject):
    def __init__(self, deaths: list[str]) -> None:
        super().__init__()
        self.me = self  # a reference cycle: only the cycle collector can free it
        self.destroyed.connect(lambda: deaths.append(threading.current_thread().name))


def test_cycles_holding_qobjects_are_collected_in_the_gui_thread(qtbot: QtBot) -> None:
    deaths: list[str] = []
    workers = WorkerThreads()
    worker = _Churn()
    with qtbot.waitSignal(worker.done, timeout=20_000):
        workers.start(worker, worker.run)
        _Cyclic(deaths)  # becomes garbage at once, while the worker allocates
        assert not gc.isenabled()
    workers.wait()
    qtbot.waitUntil(gc.isenabled, timeout=5000)
    gc.collect()
    assert deaths in ([], [threading.main_thread().name])
    assert all(name == threading.main_thread().name for name in deaths)
