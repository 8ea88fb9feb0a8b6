// SPDX-License-Identifier: MIT
#include "pythontrace.h"

#include "async/errors.h"
#include "http/delayserver.h"
#include "timeline/stats.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <array>
#include <charconv>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope::PythonTrace)
};

constexpr int kKeptErrorLines = 40;

bool isInterpreterOption(const QString &arg)
{
    return arg.size() >= 2 && arg.startsWith(u'-') && arg != u"--";
}

} // namespace

// ---- the command line --------------------------------------------------------------------

QString PythonProgram::commandLine() const
{
    QStringList parts {interpreter};
    parts += options;
    parts += target;
    parts += arguments;
    for (QString &p : parts) {
        if (p.isEmpty() || p.contains(u' ') || p.contains(u'"') || p.contains(u'\'')) {
            p = u"'"_s + QString(p).replace(u"'"_s, u"'\\''"_s) + u"'"_s;
        }
    }
    return parts.join(u' ');
}

QString PythonProgram::shortName() const
{
    if (target.size() == 2 && target.at(0) == u"-m") {
        return u"-m "_s + target.at(1);
    }
    if (target.size() == 2 && target.at(0) == u"-c") {
        return u"-c"_s;
    }
    return target.isEmpty() ? QString() : QFileInfo(target.constFirst()).fileName();
}

std::optional<PythonProgram> parsePythonCommand(const QStringList &argv, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    if (argv.isEmpty() || argv.constFirst().isEmpty()) {
        return fail(Tr::tr("no program to trace: give it after --, e.g. coroscope trace -- python3 app.py"));
    }
    PythonProgram p;
    qsizetype i = 0;
    if (argv.constFirst().endsWith(u".py")) {
        p.interpreter = u"python3"_s; // "trace -- app.py": the script alone
    } else {
        p.interpreter = argv.constFirst();
        const QString base = QFileInfo(p.interpreter).fileName();
        if (!base.startsWith(u"python")) {
            return fail(Tr::tr("'%1' is not a Python interpreter: the command must start with one, e.g. "
                           "python3 app.py (a script alone works too)")
                            .arg(printable(p.interpreter)));
        }
        i = 1;
    }
    for (; i < argv.size(); ++i) {
        const QString &a = argv.at(i);
        if (a == u"-m" || a == u"-c") {
            if (i + 1 >= argv.size()) {
                return fail(Tr::tr("%1 needs an argument (python3 %1 …)").arg(a));
            }
            p.target = {a, argv.at(i + 1)};
            p.arguments = argv.mid(i + 2);
            return p;
        }
        if (a == u"-" ) {
            return fail(Tr::tr("a program read from standard input cannot be traced: give its file"));
        }
        if (!isInterpreterOption(a)) {
            p.target = {a};
            p.arguments = argv.mid(i + 1);
            return p;
        }
        p.options.append(a);
        // -W and -X take a value, glued on ("-Xdev") or as the next argument.
        if ((a == u"-W" || a == u"-X") && i + 1 < argv.size()) {
            p.options.append(argv.at(++i));
        }
    }
    return fail(Tr::tr("no script to trace in '%1': give python3 SCRIPT.py (or -m module)")
                    .arg(printable(argv.join(u' '))));
}

QString pythonTracerPath()
{
    const QString name = u"coroscope_tracer.py"_s;
    QStringList candidates;
    if (const QString env = qEnvironmentVariable("COROSCOPE_TRACER"); !env.isEmpty()) {
        return QFileInfo(env).isFile() ? QFileInfo(env).absoluteFilePath() : QString();
    }
    const QString dir = QCoreApplication::applicationDirPath();
    candidates << dir + u'/' + name << dir + u"/../share/coroscope/"_s + name;
#ifdef COROSCOPE_SOURCE_DIR
    candidates << QStringLiteral(COROSCOPE_SOURCE_DIR "/python/") + name;
#endif
    for (const QString &c : std::as_const(candidates)) {
        if (QFileInfo(c).isFile()) {
            return QFileInfo(c).absoluteFilePath();
        }
    }
    return {};
}

// ---- the process ---------------------------------------------------------------------------

PythonTracer::PythonTracer(QObject *parent)
    : QObject(parent)
{
    m_killTimer.setSingleShot(true);
    m_killTimer.setInterval(300);
    connect(&m_killTimer, &QTimer::timeout, this, [this] { signalGroup(SIGKILL); });
}

PythonTracer::~PythonTracer()
{
    if (m_process) {
        m_process->disconnect(this);
        signalGroup(SIGKILL);
        m_process->waitForFinished(2000);
        delete m_process;
    }
}

bool PythonTracer::start(const PythonProgram &program, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    if (m_process) {
        return fail(Tr::tr("a traced program is still running"));
    }
    const QString tracer = pythonTracerPath();
    if (tracer.isEmpty()) {
        return fail(Tr::tr("Coroscope's tracer (coroscope_tracer.py) is not installed next to the coroscope binary, nor "
                       "in ../share/coroscope: reinstall Coroscope, or set COROSCOPE_TRACER"));
    }
    if (program.target.size() == 1) {
        const QFileInfo script(QDir(program.workingDirectory.isEmpty() ? QDir::currentPath() : program.workingDirectory),
            program.target.constFirst());
        if (!script.isFile()) {
            return fail(Tr::tr("cannot trace '%1': %2")
                            .arg(printable(program.target.constFirst()),
                                script.exists() ? Tr::tr("it is not a file") : Tr::tr("no such file")));
        }
    }
    if (!program.workingDirectory.isEmpty() && !QFileInfo(program.workingDirectory).isDir()) {
        return fail(Tr::tr("working folder '%1' does not exist").arg(printable(program.workingDirectory)));
    }

    m_program = program;
    m_recorder = std::make_shared<Recorder>();
    // Live views take snapshots (snapshot()): no per-span event queue, which nothing would drain.
    m_decoder = std::make_unique<PythonEventDecoder>(*m_recorder);
    m_pending.clear();
    m_outBuffer[0].clear();
    m_outBuffer[1].clear();
    m_errLines.clear();
    m_cancelled = false;
    m_failedToStart = false;
    m_startError.clear();
    m_startedAt = QDateTime::currentDateTimeUtc();

    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    const QString name = QDir::tempPath() + u"/coroscope-trace-%1-%2.sock"_s.arg(QCoreApplication::applicationPid())
                             .arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    if (!m_server->listen(name)) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return fail(Tr::tr("cannot listen for the tracer on %1: %2").arg(name, why));
    }
    connect(m_server, &QLocalServer::newConnection, this, &PythonTracer::onConnection);

    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"COROSCOPE_TRACE_SOCKET"_s, m_server->fullServerName());
    env.insert(u"COROSCOPE_TRACE_PROTOCOL"_s, QString::number(kPythonTraceProtocol));
    env.insert(u"PYTHONUNBUFFERED"_s, u"1"_s); // its output reaches the log as it is written
    for (const auto &[k, v] : program.environment) {
        env.insert(k, v);
    }
    if (program.withDelayServer) {
        // Its requests as the server saw them, on the run's own lane: tagged by their path.
        QString serverError;
        DelayServer &server = DelayServer::embedded(&serverError);
        if (server.isRunning()) {
            static int s_runs = 0;
            m_serverTag = "py-" + QByteArray::number(QCoreApplication::applicationPid()) + '-' + QByteArray::number(++s_runs);
            server.attach(m_serverTag, m_recorder, m_recorder->addLane(u"delay server"_s, LaneKind::Server));
            m_decoder->setUrlTag(QString::fromLatin1(m_serverTag));
            env.insert(u"COROSCOPE_HTTP_URL"_s,
                server.url().toString() + u"run/"_s + QString::fromLatin1(m_serverTag) + u'/');
        }
    }
    m_process->setProcessEnvironment(env);
    if (!program.workingDirectory.isEmpty()) {
        m_process->setWorkingDirectory(program.workingDirectory);
    }
    m_process->setChildProcessModifier([] {
        ::setpgid(0, 0); // its own process group: Stop ends the program and its children
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // and it does not outlive Coroscope
    });
    QStringList args = program.options;
    args << tracer;
    args += program.target;
    args += program.arguments;
    connect(m_process, &QProcess::readyReadStandardOutput, this,
        [this] { onProcessOutput(QProcess::StandardOutput); });
    connect(m_process, &QProcess::readyReadStandardError, this,
        [this] { onProcessOutput(QProcess::StandardError); });
    connect(m_process, &QProcess::finished, this, &PythonTracer::onProcessFinished);
    connect(m_process, &QProcess::errorOccurred, this, &PythonTracer::onProcessError);
    m_process->start(program.interpreter, args);
    m_pid = m_failedToStart ? 0 : m_process->processId();
    Q_EMIT started();
    return true;
}

void PythonTracer::signalGroup(int signal)
{
    if (m_pid > 0) {
        ::kill(static_cast<pid_t>(-m_pid), signal);
    }
}

void PythonTracer::cancel()
{
    if (!m_process || m_cancelled) {
        return;
    }
    m_cancelled = true;
    signalGroup(SIGINT); // asyncio.run cancels its tasks and the tracer says how far they got
    m_killTimer.start();
}

void PythonTracer::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        if (m_socket) {
            socket->deleteLater(); // one tracer per run (a forked child does not send)
            continue;
        }
        m_socket = socket;
        connect(m_socket, &QLocalSocket::readyRead, this, &PythonTracer::onReadable);
        onReadable();
    }
    m_server->close(); // nobody else connects
}

void PythonTracer::onReadable()
{
    if (!m_socket || !m_decoder) {
        return;
    }
    m_pending += m_socket->readAll();
    if (m_pending.size() > (16 << 20) && m_pending.indexOf('\n') < 0) {
        // 16 MB without a line end: not the tracer's stream.
        m_startError = Tr::tr("the tracer's stream has a line longer than 16 MB: refused");
        m_pending.clear();
        m_socket->disconnect(this);
        m_socket->abort();
        signalGroup(SIGKILL);
        return;
    }
    qsizetype from = 0;
    while (true) {
        const qsizetype nl = m_pending.indexOf('\n', from);
        if (nl < 0) {
            break;
        }
        if (!m_decoder->feed(QByteArrayView(m_pending).sliced(from, nl - from))) {
            m_pending.clear();
            if (m_process && !m_cancelled) {
                m_startError = m_decoder->protocolError() + u" ("_s + pythonTracerPath() + u')';
                signalGroup(SIGKILL);
            }
            return;
        }
        from = nl + 1;
    }
    m_pending.remove(0, from);
}

void PythonTracer::onProcessOutput(QProcess::ProcessChannel channel)
{
    if (!m_process) {
        return;
    }
    const int i = channel == QProcess::StandardError ? 1 : 0;
    m_process->setReadChannel(channel);
    m_outBuffer[i] += m_process->readAll();
    qsizetype from = 0;
    while (true) {
        const qsizetype nl = m_outBuffer[i].indexOf('\n', from);
        if (nl < 0) {
            break;
        }
        QString line = QString::fromUtf8(m_outBuffer[i].sliced(from, nl - from));
        if (line.endsWith(u'\r')) {
            line.chop(1);
        }
        if (i == 1) {
            m_errLines.append(line);
            if (m_errLines.size() > kKeptErrorLines) {
                m_errLines.removeFirst();
            }
        }
        Q_EMIT output(line, i == 1);
        from = nl + 1;
    }
    m_outBuffer[i].remove(0, from);
    if (m_outBuffer[i].size() > 1 << 20) { // a line a megabyte long: pass it on in pieces
        Q_EMIT output(QString::fromUtf8(m_outBuffer[i]), i == 1);
        m_outBuffer[i].clear();
    }
}

void PythonTracer::onProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process) {
        return;
    }
    m_failedToStart = true;
    const QString message = Tr::tr("cannot start '%1': %2 — is Python 3 installed? (Debian: apt install python3)")
                                .arg(printable(m_program.interpreter), m_process->errorString());
    // Not from inside start(): finished() comes after it returns, as for any run.
    QMetaObject::invokeMethod(this, [this, message] { complete(RunStatus::Failed, message); }, Qt::QueuedConnection);
}

void PythonTracer::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process || m_failedToStart) {
        return;
    }
    onProcessOutput(QProcess::StandardOutput);
    onProcessOutput(QProcess::StandardError);
    for (int i = 0; i < 2; ++i) {
        if (!m_outBuffer[i].isEmpty()) {
            Q_EMIT output(QString::fromUtf8(m_outBuffer[i]), i == 1);
            if (i == 1) {
                m_errLines.append(QString::fromUtf8(m_outBuffer[i]));
            }
            m_outBuffer[i].clear();
        }
    }
    // What the tracer wrote before the program ended is still in the socket — and the
    // connection itself, if this thread was too busy to accept it while the program ran.
    if (!m_socket && m_server && m_server->isListening()) {
        m_server->waitForNewConnection(0);
        onConnection();
    }
    if (m_socket) {
        // At most a second: a child that kept the socket may write on and on.
        QElapsedTimer drain;
        drain.start();
        while (m_socket && m_socket->state() == QLocalSocket::ConnectedState && drain.elapsed() < 1000
            && m_socket->waitForReadyRead(static_cast<int>(std::max<qint64>(1, std::min<qint64>(200, 1000 - drain.elapsed()))))) {
            onReadable();
        }
        if (m_socket) {
            onReadable();
        }
    }
    if (m_cancelled) {
        signalGroup(SIGKILL); // children it left behind
    }
    QString lastError;
    for (auto it = m_errLines.crbegin(); it != m_errLines.crend(); ++it) {
        if (!it->trimmed().isEmpty()) {
            lastError = it->trimmed();
            break;
        }
    }
    if (!m_startError.isEmpty()) {
        complete(RunStatus::Failed, m_startError);
    } else if (!m_decoder->helloSeen()) {
        complete(m_cancelled ? RunStatus::Cancelled : RunStatus::Failed,
            m_cancelled ? Tr::tr("stopped before the program started")
                        : Tr::tr("%1 did not run Coroscope's tracer (exit status %2)%3")
                              .arg(printable(m_program.interpreter))
                              .arg(exitCode)
                              .arg(lastError.isEmpty() ? QString() : u": "_s + lastError));
    } else if (m_cancelled) {
        complete(RunStatus::Cancelled, Tr::tr("stopped: the program's process group was ended"));
    } else if (status == QProcess::CrashExit) {
        complete(RunStatus::Failed,
            Tr::tr("%1 was killed by a signal%2").arg(m_program.shortName(), lastError.isEmpty() ? QString() : u": "_s + lastError));
    } else if (exitCode != 0) {
        // A module the program imports is not installed for this interpreter: say so.
        static const QRegularExpression missing(uR"(^ModuleNotFoundError: No module named '([A-Za-z0-9_]+))"_s);
        if (const auto m = missing.match(lastError); m.hasMatch()) {
            lastError += Tr::tr(" — install it for %1 (Debian: apt install python3-%2)")
                             .arg(printable(m_program.interpreter), m.captured(1).toLower());
        }
        complete(RunStatus::Failed,
            Tr::tr("%1 exited with status %2%3")
                .arg(m_program.shortName())
                .arg(exitCode)
                .arg(lastError.isEmpty() ? QString() : u": "_s + lastError));
    } else {
        complete(RunStatus::Ok, {});
    }
}

RunData PythonTracer::baseRun() const
{
    RunData run;
    run.experiment = u"python"_s;
    run.title = m_program.title.isEmpty() ? m_program.commandLine() : m_program.title;
    run.params = {{u"program"_s, m_program.shortName()}};
    if (!m_program.arguments.isEmpty()) {
        run.params.append({u"args"_s, m_program.arguments.join(u' ')});
    }
    if (m_decoder && !m_decoder->pythonVersion().isEmpty()) {
        run.params.append({u"python"_s, m_decoder->pythonVersion()});
    }
    run.startedAt = m_startedAt;
    run.env = EnvInfo::current();
    return run;
}

RunData PythonTracer::snapshot() const
{
    RunData run = baseRun();
    if (m_recorder) {
        m_recorder->snapshot(run);
        run.wallNs = m_decoder && m_decoder->originSet() ? m_recorder->now() : 0;
    }
    return run;
}

void PythonTracer::complete(RunStatus status, const QString &error)
{
    m_killTimer.stop();
    const auto endClock = std::chrono::duration_cast<std::chrono::nanoseconds>(
        Recorder::Clock::now().time_since_epoch())
                              .count();
    if (m_decoder) {
        m_decoder->finish(endClock, status == RunStatus::Cancelled);
    }
    RunData run = baseRun();
    run.status = status;
    run.error = error;
    if (m_recorder) {
        m_recorder->snapshot(run);
    }
    qint64 wall = m_decoder && m_decoder->endNs() != kUnknownTime ? m_decoder->endNs() : 0;
    for (const Span &s : run.spans) {
        wall = std::max(wall, s.isOpen() ? s.beginNs : s.endNs);
    }
    run.wallNs = wall;
    if (status == RunStatus::Failed && run.spans.empty() && run.lanes.isEmpty()) {
        // Nothing ran: the failure itself is the timeline (a red span saying why).
        run.lanes.append(Lane {0, m_program.shortName().isEmpty() ? u"python"_s : m_program.shortName(), LaneKind::Task, 0});
        run.spans.push_back(Span {.beginNs = 0,
            .endNs = 0,
            .lane = 0,
            .name = run.intern(u"run failed"_s),
            .detail = run.intern(error),
            .kind = SpanKind::Cpu,
            .status = SpanStatus::Error});
    }
    computeStats(run);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    if (m_process) {
        m_process->disconnect(this);
        if (m_process->state() != QProcess::NotRunning) {
            signalGroup(SIGKILL);
            m_process->waitForFinished(1000);
        }
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_pid = 0;
    if (!m_serverTag.isEmpty()) {
        QString ignored;
        DelayServer::embedded(&ignored).detach(m_serverTag);
        m_serverTag.clear();
    }
    m_lastRun = std::move(run);
    Q_EMIT finished(m_lastRun);
}

RunData PythonTracer::runAndWait(const PythonProgram &program)
{
    QEventLoop loop;
    const auto connection = connect(this, &PythonTracer::finished, &loop, &QEventLoop::quit);
    QString error;
    if (!start(program, &error)) {
        disconnect(connection);
        m_program = program;
        RunData failed = baseRun();
        failed.status = RunStatus::Failed;
        failed.error = error;
        return failed;
    }
    loop.exec();
    disconnect(connection);
    return m_lastRun;
}

} // namespace Coroscope
