#!/usr/bin/env bash
# Sets up a fresh machine for this workspace: pnpm, dependencies, and the local services the tests use.
# Idempotent: run it as often as you like. Needs Node.js >= 20.10 and (for services) root or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm@$PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "setup: installing dependencies"
pnpm install --frozen-lockfile

# The eval report's browser test drives Debian's Chromium (never a downloaded browser).
if [ "${SETUP_CHROMIUM:-1}" = "1" ] && ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "setup: installing chromium (Debian package)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "setup: chromium could not be installed; the browser test will be skipped"
fi

# Services for the integration tests (PostgreSQL, Redis) on loopback. `pnpm start` needs neither:
# it runs on the embedded defaults (PGlite, in-process queues).
if [ "${SETUP_SERVICES:-1}" = "1" ]; then
  if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    echo "setup: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  if command -v redis-cli >/dev/null 2>&1 && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    echo "setup: starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  fi
  for _ in $(seq 1 30); do
    pg_ok=1; redis_ok=1
    command -v pg_isready >/dev/null 2>&1 && { pg_isready -h 127.0.0.1 -p 5432 -q || pg_ok=0; }
    command -v redis-cli >/dev/null 2>&1 && { redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis_ok=0; }
    [ "$pg_ok" = 1 ] && [ "$redis_ok" = 1 ] && break
    sleep 1
  done
fi
echo "setup: done"
