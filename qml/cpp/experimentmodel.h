// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace Coroscope {

class Experiment;

/// The catalog for the experiment list: grouped (the `group` role is the section), filtered
/// by the search text (id, title, seed, summary, group), with why an experiment cannot run.
class ExperimentModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        GroupRole,
        SeedRole,
        SummaryRole,
        AvailableRole,
        ReasonRole,
    };
    Q_ENUM(Role)

    explicit ExperimentModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    /// Row of the experiment `id` in the filtered list, or -1.
    Q_INVOKABLE int indexOf(const QString &id) const;
    Q_INVOKABLE QString idAt(int row) const;
    /// Re-reads availability (after PostgreSQL became ready or unavailable).
    Q_INVOKABLE void refreshAvailability();
    /// The language changed: every row reads again.
    void retranslate();

Q_SIGNALS:
    void filterChanged();
    void countChanged();

private:
    void rebuild();

    QString m_filter;
    std::vector<const Experiment *> m_rows;
    QHash<QString, QString> m_reasons;
};

} // namespace Coroscope
