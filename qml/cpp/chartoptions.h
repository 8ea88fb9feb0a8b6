// SPDX-License-Identifier: MIT
#pragma once

#include "render/ganttpainter.h"

#include <QObject>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

namespace Coroscope {

/**
 * What the chart explains beside the bars, for the view and for every export from the app:
 * blame and wake-up arrows, the task state strips, the ideal schedule (ghost outlines, each
 * task's overhead, the all-async marker). Remembered between sessions; all on by default.
 */
class ChartOptions : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the controller owns the chart options")
    Q_PROPERTY(bool blame READ blame WRITE setBlame NOTIFY changed)
    Q_PROPERTY(bool states READ states WRITE setStates NOTIFY changed)
    Q_PROPERTY(bool ideal READ ideal WRITE setIdeal NOTIFY changed)

public:
    explicit ChartOptions(QObject *parent = nullptr);

    [[nodiscard]] bool blame() const { return m_blame; }
    void setBlame(bool on);
    [[nodiscard]] bool states() const { return m_states; }
    void setStates(bool on);
    [[nodiscard]] bool ideal() const { return m_ideal; }
    void setIdeal(bool on);

    /// `base` with these options applied.
    [[nodiscard]] GanttPaintOptions apply(GanttPaintOptions base) const;

Q_SIGNALS:
    void changed();

private:
    void set(bool &member, bool on, const QString &key);

    QSettings m_settings;
    bool m_blame = true;
    bool m_states = true;
    bool m_ideal = true;
};

} // namespace Coroscope
