// SPDX-License-Identifier: MIT
#include "sweepcontroller.h"

#include "experiments/experiment.h"
#include "experiments/sweep.h"

#include <QVariantMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Coroscope {

SweepController::SweepController(QObject *parent)
    : QObject(parent)
{ }

SweepController::~SweepController() = default;

bool SweepController::isActive() const
{
    return m_sweep && !m_sweep->done();
}

double SweepController::progress() const
{
    if (!m_sweep || m_sweep->runsPlanned() == 0) {
        return 0;
    }
    return static_cast<double>(m_sweep->runsDone()) / m_sweep->runsPlanned();
}

QString SweepController::status() const
{
    if (!m_sweep) {
        return {};
    }
    const QString key = m_sweep->plan().spec.key;
    if (isActive()) {
        return tr("%1 = %2 · run %3 of %4")
            .arg(key, m_sweep->nextValueText())
            .arg(m_sweep->runsDone() + 1)
            .arg(m_sweep->runsPlanned());
    }
    const SweepResult &r = m_sweep->result();
    QString text = tr("%n value(s) of %1", nullptr, static_cast<int>(r.points.size())).arg(key);
    // The curve in words: the wall time at its first and last value that ended ok.
    const auto ok = [](const SweepPoint &p) { return p.status == RunStatus::Ok; };
    const auto first = std::find_if(r.points.begin(), r.points.end(), ok);
    const auto last = std::find_if(r.points.rbegin(), r.points.rend(), ok);
    if (first != r.points.end() && &*first != &*last) {
        text += u" · "_s
            + tr("wall %1 s at %2 = %3 … %4 s at %5")
                  .arg(QString::number(first->wallMedianS, 'f', 3), key, first->valueText,
                      QString::number(last->wallMedianS, 'f', 3), last->valueText);
    }
    if (const int failed = r.failures(); failed > 0) {
        text += u" · "_s + tr("%n failed", nullptr, failed);
    }
    if (r.cancelled) {
        text += u" · "_s + tr("stopped after %1 of %2").arg(r.points.size()).arg(r.plannedValues);
    }
    return text;
}

void SweepController::setExperiment(const Experiment *experiment)
{
    QVariantList list;
    if (experiment) {
        for (const ParamSpec &spec : experiment->info().params) {
            if (spec.type == ParamType::Text) {
                continue; // one value each (a URL, SQL): nothing to sweep
            }
            const ParamSpec shown = spec.translatedSpec();
            QString example;
            if (spec.type == ParamType::Choice) {
                example = spec.choices.join(u',');
            } else if (spec.type == ParamType::Integer) {
                example = spec.minimum <= 1 && spec.maximum >= 8 ? u"1,2,4,8"_s : u"%1..%2"_s.arg(spec.minimum).arg(std::min(spec.maximum, spec.minimum + 5));
            } else {
                example = spec.key == u"delay" ? u"0.1,0.2,0.4"_s : u"%1..%2:%3"_s.arg(spec.minimum).arg(spec.maximum).arg((spec.maximum - spec.minimum) / 4);
            }
            list.append(QVariantMap {{u"key"_s, spec.key}, {u"label"_s, shown.label}, {u"example"_s, example}});
        }
    }
    if (list != m_parameters) {
        m_parameters = list;
        Q_EMIT parametersChanged();
    }
}

void SweepController::begin(SweepPlan plan)
{
    m_previous = std::move(m_sweep);
    m_previousResult = m_result;
    m_sweep = std::make_unique<Sweep>(std::move(plan));
    publish();
}

void SweepController::discard()
{
    m_sweep = std::move(m_previous);
    m_result = std::move(m_previousResult);
    Q_EMIT resultChanged();
    Q_EMIT changed();
}

int SweepController::failures() const
{
    return m_result ? m_result->failures() : 0;
}

bool SweepController::needsRun() const
{
    return isActive();
}

const Params &SweepController::nextParams() const
{
    return m_sweep->nextParams();
}

const Experiment *SweepController::experiment() const
{
    return m_sweep ? m_sweep->plan().experiment : nullptr;
}

void SweepController::record(RunData run)
{
    if (!isActive()) {
        return;
    }
    m_sweep->record(std::move(run));
    m_previous.reset(); // it ran: there is no going back to the sweep before
    m_previousResult.reset();
    publish();
    if (!isActive()) {
        Q_EMIT finished();
    }
}

void SweepController::stop()
{
    if (!isActive()) {
        return;
    }
    m_sweep->stop();
    publish();
    Q_EMIT finished();
}

void SweepController::publish()
{
    m_result = std::make_shared<const SweepResult>(m_sweep->result());
    Q_EMIT resultChanged();
    Q_EMIT changed();
}

} // namespace Coroscope
