#!/usr/bin/env bash
# Debian packages the test suite needs: PostgreSQL (storage tests run against a real server),
# Chromium + driver (browser tests through Playwright), poppler-utils (PDF pages to PNG, and the
# text of the PDFs tests read back: tests/support/pdf.py), nginx and curl (the multi-process
# deployment script). Installed only when missing, and only when root.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[[ -x /usr/bin/chromium ]] || need+=(chromium)
[[ -x /usr/bin/chromedriver ]] || need+=(chromium-driver)
{ command -v pdftoppm && command -v pdftotext; } >/dev/null 2>&1 || need+=(poppler-utils)
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need+=(nginx)
command -v curl >/dev/null 2>&1 || need+=(curl)
((${#need[@]})) || exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "Missing system packages: ${need[*]} (install them with apt-get as root; tests that need them will fail)." >&2
  exit 0
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
