// SPDX-License-Identifier: MIT
#pragma once

// The Python tracer's event stream (python/coroscope_tracer.py) decoded into a recorder: plain
// code over untrusted bytes (fuzzed: tests/fuzz/fuzz_pyevents.cpp), no process, no socket.

#include "timeline/recorder.h"

#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <vector>

namespace Coroscope {

/// The version of the tracer's event stream this build reads (the tracer's PROTOCOL).
inline constexpr int kPythonTraceProtocol = 1;

/**
 * The tracer's event stream → a recorder. One line per event, tab-separated (see
 * python/coroscope_tracer.py); times are CLOCK_MONOTONIC nanoseconds — this process's steady
 * clock — so the program's output, read here, lands on the same axis. Untrusted input: a
 * garbled line is skipped (counted), never trusted.
 */
class PythonEventDecoder
{
public:
    explicit PythonEventDecoder(Recorder &recorder);

    /// One line, without its newline. False once the stream is refused (protocolError()).
    bool feed(QByteArrayView line);
    /// The program has ended (or was stopped) at `endNs` (steady-clock nanoseconds since its
    /// epoch): open spans end there, a program that ran no event loop gets a lane saying so.
    void finish(qint64 endClockNs, bool stopped);

    [[nodiscard]] bool helloSeen() const { return m_hello; }
    [[nodiscard]] QString pythonVersion() const { return m_pythonVersion; }
    [[nodiscard]] QString protocolError() const { return m_protocolError; }
    [[nodiscard]] int garbledLines() const { return m_garbled; }
    [[nodiscard]] bool originSet() const { return m_originSet; }
    /// Where the run ends: the tracer's last word (the script returned), in recorder time.
    [[nodiscard]] qint64 endNs() const { return m_endNs; }
    [[nodiscard]] bool sawLoop() const { return !m_loopLanes.isEmpty(); }
    [[nodiscard]] int tasksSeen() const { return static_cast<int>(m_tasks.size()); }
    /// The run's tag in the delay server's URLs (/run/TAG/): left out of the names shown.
    void setUrlTag(const QString &tag) { m_urlTag = tag.isEmpty() ? QString() : QStringLiteral("/run/") + tag + u'/'; }
    /// Converts a steady-clock time to recorder time (sets the origin if not yet set).
    qint64 toRun(qint64 clockNs);

private:
    struct Task
    {
        LaneId lane = 0;
        SpanId open = 0;
        bool hasOpen = false;
        qint64 openBeginNs = 0;
        qint64 readyNs = kUnknownTime; ///< woken while suspended
        qint64 readyEarlyNs = kUnknownTime; ///< woken while it ran (e.g. sleep(0))
        QString coroutine;
        QString lastWhere;
        SpanKind openKind = SpanKind::Wait;
    };
    struct Job
    {
        LaneId lane = 0;
        qint64 beginNs = 0;
        StrId name = 0;
        StrId detail = 0;
    };

    StrId str(QByteArrayView id) const;
    QString text(QByteArrayView id) const;
    LaneId laneForThread(const QString &thread, LaneKind kind, const QString &name);
    LaneId markLane(quint64 task);
    void onStep(const QByteArrayView *f);
    void closeJob(Job job, qint64 endNs, qint64 cpuNs, bool failed);

    Recorder &m_rec;
    bool m_hello = false;
    bool m_refused = false;
    bool m_originSet = false;
    qint64 m_originClockNs = 0;
    qint64 m_helloClockNs = 0;
    qint64 m_endNs = kUnknownTime;
    qint64 m_processCpuNs = -1;
    int m_garbled = 0;
    QString m_pythonVersion;
    QString m_protocolError;
    QString m_urlTag;
    std::vector<StrId> m_strings; ///< the tracer's string numbers → this recorder's
    std::vector<QString> m_texts;
    QHash<QString, LaneId> m_loopLanes; ///< by thread name
    QHash<qint64, LaneId> m_loopById; ///< the tracer's loop numbers
    QHash<QString, LaneId> m_threadLanes; ///< pool and program threads, by thread name
    QHash<quint64, Task> m_tasks;
    QHash<quint64, Job> m_jobs;
    QHash<quint64, Job> m_threads;
    QHash<quint64, QString> m_jobThread;
    StrId m_startName = 0;
    StrId m_stallName = 0;
};

} // namespace Coroscope
