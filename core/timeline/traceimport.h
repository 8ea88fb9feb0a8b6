// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Coroscope {

/**
 * Reads Chrome trace event JSON written by other tools (VizTracer, Perfetto's JSON export,
 * chrome://tracing) as a run: one lane per (pid, tid), named from thread_name metadata;
 * X and B/E events become spans, instants marks, C events counters. The span kind comes
 * from the category when it is one of Coroscope's kinds, otherwise from the name
 * (sleep, http, query...) and defaults to cpu.
 */
[[nodiscard]] std::optional<RunData> importChromeTrace(
    const QByteArray &json, const QString &name, QString *error);

/// The same through QJsonDocument: what importChromeTrace falls back to whenever its reader
/// without a DOM sees anything unusual, and what fuzz_trace compares it with.
[[nodiscard]] std::optional<RunData> importChromeTraceReference(
    const QByteArray &json, const QString &name, QString *error);

/// Loads a Coroscope run file or a Chrome trace, whichever `path` holds. Errors name the path.
[[nodiscard]] std::optional<RunData> loadRunOrTrace(const QString &path, QString *error);

} // namespace Coroscope
