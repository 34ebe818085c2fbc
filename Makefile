# kommunarkiv — two commands set everything up on a fresh Debian/Ubuntu machine:
#   make run    installs what is missing, then processes samples/ into out/
#   make test   installs what is missing, then runs the test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng tesseract-ocr-osd \
	poppler-utils qpdf hunspell-sv fonts-dejavu-core fonts-liberation fonts-freefont-ttf
export OMP_THREAD_LIMIT := 1

LEXICON := build/lexicon/lexicon.pickle
SAMPLES := samples/generated/manifest.json

.PHONY: install system-deps dictionaries run test bench samples clean

install: system-deps $(VENV)/.installed $(LEXICON)

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "kommunarkiv needs these Debian packages:$$missing"; \
	    echo "run as root, or: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# The combined lexicon is derived from CC BY-SA and LGPL sources, so it is built here, not committed.
dictionaries: $(VENV)/.installed
	$(PY) -m pipeline.correct.build_lexicon

$(LEXICON): $(VENV)/.installed $(wildcard dictionaries/*.txt) pipeline/correct/build_lexicon.py pipeline/correct/lexicon.py pipeline/correct/frequent.py pipeline/correct/skeleton.py \
		pipeline/correct/confusions.py pipeline/correct/candidates.py pipeline/correct/compounds.py
	$(PY) -m pipeline.correct.build_lexicon

# Degraded scans with exact ground truth, rendered from samples/texts (seeded: byte-reproducible).
samples: $(SAMPLES)

$(SAMPLES): $(VENV)/.installed pipeline/synth.py $(wildcard samples/texts/*.txt)
	$(PY) -m pipeline.synth samples/generated

run: install samples
	$(VENV)/bin/kommunarkiv run samples -o out; status=$$?; \
	$(PY) -m pipeline.summary out; \
	test $$status -le 1  # 1 = some inputs failed: reported above, still a finished run

test: install
	$(PY) -m pytest -q -p no:cacheprovider

bench: install samples
	$(PY) -m pipeline.bench

clean:
	rm -rf out .pytest_cache
