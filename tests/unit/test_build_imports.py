"""Dask is an optional extra: the command line, the default build and the
app never import it (nor fsspec, which only a URL source needs)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest

OPTIONAL = ("dask", "distributed", "fsspec")


def imported_after(code: str) -> list[str]:
    probe = (f"{code}\nimport sys\n"
             f"print(sorted({{k.split('.')[0] for k in sys.modules}} & {set(OPTIONAL)!r}))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


def test_command_line_and_app_do_not_import_dask() -> None:
    assert imported_after("import timeline.cli, timeline.engine, timeline.gui.app, "
                          "timeline.gui.main_window") == []


def test_a_local_build_does_not_import_dask(tmp_path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("The summit was held on 3 May 2011.\n", encoding="utf-8")
    code = ("from timeline.cli import run\n"
            f"assert run(['build', {str(folder)!r}, '--store', "
            f"{str(tmp_path / 's.sqlite')!r}]) == 0")
    assert imported_after(code) == []


def test_the_check_sees_dask_when_it_is_imported() -> None:
    pytest.importorskip("distributed")
    assert "distributed" in imported_after("import timeline.engine.dask_engine")
