// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

/// The languages of the app, the command line and the charts they draw: English (the source)
/// and Korean (i18n/coroscope_ko.ts). Translations are built into the binary.
namespace Coroscope::Language {

/// "system" (the locale's, as LANGUAGE / LC_ALL / LC_MESSAGES / LANG say), "en" or "ko":
/// installs the translators for it (replacing those installed before) and returns the
/// language in effect, "en" or "ko". COROSCOPE_LANG, when set, wins over "system".
QString install(const QString &choice = QStringLiteral("system"));

/// The language in effect ("en" until install() is called).
[[nodiscard]] QString current();

/// The languages there are translations for, the source's first: {"en", "ko"}.
[[nodiscard]] QStringList available();

} // namespace Coroscope::Language
