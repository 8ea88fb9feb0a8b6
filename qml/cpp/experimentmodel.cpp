// SPDX-License-Identifier: MIT
#include "experimentmodel.h"

#include "experiments/catalog.h"
#include "experiments/experiment.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
/// Display order of the groups (the catalog's order within each).
constexpr std::array kGroups = {u"Basics", u"Event loop", u"HTTP", u"Postgres", u"Pools", u"Combinations"};

int groupRank(const QString &group)
{
    for (std::size_t i = 0; i < kGroups.size(); ++i) {
        if (group == QStringView(kGroups[i])) {
            return static_cast<int>(i);
        }
    }
    return static_cast<int>(kGroups.size());
}
} // namespace

ExperimentModel::ExperimentModel(QObject *parent)
    : QAbstractListModel(parent)
{
    for (const Experiment *e : Catalog::all()) {
        m_reasons.insert(e->id(), e->unavailableReason());
    }
    rebuild();
}

int ExperimentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ExperimentModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Experiment *e = m_rows[static_cast<std::size_t>(index.row())];
    const ExperimentInfo &info = e->info();
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return translated(info.title);
    case IdRole:
        return info.id;
    case GroupRole:
        return translated(info.group);
    case SeedRole:
        return info.seed;
    case SummaryRole:
    case Qt::ToolTipRole:
        return m_reasons.value(info.id).isEmpty() ? translated(info.summary) : m_reasons.value(info.id);
    case AvailableRole:
        return m_reasons.value(info.id).isEmpty();
    case ReasonRole:
        return m_reasons.value(info.id);
    default:
        return {};
    }
}

QHash<int, QByteArray> ExperimentModel::roleNames() const
{
    return {{IdRole, "experimentId"}, {TitleRole, "title"}, {GroupRole, "group"}, {SeedRole, "seed"},
        {SummaryRole, "summary"}, {AvailableRole, "available"}, {ReasonRole, "reason"}};
}

void ExperimentModel::setFilter(const QString &filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    rebuild();
    Q_EMIT filterChanged();
}

void ExperimentModel::rebuild()
{
    // Rows come and go one by one (no model reset): the list view keeps its delegates and its
    // place, and has no half-built delegates to cancel while the user types.
    std::vector<const Experiment *> all(Catalog::all().begin(), Catalog::all().end());
    std::stable_sort(all.begin(), all.end(), [](const Experiment *a, const Experiment *b) {
        return groupRank(a->info().group) < groupRank(b->info().group);
    });
    const QStringList words = m_filter.simplified().split(u' ', Qt::SkipEmptyParts);
    auto matches = [&](const Experiment *e) {
        // English and the translation alike: "풀" and "pool" both find the pool experiments.
        const ExperimentInfo &i = e->info();
        const QString haystack = QStringList {i.id, i.title, i.group, i.seed, i.summary, translated(i.title),
            translated(i.group), translated(i.summary)}
                                     .join(u' ');
        return std::all_of(words.begin(), words.end(),
            [&](const QString &w) { return haystack.contains(w, Qt::CaseInsensitive); });
    };
    // m_rows is always a subsequence of `all`: walk both in step.
    int row = 0;
    for (const Experiment *e : all) {
        const bool shown = row < rowCount() && m_rows[static_cast<std::size_t>(row)] == e;
        const bool wanted = matches(e);
        if (shown && !wanted) {
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            endRemoveRows();
        } else if (!shown && wanted) {
            beginInsertRows({}, row, row);
            m_rows.insert(m_rows.begin() + row, e);
            endInsertRows();
            ++row;
        } else if (shown) {
            ++row;
        }
    }
    Q_EMIT countChanged();
}

int ExperimentModel::indexOf(const QString &id) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i]->id() == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

QString ExperimentModel::idAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)]->id() : QString();
}

void ExperimentModel::retranslate()
{
    // Titles, groups and summaries are translated as they are read: read them again.
    beginResetModel();
    endResetModel();
}

void ExperimentModel::refreshAvailability()
{
    for (const Experiment *e : Catalog::all()) {
        m_reasons.insert(e->id(), e->unavailableReason());
    }
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(
            index(0), index(rowCount() - 1), {AvailableRole, ReasonRole, SummaryRole, Qt::ToolTipRole});
    }
}

} // namespace Coroscope
