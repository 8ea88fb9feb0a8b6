// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace Coroscope {

class Experiment;
class Sweep;
struct Params;
struct RunData;
struct SweepPlan;
struct SweepResult;

/**
 * The app's Sweep mode: one experiment run once per value of a parameter (the Runner runs each,
 * the chart shows each live), the values done so far as one figure (SweepFigure), Stop keeping
 * them. The AppController starts the runs and hands each finished one to record().
 */
class SweepController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the controller's")
    /// A sweep is going (between its runs too).
    Q_PROPERTY(bool active READ isActive NOTIFY changed)
    /// Runs done / runs planned, 0–1.
    Q_PROPERTY(double progress READ progress NOTIFY changed)
    /// "limit = 4 · run 3 of 4" while going; after: "4 values of limit · 1 failed".
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(bool hasResult READ hasResult NOTIFY resultChanged)
    /// The selected experiment's parameters a sweep can vary: [{key, label, example}].
    Q_PROPERTY(QVariantList parameters READ parameters NOTIFY parametersChanged)

public:
    explicit SweepController(QObject *parent = nullptr);
    ~SweepController() override;

    [[nodiscard]] bool isActive() const;
    [[nodiscard]] double progress() const;
    [[nodiscard]] QString status() const;
    [[nodiscard]] bool hasResult() const { return m_result != nullptr; }
    [[nodiscard]] QVariantList parameters() const { return m_parameters; }
    /// The values so far (the figure's), or nullptr before the first sweep.
    [[nodiscard]] std::shared_ptr<const SweepResult> result() const { return m_result; }

    /// The experiment whose parameters are offered.
    void setExperiment(const Experiment *experiment);
    /// Starts a sweep (its first run is nextParams()).
    void begin(SweepPlan plan);
    /// The sweep still has a run to do.
    [[nodiscard]] bool needsRun() const;
    [[nodiscard]] const Params &nextParams() const;
    [[nodiscard]] const Experiment *experiment() const;
    /// One run of it ended (ok, failed or cancelled): recorded; a cancelled run ends the sweep.
    void record(RunData run);
    /// Ends the sweep between runs, keeping the values done.
    void stop();
    /// The language changed: the status reads again, the figure is drawn again.
    void retranslate()
    {
        Q_EMIT changed();
        Q_EMIT resultChanged();
    }
    /// The values that failed so far.
    [[nodiscard]] int failures() const;
    /// The sweep begun could not start its first run: it is forgotten and the previous sweep's
    /// result is shown again.
    void discard();

Q_SIGNALS:
    void changed();
    void resultChanged();
    void parametersChanged();
    /// The sweep ended (all values, stopped, or its runs failed): the figure is complete.
    void finished();

private:
    void publish();

    std::unique_ptr<Sweep> m_sweep;
    std::shared_ptr<const SweepResult> m_result;
    std::unique_ptr<Sweep> m_previous; ///< the sweep before the one begun (for discard())
    std::shared_ptr<const SweepResult> m_previousResult;
    QVariantList m_parameters;
};

} // namespace Coroscope
