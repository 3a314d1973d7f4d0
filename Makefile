# The two commands: `make run` and `make test`. Both need only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev lock migrate demo lint format messages clean backup restore

# The venv installs exactly the locked versions (hashes checked): what CI tested.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	touch $@

# Re-resolve the lock files from pyproject.toml (after adding or bumping a dependency there).
# UPGRADE="--upgrade" takes the newest versions; by default the locked ones are kept where they fit.
lock:
	test -x .lock-venv/bin/pip-compile || ($(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet pip-tools)
	.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links $(UPGRADE) -o requirements.txt pyproject.toml
	.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links $(UPGRADE) --extra dev -c requirements.txt \
		-o requirements-dev.txt pyproject.toml

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Development commands run with DEBUG on; production sets its own environment (docker-compose).
migrate demo run messages: export DEBUG = true

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py reset_admin
	@echo "Serving http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Needs GNU gettext (apt-get install gettext).
messages: install
	$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=benchmarks --ignore=tests --ignore=staticfiles \
		--ignore=templates/admin/import_export --ignore=templates/simple_history
	$(PY) manage.py compilemessages --ignore=.venv

# Backups of the PostgreSQL database named by DATABASE_URL (pg_dump's custom format:
# compressed, restorable table by table). Needs postgresql-client of the server's version.
BACKUP_DIR ?= backups
backup:
	@test -n "$(DATABASE_URL)" || { echo "set DATABASE_URL=postgres://user@host:5432/name"; exit 2; }
	mkdir -p $(BACKUP_DIR)
	pg_dump --format=custom --no-owner --no-privileges \
		--file="$${BACKUP_FILE:-$(BACKUP_DIR)/emulation-$$(date +%Y%m%d-%H%M%S).dump}" "$(DATABASE_URL)"
	@echo "backup written to $${BACKUP_FILE:-$(BACKUP_DIR)/}"

# Replaces every table of DATABASE_URL's database with the dump's, in one transaction.
restore:
	@test -n "$(DATABASE_URL)" || { echo "set DATABASE_URL=postgres://user@host:5432/name"; exit 2; }
	@test -f "$(FILE)" || { echo "set FILE=backups/emulation-....dump"; exit 2; }
	pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
		--exit-on-error --dbname="$(DATABASE_URL)" "$(FILE)"

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
