#!/usr/bin/env bash
# Refreshes i18n/*.ts from the sources (C++ tr()/QT_TRANSLATE_NOOP, QML qsTr): new texts come in
# unfinished, texts that are gone are dropped. Then translate with Qt Linguist
# (linguist6 i18n/coroscope_ko.ts) or any editor; the build turns them into .qm files.
# coroscope_en.ts holds only the English plural forms ("1 run" / "2 runs").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lupdate=/usr/lib/qt6/bin/lupdate
[[ -x $lupdate ]] || { echo "error: lupdate not found: apt-get install qt6-l10n-tools" >&2; exit 1; }
cd "$root"
sources=(core qml app)
"$lupdate" -silent -no-obsolete -locations relative -extensions cpp,h,qml "${sources[@]}" -ts i18n/coroscope_ko.ts
"$lupdate" -silent -no-obsolete -locations relative -pluralonly -extensions cpp,h,qml "${sources[@]}" -ts i18n/coroscope_en.ts
echo "updated i18n/coroscope_ko.ts and i18n/coroscope_en.ts"
