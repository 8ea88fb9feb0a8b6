// SPDX-License-Identifier: MIT
#include "chartoptions.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

ChartOptions::ChartOptions(QObject *parent)
    : QObject(parent)
    , m_blame(m_settings.value(u"chart/blame"_s, true).toBool())
    , m_states(m_settings.value(u"chart/states"_s, true).toBool())
    , m_ideal(m_settings.value(u"chart/ideal"_s, true).toBool())
{ }

void ChartOptions::set(bool &member, bool on, const QString &key)
{
    if (on == member) {
        return;
    }
    member = on;
    m_settings.setValue(key, on);
    Q_EMIT changed();
}

void ChartOptions::setBlame(bool on)
{
    set(m_blame, on, u"chart/blame"_s);
}

void ChartOptions::setStates(bool on)
{
    set(m_states, on, u"chart/states"_s);
}

void ChartOptions::setIdeal(bool on)
{
    set(m_ideal, on, u"chart/ideal"_s);
}

GanttPaintOptions ChartOptions::apply(GanttPaintOptions base) const
{
    base.blame = m_blame;
    base.states = m_states;
    base.ideal = m_ideal;
    return base;
}

} // namespace Coroscope
