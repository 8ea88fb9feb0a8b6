// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace Coroscope {

/**
 * Writes `bytes` to `path` so that it is either all there or not changed at all: a temporary
 * file in the target's own folder, every write and the close checked, flushed to disk, then
 * renamed over the target. A symlink is followed to the file it names. It refuses to replace
 * anything that is not a regular file (a device such as /dev/null, a folder, a pipe). An
 * existing file keeps its permissions; a new one gets 0666 minus the umask, or `newFileMode`.
 * False with `error` = "cannot write PATH: REASON" (the system's reason: "No space left on
 * device").
 */
bool saveFile(const QString &path, QByteArrayView bytes, QString *error, int newFileMode = -1);

/// The largest run file or trace Coroscope opens (a 1 000 000-span run file is ≈ 150 MB).
inline constexpr qint64 kMaxInputBytes = 1024LL * 1024 * 1024;

/**
 * Reads a run file or trace (JSON text) into memory, refusing early what cannot be one: not a
 * regular file that can be read, more than `limit` bytes (checked while reading, so /dev/zero
 * or a pipe that never ends cannot exhaust memory), or binary data at the start. Errors are
 * "PATH: REASON".
 */
[[nodiscard]] std::optional<QByteArray> readJsonInput(const QString &path, QString *error, qint64 limit = kMaxInputBytes);

} // namespace Coroscope
