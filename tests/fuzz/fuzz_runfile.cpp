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
    // The fast path for the spans array agrees with QJsonDocument's, refusals word for word.
    QString referenceError;
    const auto reference = Coroscope::RunFile::fromJsonReference(bytes, &referenceError);
    if (bool(run) != bool(reference) || error != referenceError) {
        std::abort();
    }
    if (run) {
        if (run->spans.size() != reference->spans.size() || run->strings.size() != reference->strings.size()) {
            std::abort();
        }
        for (std::size_t i = 0; i < run->spans.size(); ++i) {
            const Coroscope::Span &a = run->spans[i];
            const Coroscope::Span &b = reference->spans[i];
            if (a.beginNs != b.beginNs || a.endNs != b.endNs || a.readyNs != b.readyNs || a.lane != b.lane
                || a.kind != b.kind || a.status != b.status || a.blocking != b.blocking
                || a.nestedLoop != b.nestedLoop || run->str(a.name) != reference->str(b.name)
                || run->str(a.detail) != reference->str(b.detail)) {
                std::abort();
            }
        }
    }
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
