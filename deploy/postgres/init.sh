#!/usr/bin/env bash
# Runs once, on the first start of the compose PostgreSQL container.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v users_password="$USERS_DB_PASSWORD" -v catalog_password="$CATALOG_DB_PASSWORD" \
  -v shipping_password="$SHIPPING_DB_PASSWORD" -v exports_password="$EXPORTS_DB_PASSWORD" \
  -v audit_password="$AUDIT_DB_PASSWORD" -f /docker-entrypoint-initdb.d/init.sql.in
