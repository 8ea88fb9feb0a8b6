// SPDX-License-Identifier: MIT
#pragma once

#include "rundata.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Coroscope {

/// The run file: Coroscope's own JSON format for a recorded run (see README, "Run file").
namespace RunFile {

/// 2: `blame`, `nested_loop`, stats `late_s`/`blamed_s` (version 1 files read the same).
inline constexpr int kVersion = 2;
inline constexpr auto kFormat = "coroscope-run";

[[nodiscard]] QByteArray toJson(const RunData &run);
/// The "stats" object of a run file (also the CLI's --json summary).
[[nodiscard]] QJsonObject statsToJson(const RunStats &stats);
/// Parses a run file's bytes. On failure returns nullopt and sets `error` to a message that
/// says what is wrong and where (e.g. `spans[3].end_s: expected a number`).
[[nodiscard]] std::optional<RunData> fromJson(const QByteArray &json, QString *error);
/// The same through QJsonDocument alone, without the fast path for the spans array: the
/// reference the fast path must agree with (tests, fuzzing).
[[nodiscard]] std::optional<RunData> fromJsonReference(const QByteArray &json, QString *error);

/// Writes atomically (QSaveFile); on failure `error` names the path and the writer's reason.
bool write(const RunData &run, const QString &path, QString *error);
/// Reads and validates; on failure `error` names the path and what was wrong.
[[nodiscard]] std::optional<RunData> read(const QString &path, QString *error);

/// What a list of saved runs shows, read without decoding the spans or computing statistics
/// (a fan-out run is megabytes); nullopt when the file is not a run file.
struct Summary
{
    QString experiment;
    QString status;
    QDateTime startedAt;
    qint64 wallNs = 0;
};
[[nodiscard]] std::optional<Summary> readSummary(const QString &path);

} // namespace RunFile
} // namespace Coroscope
