#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs Invento: the sync server on
# http://127.0.0.1:${PORT:-8080} with an embedded SQLite database in data/, serving the
# built web app. First login: admin / Admin123! (you will be asked to change it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
export PORT="${PORT:-8080}"
export DATABASE_URL="${DATABASE_URL:-$ROOT/data/invento.db}"
export WEB_ROOT="${WEB_ROOT:-$ROOT/web/dist}"
echo "Open http://127.0.0.1:$PORT  (first login: admin / Admin123!)"
exec "$ROOT/build/sync-server/invento-server" serve
