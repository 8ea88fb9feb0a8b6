// SPDX-License-Identifier: MIT
#pragma once

#include "render/ganttmodel.h"

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace Coroscope {

/**
 * One run as QML sees it: the chart's model (shared with the views and the exporters, never
 * copied) and its headline facts. The current run's handle is updated while it runs.
 */
class RunHandle : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("runs come from the controller")
    Q_PROPERTY(QString experimentId READ experimentId NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY changed)
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(bool live READ isLive NOTIFY changed)
    Q_PROPERTY(bool empty READ isEmpty NOTIFY changed)
    Q_PROPERTY(double wallSeconds READ wallSeconds NOTIFY changed)
    Q_PROPERTY(double idealSeconds READ idealSeconds NOTIFY changed)
    Q_PROPERTY(int spanCount READ spanCount NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(QString path READ path NOTIFY changed)
    /// What delayed whom, largest first: [{delay: "+0.301 s", culprit, victim, sentence}].
    Q_PROPERTY(QVariantList blame READ blame NOTIFY changed)
    /// The measured time beside the zero-overhead schedule and the all-async counterfactual.
    Q_PROPERTY(QString schedule READ schedule NOTIFY changed)

public:
    explicit RunHandle(QObject *parent = nullptr);

    /// Replaces the run (a live snapshot, or the finished run).
    void setRun(RunData run, bool live);
    [[nodiscard]] std::shared_ptr<const GanttModel> model() const { return m_model; }
    /// A finished run's model built elsewhere (a big file opened on a worker thread).
    void setModel(std::shared_ptr<const GanttModel> model);
    [[nodiscard]] const RunData *run() const { return m_model ? &m_model->run() : nullptr; }

    [[nodiscard]] QString experimentId() const;
    [[nodiscard]] QString title() const;
    [[nodiscard]] QString name() const;
    void setName(const QString &name);
    [[nodiscard]] QString status() const;
    [[nodiscard]] bool isLive() const { return m_live; }
    [[nodiscard]] bool isEmpty() const { return !m_model; }
    [[nodiscard]] double wallSeconds() const;
    [[nodiscard]] double idealSeconds() const;
    [[nodiscard]] int spanCount() const;
    /// "0.302 s — ideal 0.300 s — +2.1 ms" (or why it ended).
    [[nodiscard]] QString summary() const;
    [[nodiscard]] QString error() const;
    [[nodiscard]] QVariantList blame() const;
    [[nodiscard]] QString schedule() const;
    /// Where the run is saved (history), if it is.
    [[nodiscard]] QString path() const { return m_path; }
    /// Changes when the handle holds another run (not with each live snapshot of one run).
    [[nodiscard]] quint64 generation() const { return m_generation; }
    void setPath(const QString &path);
    /// The language changed: the texts and the chart read again.
    void retranslate() { Q_EMIT changed(); }

Q_SIGNALS:
    void changed();

private:
    std::shared_ptr<const GanttModel> m_model;
    bool m_live = false;
    quint64 m_generation = 0;
    QString m_name;
    QString m_path;
};

} // namespace Coroscope
