// SPDX-License-Identifier: MIT
// Coroscope's entry point: the desktop app without arguments, else the command line
// (list / describe / run / render ...).

#include "cli/cli.h"
#include "cli/language.h"
#include "pg/postgres.h"

#include <QDir>
#include <QGuiApplication>
#include <QIcon>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QSettings>
#include <QtQml/QQmlExtensionPlugin>

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(CoroscopePlugin)

namespace {
bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}
} // namespace

int main(int argc, char *argv[])
{
    if (argc <= 1 && !hasDisplay()) {
        // Checked before QGuiApplication exists: without a display it would abort.
        std::fputs("coroscope: no display found (DISPLAY / WAYLAND_DISPLAY unset).\n"
                   "Everything works headless from the command line, for example:\n"
                   "  coroscope list\n"
                   "  coroscope run tasks-concurrent --param delay=0.3 --export t.png --text\n"
                   "See 'coroscope --help'.\n",
            stderr);
        return Coroscope::Cli::BadUsage;
    }
    // The command line renders charts without a display.
    // Qt's plain UNIX event dispatcher instead of GLib's: with thousands of sockets on one
    // loop (HTTP fan-out, the delay server) it costs less per wake-up (bench_http_fanout).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB")) {
        qputenv("QT_NO_GLIB", "1");
    }
    if (argc > 1 && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    if (!qEnvironmentVariableIsSet("XDG_RUNTIME_DIR")) {
        // What Qt would pick anyway, made quietly (Qt warns when it has to pick it).
        const QByteArray dir = QDir::tempPath().toLocal8Bit() + "/runtime-" + QByteArray::number(::getuid());
        if (::mkdir(dir.constData(), 0700) == 0 || errno == EEXIST) {
            qputenv("XDG_RUNTIME_DIR", dir);
        }
    }
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("coroscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Coroscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COROSCOPE_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (!arguments.isEmpty()) {
        Coroscope::Language::install(); // the locale's (or COROSCOPE_LANG)
        const int code = Coroscope::Cli::run(arguments);
        Coroscope::Postgres::shutdown();
        return code;
    }
    // No arguments: the desktop app, in the language of its settings (the system's by default).
    Coroscope::Language::install(
        QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString());
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/coroscope/icons/coroscope.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("coroscope"));
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    auto engine = std::make_unique<QQmlApplicationEngine>();
    QObject::connect(
        engine.get(), &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
    // SIGTERM / Ctrl+C in the terminal close the app as the window's close button does.
    const Coroscope::Cli::InterruptHandler interrupts([] { QCoreApplication::quit(); });
    engine->load(QUrl(QStringLiteral("qrc:/Coroscope/Main.qml"))); // Qt 6.4: no loadFromModule
    const int code = QGuiApplication::exec();
    // The window goes first (its run is cancelled), then its scene graph's textures, released
    // with deleteLater, while the application is whole; then the private PostgreSQL cluster —
    // on every way out: the close button, Ctrl+Q, SIGTERM, Ctrl+C.
    engine.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    Coroscope::Postgres::shutdown();
    return code;
}
