#!/usr/bin/env bash
# Installs the Debian packages the tests need, if they are missing: Chromium and LibreOffice (two producers
# of test PDFs; Chromium later also for the budget book and browser tests), fonts for both, qpdf (locks a test
# PDF with a password), poppler-utils (pdftotext, for the PDF benchmark), LibreOffice Calc (reads the German
# CSV export as a spreadsheet would), fontconfig (the browser tests ask `fc-list` whether every character on
# screen has a font). Runs before `npm test`; does nothing when everything is there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
[ -e /usr/lib/libreoffice/program/libsclo.so ] || need+=(libreoffice-calc-nogui)
[ -d /usr/share/fonts/truetype/liberation ] || need+=(fonts-liberation)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then
  exec bash "$(dirname "$0")/setup-postgres.sh"
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${need[*]} (install them: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
echo "installing Debian packages: ${need[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
exec bash "$(dirname "$0")/setup-postgres.sh"
