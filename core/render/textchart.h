// SPDX-License-Identifier: MIT
#pragma once

#include "ganttmodel.h"

#include <QString>

namespace Coroscope {

/// The Gantt chart as Unicode bars for a terminal `columns` wide:
///   █ running / blocking the thread   ▒ suspended (timer, HTTP, query)   ─ awaiting tasks
///   ✕ error   · cancelled             the event loop lane shows █ where it stalled.
[[nodiscard]] QString textChart(const GanttModel &model, int columns = 100);

} // namespace Coroscope
