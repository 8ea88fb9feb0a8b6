// SPDX-License-Identifier: MIT
#include "pinboard.h"

#include "render/ganttpainter.h"
#include "runhandle.h"
#include "timeline/rundata.h"
#include "timeline/traceimport.h"

#include <QFileInfo>
#include <QMap>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
QString keyOf(const RunData &run, const QString &path)
{
    if (!path.isEmpty()) {
        return QFileInfo(path).absoluteFilePath();
    }
    return u"%1|%2|%3"_s.arg(run.experiment, run.startedAt.toString(Qt::ISODateWithMs)).arg(run.wallNs);
}
} // namespace

PinBoard::PinBoard(QObject *parent)
    : QObject(parent)
{ }

PinBoard::~PinBoard() = default;

QList<QObject *> PinBoard::runs() const
{
    return {m_handles.begin(), m_handles.end()};
}

QStringList PinBoard::paths() const
{
    QStringList out;
    for (const Pin &p : m_pins) {
        if (!p.path.isEmpty()) {
            out.append(p.path);
        }
    }
    return out;
}

double PinBoard::endSeconds() const
{
    double end = 0;
    for (const RunHandle *h : m_handles) {
        if (const auto model = h->model()) {
            end = std::max(end, static_cast<double>(model->endNs()) / 1e9);
        }
    }
    return end;
}

bool PinBoard::pin(const RunData &run, const QString &path, const QString &name, QString *error)
{
    const QString key = keyOf(run, path);
    for (const Pin &p : m_pins) {
        if (p.key == key) {
            if (error) {
                *error = tr("This run is pinned already.");
            }
            return false;
        }
    }
    auto *handle = new RunHandle(this);
    handle->setRun(run, false);
    handle->setName(name);
    handle->setPath(path);
    m_pins.push_back({handle, path, run.title, key});
    m_handles.push_back(handle);
    relabel();
    save();
    Q_EMIT changed();
    return true;
}

void PinBoard::unpin(int index)
{
    if (index < 0 || index >= count()) {
        return;
    }
    m_pins[static_cast<std::size_t>(index)].handle->deleteLater();
    m_pins.erase(m_pins.begin() + index);
    m_handles.erase(m_handles.begin() + index);
    relabel();
    save();
    Q_EMIT changed();
}

void PinBoard::unpinPath(const QString &path)
{
    for (int i = 0; i < count(); ++i) {
        if (m_pins[static_cast<std::size_t>(i)].path == path) {
            unpin(i);
            return;
        }
    }
}

void PinBoard::clear()
{
    for (const Pin &p : m_pins) {
        p.handle->deleteLater();
    }
    m_pins.clear();
    m_handles.clear();
    relabel();
    save();
    Q_EMIT changed();
}

void PinBoard::restore()
{
    const QStringList saved = m_settings.value(u"compare/pinned"_s).toStringList();
    for (const QString &path : saved) {
        QString error;
        if (!QFileInfo::exists(path)) {
            continue;
        }
        if (auto run = loadRunOrTrace(path, &error)) {
            pin(*run, path, QFileInfo(path).completeBaseName(), nullptr);
        }
    }
    save(); // the files that are gone are forgotten
}

void PinBoard::renamePath(const QString &from, const QString &to, const QString &name)
{
    for (Pin &p : m_pins) {
        if (!p.path.isEmpty() && p.path == from) {
            p.path = to;
            p.key = keyOf(*p.handle->run(), to);
            p.handle->setPath(to);
            p.handle->setName(name);
            save();
            Q_EMIT changed();
            return;
        }
    }
}

void PinBoard::retranslate()
{
    relabel();
    for (RunHandle *h : m_handles) {
        h->retranslate();
    }
    Q_EMIT changed();
}

void PinBoard::save()
{
    m_settings.setValue(u"compare/pinned"_s, paths());
}

void PinBoard::relabel()
{
    // Runs of one experiment are told apart by the parameters that differ among them, or, when
    // none does, by the time they started.
    QMap<QString, std::vector<std::size_t>> byExperiment;
    for (std::size_t i = 0; i < m_pins.size(); ++i) {
        if (const RunData *run = m_pins[i].handle->run()) {
            byExperiment[run->experiment].push_back(i);
        }
    }
    std::vector<QString> labels(m_pins.size());
    for (const auto &group : byExperiment) {
        if (group.size() < 2) {
            continue;
        }
        QStringList keys;
        for (const std::size_t i : group) {
            for (const auto &[k, v] : m_pins[i].handle->run()->params) {
                if (!keys.contains(k)) {
                    keys.append(k);
                }
            }
        }
        QStringList differing;
        for (const QString &k : keys) {
            QString first;
            bool seen = false;
            bool differs = false;
            for (const std::size_t i : group) {
                QString value;
                for (const auto &[pk, pv] : m_pins[i].handle->run()->params) {
                    if (pk == k) {
                        value = pv.toString();
                    }
                }
                if (!seen) {
                    first = value;
                    seen = true;
                } else if (value != first) {
                    differs = true;
                }
            }
            if (differs) {
                differing.append(k);
            }
        }
        for (const std::size_t i : group) {
            const RunData &run = *m_pins[i].handle->run();
            QStringList parts;
            for (const auto &[k, v] : run.params) {
                if (differing.contains(k)) {
                    parts.append(k + u'=' + v.toString());
                }
            }
            labels[i] = !parts.isEmpty()
                ? parts.join(u' ')
                : tr("run of %1").arg(run.startedAt.toLocalTime().toString(u"HH:mm:ss"_s));
        }
    }
    m_labelWidth = 0;
    for (std::size_t i = 0; i < m_pins.size(); ++i) {
        const Pin &pin = m_pins[i];
        const QString title = labels[i].isEmpty() ? pin.baseTitle
            : pin.baseTitle.isEmpty()             ? labels[i]
                                                  : pin.baseTitle + u" · "_s + labels[i];
        if (const RunData *run = pin.handle->run(); run && run->title != title) {
            RunData copy = *run;
            copy.title = title;
            pin.handle->setRun(std::move(copy), false);
        }
        if (const auto model = pin.handle->model()) {
            m_labelWidth
                = std::max(m_labelWidth, GanttPainter(*model, GanttTheme::light()).labelColumnWidth());
        }
    }
}

} // namespace Coroscope
