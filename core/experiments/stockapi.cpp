// SPDX-License-Identifier: MIT
#include "stockapi.h"

#include <array>

using namespace Qt::StringLiterals;

namespace Coroscope {

QString tickerFor(int index)
{
    static constexpr std::array kTickers
        = {u"GOOG", u"APPL", u"MSFT", u"AMZN", u"META", u"NVDA", u"TSLA", u"NFLX"};
    const auto base = QString::fromUtf16(kTickers.at(static_cast<std::size_t>(index) % kTickers.size()));
    const auto round = static_cast<std::size_t>(index) / kTickers.size();
    return round == 0 ? base : base + QString::number(round + 1);
}

QCoro::Task<int> callApi(RunContext &ctx, LaneId lane, QString message, int result, double delay)
{
    ctx.mark(lane, u"print"_s, message);
    co_await ctx.sleep(lane, u"sleep %1 s"_s.arg(delay), delay, message);
    co_return result;
}

} // namespace Coroscope
