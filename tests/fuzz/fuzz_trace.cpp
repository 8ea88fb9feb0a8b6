// SPDX-License-Identifier: MIT
// The Chrome-trace importer on arbitrary bytes: never a crash, a hang or undefined behaviour;
// its reader without a DOM agrees with the QJsonDocument one, run for run and word for word.

#include "timeline/traceimport.h"

#include <cstdlib>

namespace {

bool sameRun(const Coroscope::RunData &a, const Coroscope::RunData &b)
{
    if (a.spans.size() != b.spans.size() || a.lanes.size() != b.lanes.size() || a.marks.size() != b.marks.size()
        || a.counters.size() != b.counters.size() || a.wallNs != b.wallNs || a.idealNs != b.idealNs
        || a.experiment != b.experiment || a.title != b.title) {
        return false;
    }
    for (qsizetype i = 0; i < a.lanes.size(); ++i) {
        if (a.lanes[i].name != b.lanes[i].name || a.lanes[i].kind != b.lanes[i].kind) {
            return false;
        }
    }
    for (std::size_t i = 0; i < a.spans.size(); ++i) {
        const Coroscope::Span &x = a.spans[i];
        const Coroscope::Span &y = b.spans[i];
        if (x.beginNs != y.beginNs || x.endNs != y.endNs || x.readyNs != y.readyNs || x.lane != y.lane
            || x.kind != y.kind || x.status != y.status || x.blocking != y.blocking || x.nestedLoop != y.nestedLoop
            || a.str(x.name) != b.str(y.name) || a.str(x.detail) != b.str(y.detail)) {
            return false;
        }
    }
    for (std::size_t i = 0; i < a.marks.size(); ++i) {
        const Coroscope::Mark &x = a.marks[i];
        const Coroscope::Mark &y = b.marks[i];
        if (x.atNs != y.atNs || x.lane != y.lane || a.str(x.name) != b.str(y.name)
            || a.str(x.detail) != b.str(y.detail)) {
            return false;
        }
    }
    for (std::size_t i = 0; i < a.counters.size(); ++i) {
        const Coroscope::CounterSample &x = a.counters[i];
        const Coroscope::CounterSample &y = b.counters[i];
        if (x.atNs != y.atNs || x.lane != y.lane || a.str(x.name) != b.str(y.name)
            || !(x.value == y.value || (x.value != x.value && y.value != y.value))) {
            return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QString error;
    const auto run = Coroscope::importChromeTrace(bytes, QStringLiteral("fuzz.json"), &error);
    if (!run && error.isEmpty()) {
        std::abort(); // a refusal always says why
    }
    QString referenceError;
    const auto reference = Coroscope::importChromeTraceReference(bytes, QStringLiteral("fuzz.json"), &referenceError);
    if (bool(run) != bool(reference) || error != referenceError) {
        std::abort();
    }
    if (run) {
        if (!sameRun(*run, *reference)) {
            std::abort();
        }
        for (const Coroscope::Span &s : run->spans) {
            if (s.endNs != Coroscope::kUnknownTime && s.endNs < s.beginNs) {
                std::abort(); // spans never end before they start
            }
        }
    }
    return 0;
}
