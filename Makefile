# eventprint: `make` (or `make all`) sets itself up and builds everything; `make test` runs the tests.
# Nothing to install by hand beyond Python 3.11+ and make.

# The Python the virtual environment is made from: the system's own python3 when it is 3.11 or newer
# and can make one (a distribution builds its Python with profile-guided optimisation; on this
# machine Debian's runs the test suite about a sixth faster than a source-built python3 earlier
# on the PATH, and pure Python twice as fast), else python3 on the PATH. make PYTHON=... picks another.
SYSTEM_PYTHON := /usr/bin/python3
PYTHON ?= $(if $(shell $(SYSTEM_PYTHON) -c 'import sys, ensurepip; ensurepip.version(); sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && echo yes),$(SYSTEM_PYTHON),python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CONTENT ?= content
OUT    ?= out
# Optional: make badges SIZE=90x54 SHEET=a4 PERSON=kuchenbecker; make signs SIZE=A3; make poster SIZE=A1;
# make cards SIZE=A5
SIZE   ?=
SHEET  ?=
PERSON ?=

# Python keeps compiled modules (__pycache__, ignored by git) even where the environment says not
# to (PYTHONDONTWRITEBYTECODE): every build and test process would otherwise compile eventprint
# again, about a second of CPU each.
export PYTHONDONTWRITEBYTECODE :=

# A value for the shell: single-quoted, so spaces, quotes and $ in a path stay in it.
q = '$(subst ','\'',$(1))'
# the real path of a folder that exists (links resolved), else nothing; spaces kept
real = $(shell cd -- $(call q,$(1)) 2>/dev/null && pwd -P)
# "yes" when two strings are equal (make's own comparisons split at spaces; subst does not)
same = $(if $(subst $(1),,$(2))$(subst $(2),,$(1)),,yes)

# OUT is where builds write and what `make clean` cleans: refuse, before any command runs, an
# empty OUT, the root folder, the home folder, the repository itself or the content folder.
# (`eventprint clean` checks again, and removes only the files eventprint recorded writing.)
ifeq ($(strip $(OUT)),)
$(error OUT is empty: say where outputs go, e.g. OUT=out)
endif
OUT_REAL := $(call real,$(OUT))
OUT_REFUSED := $(filter / // ~ ~/ . ./ .. ../,$(strip $(OUT)))$(if $(OUT_REAL),$(call same,$(OUT_REAL),/)$(call \
  same,$(OUT_REAL),$(call real,$(HOME)))$(call same,$(OUT_REAL),$(call real,.))$(call same,$(OUT_REAL),$(call real,$(CONTENT))))
ifneq ($(OUT_REFUSED),)
$(error OUT=$(OUT) is not an output folder (it is the root, home, repository or content folder): give e.g. OUT=out)
endif

EP := $(PY) -m eventprint
OPTS_SIZE   := $(if $(SIZE),--size $(call q,$(SIZE)))
OPTS_SHEET  := $(if $(SHEET),--sheet $(call q,$(SHEET)))
OPTS_PERSON := $(if $(PERSON),--person $(call q,$(PERSON)))
DIRS := --content $(call q,$(CONTENT)) --out $(call q,$(OUT))

.PHONY: all booklet signs poster badges site chairs tents cards printed check serve test bench clean setup init import print help

# `make help` lists the lines marked `##` below: a target, then what it does.
all: $(STAMP) ## every output (listed below) into OUT, default out/
	$(EP) all $(DIRS)

print: $(STAMP) ## every output for the press; refuses a draft (a placeholder base_url such as example.org)
	$(EP) all $(DIRS) --final

booklet: $(STAMP) ## the A5 programme booklet, also imposed for saddle-stitching
	$(EP) booklet $(DIRS)

signs: $(STAMP) ## door signs, one per room and day [SIZE=A4|A4-portrait|A3]
	$(EP) signs $(DIRS) $(OPTS_SIZE)

poster: $(STAMP) ## the programme poster for the lobby [SIZE=A2|A3|A1|A0]
	$(EP) poster $(DIRS) $(OPTS_SIZE)

badges: $(STAMP) ## badges on printable sheets [SIZE=A6|4x3|90x54] [SHEET=a4|letter|single] [PERSON=id]
	$(EP) badges $(DIRS) $(OPTS_SIZE) $(OPTS_SHEET) $(OPTS_PERSON)

site: $(STAMP) ## the website the QR codes open
	$(EP) site $(DIRS)

chairs: $(STAMP) ## for the people on stage: a sheet per session chair and day
	$(EP) chairs $(DIRS)

tents: $(STAMP) ## a name tent per person on stage
	$(EP) tents $(DIRS)

cards: $(STAMP) ## timing cards for the chairs, one set per room [SIZE=A4|A5]
	$(EP) cards $(DIRS) $(OPTS_SIZE)

printed: $(STAMP) ## after printing OUT/reprint.pdf: mark it printed (the next one holds only newer changes)
	$(EP) printed --out $(call q,$(OUT))

check: $(STAMP) ## check the content: every problem with its file and line, and warnings
	$(EP) check --content $(call q,$(CONTENT))

serve: $(STAMP) ## a live preview on http://127.0.0.1:8000 that rebuilds on every save [PORT=8000]
	$(EP) serve --content $(call q,$(CONTENT)) $(if $(PORT),--port $(call q,$(PORT)))

# Two workers (xdist); each test file stays on one worker, so the events a file renders and parses
# are done once there (tests/conftest.py shares them between the files of a worker). Files start
# longest first, in the order tests/conftest.py gives them (xdist would order them by test count).
TEST_WORKERS ?= 2
# The tests' own files (builds, transactions, shared renders: some 3,000 files a run, written,
# synced and removed) in memory where the system offers it: about 3 s less on this machine. Each
# run has its own folder (two runs at once never delete each other's files); it is kept after a
# failure, for a look, and removed after a run that passes.
TEST_TMPDIR ?= $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm)
test: $(STAMP) ## run the tests (two workers)
	@base=$$(mktemp -d "$(or $(TEST_TMPDIR),$${TMPDIR:-/tmp})/eventprint-tests.XXXXXX") && \
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --basetemp="$$base/run" \
		&& rm -rf "$$base" || { echo "make test: the tests' files are kept in $$base"; exit 1; }

init: $(STAMP) ## start your own event from a small commented example: CONTENT=my-event
	@test "$(origin CONTENT)" != "file" || { echo "make init: say which folder to write, e.g. make init CONTENT=my-event"; exit 2; }
	$(EP) init $(call q,$(CONTENT))

# make import SOURCE=schedule.json CONTENT=my-event [TIMEZONE=Europe/Berlin] [FORMAT=csv] [COLUMNS='title=Titel'] [DRY_RUN=1] [EVERY=10m [OUT=dir]]
# SOURCE may be the export's web address, e.g. SOURCE=https://pretalx.example.org/my-event/schedule/export/schedule.json;
# a private schedule's token goes in the environment: EVENTPRINT_TOKEN=... make import SOURCE=...
import: $(STAMP) ## import a pretalx, frab, Indico, Sessionize or CSV export: SOURCE=file-or-address CONTENT=my-event
	@test -n $(call q,$(SOURCE)) || { echo "make import: say which export, e.g. make import SOURCE=schedule.json CONTENT=my-event"; exit 2; }
	@test "$(origin CONTENT)" != "file" || { echo "make import: say which folder to write, e.g. CONTENT=my-event (not the shipped content/)"; exit 2; }
	$(EP) import $(call q,$(SOURCE)) --to $(call q,$(CONTENT)) $(if $(TIMEZONE),--timezone $(call q,$(TIMEZONE))) $(if $(FORMAT),--format $(call q,$(FORMAT))) $(if $(COLUMNS),--columns $(call q,$(COLUMNS))) $(if $(DRY_RUN),--dry-run) $(if $(EVERY),--every $(call q,$(EVERY)) $(if $(filter command line,$(origin OUT)),--out $(call q,$(OUT))))

bench: $(STAMP) ## build times and memory of the symposium and two generated events
	$(PY) tests/bench.py

setup: $(STAMP) ## make the virtual environment .venv (every target does this first when needed)

# The virtual environment is rebuilt when pyproject.toml changes. pip shows what it downloads and
# installs: the first time some 80 MB (the largest part the Chinese, Japanese and Korean fonts), a
# minute or two.
# PYTHONWARNINGS: setuptools prints a boxed "Editable installation" notice at every editable
# install of a package that does not live in a folder of its own name (ours: eventprint in
# generator/, mapped in pyproject.toml), to say that a folder named eventprint in the working
# folder would be imported instead; there is none. Its other modes are worse: "compat" puts the
# repository on the path (no eventprint there, and generator/ becomes importable), "strict" a link
# tree in build/ that misses files added later; a plain install would leave the tests running a
# stale copy after every edit. So the notice alone is left out.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "eventprint needs Python 3.11 or newer; found " + sys.version.split()[0])'
	@echo "Setting up $(VENV): eventprint, the libraries and fonts it uses, and the test tools"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	PYTHONWARNINGS='ignore:Editable installation' $(PY) -m pip install --progress-bar on -e '.[test,cjk,svg]'  # cjk: the Chinese, Japanese and Korean faces; svg: SVG logos (pyproject.toml)
	$(PY) -m compileall -q generator layouts tests
	@touch $(STAMP)

clean: $(STAMP) ## remove what eventprint wrote into OUT (its record in OUT/.eventprint), never a file of yours
	$(EP) clean --out $(call q,$(OUT))
	rm -rf .pytest_cache

# the targets, without setting anything up; then, once .venv is there, what each output writes
# and its options, from the outputs' records (eventprint --list)
help: ## this list
	@echo "make TARGET [CONTENT=folder] [OUT=folder]  (default: CONTENT=content OUT=out); make alone builds every output"
	@awk -F ':.*## ' '/^[a-z]+:.*## /{printf "  %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@if [ -f $(STAMP) ]; then echo; $(EP) --list; fi
	@echo "The same commands without make: .venv/bin/eventprint --help"
