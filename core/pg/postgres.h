// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Coroscope::Postgres {

/// The DSN of the app's settings, used before anything else (empty: none). Kept here rather than
/// in the environment: setenv while another thread's libpq reads PG* variables is undefined.
void setConfigured(const QString &conninfo);
[[nodiscard]] QString configured();

/**
 * The connection string the PostgreSQL experiments use, in this order: the configured one
 * (setConfigured), COROSCOPE_PG_DSN (the CLI's --dsn sets it), the standard libpq PG* variables (PGHOST,
 * PGDATABASE, ...), and otherwise a private throwaway cluster started on first use (about a second) and
 * stopped when the application quits. Empty with `error` when none is possible.
 */
[[nodiscard]] QString conninfo(QString *error = nullptr);

/// Empty when PostgreSQL experiments can run here; otherwise why not.
[[nodiscard]] QString unavailableReason();

/// Stops and removes the private cluster now, if one was started (every exit path of the app
/// and the command line calls it; also run by QCoreApplication's post routines).
void shutdown();

/// Connects once with `conninfo` (blocking, up to its connect_timeout or 10 s) and closes:
/// empty when it worked, else libpq's reason, naming the server without the password.
[[nodiscard]] QString check(const QString &conninfo);

/// Where conninfo() comes from, for messages: "settings", "COROSCOPE_PG_DSN", "PG* variables",
/// "private cluster".
[[nodiscard]] QString source();

} // namespace Coroscope::Postgres
