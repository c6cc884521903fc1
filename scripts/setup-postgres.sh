#!/usr/bin/env bash
# Starts Debian's PostgreSQL on 127.0.0.1:5432 for the store's contract tests and creates the test role and
# database (haushalt/haushalt, database haushalt_test), unless TEST_DATABASE_URL points elsewhere or a server
# already answers. Needs root (it runs the cluster as the postgres user); without root it says what to do.
set -euo pipefail
[ -n "${TEST_DATABASE_URL:-}" ] && exit 0
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  ready=1
else
  ready=0
fi
if [ "$(id -u)" -ne 0 ]; then
  if [ "$ready" -eq 0 ]; then
    echo "PostgreSQL is not running on 127.0.0.1:5432; start it (or set TEST_DATABASE_URL) for the store tests" >&2
    exit 1
  fi
  exit 0
fi
if [ "$ready" -eq 0 ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | grep -q .; then
    pg_createcluster "$version" main >/dev/null
  fi
  cluster=$(pg_lsclusters -h | head -1 | awk '{print $1" "$2}')
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start -o "-c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 postgres <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'haushalt') THEN
    CREATE ROLE haushalt LOGIN PASSWORD 'haushalt' CREATEDB;
  END IF;
END $$;
SQL
if ! runuser -u postgres -- psql -tAq postgres -c "SELECT 1 FROM pg_database WHERE datname = 'haushalt_test'" | grep -q 1; then
  runuser -u postgres -- createdb -O haushalt haushalt_test
fi
