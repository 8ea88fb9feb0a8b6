// SPDX-License-Identifier: MIT
#pragma once

#include "timeline/span.h"

#include <QColor>
#include <QString>

#include <array>

namespace Coroscope {

/// Colours of the Gantt chart. Kind colours follow the Okabe–Ito palette (colour-blind safe);
/// paint code takes every colour from here, never hard-coded.
struct GanttTheme
{
    QString name;
    QColor background;
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor axis;
    QColor laneStripe; ///< every other lane's background
    QColor separator; ///< between lane groups (loop / tasks / pool / server)
    QColor loopRunning; ///< the loop lane's baseline while it ran freely
    QColor error;
    QColor cancelled;
    QColor total; ///< the measured total line
    QColor ideal; ///< the ideal line
    QColor density; ///< folded lanes' in-flight area
    QColor blame; ///< arrows from what held the loop to the steps it delayed
    QColor counterfactual; ///< the "if every blocking step were async" marker
    QColor wakeup; ///< arrows from what made a step ready to its resumption
    QColor note; ///< the user's notes on the chart
    QColor prediction; ///< the user's predicted total
    std::array<QColor, kSpanKindCount> kinds;

    [[nodiscard]] QColor kindColor(SpanKind kind) const { return kinds.at(static_cast<std::size_t>(kind)); }
    /// Text colour readable on a solid fill of `fill`.
    [[nodiscard]] QColor textOn(const QColor &fill) const;

    [[nodiscard]] static GanttTheme light();
    [[nodiscard]] static GanttTheme dark();
    /// "light" or "dark"; anything else gives nullopt-like light with ok = false.
    [[nodiscard]] static GanttTheme byName(const QString &name, bool *ok = nullptr);
};

/// Whether the coroutine is suspended during a span of this kind (the thread is free), as
/// opposed to running or blocking the thread (cpu, blocking, stall).
[[nodiscard]] constexpr bool isSuspendedKind(SpanKind kind)
{
    return kind != SpanKind::Cpu && kind != SpanKind::Blocking && kind != SpanKind::Stall;
}

/// Legend wording for a kind, suspended or holding its thread (a blocking HTTP call).
[[nodiscard]] QString kindDescription(SpanKind kind, bool holdsThread = false);

/// A name the recorder writes itself ("event loop", "loop blocked", "waiting for a connection"…)
/// in the language of the installed translators; any other name (the experiment's own: "task 1 ·
/// GOOG", "GET /?delay=0.3") as it is. Run files keep the English.
[[nodiscard]] QString displayName(const QString &recorded);

} // namespace Coroscope
