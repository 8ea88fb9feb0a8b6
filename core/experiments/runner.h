// SPDX-License-Identifier: MIT
#pragma once

#include "async/canceltoken.h"
#include "params.h"
#include "timeline/recorder.h"
#include "timeline/rundata.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

class QThread;

namespace Coroscope {

class Experiment;
struct RunJob;

/**
 * Runs one experiment at a time, each on its own worker thread with its own event loop, so
 * that an experiment which blocks its loop on purpose never freezes the caller.
 *
 * While a run is going, spanEvents() delivers begin/end events in batches (live views);
 * cancel() reaches every step through the run's cancel token, and the partial timeline is
 * kept (open spans end as cancelled). finished() always comes, with status ok / failed /
 * cancelled.
 */
class Runner : public QObject
{
    Q_OBJECT
public:
    explicit Runner(QObject *parent = nullptr);
    ~Runner() override;

    /// Starts a run; false (with `error`) if one is already running or the experiment
    /// cannot run here.
    bool start(const Experiment &experiment, const Params &params, QString *error = nullptr);
    /// Cancels the current run (from any thread); finished() follows.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_job != nullptr; }
    /// Milliseconds between spanEvents() batches; 0 disables live events (the default).
    void setLiveInterval(int ms);
    /// The recorder of the current (or last) run.
    [[nodiscard]] std::shared_ptr<Recorder> recorder() const { return m_recorder; }
    [[nodiscard]] const RunData &lastRun() const { return m_lastRun; }

    /// Runs to completion on a worker thread while spinning a local event loop (CLI, tests).
    RunData runAndWait(const Experiment &experiment, const Params &params);

Q_SIGNALS:
    void started();
    void spanEvents(const QList<Coroscope::SpanEvent> &events);
    void finished(const Coroscope::RunData &run);

private:
    void deliverEvents();
    void onThreadFinished();

    std::shared_ptr<RunJob> m_job;
    QThread *m_thread = nullptr;
    std::shared_ptr<Recorder> m_recorder;
    QTimer m_liveTimer;
    int m_liveInterval = 0;
    RunData m_lastRun;
};

} // namespace Coroscope

Q_DECLARE_METATYPE(Coroscope::RunData)
Q_DECLARE_METATYPE(Coroscope::SpanEvent)
