// SPDX-License-Identifier: MIT
// The Python tracer's event stream decoder on arbitrary bytes (what a program could write to
// the socket): never a crash, a hang or undefined behaviour; the run it leaves is well formed.

#include "python/pyevents.h"
#include "timeline/rundata.h"
#include "timeline/stats.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Coroscope;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    auto recorder = std::make_shared<Recorder>();
    PythonEventDecoder decoder(*recorder);
    qsizetype from = 0;
    while (from < bytes.size()) {
        qsizetype nl = bytes.indexOf('\n', from);
        if (nl < 0) {
            nl = bytes.size();
        }
        if (!decoder.feed(bytes.sliced(from, nl - from))) {
            if (decoder.protocolError().isEmpty()) {
                std::abort(); // a refusal always says why
            }
            break;
        }
        from = nl + 1;
    }
    decoder.finish(1'000'000'000, false);
    RunData run;
    recorder->snapshot(run);
    for (const Span &s : run.spans) {
        if (s.lane >= static_cast<LaneId>(run.lanes.size()) || (!s.isOpen() && s.endNs < s.beginNs)) {
            std::abort();
        }
    }
    run.wallNs = decoder.endNs() == kUnknownTime ? 0 : decoder.endNs();
    computeStats(run);
    return 0;
}
