// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

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

} // namespace Coroscope
