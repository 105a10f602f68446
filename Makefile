# Development and CI entry points. `make test` runs everything CI runs; `make demo` runs the
# collection against the local simulator. Both build .venv from pinned requirements first.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT := $(CURDIR)
VENV := $(ROOT)/.venv
VENV_PYTHON := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.requirements-stamp
# python3.11 when it runs (a pyenv shim may exist for a version that is not selected).
BOOTSTRAP_PYTHON := $(shell python3.11 -c '' >/dev/null 2>&1 && echo python3.11 || echo python3)

COLLECTIONS_DIR := $(ROOT)/.build/collections
COLLECTION_LINK := $(COLLECTIONS_DIR)/ansible_collections/prisma_sase/mt_monitor
SANITY_ROOT := $(ROOT)/.build/ansible-test/ansible_collections/prisma_sase/mt_monitor
# ansible-test sanity runs for the controller's Python only: each extra version adds several
# minutes of virtual environment setup on a 2-core machine.
SANITY_PYTHON := 3.11
GET_PIP_SCRIPT := $(ROOT)/.ci/ansible_test_get_pip.py

# Debian packages the test suites need: Chromium for the browser tests of the HTML report,
# LibreOffice Calc to open generated workbooks, fonts for both, git and shellcheck for sanity.
DEB_PACKAGES := chromium libreoffice-calc-nogui fonts-dejavu-core fonts-liberation2 git shellcheck

export PYTHONDONTWRITEBYTECODE := 1
TEST_ENV := PYTHONPATH=$(COLLECTIONS_DIR) ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS_DIR)

.PHONY: help venv link deps lint ruff ansible-lint unit integration browser sanity test demo clean

help:
	@echo "make test        run everything CI runs (deps, venv, lint, unit, integration, sanity, browser)"
	@echo "make demo        run the example playbooks against the local simulator"
	@echo "make venv        create .venv from requirements-dev.txt"
	@echo "make deps        install the Debian packages the tests need (root, apt-get)"
	@echo "make lint|unit|integration|browser|sanity   run one stage"

venv: $(VENV_STAMP) link

$(VENV_STAMP): requirements-dev.txt requirements.txt
	@unpinned=$$(grep -vE '^\s*(#|$$)' requirements-dev.txt | grep -v '==' || true); \
	if [ -n "$$unpinned" ]; then \
		echo "requirements-dev.txt: every line must pin one version (name==version): $$unpinned" >&2; \
		exit 1; \
	fi
	@if [ ! -x $(VENV_PYTHON) ]; then \
		echo "creating $(VENV) with $(BOOTSTRAP_PYTHON)"; \
		$(BOOTSTRAP_PYTHON) -m venv $(VENV); \
	fi
	$(VENV_PYTHON) -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	@touch $@

# ansible and pytest import the collection as ansible_collections.prisma_sase.mt_monitor.
link:
	@mkdir -p $(dir $(COLLECTION_LINK))
	@if [ ! -L $(COLLECTION_LINK) ]; then ln -s ../../../.. $(COLLECTION_LINK); fi

deps:
	@missing=""; \
	for package in $(DEB_PACKAGES); do \
		if ! dpkg-query -W -f='$${Status}' "$$package" 2>/dev/null | grep -q 'install ok installed'; then \
			missing="$$missing $$package"; \
		fi; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "missing Debian packages:$$missing; run 'make deps' as root or install them" >&2; \
			exit 1; \
		fi; \
		echo "installing Debian packages:$$missing"; \
		apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

lint: ruff ansible-lint

ruff: venv
	$(VENV)/bin/ruff check $(wildcard plugins simulator tests)

# ansible-lint checks roles and playbooks only; it is skipped until either has a YAML file.
ansible-lint: venv
	@folders="$(wildcard roles playbooks)"; \
	if [ -z "$$folders" ] || [ -z "$$(find $$folders -name '*.yml' | head -1)" ]; then \
		echo "ansible-lint: no roles or playbooks yet, skipped"; \
	else \
		PATH=$(VENV)/bin:$$PATH $(TEST_ENV) $(VENV)/bin/ansible-lint --offline --profile production $$folders; \
	fi

# A suite without test files is skipped with a message. A suite with test files that collects
# nothing fails, because pytest exits with 5.
define run_suite
	@if [ -z "$$(find $(1) -name 'test_*.py' 2>/dev/null | head -1)" ]; then \
		echo "$(1): no test files yet, skipped"; \
	else \
		cd $(ROOT) && $(TEST_ENV) $(VENV)/bin/pytest $(2) $(1); \
	fi
endef

unit: venv
	$(call run_suite,tests/unit,-n 2)

integration: venv
	$(call run_suite,tests/integration,)

browser: venv deps
	$(call run_suite,tests/browser,)

sanity: venv
	rm -rf $(ROOT)/.build/ansible-test
	mkdir -p $(SANITY_ROOT)
	git ls-files -z | tar --null --files-from=- --ignore-failed-read -cf - | tar -xf - -C $(SANITY_ROOT)
	@# The copy sits inside this repository's ignored .build folder, where ansible-test would
	@# list no files through git, so the copy gets a repository of its own.
	cd $(SANITY_ROOT) && git init -q && git add -A
	@pip_version=$$($(VENV_PYTHON) -c 'import types; \
		from ansible_test._internal.python_requirements import get_venv_packages; \
		print(get_venv_packages(types.SimpleNamespace(version="$(SANITY_PYTHON)"))["pip"])'); \
	cache_file="$$HOME/.ansible/test/cache/get_pip_$${pip_version//./_}.py"; \
	mkdir -p "$$(dirname "$$cache_file")"; \
	cp $(GET_PIP_SCRIPT) "$$cache_file"
	cd $(SANITY_ROOT) && $(VENV)/bin/ansible-test sanity --venv --python $(SANITY_PYTHON) \
		--color no --allow-disabled 2>&1 | tee $(ROOT)/.build/sanity.log
	@if grep -q 'All targets skipped' $(ROOT)/.build/sanity.log; then \
		echo "ansible-test sanity found no files to test in $(SANITY_ROOT)" >&2; exit 1; \
	fi

test: deps venv lint unit integration sanity browser

demo: venv
	@$(TEST_ENV) $(VENV_PYTHON) -m ansible_collections.prisma_sase.mt_monitor.tests.integration._demo

clean:
	rm -rf $(ROOT)/.build/ansible-test $(ROOT)/tests/output
