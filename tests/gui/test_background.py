"""Work off the GUI thread: only the newest request's result arrives."""

from __future__ import annotations

import threading

from timeline.gui.background import LatestRunner


def gated(name: str, ran: list, gate: threading.Event | None = None):
    def job(_stale):
        ran.append((name, threading.current_thread() is threading.main_thread()))
        if gate is not None:
            assert gate.wait(10)
        return name
    return job


def test_a_newer_request_drops_the_older_result_and_replaces_the_waiting_one(qtbot):
    runner = LatestRunner()
    delivered, ran, gate = [], [], threading.Event()
    runner.finished.connect(delivered.append)
    runner.submit(gated("first", ran, gate))
    runner.submit(gated("second", ran))   # waits for the first
    runner.submit(gated("third", ran))    # replaces the second
    assert runner.busy
    gate.set()
    with qtbot.waitSignal(runner.settled, timeout=10000):
        pass
    assert delivered == ["third"]
    assert ran == [("first", False), ("third", False)]
    assert not runner.busy


def test_a_running_job_is_told_it_was_superseded(qtbot):
    runner = LatestRunner()
    started, told = threading.Event(), []

    def long_job(stale):
        started.set()
        while not stale():
            threading.Event().wait(0.001)
        told.append(True)
        return "late"

    delivered = []
    runner.finished.connect(delivered.append)
    runner.submit(long_job)
    assert started.wait(10)
    runner.supersede()
    assert runner.wait_idle(10)
    assert told == [True] and delivered == []


def test_a_failing_job_settles_and_the_next_one_runs(qtbot, caplog):
    runner = LatestRunner()
    delivered = []
    runner.finished.connect(delivered.append)

    def broken(_stale):
        raise RuntimeError("job fault")

    runner.submit(broken)
    assert runner.wait_idle(10)
    assert delivered == [] and "job fault" in caplog.text
    runner.submit(lambda _stale: "fine")
    assert runner.wait_idle(10)
    assert delivered == ["fine"]
