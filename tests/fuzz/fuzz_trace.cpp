// SPDX-License-Identifier: MIT
// The Chrome-trace importer on arbitrary bytes: never a crash, a hang or undefined behaviour.

#include "timeline/traceimport.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QString error;
    const auto run = Coroscope::importChromeTrace(bytes, QStringLiteral("fuzz.json"), &error);
    if (!run && error.isEmpty()) {
        std::abort(); // a refusal always says why
    }
    if (run) {
        for (const Coroscope::Span &s : run->spans) {
            if (s.endNs != Coroscope::kUnknownTime && s.endNs < s.beginNs) {
                std::abort(); // spans never end before they start
            }
        }
    }
    return 0;
}
