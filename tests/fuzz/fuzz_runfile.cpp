// SPDX-License-Identifier: MIT
// The run-file reader on arbitrary bytes: never a crash, a hang or undefined behaviour; what it
// accepts it writes back and reads again to the same spans.

#include "timeline/runfile.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QString error;
    const auto run = Coroscope::RunFile::fromJson(bytes, &error);
    if (!run) {
        if (error.isEmpty()) {
            std::abort(); // a refusal always says why
        }
        return 0;
    }
    const auto again = Coroscope::RunFile::fromJson(Coroscope::RunFile::toJson(*run), &error);
    if (!again || again->spans.size() != run->spans.size() || again->lanes.size() != run->lanes.size()) {
        std::abort(); // what was accepted must survive a round trip
    }
    return 0;
}
