// SPDX-License-Identifier: MIT
#include "appcontroller.h"

#include "render/replay.h"
#include "experiments/sweep.h"
#include "sweepcontroller.h"
#include "timeline/runfile.h"

#include "chartoptions.h"
#include "cli/language.h"
#include "experimentmodel.h"
#include "experiments/catalog.h"
#include "experiments/experiment.h"
#include "experiments/runner.h"
#include "exporter.h"
#include "highlighter.h"
#include "historymodel.h"
#include "http/delayserver.h"
#include "parammodel.h"
#include "pg/pgconnection.h"
#include "pg/postgres.h"
#include "pinboard.h"
#include "python/pythontrace.h"
#include "render/exporters.h"
#include "render/ganttpainter.h"
#include "runhandle.h"
#include "servicestatus.h"
#include "timeline/prediction.h"
#include "timeline/stats.h"
#include "timeline/traceimport.h"

#include <QClipboard>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>
#include <cmath>
#include <thread>
#include <utility>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QTime>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
constexpr int kLiveIntervalMs = 33; // ~30 snapshots a second while a run is going

QString historyDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/runs"_s;
}
} // namespace

AppController::AppController(QObject *parent)
    : QObject(parent)
    , m_experiments(new ExperimentModel(this))
    , m_params(new ParamModel(this))
    , m_history(new HistoryModel(historyDir(), this))
    , m_current(new RunHandle(this))
    , m_chartOptions(new ChartOptions(this))
    , m_pins(new PinBoard(this))
    , m_exporter(new Exporter(
          m_current, m_pins, m_chartOptions, [this] { return themeForCharts(); },
          [this](const QString &text) { appendLog(text); }, this))
    , m_status(new ServiceStatus(this))
    , m_runner(new Runner(this))
    , m_tracer(new PythonTracer(this))
{
    m_sweep = new SweepController(this);
    m_exporter->setSweep(m_sweep);
    connect(m_sweep, &SweepController::finished, this, [this] {
        appendLog(tr("sweep: %1").arg(m_sweep->status()));
        // The status bar: the sweep's outcome, not its last run's.
        if (const auto result = m_sweep->result(); result && !result->points.empty()) {
            m_lastSummary = tr("sweep of %1: %2").arg(result->experiment, m_sweep->status());
            Q_EMIT lastSummaryChanged();
            // A failed value said why while the sweep went on; at its end, the sweep's outcome
            // (its failures counted) rather than one value's error.
            if (result->failures() > 0) {
                setMessage(m_lastSummary);
            }
        }
        Q_EMIT runningChanged();
        Q_EMIT sweepFinished();
    });
    connect(m_tracer, &PythonTracer::finished, this, &AppController::onFinished);
    connect(m_tracer, &PythonTracer::output, this, [this](const QString &line, bool isError) {
        // A chatty program must not make the Log repaint per line, nor hold megabytes in one entry.
        QString shown = line.size() > 4000 ? line.left(4000) + u" …"_s : line;
        m_pendingOutput.append(isError ? tr("stderr: %1").arg(shown) : shown);
        if (m_pendingOutput.size() > 500) {
            m_pendingOutput.removeFirst();
        }
    });
    m_runner->setLiveInterval(kLiveIntervalMs);
    // While a run goes, the chart's clock moves even when nothing new is recorded (a long
    // wait), and a snapshot skipped to keep the GUI thread free is taken on the next tick.
    m_liveClock.setInterval(kLiveIntervalMs);
    m_liveClock.setTimerType(Qt::CoarseTimer);
    connect(&m_liveClock, &QTimer::timeout, this, &AppController::onSpanEvents);
    connect(m_runner, &Runner::spanEvents, this, &AppController::onSpanEvents);
    connect(m_runner, &Runner::finished, this, &AppController::onFinished);
    Postgres::setConfigured(postgresDsn());
    protectSettingsFile();
    m_params->setDefaultDelay(defaultDelay());
    QString last = m_settings.value(u"lastExperiment"_s).toString();
    if (!Catalog::find(last)) {
        last = u"tasks-concurrent"_s;
    }
    setExperimentId(last);
    connect(m_status, &ServiceStatus::postgresChecked, m_experiments, &ExperimentModel::refreshAvailability);
    connect(m_pins, &PinBoard::changed, m_history, [this] { m_history->setPinnedPaths(m_pins->paths()); });
    connect(m_history, &HistoryModel::renamed, m_pins, [this](const QString &from, const QString &to) {
        m_pins->renamePath(from, to, QFileInfo(to).completeBaseName());
        if (m_current->path() == from) {
            m_current->setPath(to);
        }
    });
    m_status->refresh(postgresDsn());
    m_pins->restore();
}

AppController::~AppController()
{
    if (m_runner->isRunning()) {
        m_runner->cancel();
    }
    if (m_finder && m_finder->joinable()) {
        m_finder->join(); // it may be starting the private cluster: Postgres::shutdown() follows
    }
    if (!m_seedDir.isEmpty()) {
        QDir(m_seedDir).removeRecursively();
    }
}

// ---- experiment selection --------------------------------------------------------------

QString AppController::experimentId() const
{
    return m_experiment ? m_experiment->id() : QString();
}

void AppController::setExperimentId(const QString &id)
{
    const Experiment *e = Catalog::find(id);
    if (!e || e == m_experiment) {
        return;
    }
    if (m_experiment) {
        m_typed.insert(m_experiment->id(), m_params->values());
    }
    m_experiment = e;
    m_quizRevealed = false;
    QHash<QString, QString> typed = m_typed.value(id);
    if (!typed.contains(u"url"_s) && !httpUrl().isEmpty()) {
        const bool hasUrl = std::any_of(e->info().params.begin(), e->info().params.end(),
            [](const ParamSpec &p) { return p.key == u"url"; });
        if (hasUrl) {
            typed.insert(u"url"_s, httpUrl());
        }
    }
    m_params->setExperiment(e, typed);
    m_sweep->setExperiment(e);
    m_settings.setValue(u"lastExperiment"_s, id);
    setMessage({}); // an error of the previous experiment's parameters is not this one's
    Q_EMIT experimentChanged();
}

QString AppController::experimentTitle() const
{
    return m_experiment ? translated(m_experiment->title()) : QString();
}

QString AppController::experimentSeed() const
{
    return m_experiment ? m_experiment->info().seed : QString();
}

QString AppController::experimentSummary() const
{
    if (!m_experiment) {
        return {};
    }
    // Quiz mode: the summary says what happens ("no overlap, the loop frozen, tasks × D").
    return quiz() && !m_quizRevealed ? tr("Quiz: what will happen, and how long will it take? Predict, then run.")
                                     : translated(m_experiment->info().summary);
}

QString AppController::experimentAbout() const
{
    if (!m_experiment) {
        return {};
    }
    const ExperimentInfo i = m_experiment->translatedInfo();
    auto esc = [](const QString &t) { return t.toHtmlEscaped(); };
    // Quiz mode: the ideal, the explanation and what to expect give the answer away until a
    // run of the experiment has ended.
    const bool hidden = quiz() && !m_quizRevealed;
    QString html = u"<h3>%1</h3><p><i>%2</i> · %3</p>"_s.arg(esc(i.title), esc(i.id),
        esc(hidden ? tr("seed %1").arg(i.seed) : tr("seed %1 · ideal %2").arg(i.seed, i.idealFormula)));
    if (!hidden) {
        html += u"<p>%1</p>"_s.arg(esc(i.explanation));
    }
    if (hidden) {
        html += u"<p><b>%1</b> <i>%2</i></p>"_s.arg(esc(tr("What you should see.")),
            esc(tr("Hidden in quiz mode, with the ideal and the explanation: type your prediction, run it, then "
                   "read them here.")));
    } else {
        html += u"<p><b>%1</b> %2</p>"_s.arg(esc(tr("What you should see.")), esc(i.expectation));
    }
    html += u"<p><b>%1</b></p><ul>"_s.arg(esc(tr("Parameters.")));
    for (const ParamSpec &p : i.params) {
        html += u"<li><b>%1</b> (%2): %3</li>"_s.arg(esc(p.key), esc(p.rangeText()), esc(p.help));
    }
    html += u"</ul>"_s;
    if (!unavailableReason().isEmpty()) {
        html += u"<p style=\"color:#cf222e\"><b>%1</b> %2</p>"_s.arg(
            esc(tr("Cannot run here:")), esc(unavailableReason()));
    }
    return html;
}

QString AppController::experimentSource() const
{
    return m_experiment
        ? highlightCode(m_experiment->source(), CodeLanguage::Cpp, themeForCharts() == u"dark")
        : QString();
}

QString AppController::seedExcerpt() const
{
    if (!m_experiment) {
        return {};
    }
    QFile file(u":/coroscope/seeds/%1.py"_s.arg(m_experiment->id()));
    if (!file.open(QIODevice::ReadOnly)) {
        return u"<p>%1</p>"_s.arg(
            tr("No Python excerpt for this experiment: it has no counterpart in the seeds (%1).")
                .arg(m_experiment->info().seed)
                .toHtmlEscaped());
    }
    return highlightCode(
        QString::fromUtf8(file.readAll()), CodeLanguage::Python, themeForCharts() == u"dark");
}

QString AppController::unavailableReason() const
{
    return m_experiment ? m_experiment->unavailableReason() : QString();
}

// ---- running -----------------------------------------------------------------------------

bool AppController::isRunning() const
{
    return m_runner->isRunning() || m_tracer->isRunning() || m_tracePending || m_sweep->isActive();
}

bool AppController::run()
{
    if (!m_opening.isEmpty()) {
        setMessage(tr("Wait until %1 is open (or open another file).").arg(QFileInfo(m_opening).fileName()));
        return false;
    }
    if (m_tracer->isRunning() || m_tracePending) {
        setMessage(tr("A traced Python program is still running: stop it first."));
        return false;
    }
    if (m_sweep->isActive()) {
        setMessage(tr("A sweep is going: stop it first."));
        return false;
    }
    if (!m_experiment) {
        setMessage(tr("Pick an experiment first."));
        return false;
    }
    QString error;
    const auto params = m_params->params(&error);
    if (!params) {
        setMessage(error);
        appendLog(m_experiment->id() + u": "_s + error);
        return false;
    }
    // Both guesses are checked before the run; what is wrong with either is said under them.
    QStringList wrong;
    qint64 predictedNs = kUnknownTime;
    if (const QString typed = m_prediction.trimmed(); !typed.isEmpty()) {
        bool ok = false;
        double seconds = QLocale().toDouble(typed, &ok); // "0,6" where that is the decimal comma
        if (!ok) {
            seconds = typed.toDouble(&ok);
        }
        if (!ok || !std::isfinite(seconds) || seconds < 1e-6 || seconds > 1e6) {
            wrong.append(tr("Your prediction must be a positive number of seconds, e.g. 0.6 — got '%1'.").arg(typed));
        } else {
            predictedNs = static_cast<qint64>(std::llround(seconds * 1e9));
        }
    }
    QString overlap;
    if (const QString typed = m_overlapPrediction.trimmed(); !typed.isEmpty()) {
        QString why;
        if (const auto predicted = OverlapPrediction::parse(typed, &why)) {
            overlap = predicted->text();
        } else {
            wrong.append(tr("Which tasks will run at once — %1.").arg(why));
        }
    }
    setPredictionError(wrong.join(u'\n'));
    if (!wrong.isEmpty()) {
        setMessage(wrong.join(u' '));
        return false;
    }
    if (!startRun(*m_experiment, *params, predictedNs)) {
        return false;
    }
    m_runPredictedOverlap = overlap;
    return true;
}

bool AppController::startRun(const Experiment &experiment, const Params &params, qint64 predictedNs)
{
    QString error;
    if (!m_runner->start(experiment, params, &error)) {
        setMessage(error);
        appendLog(experiment.id() + u": "_s + error);
        return false;
    }
    m_runExperiment = experiment.id();
    m_runTitle = experiment.title();
    m_runParams = params.values();
    m_runIdealNs = static_cast<qint64>(experiment.idealSeconds(params) * 1e9);
    m_runPredictedNs = predictedNs;
    m_runPredictedOverlap.clear(); // run() sets it after this
    if (!(m_sweep->isActive() && m_sweep->failures() > 0)) {
        setMessage({}); // (a sweep's failed value keeps saying why until the sweep ends)
    }
    appendLog(tr("run %1 (%2)").arg(m_runExperiment, params.summary()));
    m_current->setPath({});
    m_current->setName({});
    m_sinceSnapshot.invalidate();
    onSpanEvents(); // an empty live chart at once
    m_liveClock.start();
    Q_EMIT runningChanged();
    return true;
}

bool AppController::runSweep(const QString &key, const QString &values, int repeat)
{
    if (isRunning()) {
        setMessage(tr("A run is going: stop it first."));
        return false;
    }
    if (!m_opening.isEmpty()) {
        setMessage(tr("Wait until %1 is open (or open another file).").arg(QFileInfo(m_opening).fileName()));
        return false;
    }
    if (!m_experiment) {
        setMessage(tr("Pick an experiment first."));
        return false;
    }
    if (values.trimmed().isEmpty()) {
        setMessage(tr("Type the values of %1 to sweep, e.g. 1,2,4,8 or 1..8:*2.").arg(key));
        return false;
    }
    QString error;
    const auto typed = m_params->params(&error);
    if (!typed) {
        setMessage(error);
        return false;
    }
    // The other parameters as typed, the swept one with its values.
    QList<std::pair<QString, QString>> overrides;
    for (const auto &[k, v] : typed->values()) {
        if (k != key && !v.toString().isEmpty()) {
            overrides.append({k, v.toString()});
        }
    }
    overrides.append({key, values.trimmed()});
    const auto &specs = m_experiment->info().params;
    const auto spec = std::find_if(specs.begin(), specs.end(), [&key](const ParamSpec &p) { return p.key == key; });
    if (spec == specs.end() || spec->type == ParamType::Text) {
        setMessage(tr("%1 has no parameter %2 to sweep.").arg(m_experiment->id(), key));
        return false;
    }
    const auto expanded = expandSweepValues(*spec, values.trimmed(), &error);
    if (expanded && expanded->size() < 2) {
        error = tr("A sweep needs at least two values of %1, e.g. 1,2,4,8 or 1..8:*2.").arg(key);
    }
    auto plan = expanded && expanded->size() >= 2
        ? planSweep(*m_experiment, overrides, std::clamp(repeat, 1, 100), &error)
        : std::nullopt;
    if (!plan) {
        setMessage(error);
        appendLog(m_experiment->id() + u": "_s + error);
        return false;
    }
    appendLog(tr("sweep %1 over %2 = %3 (%n run(s))", nullptr, static_cast<int>(plan->params.size()) * plan->repeat)
                  .arg(m_experiment->id(), key, plan->valueTexts.join(u", "_s)));
    m_sweep->begin(std::move(*plan));
    if (!startRun(*m_sweep->experiment(), m_sweep->nextParams(), kUnknownTime)) {
        m_sweep->discard(); // nothing ran: no sweep to show, the message says why
        return false;
    }
    return true;
}

void AppController::continueSweep()
{
    if (!m_sweep->needsRun() || m_runner->isRunning()) {
        return; // ended, or its next run already going (a new sweep began before this was called)
    }
    if (!startRun(*m_sweep->experiment(), m_sweep->nextParams(), kUnknownTime)) {
        m_sweep->stop(); // the message says why; the values done are kept
    }
}

void AppController::stop()
{
    if (m_sweep->isActive() && !m_runner->isRunning()) {
        m_sweep->stop(); // between two of its runs
        appendLog(tr("sweep stopped — the values done are kept"));
    }
    if (m_runner->isRunning()) {
        m_runner->cancel();
        appendLog(tr("%1: stopped — the partial timeline is kept").arg(m_runExperiment));
    }
    if (m_tracer->isRunning()) {
        m_tracer->cancel();
        appendLog(tr("%1: stopping the program's process group — the partial timeline is kept").arg(m_runTitle));
    }
    if (m_tracePending) {
        m_tracePending = false;
        ++m_traceRequest; // the PostgreSQL it waited for is not wanted any more
        appendLog(tr("%1: stopped before it started").arg(m_runTitle));
        Q_EMIT runningChanged();
    }
}

void AppController::flushOutput()
{
    if (m_pendingOutput.isEmpty()) {
        return;
    }
    const QString stamp = QTime::currentTime().toString(u"HH:mm:ss"_s) + u"  "_s;
    for (const QString &line : std::as_const(m_pendingOutput)) {
        m_log.append(stamp + line);
    }
    m_pendingOutput.clear();
    while (m_log.size() > 500) {
        m_log.removeFirst();
    }
    Q_EMIT logChanged();
}

// ---- tracing Python programs ----------------------------------------------------------------

bool AppController::seedRunnable() const
{
    if (!m_experiment) {
        return false;
    }
    QFile file(u":/coroscope/seeds/%1.py"_s.arg(m_experiment->id()));
    return file.open(QIODevice::ReadOnly) && file.read(2048).contains("# Runnable:");
}

QVariantMap AppController::lastTrace() const
{
    return {{u"script"_s, m_settings.value(u"trace/script"_s).toString()},
        {u"arguments"_s, m_settings.value(u"trace/arguments"_s).toString()},
        {u"interpreter"_s, m_settings.value(u"trace/interpreter"_s, u"python3"_s).toString()},
        {u"folder"_s, m_settings.value(u"trace/folder"_s).toString()}};
}

bool AppController::tracePython(
    const QString &script, const QString &arguments, const QString &interpreter, const QString &folder)
{
    const QString path = localPath(script.trimmed());
    if (path.isEmpty()) {
        setMessage(tr("Choose the Python program to trace."));
        return false;
    }
    QStringList argv {interpreter.trimmed().isEmpty() ? u"python3"_s : interpreter.trimmed(), path};
    argv += QProcess::splitCommand(arguments);
    QString error;
    auto program = parsePythonCommand(argv, &error);
    if (!program) {
        setMessage(error);
        return false;
    }
    program->workingDirectory = folder.trimmed().isEmpty() ? QFileInfo(path).absolutePath() : localPath(folder.trimmed());
    m_settings.setValue(u"trace/script"_s, path);
    m_settings.setValue(u"trace/arguments"_s, arguments);
    m_settings.setValue(u"trace/interpreter"_s, program->interpreter);
    m_settings.setValue(u"trace/folder"_s, program->workingDirectory);
    Q_EMIT settingsChanged();
    return startTrace(*program, false);
}

bool AppController::runSeedPython()
{
    if (!m_opening.isEmpty()) {
        setMessage(tr("Wait until %1 is open (or open another file).").arg(QFileInfo(m_opening).fileName()));
        return false;
    }
    if (!m_experiment || !seedRunnable()) {
        setMessage(tr("This experiment's seed has no runnable Python."));
        return false;
    }
    QString error;
    const auto params = m_params->params(&error);
    if (!params) {
        setMessage(error);
        return false;
    }
    if (m_seedDir.isEmpty()) {
        QTemporaryDir dir(QDir::tempPath() + u"/coroscope-seeds-XXXXXX"_s);
        dir.setAutoRemove(false);
        m_seedDir = dir.path();
    }
    const QString id = m_experiment->id();
    const QString target = m_seedDir + u'/' + id + u".py"_s;
    QFile::remove(target);
    if (!QFile::copy(u":/coroscope/seeds/%1.py"_s.arg(id), target)) {
        setMessage(tr("cannot write the seed's Python to %1").arg(target));
        return false;
    }
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    PythonProgram program;
    // Debian's interpreter: run.sh installs the seeds' packages (python3-httpx, python3-psycopg) for it.
    if (QFileInfo(u"/usr/bin/python3"_s).isExecutable()) {
        program.interpreter = u"/usr/bin/python3"_s;
    }
    program.target = {target};
    program.title = tr("%1 — the seed's Python (asyncio)").arg(id);
    program.workingDirectory = m_seedDir;
    // The experiment's parameters, as the seed's program reads them: COROSCOPE_DELAY, …
    for (const auto &[key, value] : params->values()) {
        program.environment.append({u"COROSCOPE_"_s + key.toUpper(), value.toString()});
    }
    // Beside the C++ run of the same experiment, when there is one.
    if (const RunData *run = m_current->run(); run && !m_current->isLive() && run->experiment == id) {
        QString pinError;
        m_pins->pin(*run, m_current->path(), m_current->name(), &pinError);
    }
    return startTrace(program, true);
}

bool AppController::startTrace(const PythonProgram &given, bool pinWhenDone)
{
    if (!m_opening.isEmpty()) {
        setMessage(tr("Wait until %1 is open (or open another file).").arg(QFileInfo(m_opening).fileName()));
        return false;
    }
    if (isRunning()) {
        setMessage(tr("A run is still going: stop it first."));
        return false;
    }
    PythonProgram program = given;
    if (const QString url = httpUrl(); url.isEmpty()) {
        program.withDelayServer = true; // the embedded one, its requests on the run's server lane
    } else {
        program.environment.append({u"COROSCOPE_HTTP_URL"_s, url});
    }
    bool wantsPostgres = false;
    if (program.target.size() == 1) {
        QFile file(QDir(program.workingDirectory.isEmpty() ? QDir::currentPath() : program.workingDirectory)
                       .filePath(program.target.constFirst()));
        wantsPostgres = file.open(QIODevice::ReadOnly) && file.read(4 << 20).contains("COROSCOPE_PG_DSN");
    }
    m_pinTrace = pinWhenDone;
    m_runExperiment = u"python"_s;
    m_runTitle = program.title.isEmpty() ? program.commandLine() : program.title;
    m_runParams = {};
    m_runIdealNs = 0;
    const auto launch = [this](PythonProgram p) {
        m_tracePending = false;
        QString error;
        if (!m_tracer->start(p, &error)) {
            setMessage(error);
            appendLog(tr("trace: %1").arg(error));
            Q_EMIT runningChanged();
            return false;
        }
        appendLog(tr("tracing %1").arg(p.commandLine()));
        m_current->setPath({});
        m_current->setName({});
        m_sinceSnapshot.invalidate();
        onSpanEvents();
        m_liveClock.start();
        Q_EMIT runningChanged();
        return true;
    };
    setMessage({});
    if (!wantsPostgres) {
        return launch(program);
    }
    // Finding (or starting) a PostgreSQL may take a second: not on the GUI thread.
    m_tracePending = true;
    const quint64 request = ++m_traceRequest;
    Q_EMIT runningChanged();
    appendLog(tr("finding a PostgreSQL for %1…").arg(program.shortName()));
    if (m_finder && m_finder->joinable()) {
        m_finder->join(); // a previous lookup (stopped): it has finished or is about to
    }
    m_finder = std::make_unique<std::thread>([self = QPointer<AppController>(this), program, launch, request]() mutable {
        QString error;
        const QString dsn = Postgres::conninfo(&error);
        QMetaObject::invokeMethod(
            self.data(),
            [self, program, dsn, error, launch, request]() mutable {
                if (!self || request != self->m_traceRequest || !self->m_tracePending) {
                    return; // stopped meanwhile
                }
                if (dsn.isEmpty()) {
                    self->m_tracePending = false;
                    self->setMessage(tr("No PostgreSQL for the program: %1").arg(error));
                    Q_EMIT self->runningChanged();
                    return;
                }
                program.environment.append({u"COROSCOPE_PG_DSN"_s, dsn});
                launch(program);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void AppController::onSpanEvents()
{
    flushOutput();
    if (m_tracer->isRunning()) {
        if (m_sinceSnapshot.isValid() && m_sinceSnapshot.nsecsElapsed() < 3 * m_snapshotCostNs) {
            return;
        }
        QElapsedTimer cost;
        cost.start();
        RunData live = m_tracer->snapshot();
        computeStats(live, false);
        m_current->setRun(std::move(live), true);
        m_snapshotCostNs = cost.nsecsElapsed();
        m_sinceSnapshot.start();
        return;
    }
    const auto recorder = m_runner->recorder();
    if (!recorder || !m_runner->isRunning()) {
        return;
    }
    // A snapshot and its chart model cost ~0.5 µs per span (44 ms for 100 000): with big runs,
    // refresh less often so that rebuilding never takes more than a quarter of the GUI thread.
    if (m_sinceSnapshot.isValid() && m_sinceSnapshot.nsecsElapsed() < 3 * m_snapshotCostNs) {
        return;
    }
    QElapsedTimer cost;
    cost.start();
    RunData live;
    recorder->snapshot(live);
    live.experiment = m_runExperiment;
    live.title = m_runTitle;
    live.params = m_runParams;
    live.idealNs = m_runIdealNs;
    live.wallNs = recorder->now();
    computeStats(live, false); // blame live too, from the steps closed so far
    m_current->setRun(std::move(live), true);
    m_snapshotCostNs = cost.nsecsElapsed();
    m_sinceSnapshot.start();
}

void AppController::setOverlapPrediction(const QString &text)
{
    if (text != m_overlapPrediction) {
        m_overlapPrediction = text;
        setPredictionError({}); // being changed: what was wrong may not be any more
        Q_EMIT overlapPredictionChanged();
    }
}

void AppController::setPrediction(const QString &text)
{
    if (text != m_prediction) {
        m_prediction = text;
        setPredictionError({});
        Q_EMIT predictionChanged();
    }
}

void AppController::setPredictionError(const QString &error)
{
    if (error != m_predictionError) {
        m_predictionError = error;
        Q_EMIT predictionErrorChanged();
    }
}

void AppController::onFinished(const RunData &finished)
{
    flushOutput();
    m_liveClock.stop();
    RunData run = finished;
    std::optional<OverlapVerdict> overlap;
    QString overlapError;
    if (run.experiment != u"python") {
        run.predictedNs = std::exchange(m_runPredictedNs, kUnknownTime);
        // Which tasks ran at once: held against the run once it has ended ok. A task the run
        // does not have is said as such, and not kept.
        const QString predicted = std::exchange(m_runPredictedOverlap, QString());
        const auto parsed = OverlapPrediction::parse(predicted, nullptr);
        if (parsed && run.status == RunStatus::Ok) {
            overlap = overlapVerdict(run, *parsed);
            if (overlap->badTask) {
                overlapError = tr("Which tasks will run at once — '%1': %2.").arg(predicted, overlap->error);
                overlap.reset();
            } else {
                run.predictedOverlap = predicted;
            }
        }
    }
    m_current->setRun(run, false);
    const bool ofSweep = m_sweep->isActive() && run.experiment != u"python";
    QString error;
    // A sweep's runs are its figure's (exported from the Sweep view), not each a history entry.
    const QString path = ofSweep ? QString() : m_history->save(run, &error);
    m_current->setPath(path);
    if (!error.isEmpty()) {
        appendLog(tr("history: %1").arg(error));
    }
    m_lastSummary = u"%1: %2"_s.arg(run.experiment, m_current->summary());
    if (run.predictedNs != kUnknownTime && run.status == RunStatus::Ok) {
        m_lastSummary += u" — "_s + predictionVerdict(run.predictedNs, static_cast<double>(run.wallNs) / 1e9);
    }
    if (overlap) {
        m_lastSummary += u" — "_s + overlap->text;
    }
    // What the PostgreSQL experiments learnt about the server: reached, or why not.
    if (run.experiment.startsWith(u"pg-") || run.experiment.startsWith(u"combo-")) {
        const bool reached = std::any_of(run.spans.begin(), run.spans.end(), [](const Span &s) {
            return (s.kind == SpanKind::Db || s.kind == SpanKind::Connect) && s.status == SpanStatus::Ok
                && !s.isOpen();
        });
        if (reached || run.status == RunStatus::Failed) {
            m_status->reportRun(reached, run.error);
        }
    }
    Q_EMIT lastSummaryChanged();
    if (run.status == RunStatus::Failed) {
        setMessage(tr("%1 failed: %2").arg(run.experiment, run.error));
        appendLog(tr("%1 failed: %2").arg(run.experiment, run.error));
    } else {
        appendLog(m_lastSummary);
    }
    if (!overlapError.isEmpty()) {
        setMessage(overlapError);
        setPredictionError(overlapError);
        appendLog(overlapError);
    }
    if (m_pinTrace && run.experiment == u"python") {
        m_pinTrace = false;
        QString pinError;
        if (m_pins->pin(run, m_current->path(), {}, &pinError)) {
            Q_EMIT compareRequested();
        }
    }
    Q_EMIT runningChanged();
    if (m_experiment && run.experiment == m_experiment->id() && !m_quizRevealed) {
        m_quizRevealed = true; // quiz mode: now "what you should see" may be read
        if (quiz()) {
            Q_EMIT experimentChanged();
        }
    }
    Q_EMIT runFinished(toString(run.status));
    if (ofSweep) {
        m_sweep->record(std::move(run));
        // The next run once this one's signal handlers are done (the runner is idle then).
        QTimer::singleShot(0, this, &AppController::continueSweep);
    }
}

// ---- notes ------------------------------------------------------------------------------

bool AppController::changeNotes(const std::function<bool(RunData &, QString *)> &change, const QString &done)
{
    const RunData *current = m_current->run();
    if (!current || m_current->isLive() || !m_opening.isEmpty()) {
        setMessage(current && m_current->isLive() ? tr("Wait for the run to finish before writing notes on it.")
                                                  : tr("Nothing to write a note on yet: run an experiment first."));
        return false;
    }
    RunData run = *current;
    QString error;
    if (!change(run, &error)) {
        setMessage(error);
        return false;
    }
    const QString path = m_current->path();
    m_current->setRun(run, false);
    m_current->setPath(path);
    setMessage({});
    // A run of the history is saved with its notes; a file opened from elsewhere is not
    // rewritten behind the user's back (Export keeps the notes).
    const QString history = QDir(historyDirectory()).absolutePath();
    if (!path.isEmpty() && QFileInfo(path).absolutePath() == history) {
        QString why;
        if (!RunFile::write(run, path, &why)) {
            appendLog(tr("history: %1").arg(why));
        }
        appendLog(done);
    } else {
        appendLog(tr("%1 — export the run to keep it").arg(done));
    }
    return true;
}

bool AppController::addNote(double fromSeconds, double toSeconds, const QString &text)
{
    const auto ns = [](double s) { return std::isfinite(s) ? static_cast<qint64>(std::llround(s * 1e9)) : qint64(-1); };
    return changeNotes([&](RunData &run, QString *error) {
        return run.addNote({ns(std::min(fromSeconds, toSeconds)), ns(std::max(fromSeconds, toSeconds)), text}, error);
    }, tr("note added: %1").arg(text.simplified()));
}

bool AppController::editNote(int index, const QString &text)
{
    return changeNotes([&](RunData &run, QString *error) {
        if (index < 0 || static_cast<std::size_t>(index) >= run.notes.size()) {
            *error = tr("That note is not there any more.");
            return false;
        }
        Note note = run.notes[static_cast<std::size_t>(index)];
        note.text = text;
        std::vector<Note> before = run.notes;
        run.notes.erase(run.notes.begin() + index);
        if (!run.addNote(note, error)) {
            run.notes = std::move(before);
            return false;
        }
        return true;
    }, tr("note changed: %1").arg(text.simplified()));
}

bool AppController::deleteNote(int index)
{
    return changeNotes([&](RunData &run, QString *error) {
        if (index < 0 || static_cast<std::size_t>(index) >= run.notes.size()) {
            *error = tr("That note is not there any more.");
            return false;
        }
        run.notes.erase(run.notes.begin() + index);
        return true;
    }, tr("note deleted"));
}

QVariantList AppController::notesNear(double seconds, double toleranceSeconds) const
{
    QVariantList out;
    const RunData *run = m_current->run();
    if (!run || m_current->isLive()) {
        return out;
    }
    const auto t = static_cast<qint64>(seconds * 1e9);
    const auto tol = static_cast<qint64>(std::max(toleranceSeconds, 0.0) * 1e9);
    for (std::size_t i = 0; i < run->notes.size(); ++i) {
        const Note &n = run->notes[i];
        if (t >= n.beginNs - tol && t <= n.endNs + tol) {
            out.append(QVariantMap {{u"index"_s, static_cast<int>(i)}, {u"text"_s, n.text},
                {u"from"_s, static_cast<double>(n.beginNs) / 1e9}, {u"to"_s, static_cast<double>(n.endNs) / 1e9}});
        }
    }
    return out;
}

// ---- pinning and comparison -------------------------------------------------------------

bool AppController::pin()
{
    const RunData *run = m_current->run();
    if (!run || m_current->isLive()) {
        setMessage(m_current->isLive() ? tr("Wait for the run to finish before pinning it.")
                                       : tr("Nothing to pin yet: run an experiment first."));
        return false;
    }
    QString error;
    if (!m_pins->pin(*run, m_current->path(), m_current->name(), &error)) {
        setMessage(error);
        return false;
    }
    setMessage({});
    appendLog(tr("pinned %1").arg(m_current->name().isEmpty() ? run->experiment : m_current->name()));
    return true;
}

QList<QObject *> AppController::pinned() const
{
    return m_pins->runs();
}

void AppController::resetParams()
{
    m_params->resetToDefaults();
    setMessage({});
}

// ---- files -------------------------------------------------------------------------------

QString AppController::localPath(const QString &target) const
{
    const QUrl url(target);
    return url.isLocalFile() ? url.toLocalFile() : target;
}

QString AppController::themeForCharts() const
{
    const QString t = theme();
    if (t == u"system") {
        return systemIsDark() ? u"dark"_s : u"light"_s;
    }
    return t;
}

bool AppController::copyChart(double width, double height)
{
    const auto model = m_current->model();
    if (!model) {
        return false;
    }
    const GanttTheme theme = GanttTheme::byName(themeForCharts());
    const GanttPaintOptions paint = m_chartOptions->apply({.live = m_current->isLive()});
    if (m_exporter->replaySeconds() >= 0 && !m_current->isLive()) { // the replay's frame shown
        const Replay::Frame frame
            = Replay::frameAt(model, std::llround(m_exporter->replaySeconds() * 1e9), theme, paint, width);
        QGuiApplication::clipboard()->setImage(
            Export::renderImage(*frame.model, QSizeF(width, height), 2, theme, frame.paint));
    } else {
        QGuiApplication::clipboard()->setImage(Export::renderImage(*model, QSizeF(width, height), 2, theme, paint));
    }
    appendLog(tr("copied the chart to the clipboard"));
    return true;
}

bool AppController::loadInto(RunHandle &handle, const QString &path)
{
    QString error;
    auto run = loadRunOrTrace(path, &error); // validated, statistics computed
    if (!run) {
        setMessage(error);
        appendLog(error);
        return false;
    }
    handle.setRun(std::move(*run), false);
    handle.setPath(path);
    handle.setName(QFileInfo(path).completeBaseName());
    setMessage({});
    return true;
}

bool AppController::openFile(const QString &target)
{
    if (m_runner->isRunning() || m_tracer->isRunning() || m_tracePending) {
        setMessage(tr("Stop the run before opening another one."));
        return false;
    }
    const QString path = localPath(target);
    const QFileInfo info(path);
    if (info.isFile() && info.size() > m_backgroundOpenBytes) {
        // A million spans take a second or two to read and lay out: not on the GUI thread.
        const quint64 request = ++m_openRequest;
        m_opening = path;
        Q_EMIT openingChanged();
        setMessage(tr("Opening %1 (%2 MB)…")
                       .arg(info.fileName(), QString::number(static_cast<double>(info.size()) / 1e6, 'f', 0)));
        struct Opened
        {
            std::shared_ptr<const GanttModel> model;
            QString error;
        };
        auto *watcher = new QFutureWatcher<Opened>(this);
        // A newer open makes this one unwanted: it stops before laying the run out.
        m_openCancel->store(true);
        m_openCancel = std::make_shared<std::atomic_bool>(false);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request, path] {
            watcher->deleteLater();
            if (request != m_openRequest) {
                return; // another file was opened since
            }
            m_opening.clear();
            Q_EMIT openingChanged();
            Opened opened = watcher->result();
            if (!opened.model) {
                setMessage(opened.error);
                appendLog(opened.error);
                return;
            }
            m_current->setModel(std::move(opened.model));
            m_current->setPath(path);
            m_current->setName(QFileInfo(path).completeBaseName());
            setMessage({});
            appendLog(tr("opened %1").arg(path));
            Q_EMIT fileOpened(path);
        });
        watcher->setFuture(QtConcurrent::run([path, cancel = m_openCancel] {
            Opened opened;
            try {
                auto run = loadRunOrTrace(path, &opened.error);
                if (run && !cancel->load()) {
                    opened.model = std::make_shared<const GanttModel>(std::move(*run));
                }
            } catch (const std::bad_alloc &) {
                opened.error = tr("%1: not enough memory to open it").arg(path);
            } catch (const std::exception &e) {
                opened.error = tr("%1: cannot open it: %2").arg(path, QString::fromLocal8Bit(e.what()));
            }
            if (!opened.model && opened.error.isEmpty()) {
                opened.error = tr("%1: not opened (another file was asked for)").arg(path);
            }
            return opened;
        }));
        return true;
    }
    // Whatever happens to this one, a background open still going is not wanted any more.
    ++m_openRequest;
    m_openCancel->store(true);
    if (!m_opening.isEmpty()) {
        m_opening.clear();
        Q_EMIT openingChanged();
    }
    if (!loadInto(*m_current, path)) {
        return false;
    }
    appendLog(tr("opened %1").arg(path));
    return true;
}

bool AppController::openHistory(int row)
{
    return openFile(m_history->pathAt(row));
}

bool AppController::pinHistory(int row)
{
    const QString path = m_history->pathAt(row);
    if (m_pins->isPinned(path)) {
        m_pins->unpinPath(path);
        return true;
    }
    QString error;
    auto run = loadRunOrTrace(path, &error);
    if (!run) {
        setMessage(error);
        appendLog(error);
        return false;
    }
    if (!m_pins->pin(*run, path, QFileInfo(path).completeBaseName(), &error)) {
        setMessage(error);
        return false;
    }
    setMessage({});
    return true;
}

QString AppController::historyDirectory() const
{
    return m_history->directory();
}

QUrl AppController::historyFolderUrl() const
{
    return QUrl::fromLocalFile(m_history->directory());
}

// ---- settings and status -----------------------------------------------------------------

QString AppController::theme() const
{
    return m_settings.value(u"theme"_s, u"system"_s).toString();
}

void AppController::setTheme(const QString &theme)
{
    if (theme != this->theme()) {
        m_settings.setValue(u"theme"_s, theme);
        Q_EMIT settingsChanged();
        Q_EMIT experimentChanged(); // the code's colours follow the theme
    }
}

QString AppController::httpUrl() const
{
    return m_settings.value(u"httpUrl"_s).toString();
}

void AppController::setHttpUrl(const QString &url)
{
    if (url != httpUrl()) {
        m_settings.setValue(u"httpUrl"_s, url.trimmed());
        Q_EMIT settingsChanged();
    }
}

QString AppController::postgresDsn() const
{
    return m_settings.value(u"postgresDsn"_s).toString();
}

void AppController::setPostgresDsn(const QString &dsn)
{
    if (dsn == postgresDsn()) {
        return;
    }
    m_settings.setValue(u"postgresDsn"_s, dsn.trimmed());
    protectSettingsFile();
    Postgres::setConfigured(dsn);
    Q_EMIT settingsChanged();
    m_status->refresh(postgresDsn());
}

void AppController::protectSettingsFile()
{
    // The settings may hold a DSN with its password: readable by the user alone. QSettings
    // rewrites the file through a temporary one that keeps these permissions.
    m_settings.sync();
    if (QFile::exists(m_settings.fileName())) {
        QFile::setPermissions(m_settings.fileName(), QFile::ReadOwner | QFile::WriteOwner);
    }
}

QString AppController::postgresDsnRedacted() const
{
    return postgresDsn().isEmpty() ? QString() : redactConninfo(postgresDsn());
}

bool AppController::quiz() const
{
    return m_settings.value(u"quiz"_s, false).toBool();
}

void AppController::setQuiz(bool on)
{
    if (on != quiz()) {
        m_settings.setValue(u"quiz"_s, on);
        Q_EMIT settingsChanged();
        Q_EMIT experimentChanged(); // the About text
    }
}

double AppController::defaultDelay() const
{
    return m_settings.value(u"defaultDelay"_s, 1.0).toDouble();
}

void AppController::setDefaultDelay(double seconds)
{
    if (!qFuzzyCompare(seconds, defaultDelay()) && seconds > 0) {
        m_settings.setValue(u"defaultDelay"_s, seconds);
        m_params->setDefaultDelay(seconds);
        Q_EMIT settingsChanged();
    }
}

QString AppController::language() const
{
    return m_settings.value(u"language"_s, u"system"_s).toString();
}

void AppController::setLanguage(const QString &language)
{
    if (language == this->language()
        || !(language == u"system" || Language::available().contains(language))) {
        return;
    }
    m_settings.setValue(u"language"_s, language);
    Language::install(language);
    if (QQmlEngine *engine = qmlEngine(this)) {
        engine->retranslate(); // every qsTr binding
    }
    m_experiments->retranslate();
    m_params->retranslate();
    m_current->retranslate();
    m_pins->retranslate();
    m_sweep->retranslate();
    m_sweep->setExperiment(m_experiment); // the parameters' labels
    Q_EMIT settingsChanged();
    Q_EMIT experimentChanged();
    Q_EMIT m_status->changed();
    appendLog(tr("language: %1").arg(Language::current() == u"ko" ? u"한국어"_s : u"English"_s));
}

QRect AppController::windowGeometry() const
{
    return m_settings.value(u"window/geometry"_s, QRect(0, 0, 1400, 860)).toRect();
}

void AppController::saveWindowGeometry(const QRect &rect)
{
    m_settings.setValue(u"window/geometry"_s, rect);
}

bool AppController::systemIsDark() const
{
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

void AppController::setMessage(const QString &text)
{
    if (text != m_message) {
        m_message = text;
        Q_EMIT messageChanged();
    }
}

void AppController::appendLog(const QString &text)
{
    m_log.append(QTime::currentTime().toString(u"HH:mm:ss"_s) + u"  "_s + text);
    if (m_log.size() > 500) {
        m_log.removeFirst();
    }
    Q_EMIT logChanged();
}

void AppController::clearLog()
{
    m_log.clear();
    Q_EMIT logChanged();
}

} // namespace Coroscope
