// SPDX-License-Identifier: MIT
#pragma once

#include "timeline/span.h"

#include <QElapsedTimer>
#include <QObject>
#include <QRect>
#include <QSettings>
#include <QStringList>
#include <QTimer>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace Coroscope {

class ChartOptions;
class Experiment;
class Exporter;
class PinBoard;
class ServiceStatus;
class SweepController;
struct Params;
class ExperimentModel;
class HistoryModel;
class ParamModel;
class RunHandle;
class Runner;
class PythonTracer;
struct PythonProgram;
struct RunData;
struct SpanEvent;

/**
 * What the window drives: the selected experiment and its parameters, running and stopping
 * it (live snapshots of the timeline while it runs), pinned runs for comparison, exports,
 * history, settings and the status of the delay server and PostgreSQL. One per window.
 */
class AppController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("chartoptions.h")
    Q_MOC_INCLUDE("exporter.h")
    Q_MOC_INCLUDE("pinboard.h")
    Q_MOC_INCLUDE("servicestatus.h")
    Q_MOC_INCLUDE("experimentmodel.h")
    Q_MOC_INCLUDE("historymodel.h")
    Q_MOC_INCLUDE("parammodel.h")
    Q_MOC_INCLUDE("runhandle.h")
    Q_MOC_INCLUDE("sweepcontroller.h")
    Q_PROPERTY(Coroscope::ExperimentModel *experiments READ experiments CONSTANT)
    Q_PROPERTY(Coroscope::ParamModel *params READ params CONSTANT)
    Q_PROPERTY(Coroscope::HistoryModel *history READ history CONSTANT)
    Q_PROPERTY(Coroscope::RunHandle *current READ current CONSTANT)
    Q_PROPERTY(Coroscope::ChartOptions *chartOptions READ chartOptions CONSTANT)
    Q_PROPERTY(Coroscope::PinBoard *pins READ pins CONSTANT)
    Q_PROPERTY(Coroscope::Exporter *exporter READ exporter CONSTANT)
    Q_PROPERTY(Coroscope::ServiceStatus *status READ status CONSTANT)
    /// The Sweep mode: its progress and its figure.
    Q_PROPERTY(Coroscope::SweepController *sweep READ sweep CONSTANT)

    Q_PROPERTY(QString experimentId READ experimentId WRITE setExperimentId NOTIFY experimentChanged)
    Q_PROPERTY(QString experimentTitle READ experimentTitle NOTIFY experimentChanged)
    Q_PROPERTY(QString experimentSeed READ experimentSeed NOTIFY experimentChanged)
    Q_PROPERTY(QString experimentSummary READ experimentSummary NOTIFY experimentChanged)
    Q_PROPERTY(QString experimentAbout READ experimentAbout NOTIFY experimentChanged)
    Q_PROPERTY(QString experimentSource READ experimentSource NOTIFY experimentChanged)
    Q_PROPERTY(QString seedExcerpt READ seedExcerpt NOTIFY experimentChanged)
    Q_PROPERTY(QString unavailableReason READ unavailableReason NOTIFY experimentChanged)
    /// The seed's Python is a program Coroscope can trace (resources/seeds/ID.py says "Runnable").
    Q_PROPERTY(bool seedRunnable READ seedRunnable NOTIFY experimentChanged)
    /// The last "Trace a Python program…" form: {script, arguments, interpreter, folder}.
    Q_PROPERTY(QVariantMap lastTrace READ lastTrace NOTIFY settingsChanged)

    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    /// The total the user predicts for the next run, in seconds, as typed ("" for none): drawn
    /// against the measurement on the chart, kept in the run's history file.
    Q_PROPERTY(QString prediction READ prediction WRITE setPrediction NOTIFY predictionChanged)
    /// Which tasks the user predicts will run at once ("1+2", "none", "all"; empty: no guess).
    Q_PROPERTY(QString overlapPrediction READ overlapPrediction WRITE setOverlapPrediction NOTIFY
            overlapPredictionChanged)
    /// What is wrong with the guesses (either field, one line each), said under them; empty when
    /// nothing is (or they are being changed).
    Q_PROPERTY(QString predictionError READ predictionError NOTIFY predictionErrorChanged)
    /// Quiz mode: the About tab keeps "what you should see" hidden until a run of the
    /// experiment has ended (predict first, then run, then read).
    Q_PROPERTY(bool quiz READ quiz WRITE setQuiz NOTIFY settingsChanged)
    /// A big file being opened in the background ("" when none).
    Q_PROPERTY(QString opening READ opening NOTIFY openingChanged)
    Q_PROPERTY(QString lastSummary READ lastSummary NOTIFY lastSummaryChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(QStringList log READ log NOTIFY logChanged)

    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY settingsChanged)
    /// "light" or "dark": the theme the window's charts use (the system's when `theme` is "system").
    Q_PROPERTY(QString chartTheme READ themeForCharts NOTIFY settingsChanged)
    Q_PROPERTY(QString httpUrl READ httpUrl WRITE setHttpUrl NOTIFY settingsChanged)
    Q_PROPERTY(QString postgresDsn READ postgresDsn WRITE setPostgresDsn NOTIFY settingsChanged)
    Q_PROPERTY(QString postgresDsnRedacted READ postgresDsnRedacted NOTIFY settingsChanged)
    Q_PROPERTY(double defaultDelay READ defaultDelay WRITE setDefaultDelay NOTIFY settingsChanged)
    /// "system", "en" or "ko": the window, the chart and its exports switch at once.
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY settingsChanged)

public:
    explicit AppController(QObject *parent = nullptr);
    ~AppController() override;

    [[nodiscard]] ExperimentModel *experiments() const { return m_experiments; }
    [[nodiscard]] ParamModel *params() const { return m_params; }
    [[nodiscard]] HistoryModel *history() const { return m_history; }
    [[nodiscard]] RunHandle *current() const { return m_current; }
    [[nodiscard]] ChartOptions *chartOptions() const { return m_chartOptions; }
    [[nodiscard]] PinBoard *pins() const { return m_pins; }
    [[nodiscard]] Exporter *exporter() const { return m_exporter; }
    [[nodiscard]] ServiceStatus *status() const { return m_status; }
    [[nodiscard]] SweepController *sweep() const { return m_sweep; }
    [[nodiscard]] QList<QObject *> pinned() const;

    [[nodiscard]] QString experimentId() const;
    void setExperimentId(const QString &id);
    [[nodiscard]] QString experimentTitle() const;
    [[nodiscard]] QString experimentSeed() const;
    [[nodiscard]] QString experimentSummary() const;
    [[nodiscard]] QString experimentAbout() const;
    [[nodiscard]] QString experimentSource() const;
    [[nodiscard]] QString seedExcerpt() const;
    [[nodiscard]] QString unavailableReason() const;
    [[nodiscard]] bool seedRunnable() const;
    [[nodiscard]] QVariantMap lastTrace() const;

    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] QString lastSummary() const { return m_lastSummary; }
    [[nodiscard]] QString message() const { return m_message; }
    [[nodiscard]] QStringList log() const { return m_log; }

    [[nodiscard]] QString theme() const;
    void setTheme(const QString &theme);
    [[nodiscard]] QString httpUrl() const;
    void setHttpUrl(const QString &url);
    [[nodiscard]] QString postgresDsn() const;
    void setPostgresDsn(const QString &dsn);
    [[nodiscard]] QString postgresDsnRedacted() const;
    [[nodiscard]] QString prediction() const { return m_prediction; }
    [[nodiscard]] bool quiz() const;
    void setQuiz(bool on);
    void setPrediction(const QString &text);
    [[nodiscard]] QString overlapPrediction() const { return m_overlapPrediction; }
    void setOverlapPrediction(const QString &text);
    [[nodiscard]] QString predictionError() const { return m_predictionError; }
    [[nodiscard]] double defaultDelay() const;
    void setDefaultDelay(double seconds);
    [[nodiscard]] QString language() const;
    void setLanguage(const QString &language);

    /// Starts the selected experiment with the parameters as typed; false (with `message`)
    /// when a parameter is wrong, a run is going, or the experiment cannot run here.
    Q_INVOKABLE bool run();
    /// Sweeps the selected experiment over `values` of parameter `key` (a list "1,2,4,8" or a
    /// range "1..8:*2", "0.1..0.5:0.1"), the other parameters as typed, each value `repeat`
    /// times: the runs go one after another (each on the chart as it runs), the figure grows
    /// as values end. False (with `message`) when the values or a parameter are wrong, or a run
    /// is going; nothing runs then.
    Q_INVOKABLE bool runSweep(const QString &key, const QString &values, int repeat);
    /// Cancels the run (a sweep: keeping the values done); the partial timeline stays.
    Q_INVOKABLE void stop();
    /// Traces a Python program (its arguments split as a shell would); false (with `message`)
    /// when the form is wrong or a run is going. It gets COROSCOPE_HTTP_URL (the settings' target
    /// or the embedded delay server) and, when it reads it, COROSCOPE_PG_DSN.
    Q_INVOKABLE bool tracePython(const QString &script, const QString &arguments, const QString &interpreter,
        const QString &folder);
    /// Traces the selected experiment's seed Python with its parameters (COROSCOPE_DELAY…),
    /// pins the experiment's last run and the traced one, and asks for the compare view.
    Q_INVOKABLE bool runSeedPython();
    /// Pins the current run for the compare view (a copy that later runs do not change); a
    /// run pinned already is not pinned twice.
    Q_INVOKABLE bool pin();
    /// Notes on the current (finished) run: at an instant (from == to) or over a range, in
    /// seconds. Kept in its history file; false with the message when refused.
    Q_INVOKABLE bool addNote(double fromSeconds, double toSeconds, const QString &text);
    Q_INVOKABLE bool editNote(int index, const QString &text);
    Q_INVOKABLE bool deleteNote(int index);
    /// The current run's notes within `tolerance` seconds of `seconds` (or over it): a list of
    /// {index, text, from, to}.
    Q_INVOKABLE QVariantList notesNear(double seconds, double toleranceSeconds) const;
    /// The parameters back to their defaults, and the error they caused gone with them.
    Q_INVOKABLE void resetParams();
    /// Copies the chart as an image to the clipboard.
    Q_INVOKABLE bool copyChart(double width, double height);
    /// Opens a saved run or a Chrome trace as the current run. A file bigger than
    /// backgroundOpenBytes() is read on a worker thread (the window stays responsive; `opening`
    /// names it, fileOpened() or the message says how it went): true then means "started".
    Q_INVOKABLE bool openFile(const QString &target);
    [[nodiscard]] QString opening() const { return m_opening; }
    [[nodiscard]] qint64 backgroundOpenBytes() const { return m_backgroundOpenBytes; }
    void setBackgroundOpenBytes(qint64 bytes) { m_backgroundOpenBytes = bytes; }
    Q_INVOKABLE bool openHistory(int row);
    /// Pins the saved run, or unpins it when it is pinned.
    Q_INVOKABLE bool pinHistory(int row);
    /// Window geometry and state, remembered across starts.
    Q_INVOKABLE QRect windowGeometry() const;
    Q_INVOKABLE void saveWindowGeometry(const QRect &rect);
    /// Where runs are saved automatically (and as a file:// URL, for the Open dialog).
    Q_INVOKABLE QString historyDirectory() const;
    Q_INVOKABLE QUrl historyFolderUrl() const;
    /// The system palette's window colour is dark (Qt 6.4 has no colour-scheme hint).
    Q_INVOKABLE bool systemIsDark() const;
    Q_INVOKABLE void clearLog();
    void appendLog(const QString &text);
    /// "light" or "dark": the theme the window's charts use.
    [[nodiscard]] QString themeForCharts() const;

Q_SIGNALS:
    void experimentChanged();
    void runningChanged();
    void lastSummaryChanged();
    void messageChanged();
    void logChanged();
    void settingsChanged();
    /// A run ended (ok, failed or cancelled) and is saved.
    void runFinished(const QString &status);
    /// The seed's Python run and the C++ run are pinned side by side: show them.
    void compareRequested();
    void openingChanged();
    void predictionChanged();
    void overlapPredictionChanged();
    void predictionErrorChanged();
    /// A file opened in the background is the current run.
    void fileOpened(const QString &path);
    /// A sweep ended (done, stopped or failed): its figure is complete.
    void sweepFinished();

private:
    void protectSettingsFile();
    void onSpanEvents();
    void onFinished(const RunData &run);
    /// Starts `experiment` with `params` (the live chart, the log); false with the message.
    bool startRun(const Experiment &experiment, const Params &params, qint64 predictedNs);
    void setPredictionError(const QString &error);
    /// The sweep's next run, or its end.
    void continueSweep();
    void flushOutput();
    /// Applies `change` to a copy of the current run's notes, shows and saves it.
    bool changeNotes(const std::function<bool(RunData &, QString *)> &change, const QString &done);
    bool startTrace(const PythonProgram &program, bool pinWhenDone);
    void setMessage(const QString &text);
    /// A saved run or a Chrome trace into `handle`; false (with the message) when it cannot be read.
    bool loadInto(RunHandle &handle, const QString &path);
    [[nodiscard]] QString localPath(const QString &target) const;

    QSettings m_settings;
    ExperimentModel *m_experiments = nullptr;
    ParamModel *m_params = nullptr;
    HistoryModel *m_history = nullptr;
    RunHandle *m_current = nullptr;
    ChartOptions *m_chartOptions = nullptr;
    PinBoard *m_pins = nullptr;
    Exporter *m_exporter = nullptr;
    ServiceStatus *m_status = nullptr;
    SweepController *m_sweep = nullptr;
    Runner *m_runner = nullptr;
    PythonTracer *m_tracer = nullptr;
    bool m_tracePending = false; ///< a trace waits for its PostgreSQL (started off the GUI thread)
    quint64 m_traceRequest = 0; ///< which pending trace is still wanted (Stop cancels it)
    std::unique_ptr<std::thread> m_finder; ///< finds that PostgreSQL; joined before the controller goes
    QStringList m_pendingOutput; ///< the traced program's lines, into the Log once per tick
    bool m_pinTrace = false; ///< pin the traced run when it ends (the seed's Python)
    QString m_seedDir; ///< where the seeds' Python is written out to run
    const Experiment *m_experiment = nullptr;
    QHash<QString, QHash<QString, QString>> m_typed; ///< per experiment: key → text as typed
    QString m_runExperiment;
    QString m_runTitle;
    QList<std::pair<QString, QVariant>> m_runParams;
    qint64 m_runIdealNs = 0;
    QString m_prediction;
    bool m_quizRevealed = false; ///< a run of the selected experiment ended since it was selected
    qint64 m_runPredictedNs = kUnknownTime; ///< the prediction the running run was started with
    QString m_overlapPrediction;
    QString m_predictionError;
    QString m_runPredictedOverlap; ///< which tasks at once, as the running run was started with
    QElapsedTimer m_sinceSnapshot; ///< live snapshots: throttled by their own cost
    QTimer m_liveClock; ///< refreshes the live chart while a run goes
    qint64 m_snapshotCostNs = 0;
    QString m_lastSummary;
    QString m_message;
    QStringList m_log;
    QString m_opening; ///< the file being read in the background
    quint64 m_openRequest = 0; ///< which background open is still wanted (a newer one wins)
    /// Set when the background open going is no longer wanted (it skips laying the run out).
    std::shared_ptr<std::atomic_bool> m_openCancel = std::make_shared<std::atomic_bool>(false);
    qint64 m_backgroundOpenBytes = 8 * 1024 * 1024;
};

} // namespace Coroscope
