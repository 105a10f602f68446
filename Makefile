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
SANITY_RUN := $(ROOT)/.build/ansible-test/run-$(shell date +%s)-$(shell echo $$PPID)
SANITY_ROOT := $(SANITY_RUN)/ansible_collections/prisma_sase/mt_monitor
# ansible-test sanity runs every test for the controller's Python, because each extra version
# adds minutes of virtual environment setup on a 2-core machine. Modules also run on Python 3.10
# (tests/config.yml), so the compile and import tests run for it too.
SANITY_PYTHON := 3.11
SANITY_MODULE_PYTHON := 3.10
GET_PIP_SCRIPT := $(ROOT)/.ci/ansible_test_get_pip.py

# Debian packages the test suites need: Chromium for the browser tests of the HTML report,
# LibreOffice Calc to open generated workbooks, fonts for both, git and shellcheck for sanity.
DEB_PACKAGES := chromium libreoffice-calc-nogui fonts-dejavu-core fonts-liberation2 git shellcheck

export PYTHONDONTWRITEBYTECODE := 1
TEST_ENV := PYTHONPATH=$(COLLECTIONS_DIR) ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS_DIR)

.PHONY: help venv link deps lint ruff ansible-lint awx-collection galaxy changelog unit integration browser sanity test demo bench clean

help:
	@echo "make test        run everything CI runs (deps, venv, lint, unit, integration, sanity, browser)"
	@echo "make demo        run the example playbooks against the local simulator"
	@echo "make bench       run the benchmarks and write docs/benchmarks.md (BENCH_REPEAT, BENCH_SCENARIOS; not part of make test)"
	@echo "make venv        create .venv from requirements-dev.txt"
	@echo "make deps        install the Debian packages the tests need (root, apt-get)"
	@echo "make lint|unit|integration|browser|sanity|galaxy   run one stage"
	@echo "make changelog   release step: write CHANGELOG.rst from changelogs/fragments"

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

# awx.awx, which playbooks/awx_setup.yml uses, comes from the `ansible` package on PyPI; only that
# collection is unpacked into .build/collections-extra.
EXTRA_COLLECTIONS_DIR := $(ROOT)/.build/collections-extra

awx-collection: venv
	cd $(ROOT) && $(VENV_PYTHON) tests/integration/_awx_collection.py

# ansible-lint checks roles and playbooks only; it is skipped until either has a YAML file.
ansible-lint: venv awx-collection
	@folders="$(wildcard roles playbooks)"; \
	if [ -z "$$folders" ] || [ -z "$$(find $$folders -name '*.yml' | head -1)" ]; then \
		echo "ansible-lint: no roles or playbooks yet, skipped"; \
	else \
		PATH=$(VENV)/bin:$$PATH $(TEST_ENV) ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS_DIR):$(EXTRA_COLLECTIONS_DIR) \
			$(VENV)/bin/ansible-lint --offline --profile production $$folders; \
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
	@# Each run works in a private copy, so two runs at once cannot remove each other's files.
	@rm -rf $(SANITY_RUN)
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
	@# Both runs go ahead when one fails, so one pass lists every error; the target fails after.
	@rm -f $(SANITY_RUN)/sanity.failed
	cd $(SANITY_ROOT) && $(VENV)/bin/ansible-test sanity --venv --python $(SANITY_PYTHON) \
		--color no --allow-disabled 2>&1 | tee $(SANITY_RUN)/sanity.log \
		|| echo "python $(SANITY_PYTHON)" >> $(SANITY_RUN)/sanity.failed
	@if grep -q 'All targets skipped' $(SANITY_RUN)/sanity.log; then \
		echo "ansible-test sanity found no files to test in $(SANITY_ROOT)" >&2; exit 1; \
	fi
	@# pyenv installs versions that its shims do not select, so look there too.
	@python_dir=""; \
	if python$(SANITY_MODULE_PYTHON) -c '' >/dev/null 2>&1; then \
		python_dir="$$(dirname "$$(python$(SANITY_MODULE_PYTHON) -c 'import sys; print(sys.executable)')")"; \
	elif command -v pyenv >/dev/null 2>&1; then \
		python_dir="$$(ls -d "$$(pyenv root)"/versions/$(SANITY_MODULE_PYTHON).*/bin 2>/dev/null | tail -1 || true)"; \
	fi; \
	if [ -z "$$python_dir" ]; then \
		echo "sanity: python$(SANITY_MODULE_PYTHON) not found; compile and import tests for it not run"; \
	else \
		cd $(SANITY_ROOT) && PATH="$$python_dir:$$PATH" $(VENV)/bin/ansible-test sanity --venv \
			--python $(SANITY_MODULE_PYTHON) --test compile --test import --color no \
			|| echo "python $(SANITY_MODULE_PYTHON)" >> $(SANITY_RUN)/sanity.failed; \
	fi
	@if [ -f $(SANITY_RUN)/sanity.failed ]; then \
		echo "ansible-test sanity failed for: $$(paste -sd, $(SANITY_RUN)/sanity.failed)" >&2; exit 1; \
	fi
	@rm -rf $(SANITY_RUN)

# Galaxy checks on the built artifact: galaxy-importer (its own virtual environment, settings in
# .ci/galaxy-importer.cfg) must report no error and no warning, then antsibull-docs and
# antsibull-changelog lint the docs and the changelog fragments.
GALAXY_DIR := $(ROOT)/.build/galaxy
GALAXY_VENV := $(ROOT)/.build/galaxy-importer
GALAXY_STAMP := $(GALAXY_VENV)/.requirements-stamp
GALAXY_VERSION = $(shell sed -n 's/^version: *//p' $(ROOT)/galaxy.yml)

$(GALAXY_STAMP): .ci/requirements-galaxy-importer.txt
	@if [ ! -x $(GALAXY_VENV)/bin/python ]; then $(BOOTSTRAP_PYTHON) -m venv $(GALAXY_VENV); fi
	$(GALAXY_VENV)/bin/python -m pip install --disable-pip-version-check --quiet \
		-r .ci/requirements-galaxy-importer.txt
	@touch $@

galaxy: venv $(GALAXY_STAMP)
	@rm -rf $(GALAXY_DIR) && mkdir -p $(GALAXY_DIR)
	cd $(ROOT) && $(VENV)/bin/ansible-galaxy collection build --force --output-path $(GALAXY_DIR) .
	cd $(GALAXY_DIR) && PATH=$(GALAXY_VENV)/bin:$$PATH GALAXY_IMPORTER_CONFIG=$(ROOT)/.ci/galaxy-importer.cfg \
		$(GALAXY_VENV)/bin/python -m galaxy_importer.main \
		prisma_sase-mt_monitor-$(GALAXY_VERSION).tar.gz 2>&1 | tee $(GALAXY_DIR)/importer.log
	@if grep -E '^(ERROR|WARNING)' $(GALAXY_DIR)/importer.log >&2; then \
		echo "galaxy-importer reported the errors or warnings above" >&2; exit 1; \
	fi
	@grep -q 'Importer processing completed successfully' $(GALAXY_DIR)/importer.log
	cd $(ROOT) && PATH=$(VENV)/bin:$$PATH $(TEST_ENV) $(VENV)/bin/antsibull-docs lint-collection-docs \
		--plugin-docs $(COLLECTION_LINK)
	cd $(ROOT) && $(VENV)/bin/antsibull-changelog lint

# The release step: antsibull-changelog turns the fragments into CHANGELOG.rst and
# changelogs/changelog.yaml for the version in galaxy.yml, and removes the fragments.
changelog: venv
	cd $(ROOT) && $(VENV)/bin/antsibull-changelog release --version $(GALAXY_VERSION)

# Stages run in this order and stop at the first failure; each prints its duration.
TEST_STAGES := deps venv lint unit integration sanity galaxy browser

test:
	@for stage in $(TEST_STAGES); do \
		started=$$(date +%s); \
		$(MAKE) $$stage; \
		echo "make $$stage: passed in $$(( $$(date +%s) - started )) s"; \
	done

# The demo: a simulator of DEMO_TENANTS tenants on a free 127.0.0.1 port, the main job against it
# with the simulator's demo credentials, and the reports under DEMO_REPORTS. The trap stops the
# simulator whether the job passes or fails.
DEMO_TENANTS := 40
DEMO_SEED := 1
DEMO_REPORTS := $(ROOT)/reports/demo

demo: venv
	@mkdir -p $(ROOT)/.build/demo $(DEMO_REPORTS)
	@ready=$$(mktemp -u $(ROOT)/.build/demo/ready.XXXXXX); \
	cd $(ROOT); \
	$(VENV_PYTHON) -m simulator --port 0 --ready-file "$$ready" --tenants $(DEMO_TENANTS) \
		--seed $(DEMO_SEED) >$(ROOT)/.build/demo/simulator.log 2>&1 & \
	simulator_pid=$$!; \
	trap 'kill $$simulator_pid 2>/dev/null || true; wait $$simulator_pid 2>/dev/null || true; rm -f "$$ready"' EXIT; \
	for attempt in $$(seq 1 300); do \
		if [ -s "$$ready" ]; then break; fi; \
		if ! kill -0 $$simulator_pid 2>/dev/null; then \
			echo "make demo: the simulator exited; see .build/demo/simulator.log" >&2; exit 1; \
		fi; \
		sleep 0.1; \
	done; \
	if [ ! -s "$$ready" ]; then echo "make demo: the simulator did not start within 30 s" >&2; exit 1; fi; \
	port=$$(cat "$$ready"); \
	echo "simulator at http://127.0.0.1:$$port (client id demo-client-id, TSG 1000000001)"; \
	env -u HTTPS_PROXY -u HTTP_PROXY -u https_proxy -u http_proxy $(TEST_ENV) \
		NO_PROXY=127.0.0.1 no_proxy=127.0.0.1 \
		PRISMA_SASE_AUTH_URL="http://127.0.0.1:$$port/oauth2/access_token" \
		PRISMA_SASE_API_URL="http://127.0.0.1:$$port" \
		PRISMA_SASE_CLIENT_ID=demo-client-id PRISMA_SASE_CLIENT_SECRET=demo-client-secret \
		PRISMA_SASE_TSG_ID=1000000001 \
		$(VENV)/bin/ansible-playbook -i localhost, playbooks/compliance_report.yml \
		-e compliance_report_output_dir=$(DEMO_REPORTS); \
	echo "reports:"; \
	ls -1 $(DEMO_REPORTS)/*-latest.* | sed 's/^/  /'

# Benchmarks against the simulator on 127.0.0.1; not part of make test. BENCH_REPEAT sets the runs
# per measurement and BENCH_SCENARIOS a comma-separated choice (gathering, inventory,
# tenant_scopes, scale, html; html opens the report that scale wrote). The numbers go to
# docs/benchmarks.md and the scale charts to docs/images/bench-scale-*.svg.
BENCH_REPEAT := 5
BENCH_SCENARIOS := gathering,inventory,tenant_scopes,scale,html

bench: venv
	cd $(ROOT) && $(TEST_ENV) BENCH_REPEAT=$(BENCH_REPEAT) BENCH_SCENARIOS=$(BENCH_SCENARIOS) \
		$(VENV_PYTHON) -m ansible_collections.prisma_sase.mt_monitor.bench

clean:
	rm -rf $(ROOT)/.build/ansible-test $(ROOT)/tests/output
