// SPDX-License-Identifier: MIT
#pragma once

// Tracing a Python asyncio program: `coroscope trace -- python3 app.py`. The program runs
// under python/coroscope_tracer.py (shipped next to the binary), which streams its tasks'
// steps, the loop's busy periods, executor jobs and threads over a local socket; this side
// turns them into a run like an experiment's, live.

#include "timeline/recorder.h"
#include "timeline/rundata.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

class QLocalServer;
class QLocalSocket;

namespace Coroscope {

/// The version of the tracer's event stream this build reads (the tracer's PROTOCOL).
inline constexpr int kPythonTraceProtocol = 1;

/// A Python program to trace: `interpreter [options] (script | -m module | -c code) args`.
struct PythonProgram
{
    QString interpreter = QStringLiteral("python3");
    QStringList options; ///< the interpreter's own options, before the script (-u, -X dev…)
    QStringList target; ///< script.py, or -m module, or -c code
    QStringList arguments; ///< the program's arguments
    QString workingDirectory; ///< empty: the current one
    QList<std::pair<QString, QString>> environment; ///< set for the program (and its children)
    QString title; ///< the run's title; empty: the command line
    /// Give it the embedded delay server (COROSCOPE_HTTP_URL), its requests on a server lane.
    bool withDelayServer = false;

    /// "python3 app.py --n 3", as a user would type it.
    [[nodiscard]] QString commandLine() const;
    /// The script's file name or the module ("app.py", "-m http.server").
    [[nodiscard]] QString shortName() const;
};

/// Reads a command line "python3 [-u] app.py args": the interpreter first, then its options
/// up to the script (or -m module / -c code). Bad input names what was wrong.
[[nodiscard]] std::optional<PythonProgram> parsePythonCommand(const QStringList &argv, QString *error);

/// Where the tracer is: $COROSCOPE_TRACER, next to the binary, ../share/coroscope/, or the
/// source tree's python/ (running from the build directory). Empty if nowhere.
[[nodiscard]] QString pythonTracerPath();

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
    std::vector<StrId> m_strings; ///< the tracer's string numbers → this recorder's
    std::vector<QString> m_texts;
    QHash<QString, LaneId> m_loopLanes; ///< by thread name
    QHash<QString, LaneId> m_threadLanes; ///< pool and program threads, by thread name
    QHash<quint64, Task> m_tasks;
    QHash<quint64, Job> m_jobs;
    QHash<quint64, Job> m_threads;
    QHash<quint64, QString> m_jobThread;
    StrId m_startName = 0;
    StrId m_stallName = 0;
};

/**
 * Runs a Python program under the tracer, like Runner runs an experiment: live events through
 * recorder(), the program's output lines through output(), finished() always — ok (exit 0),
 * failed (another exit status, a traceback, no tracer) or cancelled (Stop / Ctrl+C: the
 * program's whole process group gets SIGINT, then SIGKILL after 300 ms; the partial timeline
 * is kept).
 */
class PythonTracer : public QObject
{
    Q_OBJECT
public:
    explicit PythonTracer(QObject *parent = nullptr);
    ~PythonTracer() override;

    bool start(const PythonProgram &program, QString *error = nullptr);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_process != nullptr; }
    [[nodiscard]] std::shared_ptr<Recorder> recorder() const { return m_recorder; }
    [[nodiscard]] const RunData &lastRun() const { return m_lastRun; }
    /// The run as it is now (live views): what has been recorded, with a growing wall.
    [[nodiscard]] RunData snapshot() const;
    RunData runAndWait(const PythonProgram &program);

Q_SIGNALS:
    void started();
    /// A line the program wrote (stderr: `isError`), without its newline.
    void output(const QString &line, bool isError);
    void finished(const Coroscope::RunData &run);

private:
    void onConnection();
    void onReadable();
    void onProcessOutput(QProcess::ProcessChannel channel);
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void signalGroup(int signal);
    void complete(RunStatus status, const QString &error);
    RunData baseRun() const;

    PythonProgram m_program;
    QProcess *m_process = nullptr;
    QLocalServer *m_server = nullptr;
    QLocalSocket *m_socket = nullptr;
    std::shared_ptr<Recorder> m_recorder;
    std::unique_ptr<PythonEventDecoder> m_decoder;
    QByteArray m_pending;
    QByteArray m_outBuffer[2];
    QStringList m_errLines; ///< the last lines of stderr (the traceback)
    QTimer m_killTimer;
    bool m_cancelled = false;
    bool m_failedToStart = false;
    qint64 m_pid = 0;
    QString m_startError;
    QByteArray m_serverTag; ///< this run's tag at the embedded delay server, when attached
    QDateTime m_startedAt;
    RunData m_lastRun;
};

} // namespace Coroscope
