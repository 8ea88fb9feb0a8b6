// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QtQml/qqmlregistration.h>

namespace Coroscope {

struct RunData;

/// The saved runs (run JSON files in the history directory), newest first. Renaming renames
/// the file; deleting removes it. The directory is read on a pool thread (only each file's
/// summary, not its spans); loaded() says when the list is complete.
class HistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by the controller")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        PathRole,
        ExperimentRole,
        StatusRole,
        SummaryRole,
        StartedRole,
        PinnedRole,
    };
    Q_ENUM(Role)

    explicit HistoryModel(QString directory, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] const QString &directory() const { return m_directory; }
    /// Saves a finished run; returns its path (empty with `error`).
    QString save(const RunData &run, QString *error);
    Q_INVOKABLE QString pathAt(int row) const;
    /// Renames a saved run (the file keeps its .json suffix); returns the error or empty.
    Q_INVOKABLE QString rename(int row, const QString &name);
    Q_INVOKABLE bool remove(int row);
    Q_INVOKABLE void reload();
    /// The saved runs pinned in the compare view (the `pinned` role).
    void setPinnedPaths(const QStringList &paths);
Q_SIGNALS:
    /// A saved run was renamed (its file moved).
    void renamed(const QString &from, const QString &to);

public:
Q_SIGNALS:
    void countChanged();
    void loaded();

private:
    QStringList m_pinnedPaths;
    struct Entry
    {
        QString path;
        QString name;
        QString experiment;
        QString status;
        QString summary;
        QDateTime started;
    };
    [[nodiscard]] static Entry entryFor(const QString &path, const QString &experiment, const QString &status,
        const QDateTime &started, qint64 wallNs);
    void finishReload(std::vector<Entry> entries);

    QString m_directory;
    std::vector<Entry> m_entries;
    quint64 m_generation = 0; ///< the newest reload(); older ones' results are dropped
    bool m_loading = false;
    std::vector<Entry> m_savedWhileLoading; ///< saved while a reload() was reading the directory
};

} // namespace Coroscope
