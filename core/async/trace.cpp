// SPDX-License-Identifier: MIT
#include "trace.h"

#include "errors.h"

namespace Coroscope {

void Trace::endWithError(SpanId id, const std::exception_ptr &error, qint64 readyNs) const
{
    if (!recorder) {
        return;
    }
    SpanStatus status = SpanStatus::Error;
    try {
        std::rethrow_exception(error);
    } catch (const Cancelled &) {
        status = SpanStatus::Cancelled;
    } catch (...) { }
    recorder->end(
        id, {.status = status, .detail = recorder->intern(errorMessage(error)), .readyNs = readyNs});
}

} // namespace Coroscope
