"""The output registry (eventprint.outputs) and the arrows between core and layouts.

The core (generator/, installed as ``eventprint``) imports no layout except through the registry,
and no layout imports the loader or the modules that drive a build; the command line, ``make``
and the README list exactly the registry's outputs."""
from __future__ import annotations

import ast
import contextlib
import io
import re
import sys
from pathlib import Path

import pytest

from conftest import REPO
from eventprint import cli, outputs
from eventprint.options import BuildOptions

CORE = REPO / "generator"
LAYOUTS = REPO / "layouts"
# what a layout may not import: the loader and importers (a layout reads the model, never files),
# and what drives a build (they import the layouts: a cycle)
NOT_FOR_LAYOUTS = ("eventprint.content", "eventprint.importers", "eventprint.outputs", "eventprint.build",
                   "eventprint.reprint", "eventprint.check", "eventprint.cli")


def _module(path: Path) -> str:
    """The installed name of a source file: generator/content/read.py -> eventprint.content.read."""
    if path.is_relative_to(LAYOUTS):
        parts = ("eventprint", "layouts", *path.relative_to(LAYOUTS).with_suffix("").parts)
    else:
        parts = ("eventprint", *path.relative_to(CORE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports made absolute, at any depth of the file
    (imports inside functions count too)."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                base = ".".join(up + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}  # `from eventprint import layouts`
    return found


def test_the_import_reader_sees_relative_absolute_and_late_imports(tmp_path, monkeypatch):
    """The arrow tests below are only as good as this reader."""
    fake_core = tmp_path / "generator"
    (fake_core / "content").mkdir(parents=True)
    source = fake_core / "content" / "x.py"
    source.write_text("from ..layouts.kit import theme\nimport eventprint.layouts.badges\n"
                      "def f():\n    from eventprint import layouts\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "CORE", fake_core)
    found = imports(source)
    assert {"eventprint.layouts.kit", "eventprint.layouts.badges", "eventprint.layouts"} <= found


def test_no_core_module_imports_a_layout_except_the_registry():
    offenders = {str(p.relative_to(REPO)): sorted(m for m in imports(p) if m.startswith("eventprint.layouts"))
                 for p in sorted(CORE.rglob("*.py")) if p != CORE / "outputs.py"}
    assert {p: ms for p, ms in offenders.items() if ms} == {}


def test_no_layout_imports_the_loader_or_what_drives_a_build():
    offenders = {str(p.relative_to(REPO)): sorted(m for m in imports(p) if m.startswith(NOT_FOR_LAYOUTS))
                 for p in sorted(LAYOUTS.rglob("*.py"))}
    assert {p: ms for p, ms in offenders.items() if ms} == {}


def _stdout(*args: str) -> str:
    """What ``eventprint ARGS`` prints before it stops on its own (--list, --help)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as stop:
        cli.main(list(args))
    assert stop.value.code == 0
    return out.getvalue()


def test_every_output_is_a_subcommand_with_its_options_and_in_the_list():
    listed = _stdout("--list")
    for o in outputs.OUTPUTS.values():
        assert re.search(rf"^  {o.name} +{re.escape(o.help)}$", listed, re.M), o.name
        helped = _stdout(o.name, "--help")
        for opt in o.options:
            assert f"--{opt.field} {opt.metavar}" in helped, (o.name, opt.field)
            assert opt.usage in listed
    with pytest.raises(SystemExit):  # an option of another output
        cli._parser().parse_args(["booklet", "--size", "A5"])


@pytest.mark.parametrize("output", list(outputs.OUTPUTS.values()), ids=lambda o: o.name)
def test_every_option_is_a_build_option_and_every_output_a_make_target(output):
    fields = set(BuildOptions.__dataclass_fields__)
    assert {opt.field for opt in output.options} <= fields
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    target = re.search(rf"^{output.name}: \$\(STAMP\)( ## .+)?\n\t\$\(EP\) {output.name} \$\(DIRS\)(.*)$",
                       makefile, re.M)
    assert target, f"make {output.name} is missing"
    for opt in output.options:  # make passes the options it has a variable for
        if opt.field.upper() in re.findall(r"^([A-Z]+) +\?=", makefile, re.M):
            assert f"$(OPTS_{opt.field.upper()})" in target.group(2), (output.name, opt.field)
    assert re.search(rf"^\.PHONY:.* {output.name}( |$)", makefile, re.M)


def readme_table() -> str:
    """The README's table of outputs, from the registry: what each is, the files it writes, how to make it."""
    from eventprint import reprint
    rows = ["| output | file(s) in `out/` | command |", "| --- | --- | --- |"]
    for o in outputs.OUTPUTS.values():
        usage = "".join(f" [{opt.usage}]" for opt in o.options).replace("|", "\\|")
        rows.append(f"| {o.help[0].upper()}{o.help[1:]} | {o.files} | `make {o.name}`, `eventprint {o.name}{usage}` |")
    names = [o.name for o in reprint.tracked()]
    listed = ", ".join(names[:-1]) + " or " + names[-1]
    rows.append(f"| What changed since it was last printed, ready to reprint | `reprint.pdf`, `manifest.json` | any "
                f"build of {listed} |")
    return "\n".join(rows)


def test_the_readme_lists_the_outputs_as_the_registry_does():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- outputs:.*?-->\n(.*?)\n<!-- /outputs -->", readme, re.S)
    assert found, "README.md has no <!-- outputs: ... --> block"
    assert found.group(1) == readme_table(), "README.md's table of outputs should read:\n" + readme_table()
