// SPDX-License-Identifier: MIT
#pragma once

// The seeds' call_api(): "print" a message, wait on a timer, return a price.

#include "runcontext.h"

#include <QCoro/QCoroTask>

namespace Coroscope {

/// Ticker symbol for task i (GOOG, APPL as in seed 003, then more).
[[nodiscard]] QString tickerFor(int index);

/// async def call_api(message, result, delay): print(message); await asyncio.sleep(delay); return result
QCoro::Task<int> callApi(RunContext &ctx, LaneId lane, QString message, int result, double delay);

} // namespace Coroscope
