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

# OUT is where builds write and what `make clean` cleans: refuse, before any command runs, an
# empty OUT, the root folder, the home folder, the repository itself or the content folder.
# (`eventprint clean` checks again, and removes only the files eventprint recorded writing.)
ifeq ($(strip $(OUT)),)
$(error OUT is empty: say where outputs go, e.g. OUT=out)
endif
ifneq ($(filter / // ~ ~/ . ./ .. ../ $(HOME) $(HOME)/,$(OUT))$(filter $(realpath / $(HOME) $(CURDIR) $(CONTENT)),$(realpath $(OUT))),)
$(error OUT=$(OUT) is not an output folder (it is the root, home, repository or content folder): give e.g. OUT=out)
endif

EP := $(PY) -m eventprint
OPTS_SIZE   := $(if $(SIZE),--size "$(SIZE)")
OPTS_SHEET  := $(if $(SHEET),--sheet "$(SHEET)")
OPTS_PERSON := $(if $(PERSON),--person "$(PERSON)")
DIRS := --content "$(CONTENT)" --out "$(OUT)"

.PHONY: all booklet signs poster badges site chairs tents cards check test bench clean setup import print help

all: $(STAMP)
	$(EP) all $(DIRS)

# every output for the press: refuses a draft (a placeholder base_url, e.g. example.org)
print: $(STAMP)
	$(EP) all $(DIRS) --final

booklet: $(STAMP)
	$(EP) booklet $(DIRS)

signs: $(STAMP)
	$(EP) signs $(DIRS) $(OPTS_SIZE)

poster: $(STAMP)
	$(EP) poster $(DIRS) $(OPTS_SIZE)

badges: $(STAMP)
	$(EP) badges $(DIRS) $(OPTS_SIZE) $(OPTS_SHEET) $(OPTS_PERSON)

site: $(STAMP)
	$(EP) site $(DIRS)

# for the people on stage: a sheet per session chair and day, name tents, timing cards (SIZE=A5)
chairs: $(STAMP)
	$(EP) chairs $(DIRS)

tents: $(STAMP)
	$(EP) tents $(DIRS)

cards: $(STAMP)
	$(EP) cards $(DIRS) $(OPTS_SIZE)

check: $(STAMP)
	$(EP) check --content "$(CONTENT)"

# every output, what it writes and its options, from the outputs' records (eventprint --list)
help: $(STAMP)
	@$(EP) --list
	@echo "make options: SIZE=, SHEET=, PERSON= (make badges SIZE=90x54), CONTENT=dir OUT=dir (another event)."
	@echo "Other targets: check, print (every output for the press), import SOURCE=..., test, bench, clean."

# Two workers (xdist); each test file stays on one worker, so the events a file renders and parses
# are done once there (tests/conftest.py shares them between the files of a worker). Files start
# longest first, in the order tests/conftest.py gives them (xdist would order them by test count).
TEST_WORKERS ?= 2
# The tests' own files (builds, transactions, shared renders: some 3,000 files a run, written,
# synced and removed) in memory where the system offers it: about 3 s less on this machine. Each
# run has its own folder (two runs at once never delete each other's files); it is kept after a
# failure, for a look, and removed after a run that passes.
TEST_TMPDIR ?= $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm)
test: $(STAMP)
	@base=$$(mktemp -d "$(or $(TEST_TMPDIR),$${TMPDIR:-/tmp})/eventprint-tests.XXXXXX") && \
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --basetemp="$$base/run" \
		&& rm -rf "$$base" || { echo "make test: the tests' files are kept in $$base"; exit 1; }

# make import SOURCE=schedule.json CONTENT=my-event [TIMEZONE=Europe/Berlin] [FORMAT=csv] [COLUMNS='title=Titel'] [DRY_RUN=1] [EVERY=10m [OUT=dir]]
# SOURCE may be the export's web address, e.g. SOURCE=https://pretalx.example.org/my-event/schedule/export/schedule.json;
# a private schedule's token goes in the environment: EVENTPRINT_TOKEN=... make import SOURCE=...
import: $(STAMP)
	@test -n "$(SOURCE)" || { echo "make import: say which export, e.g. make import SOURCE=schedule.json CONTENT=my-event"; exit 2; }
	@test "$(origin CONTENT)" != "file" || { echo "make import: say which folder to write, e.g. CONTENT=my-event (not the shipped content/)"; exit 2; }
	$(EP) import "$(SOURCE)" --to "$(CONTENT)" $(if $(TIMEZONE),--timezone "$(TIMEZONE)") $(if $(FORMAT),--format "$(FORMAT)") $(if $(COLUMNS),--columns '$(COLUMNS)') $(if $(DRY_RUN),--dry-run) $(if $(EVERY),--every "$(EVERY)" $(if $(filter command line,$(origin OUT)),--out "$(OUT)"))

bench: $(STAMP)
	$(PY) tests/bench.py

setup: $(STAMP)

# The virtual environment is rebuilt when pyproject.toml changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "eventprint needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,cjk]'  # cjk: the Chinese, Japanese and Korean faces (pyproject.toml)
	$(PY) -m compileall -q generator layouts tests
	@touch $(STAMP)

# removes only what eventprint wrote into OUT (its record in OUT/.eventprint), never a tracked file
clean: $(STAMP)
	$(EP) clean --out "$(OUT)"
	rm -rf .pytest_cache
