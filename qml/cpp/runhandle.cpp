// SPDX-License-Identifier: MIT
#include "runhandle.h"

#include "timeline/analysis.h"

#include <cmath>

#include "render/ganttlayout.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

RunHandle::RunHandle(QObject *parent)
    : QObject(parent)
{ }

void RunHandle::setRun(RunData run, bool live)
{
    // Live snapshots and the finished run are one run; a new run or an opened file is another.
    // (Live snapshots carry no start time: after one, only the experiment is compared.)
    const bool same = m_model && m_model->run().experiment == run.experiment
        && (m_live ? true : !live && m_model->run().startedAt == run.startedAt);
    if (!same) {
        ++m_generation;
    }
    m_model = std::make_shared<const GanttModel>(std::move(run));
    m_live = live;
    Q_EMIT changed();
}

void RunHandle::setModel(std::shared_ptr<const GanttModel> model)
{
    ++m_generation; // an opened file is another run
    m_model = std::move(model);
    m_live = false;
    Q_EMIT changed();
}

QString RunHandle::experimentId() const
{
    return m_model ? m_model->run().experiment : QString();
}

QString RunHandle::title() const
{
    return m_model ? m_model->run().title : QString();
}

QString RunHandle::name() const
{
    if (!m_name.isEmpty()) {
        return m_name;
    }
    if (!m_model) {
        return {};
    }
    const RunData &r = m_model->run();
    return r.experiment.isEmpty() ? r.title : r.experiment;
}

void RunHandle::setName(const QString &name)
{
    if (name != m_name) {
        m_name = name;
        Q_EMIT changed();
    }
}

void RunHandle::setPath(const QString &path)
{
    if (path != m_path) {
        m_path = path;
        Q_EMIT changed();
    }
}

QString RunHandle::status() const
{
    if (!m_model) {
        return {};
    }
    if (m_live) {
        return u"running"_s;
    }
    return toString(m_model->run().status);
}

double RunHandle::wallSeconds() const
{
    return m_model ? static_cast<double>(m_model->run().wallNs) / 1e9 : 0;
}

double RunHandle::idealSeconds() const
{
    return m_model ? static_cast<double>(m_model->run().idealNs) / 1e9 : 0;
}

int RunHandle::spanCount() const
{
    return m_model ? static_cast<int>(m_model->run().spans.size()) : 0;
}

QString RunHandle::error() const
{
    return m_model ? m_model->run().error : QString();
}

QVariantList RunHandle::blame() const
{
    QVariantList out;
    if (!m_model || m_live) {
        return out;
    }
    const RunData &r = m_model->run();
    constexpr int kShown = 200; // the table is for reading, not for a fan-out of 10 000
    for (const Blame &b : r.blame) {
        if (out.size() == kShown) {
            break;
        }
        out.append(QVariantMap {{u"delay"_s, u"+"_s + GanttLayout::formatDuration(b.delayNs)},
            {u"culprit"_s, Analysis::describeStep(r, b.culprit)},
            {u"victim"_s, Analysis::describeStep(r, b.victim)},
            {u"sentence"_s, Analysis::blameSentence(r, b.culprit, b.victim)}});
    }
    return out;
}

QString RunHandle::schedule() const
{
    if (!m_model || m_live) {
        return {};
    }
    const RunData &r = m_model->run();
    const auto ns
        = [](double s) { return GanttLayout::formatDuration(static_cast<qint64>(std::llround(s * 1e9))); };
    QStringList lines;
    lines << tr("Measured: %1.").arg(GanttLayout::formatDuration(r.wallNs));
    if (r.stats.idealScheduleS > 0) {
        lines << tr("With zero overhead — the recorded steps replayed back to back, each awaited step "
                    "taking only until it was ready, blocking steps still holding the loop: %1.")
                     .arg(ns(r.stats.idealScheduleS));
    }
    if (r.stats.madeAsync > 0) {
        lines << tr("If the run's %n blocking step(s) were async (awaited instead of holding the loop): %1.",
            nullptr, r.stats.madeAsync)
                     .arg(ns(r.stats.idealAllAsyncS));
    }
    if (r.stats.lateS > 0.001) {
        lines << tr("Steps were ready but not resumed for %1 in all; %2 of it is explained below.")
                     .arg(ns(r.stats.lateS), ns(r.stats.blamedS));
    }
    return lines.join(u'\n');
}

QString RunHandle::summary() const
{
    if (!m_model) {
        return {};
    }
    const RunData &r = m_model->run();
    const QString wall = GanttLayout::formatDuration(r.wallNs);
    if (m_live) {
        return tr("running… %1").arg(wall);
    }
    QStringList parts {tr("wall %1").arg(wall)};
    if (r.idealNs > 0) {
        parts.append(tr("ideal %1").arg(GanttLayout::formatDuration(r.idealNs)));
        // Only a run that finished has an overhead: a stopped one ended early on purpose.
        if (r.status == RunStatus::Ok) {
            const qint64 over = r.wallNs - r.idealNs;
            parts.append(tr("overhead %1%2")
                             .arg(over >= 0 ? u"+"_s : u"−"_s, GanttLayout::formatDuration(std::abs(over))));
        }
    }
    if (r.status == RunStatus::Failed) {
        parts.append(tr("failed"));
    } else if (r.status == RunStatus::Cancelled) {
        parts.append(tr("cancelled"));
    }
    return parts.join(u" · "_s);
}

} // namespace Coroscope
