# The two commands the README opens with; both create .venv when it is missing.
#   make demo   sets up .venv, installs aseandocs, builds corpus/ into out/, prints a summary
#   make test   sets up .venv with the test extras, runs the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: demo test bench chromium clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/aseandocs build corpus -o out

# The explorer's tests run in headless Chromium (Debian's package, with Thai fonts), the PDF fixtures are
# printed by it, and scanned pages are read by Tesseract (tha+eng). Install them when we can (root with
# apt); otherwise those tests skip and say why.
chromium:
	@if command -v chromium >/dev/null 2>&1 && command -v tesseract >/dev/null 2>&1 && \
	  dpkg -s fonts-thai-tlwg tesseract-ocr-tha >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && apt-get update -qq >/dev/null 2>&1 && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-thai-tlwg tesseract-ocr tesseract-ocr-tha >/dev/null 2>&1; then :; \
	else echo "chromium, Thai fonts or tesseract could not be installed: browser and OCR tests will skip"; fi

test: $(VENV)/.installed-test chromium
	$(PY) -m pytest -q

bench: $(VENV)/.installed-test
	$(PY) benchmarks/run.py

clean:
	rm -rf out .pytest_cache build src/*.egg-info
