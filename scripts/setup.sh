#!/usr/bin/env bash
# Installs what gx-verify needs on a fresh Debian/Ubuntu machine, and nothing twice:
# the Debian packages it lacks (when run as root; otherwise it prints the one command and stops)
# and the npm packages of package-lock.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

has() { command -v "$1" >/dev/null 2>&1; }
has_postgres() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || has postgres; }

if ! has node || ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "gx-verify needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# package -> how to tell it is there
missing=()
has_postgres           || missing+=(postgresql-15)
has redis-server       || missing+=(redis-server)
has nginx || [ -x /usr/sbin/nginx ] || missing+=(nginx)
has chromium || has chromium-browser || missing+=(chromium)
has openssl            || missing+=(openssl)
has testssl || has testssl.sh || missing+=(testssl.sh)
has sslscan            || missing+=(sslscan)
has wrk                || missing+=(wrk)
has java               || missing+=(default-jre-headless)   # allure-commandline renders Allure HTML
has python3            || missing+=(python3)                # the tests parse junit.xml with a real XML parser
has ip || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || missing+=(iproute2)     # network namespaces of the sandbox cluster
has nft || [ -x /usr/sbin/nft ] || missing+=(nftables)                       # its NetworkPolicy enforcement (live probe)
has git                || missing+=(git)                    # OPS-5 asks the remote with git ls-remote
[ -x /usr/bin/prometheus ] || missing+=(prometheus)          # the sandbox's monitoring (FUNC-6, OPS-1..3)
[ -x /usr/bin/prometheus-alertmanager ] || missing+=(prometheus-alertmanager)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    echo "setup: missing Debian packages. Run as root, then run this script again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# npm ci only when the lock file changed since the last install by this script.
stamp=node_modules/.gx-verify-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
echo "setup: ready"
