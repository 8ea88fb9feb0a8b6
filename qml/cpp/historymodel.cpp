// SPDX-License-Identifier: MIT
#include "historymodel.h"

#include "render/ganttlayout.h"
#include "timeline/runfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace Coroscope {

HistoryModel::HistoryModel(QString directory, QObject *parent)
    : QAbstractListModel(parent)
    , m_directory(std::move(directory))
{
    reload();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry &e = m_entries[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return e.name;
    case PathRole:
        return e.path;
    case ExperimentRole:
        return e.experiment;
    case StatusRole:
        return e.status;
    case SummaryRole:
    case Qt::ToolTipRole:
        return e.summary;
    case StartedRole:
        return e.started;
    case PinnedRole:
        return m_pinnedPaths.contains(e.path);
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    return {{NameRole, "name"}, {PathRole, "path"}, {ExperimentRole, "experiment"}, {StatusRole, "status"},
        {SummaryRole, "summary"}, {StartedRole, "started"}, {PinnedRole, "pinned"}};
}

void HistoryModel::setPinnedPaths(const QStringList &paths)
{
    if (paths == m_pinnedPaths) {
        return;
    }
    m_pinnedPaths = paths;
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {PinnedRole});
    }
}

HistoryModel::Entry HistoryModel::entryFor(const QString &path, const QString &experiment,
    const QString &status, const QDateTime &started, qint64 wallNs)
{
    Entry e;
    e.path = path;
    e.name = QFileInfo(path).completeBaseName();
    e.experiment = experiment;
    e.status = status;
    e.started = started;
    const QString said = status == u"ok" ? tr("ok")
        : status == u"failed"            ? tr("failed")
        : status == u"cancelled"         ? tr("cancelled")
                                         : status;
    e.summary = u"%1 · %2 · %3"_s.arg(experiment, GanttLayout::formatDuration(wallNs), said);
    return e;
}

void HistoryModel::reload()
{
    // Off the GUI thread: the window must not wait for a long history to be read.
    const quint64 generation = ++m_generation;
    m_loading = true;
    QPointer<HistoryModel> self(this);
    QThreadPool::globalInstance()->start([self, generation, directory = m_directory] {
        std::vector<Entry> entries;
        const QFileInfoList files = QDir(directory).entryInfoList({u"*.json"_s}, QDir::Files, QDir::Time);
        for (const QFileInfo &file : files) {
            if (const auto s = RunFile::readSummary(file.absoluteFilePath())) {
                entries.push_back(
                    entryFor(file.absoluteFilePath(), s->experiment, s->status, s->startedAt, s->wallNs));
            }
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, generation, entries = std::move(entries)]() mutable {
                if (self && generation == self->m_generation) {
                    self->finishReload(std::move(entries));
                }
            },
            Qt::QueuedConnection);
    });
}

void HistoryModel::finishReload(std::vector<Entry> entries)
{
    // Runs saved while the directory was being read stay listed, newest first.
    for (Entry &saved : m_savedWhileLoading) {
        const bool listed = std::any_of(
            entries.begin(), entries.end(), [&](const Entry &e) { return e.path == saved.path; });
        if (!listed && QFileInfo::exists(saved.path)) {
            entries.insert(entries.begin(), std::move(saved));
        }
    }
    m_savedWhileLoading.clear();
    m_loading = false;
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
    Q_EMIT countChanged();
    Q_EMIT loaded();
}

QString HistoryModel::save(const RunData &run, QString *error)
{
    if (!QDir().mkpath(m_directory)) {
        if (error) {
            *error = tr("cannot create the history directory %1").arg(m_directory);
        }
        return {};
    }
    const QString stamp = (run.startedAt.isValid() ? run.startedAt : QDateTime::currentDateTime())
                              .toLocalTime()
                              .toString(u"yyyyMMdd-HHmmss-zzz"_s);
    const QString path = QDir(m_directory).filePath(u"%1-%2.json"_s.arg(stamp, run.experiment));
    if (!RunFile::write(run, path, error)) {
        return {};
    }
    const Entry entry = entryFor(path, run.experiment, toString(run.status), run.startedAt, run.wallNs);
    if (m_loading) {
        m_savedWhileLoading.push_back(entry);
    }
    beginInsertRows({}, 0, 0);
    m_entries.insert(m_entries.begin(), entry);
    endInsertRows();
    Q_EMIT countChanged();
    return path;
}

QString HistoryModel::pathAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_entries[static_cast<std::size_t>(row)].path : QString();
}

QString HistoryModel::rename(int row, const QString &name)
{
    if (row < 0 || row >= rowCount()) {
        return tr("no such run");
    }
    const QString clean = name.trimmed();
    if (clean.isEmpty() || clean.contains(u'/') || clean.startsWith(u'.')) {
        return tr("'%1' cannot be a file name").arg(name);
    }
    Entry &e = m_entries[static_cast<std::size_t>(row)];
    const QString target = QDir(m_directory).filePath(clean + u".json"_s);
    if (target == e.path) {
        return {};
    }
    if (QFileInfo::exists(target)) {
        return tr("a run named '%1' exists already").arg(clean);
    }
    if (!QFile::rename(e.path, target)) {
        return tr("cannot rename %1 to %2").arg(e.path, target);
    }
    const QString from = e.path;
    e.path = target;
    e.name = clean;
    Q_EMIT dataChanged(index(row), index(row), {NameRole, PathRole, Qt::DisplayRole});
    Q_EMIT renamed(from, target);
    return {};
}

bool HistoryModel::remove(int row)
{
    if (row < 0 || row >= rowCount()) {
        return false;
    }
    if (!QFile::remove(m_entries[static_cast<std::size_t>(row)].path)) {
        return false;
    }
    beginRemoveRows({}, row, row);
    m_entries.erase(m_entries.begin() + row);
    endRemoveRows();
    Q_EMIT countChanged();
    return true;
}

} // namespace Coroscope
