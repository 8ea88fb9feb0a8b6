// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <vector>

namespace Coroscope {

/// Intervals' begin and end times as one walk in time order, ends before begins at equal times
/// (touching intervals do not overlap): `f(atNs, +1)` for a begin, `f(atNs, -1)` for an end.
/// The same order as sorting (time, ±1) pairs, at a fraction of the cost for a run's spans:
/// their begins are already in order (spans are kept by begin) and only the ends are sorted.
template<typename F>
void forEachEdge(std::vector<qint64> &begins, std::vector<qint64> &ends, F &&f)
{
    if (!std::is_sorted(begins.begin(), begins.end())) {
        std::sort(begins.begin(), begins.end());
    }
    if (!std::is_sorted(ends.begin(), ends.end())) {
        std::sort(ends.begin(), ends.end());
    }
    auto b = begins.cbegin();
    auto e = ends.cbegin();
    while (b != begins.cend() || e != ends.cend()) {
        if (e != ends.cend() && (b == begins.cend() || *e <= *b)) {
            f(*e++, -1);
        } else {
            f(*b++, +1);
        }
    }
}

} // namespace Coroscope
