// SPDX-License-Identifier: MIT
// Coroscope's entry point: the command line (list / describe / run ...).

#include "cli/cli.h"

#include <QCoreApplication>

#include <cstdio>

namespace {
bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("coroscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Coroscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COROSCOPE_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (arguments.isEmpty() && !hasDisplay()) {
        std::fputs("coroscope: no display found (DISPLAY / WAYLAND_DISPLAY unset).\n"
                   "Everything works headless from the command line, for example:\n"
                   "  coroscope list\n"
                   "  coroscope run tasks-concurrent --param delay=0.3 --export t.json\n"
                   "See 'coroscope --help'.\n",
            stderr);
        return Coroscope::Cli::BadUsage;
    }
    return Coroscope::Cli::run(arguments);
}
