// SPDX-License-Identifier: MIT
#include "parammodel.h"

#include "experiments/experiment.h"

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
QString typeName(ParamType type)
{
    switch (type) {
    case ParamType::Number:
        return u"number"_s;
    case ParamType::Integer:
        return u"integer"_s;
    case ParamType::Choice:
        return u"choice"_s;
    case ParamType::Text:
        return u"text"_s;
    }
    return {};
}
} // namespace

ParamModel::ParamModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int ParamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QString ParamModel::textOf(const ParamSpec &spec, const QVariant &value)
{
    if (spec.type == ParamType::Number) {
        return QString::number(value.toDouble(), 'g', 10);
    }
    return value.toString();
}

QVariant ParamModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return translated(row.spec.label);
    case KeyRole:
        return row.spec.key;
    case TypeRole:
        return typeName(row.spec.type);
    case ValueRole:
    case Qt::EditRole:
        return row.text;
    case DefaultRole:
        return textOf(row.spec, row.spec.defaultValue);
    case ChoicesRole:
        return row.spec.choices;
    case RangeRole:
        return row.spec.rangeText();
    case HelpRole:
    case Qt::ToolTipRole:
        return translated(row.spec.help);
    case ErrorRole:
        return row.error;
    case MinimumRole:
        return row.spec.minimum;
    case MaximumRole:
        return row.spec.maximum;
    case UnitRole:
        return row.spec.unit;
    default:
        return {};
    }
}

bool ParamModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || (role != ValueRole && role != Qt::EditRole)) {
        return false;
    }
    setValue(index.row(), value.toString());
    return true;
}

Qt::ItemFlags ParamModel::flags(const QModelIndex &index) const
{
    return QAbstractListModel::flags(index) | (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

QHash<int, QByteArray> ParamModel::roleNames() const
{
    return {{KeyRole, "key"}, {LabelRole, "label"}, {TypeRole, "type"}, {ValueRole, "value"},
        {DefaultRole, "defaultValue"}, {ChoicesRole, "choices"}, {RangeRole, "range"}, {HelpRole, "help"},
        {ErrorRole, "error"}, {MinimumRole, "minimum"}, {MaximumRole, "maximum"}, {UnitRole, "unit"}};
}

void ParamModel::check(Row &row) const
{
    QString error;
    row.error = row.spec.parse(row.text, &error) ? QString() : error;
}

void ParamModel::setExperiment(const Experiment *experiment, const QHash<QString, QString> &values)
{
    beginResetModel();
    m_experiment = experiment;
    m_rows.clear();
    if (experiment) {
        for (const ParamSpec &spec : experiment->info().params) {
            Row row {spec, {}, {}};
            if (spec.key == u"delay" && m_defaultDelay > 0) {
                row.spec.defaultValue = m_defaultDelay;
            }
            row.text = values.value(spec.key, textOf(row.spec, row.spec.defaultValue));
            check(row);
            m_rows.push_back(std::move(row));
        }
    }
    endResetModel();
    Q_EMIT validChanged();
}

void ParamModel::retranslate()
{
    for (Row &row : m_rows) {
        check(row);
    }
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    }
    Q_EMIT validChanged();
}

void ParamModel::setValue(int row, const QString &text)
{
    if (row < 0 || row >= rowCount()) {
        return;
    }
    Row &r = m_rows[static_cast<std::size_t>(row)];
    if (r.text == text) {
        return;
    }
    const bool wasValid = isValid();
    const QString before = r.error;
    r.text = text;
    check(r);
    Q_EMIT dataChanged(index(row), index(row), {ValueRole, Qt::EditRole, ErrorRole});
    if (wasValid != isValid() || before != r.error) {
        Q_EMIT validChanged();
    }
}

void ParamModel::resetToDefaults()
{
    setExperiment(m_experiment);
}

bool ParamModel::isValid() const
{
    return std::all_of(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.error.isEmpty(); });
}

QString ParamModel::firstError() const
{
    for (const Row &r : m_rows) {
        if (!r.error.isEmpty()) {
            return r.error;
        }
    }
    return {};
}

QHash<QString, QString> ParamModel::values() const
{
    QHash<QString, QString> out;
    for (const Row &r : m_rows) {
        out.insert(r.spec.key, r.text);
    }
    return out;
}

std::optional<Params> ParamModel::params(QString *error) const
{
    if (!m_experiment) {
        if (error) {
            *error = tr("no experiment selected");
        }
        return std::nullopt;
    }
    QList<std::pair<QString, QString>> overrides;
    for (const Row &r : m_rows) {
        overrides.append({r.spec.key, r.text});
    }
    return m_experiment->resolveParams(overrides, error);
}

} // namespace Coroscope
