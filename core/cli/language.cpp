// SPDX-License-Identifier: MIT
#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace Coroscope::Language {

namespace {
std::vector<std::unique_ptr<QTranslator>> s_installed;
QString s_current = u"en"_s;

QString fromLocale()
{
    for (const QString &name : QLocale::system().uiLanguages()) {
        const QString lang = name.section(u'-', 0, 0).section(u'_', 0, 0).toLower();
        if (available().contains(lang)) {
            return lang;
        }
        if (!lang.isEmpty() && lang != u"c") {
            return u"en"_s; // the first language the user asked for that is not ours: English
        }
    }
    return u"en"_s;
}

void add(const QString &file, const QString &dir)
{
    auto translator = std::make_unique<QTranslator>();
    if (translator->load(file, dir) && QCoreApplication::installTranslator(translator.get())) {
        s_installed.push_back(std::move(translator));
    }
}
} // namespace

QStringList available()
{
    return {u"en"_s, u"ko"_s};
}

QString current()
{
    return s_current;
}

QString install(const QString &choice)
{
    QString lang = choice.trimmed().toLower();
    if (const QString forced = qEnvironmentVariable("COROSCOPE_LANG").trimmed().toLower();
        !forced.isEmpty() && lang == u"system") {
        lang = forced;
    }
    if (!available().contains(lang)) {
        lang = fromLocale();
    }
    for (const auto &t : s_installed) {
        QCoreApplication::removeTranslator(t.get());
    }
    s_installed.clear();
    // English needs its own file too: the plural forms ("1 run", "2 runs").
    add(u"coroscope_%1"_s.arg(lang), u":/i18n"_s);
    if (lang != u"en") {
        // Qt's own strings (standard buttons, file dialogs), where Debian installed them.
        add(u"qtbase_%1"_s.arg(lang), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
        add(u"qtdeclarative_%1"_s.arg(lang), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    }
    s_current = lang;
    return lang;
}

} // namespace Coroscope::Language
