"""``timeline extract --max-size``: files over the limit are skipped and reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.cli import run


def test_a_file_over_the_size_limit_is_skipped_and_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "big.txt").write_text("Held on 5 March 2013. " * 100, encoding="utf-8")
    (tmp_path / "small.txt").write_text("Held on 1 April 2013.", encoding="utf-8")
    status = run(["extract", "--max-size", "0.001", str(tmp_path)])
    captured = capsys.readouterr()
    assert status == 1
    assert "big.txt" in captured.err and "limit" in captured.err
    assert "small" in captured.out and "big" not in captured.out


@pytest.mark.parametrize("value", ["0", "-3", "lots"])
def test_a_size_limit_must_be_a_positive_number(
        value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        run(["extract", "--max-size", value, "seeds"])
    assert stop.value.code == 2
    assert "positive number of megabytes" in capsys.readouterr().err

