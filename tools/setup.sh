#!/bin/sh
# Makes sure the Debian packages qreport needs are installed, then fills
# fonts/ with links to the faces the bundled layouts name.
set -eu

PACKAGES="make gcc pkg-config libc6-dev libhpdf-dev libxlsxwriter-dev libxml2-dev libxml2-utils
libpng-dev libjpeg62-turbo-dev libutf8proc-dev zlib1g-dev libcsv-dev libzip-dev librsvg2-dev
libfontconfig-dev fonts-open-sans fonts-dejavu-core fonts-liberation2
poppler-utils qpdf python3 python3-openpyxl python3-pandas valgrind clang libclang-rt-14-dev
libreoffice-calc-nogui chromium"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "qreport set-up: installing$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		# shellcheck disable=SC2086
		apt-get install -y -qq --no-install-recommends $missing
	else
		echo "qreport set-up: these Debian packages are missing:$missing" >&2
		echo "Run this as root, then run make again:" >&2
		echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
		exit 1
	fi
fi

# fonts/ holds links to Debian's font files: the layouts name faces by file
# name, and a user may drop brand fonts beside them.
here=$(cd "$(dirname "$0")/.." && pwd)
link_font() {
	src=$1
	if [ ! -f "$src" ]; then
		echo "qreport set-up: $src is missing; reinstall its font package" >&2
		exit 1
	fi
	ln -sf "$src" "$here/fonts/$(basename "$src")"
}
for f in Regular Bold Italic BoldItalic Semibold; do
	link_font /usr/share/fonts/truetype/open-sans/OpenSans-$f.ttf
done
for f in DejaVuSans DejaVuSans-Bold; do
	link_font /usr/share/fonts/truetype/dejavu/$f.ttf
done
for f in Regular Bold Italic BoldItalic; do
	link_font /usr/share/fonts/truetype/liberation2/LiberationSerif-$f.ttf
	link_font /usr/share/fonts/truetype/liberation2/LiberationSans-$f.ttf
done

# Two tests run JavaScript packages from npm, each pinned by its folder's
# lock file: the structure-tree test reads the PDF with pdf.js, as
# Firefox's reader does; the web page test drives Debian's Chromium with
# puppeteer-core and checks the page with axe-core and html-validate.
npm_ci() { # folder, a package it installs
	[ -f "$here/$1/package-lock.json" ] && [ ! -d "$here/$1/node_modules/$2" ] || return 0
	if ! command -v npm >/dev/null 2>&1; then
		if [ "$(id -u)" = 0 ]; then
			apt-get update -qq
			apt-get install -y -qq --no-install-recommends nodejs npm
		else
			echo "qreport set-up: the tests in $1 need Node.js and npm:" >&2
			echo "  apt-get install -y --no-install-recommends nodejs npm" >&2
			exit 1
		fi
	fi
	npm ci --prefix "$here/$1" --no-audit --no-fund --loglevel=error
}
npm_ci tests/pdfjs pdfjs-dist
npm_ci tests/web puppeteer-core
