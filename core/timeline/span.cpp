// SPDX-License-Identifier: MIT
#include "span.h"

#include <array>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
constexpr std::array kKindNames = {u"http", u"db", u"sleep", u"cpu", u"blocking", u"acquire", u"connect",
    u"setup", u"wait", u"stall", u"checkout", u"io"};
static_assert(kKindNames.size() == kSpanKindCount);
constexpr std::array kStatusNames = {u"ok", u"error", u"cancelled"};
constexpr std::array kLaneKindNames = {u"task", u"loop", u"pool", u"server", u"connection"};

template<typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<const char16_t *, N> &names, QStringView text)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (text == QStringView(names[i])) {
            return static_cast<Enum>(i);
        }
    }
    return std::nullopt;
}
} // namespace

QString toString(SpanKind kind)
{
    return QString::fromUtf16(kKindNames.at(static_cast<std::size_t>(kind)));
}

QString toString(SpanStatus status)
{
    return QString::fromUtf16(kStatusNames.at(static_cast<std::size_t>(status)));
}

QString toString(LaneKind kind)
{
    return QString::fromUtf16(kLaneKindNames.at(static_cast<std::size_t>(kind)));
}

std::optional<SpanKind> spanKindFromString(QStringView text)
{
    return lookup<SpanKind>(kKindNames, text);
}

std::optional<SpanStatus> spanStatusFromString(QStringView text)
{
    return lookup<SpanStatus>(kStatusNames, text);
}

std::optional<LaneKind> laneKindFromString(QStringView text)
{
    return lookup<LaneKind>(kLaneKindNames, text);
}

} // namespace Coroscope
