// SPDX-License-Identifier: MIT
#include "historymodel.h"

#include "render/ganttlayout.h"
#include "timeline/runfile.h"

#include <QDir>
#include <QFileInfo>

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
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    return {{NameRole, "name"}, {PathRole, "path"}, {ExperimentRole, "experiment"}, {StatusRole, "status"},
        {SummaryRole, "summary"}, {StartedRole, "started"}};
}

HistoryModel::Entry HistoryModel::entryFor(const QString &path, const RunData &run)
{
    Entry e;
    e.path = path;
    e.name = QFileInfo(path).completeBaseName();
    e.experiment = run.experiment;
    e.status = toString(run.status);
    e.started = run.startedAt;
    e.summary = u"%1 · %2 · %3"_s.arg(run.experiment, GanttLayout::formatDuration(run.wallNs), e.status);
    return e;
}

void HistoryModel::reload()
{
    beginResetModel();
    m_entries.clear();
    const QDir dir(m_directory);
    const QFileInfoList files = dir.entryInfoList({u"*.json"_s}, QDir::Files, QDir::Time);
    for (const QFileInfo &file : files) {
        QString error;
        if (const auto run = RunFile::read(file.absoluteFilePath(), &error)) {
            m_entries.push_back(entryFor(file.absoluteFilePath(), *run));
        }
    }
    endResetModel();
    Q_EMIT countChanged();
}

QString HistoryModel::save(const RunData &run, QString *error)
{
    if (!QDir().mkpath(m_directory)) {
        if (error) {
            *error = u"cannot create the history directory %1"_s.arg(m_directory);
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
    beginInsertRows({}, 0, 0);
    m_entries.insert(m_entries.begin(), entryFor(path, run));
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
        return u"no such run"_s;
    }
    const QString clean = name.trimmed();
    if (clean.isEmpty() || clean.contains(u'/') || clean.startsWith(u'.')) {
        return u"'%1' cannot be a file name"_s.arg(name);
    }
    Entry &e = m_entries[static_cast<std::size_t>(row)];
    const QString target = QDir(m_directory).filePath(clean + u".json"_s);
    if (target == e.path) {
        return {};
    }
    if (QFileInfo::exists(target)) {
        return u"a run named '%1' exists already"_s.arg(clean);
    }
    if (!QFile::rename(e.path, target)) {
        return u"cannot rename %1 to %2"_s.arg(e.path, target);
    }
    e.path = target;
    e.name = clean;
    Q_EMIT dataChanged(index(row), index(row), {NameRole, PathRole, Qt::DisplayRole});
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
