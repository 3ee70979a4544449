"""Background workers never make Qt objects die outside the GUI thread."""

from __future__ import annotations

import gc
import threading

import pytest
import shiboken6
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
        workers.start(worker, worker.run, lambda _reason: None)
        _Cyclic(deaths)  # becomes garbage at once, while the worker allocates
        assert not gc.isenabled()
    workers.wait()
    qtbot.waitUntil(gc.isenabled, timeout=5000)
    gc.collect()
    assert deaths in ([], [threading.main_thread().name])
    assert all(name == threading.main_thread().name for name in deaths)


class _Broken(QObject):
    failed = Signal(str)

    def run(self) -> None:
        raise KeyError("nobody foresaw this")


def test_an_exception_in_a_worker_reaches_its_failure_signal(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    workers = WorkerThreads()
    worker = _Broken()
    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        workers.start(worker, worker.run, worker.failed.emit)
    workers.wait()
    assert blocker.args == ["KeyError: 'nobody foresaw this'"]
    assert "Traceback" in capsys.readouterr().err  # kept for a bug report, not shown to the user


class _Late(QObject):
    done = Signal(int)

    def __init__(self, go: threading.Event) -> None:
        super().__init__()
        self._go = go

    def run(self) -> None:
        self._go.wait(10)
        self.done.emit(1)  # its C++ side is gone by now: RuntimeError


def test_a_worker_deleted_while_it_runs_ends_quietly(
    qtbot: QtBot, capfd: pytest.CaptureFixture[str]
) -> None:
    go = threading.Event()
    failures: list[str] = []
    thread_errors: list[object] = []
    previous = threading.excepthook
    threading.excepthook = thread_errors.append
    try:
        workers = WorkerThreads()
        worker = _Late(go)
        workers.start(worker, worker.run, failures.append)
        shiboken6.delete(worker)  # as when the app quits under a running scan
        go.set()
        workers.wait()
    finally:
        threading.excepthook = previous
    assert failures == [] and thread_errors == []
    assert "Traceback" not in capfd.readouterr().err
