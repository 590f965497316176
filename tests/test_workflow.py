"""The organiser's way in: `init`, `--version`, `-q` / `-v`, a line per output as it finishes, and
the content reference from the package (`help content`), which messages point to."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import CONTENT, REPO, run_cli


def test_init_writes_a_commented_example_that_passes_check(tmp_path):
    folder = tmp_path / "my event"
    r = run_cli("init", str(folder))
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["event.yaml", "people.yaml", "programme.yaml", "venues.yaml"]
    for name in names:
        assert (folder / name).read_text().startswith("#")  # every file says what it is for
    assert "eventprint serve --content" in r.stdout and "'" in r.stdout  # the path quoted for the shell
    check = run_cli("check", "--content", str(folder))  # lays out every output, as a build does
    assert check.returncode == 0, check.stderr
    assert "content OK: 1 days, 8 items, 4 talks, 4 people with roles; 2 warning(s)" in check.stdout
    # the two warnings are the organiser's first tasks: the web address, and a title to confirm
    assert "base_url" in check.stdout and "is not confirmed yet" in check.stdout


def test_init_never_overwrites_an_event(tmp_path):
    (tmp_path / "programme.yaml").write_text("# mine\n")
    r = run_cli("init", str(tmp_path))
    assert r.returncode == 2
    assert "already holds programme.yaml" in r.stderr and "nothing was written" in r.stderr
    assert (tmp_path / "programme.yaml").read_text() == "# mine\n"
    assert not (tmp_path / "event.yaml").exists()


def test_the_program_ends_with_its_output_and_status_when_piped(tmp_path):
    """``python -m eventprint`` ends the process itself once a command is done (cli.run skips
    Python's clean-up): what it printed still arrives whole through a pipe, which Python buffers
    (PYTHONUNBUFFERED off), and so does its exit status."""
    import os
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    run = subprocess.run([sys.executable, "-m", "eventprint", "cards", "--content", str(CONTENT), "--out",
                          str(tmp_path / "out")], capture_output=True, text=True, env=env, cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert "timing-cards.pdf" in run.stdout and re.search(r"^done in \d+\.\d\d s$", run.stdout, re.M)
    assert run.stdout.endswith("\n") and (tmp_path / "out" / "timing-cards.pdf").is_file()
    failed = subprocess.run([sys.executable, "-m", "eventprint", "cards", "--content", str(tmp_path / "none")],
                            capture_output=True, text=True, env=env, cwd=REPO)
    assert failed.returncode == 2 and "this content folder does not exist" in failed.stderr


def test_version(capsys):
    from eventprint import cli
    from importlib.metadata import version
    with pytest.raises(SystemExit) as e:
        cli.main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.strip() == f"eventprint {version('eventprint')}"


def test_quiet_prints_only_errors(tmp_path):
    quiet = run_cli("-q", "poster", "--content", str(CONTENT), "--out", str(tmp_path / "out"))
    assert quiet.returncode == 0, quiet.stderr
    assert (quiet.stdout, quiet.stderr) == ("", "")  # not even the DRAFT line: it is a warning
    assert (tmp_path / "out" / "poster.pdf").is_file()
    broken = tmp_path / "broken"
    shutil.copytree(CONTENT, broken)
    (broken / "venues.yaml").unlink()
    failed = run_cli("poster", "-q", "--content", str(broken), "--out", str(tmp_path / "out"))
    assert failed.returncode == 2
    assert f"{broken / 'venues.yaml'}: this file is missing" in failed.stderr
    assert failed.stdout == ""


def test_verbose_lists_every_file_and_a_line_per_output_as_it_finishes(tmp_path):
    r = run_cli("-v", "site", "--content", str(CONTENT), "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file() and ".eventprint" not in p.parts)
    assert all(f"wrote {p}" in r.stdout for p in written)
    assert "more file(s)" not in r.stdout
    assert re.search(r"^site: \d+ files \u2026 \d+\.\d s$", r.stderr, re.M), r.stderr


def test_the_progress_line_names_the_pages(tmp_path):
    r = run_cli("poster", "-v", "--content", str(CONTENT), "--out", str(tmp_path))
    assert re.search(r"^poster: poster\.pdf 1 page \u2026 \d+\.\d s$", r.stderr, re.M), r.stderr


def test_pdf_pages_counts_what_a_pdf_reader_counts(artifacts):
    import io

    import pypdf
    from eventprint.build import pdf_pages
    for name in ("booklet", "signs", "badges"):
        for path, data in artifacts("symposium", name).items():
            if path.endswith(".pdf"):
                assert pdf_pages(data) == len(pypdf.PdfReader(io.BytesIO(data)).pages), path


def test_help_content_is_the_content_reference():
    r = run_cli("help", "content")
    assert r.returncode == 0
    assert r.stdout == (REPO / "content" / "README.md").read_text(encoding="utf-8")


def test_messages_point_to_the_reference_a_pip_install_has(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "c")
    (tmp_path / "c" / "people.yaml").unlink()
    r = run_cli("check", "--content", str(tmp_path / "c"))
    assert "`eventprint help content` says what people.yaml holds" in r.stderr
    assert "content/README.md" not in r.stderr


def test_help_names_every_import_format_as_its_tool_does(capsys):
    from eventprint import cli
    with pytest.raises(SystemExit):
        cli.main(["import", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Convert a pretalx, frab, Indico, Sessionize or CSV export" in text
    with pytest.raises(SystemExit):
        cli.main(["all", "--help"])
    from eventprint.outputs import NAMES
    assert f"Every output: {', '.join(NAMES)}." in " ".join(capsys.readouterr().out.split())


def test_every_package_folder_goes_into_the_wheel():
    """pyproject.toml lists the packages one by one (generator/ is installed as eventprint): a new
    folder left out of the list works in the checkout and is missing from a pip install."""
    import tomllib
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    roots = {REPO / folder: name for name, folder in config["package-dir"].items()}
    for root, name in roots.items():
        for init in root.rglob("__init__.py"):
            package = ".".join([name, *init.parent.relative_to(root).parts])
            assert package in listed, f"{package} ({init.parent}) is not in pyproject.toml's packages"
    data = config["package-data"]
    assert "example/*.yaml" in data["eventprint"] and "README.md" in data["eventprint.reference"]
