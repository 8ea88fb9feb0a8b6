// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace Coroscope::Cli {

/// Exit codes of the command line.
enum ExitCode : int
{
    Ok = 0,
    RunFailed = 1, ///< the experiment failed or was cancelled
    BadUsage = 2, ///< unknown command / experiment / parameter, unwritable file...
};

/// Runs `coroscope <command> ...` (arguments without the program name). Needs a
/// Q(Core|Gui)Application. Results go to stdout, errors to stderr.
int run(const QStringList &arguments);

/// Text for `coroscope --help`.
[[nodiscard]] QString usage();

} // namespace Coroscope::Cli
