// SPDX-License-Identifier: MIT
#pragma once

// Tracing a Python asyncio program: `coroscope trace -- python3 app.py`. The program runs
// under python/coroscope_tracer.py (shipped next to the binary), which streams its tasks'
// steps, the loop's busy periods, executor jobs and threads over a local socket; this side
// turns them into a run like an experiment's, live.

#include "python/pyevents.h"
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
