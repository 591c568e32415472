"""``timeline extract --store`` and ``--jobs``: a store changes nothing in
the output, a damaged store is rebuilt with a note, one that cannot be
used is a clean error, and any number of processes prints the same bytes."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from generated_folders import make_folder

from timeline.cli import progress_bar, run
from timeline.pipeline import extract_corpus
from timeline.workers import POOL_MIN_FILES

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m timeline ARGS`` as a user runs it, output kept as bytes."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True,
                          env=env, cwd=REPO, timeout=120, check=False)


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    """Documents that all read without a problem."""
    root = tmp_path / "clean"
    make_folder(root, 6, seed=11, broken=False)
    return root


def test_store_twice_gives_the_output_without_a_store(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "docs"
    make_folder(folder, 12, seed=4)  # with an unreadable file: status 1, a problem line
    store = tmp_path / "collection.sqlite"
    outputs = []
    for extra in ([], ["--store", str(store)], ["--store", str(store)]):
        status = run(["extract", str(folder), "--jobs", "1", *extra])
        captured = capsys.readouterr()
        outputs.append((status, captured.out, captured.err))
    assert outputs[0][0] == 1 and "zz_broken.pdf" in outputs[0][2]
    assert outputs[1] == outputs[0]
    assert outputs[2] == outputs[0]
    assert store.is_file()
    assert json.loads(outputs[0][1])["events"]


def test_garbage_store_is_rebuilt_with_a_note(clean: Path, tmp_path: Path) -> None:
    store = tmp_path / "collection.sqlite"
    garbage = random.Random(2).randbytes(9000)
    store.write_bytes(garbage)

    done = run_cli("extract", str(clean), "--store", str(store), "--jobs", "1")
    err = done.stderr.decode()
    assert done.returncode == 0, err
    notes = [line for line in err.splitlines() if line.startswith("timeline: note:")]
    assert len(notes) == 1 and ".broken" in notes[0]
    assert "Traceback" not in err
    assert json.loads(done.stdout) == extract_corpus([clean]).to_json()
    assert (tmp_path / "collection.sqlite.broken").read_bytes() == garbage

    again = run_cli("extract", str(clean), "--store", str(store), "--jobs", "1")
    assert again.returncode == 0 and again.stderr == b""
    assert again.stdout == done.stdout


def test_store_that_is_a_folder_is_refused_cleanly(clean: Path, tmp_path: Path) -> None:
    in_the_way = tmp_path / "in_the_way"
    in_the_way.mkdir()
    done = run_cli("extract", str(clean), "--store", str(in_the_way), "--jobs", "1")
    err = done.stderr.decode()
    assert done.returncode == 2
    assert "in_the_way" in err and "cannot use the store" in err
    assert "Traceback" not in err
    assert done.stdout == b""
    assert list(in_the_way.iterdir()) == []
    assert not (tmp_path / "in_the_way.broken").exists()


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5", ""])
def test_jobs_must_be_one_or_more(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        run(["extract", "--jobs", value, "seeds"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--jobs" in err and "1 or more" in err


def test_one_job_and_two_print_the_same_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    make_folder(folder, POOL_MIN_FILES + 6, seed=8)
    one = run_cli("extract", str(folder), "--jobs", "1")
    two = run_cli("extract", str(folder), "--jobs", "2")
    assert one.returncode == 1  # the unreadable file
    assert json.loads(one.stdout)["events"]
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    with progress_bar(io.StringIO()) as progress:
        assert progress is None
    screen = Terminal()
    with progress_bar(screen) as progress:
        assert progress is not None
        for done in range(1, 4):
            progress(done, 3, f"/docs/file_{done}.txt")
    # tqdm redraws at most ten times a second, so what it drew depends on
    # timing: only that it drew on the terminal is checked.
    assert "file" in screen.getvalue()
