#!/usr/bin/env bash
# Rebuilds the Word and PDF documents of docs/ from sources/*.html with LibreOffice (only needed when a source
# changes; CI and the eval read the built files with the product's pure-JS readers, mammoth and unpdf).
# PDFs need a CJK font LibreOffice can embed: without one every CJK glyph is .notdef and pdf.js reads no text.
# Usage: eval/county-docs-2/make-docs.sh   (from the repository root)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fonts=$(cd "$here/../.." && pwd)/node_modules/@embedpdf/fonts-sc/fonts
cat > "$work/fonts.conf" <<CONF
<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>$fonts</dir><cachedir>$work/fccache</cachedir></fontconfig>
CONF
export FONTCONFIG_FILE="$work/fonts.conf"
office() { soffice "-env:UserInstallation=file://$work/profile" --headless "$@" >/dev/null 2>&1; }
for source in "$here"/sources/*.html; do
  name=$(basename "$source" .html)
  target=$(cat "$here/sources/$name.target")   # docx or pdf
  office --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "$source"
  if [ "$target" = pdf ]; then office --convert-to pdf --outdir "$work" "$work/$name.docx"; fi
  cp "$work/$name.$target" "$here/docs/$name.$target"
  echo "docs/$name.$target"
done
