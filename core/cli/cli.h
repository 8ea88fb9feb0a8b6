// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include <functional>
#include <memory>

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

/// While it lives, SIGINT and SIGTERM call `onInterrupt` on the main loop (a self-pipe read by
/// a QSocketNotifier); a second signal exits at once (130). One at a time.
class InterruptHandler
{
public:
    explicit InterruptHandler(std::function<void()> onInterrupt);
    ~InterruptHandler();
    InterruptHandler(const InterruptHandler &) = delete;
    InterruptHandler &operator=(const InterruptHandler &) = delete;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/// Text for `coroscope --help`.
[[nodiscard]] QString usage();

} // namespace Coroscope::Cli
