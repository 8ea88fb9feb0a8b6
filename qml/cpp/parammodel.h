// SPDX-License-Identifier: MIT
#pragma once

#include "experiments/params.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace Coroscope {

class Experiment;

/**
 * The Parameters tab: one row per typed parameter of the current experiment, with the text
 * the user typed and, when it does not parse or is out of range, the error naming the
 * parameter and what is allowed (the same check the CLI makes).
 */
class ParamModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by the controller")
    Q_PROPERTY(bool valid READ isValid NOTIFY validChanged)
    Q_PROPERTY(QString firstError READ firstError NOTIFY validChanged)

public:
    enum Role
    {
        KeyRole = Qt::UserRole + 1,
        LabelRole,
        TypeRole, ///< "number", "integer", "choice", "text"
        ValueRole, ///< the text as typed
        DefaultRole,
        ChoicesRole,
        RangeRole, ///< "0.01–30 s"
        HelpRole,
        ErrorRole, ///< empty when the value is fine
        MinimumRole,
        MaximumRole,
        UnitRole,
    };
    Q_ENUM(Role)

    explicit ParamModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;

    /// Shows `experiment`'s parameters with `values` (key → text) over the defaults.
    void setExperiment(const Experiment *experiment, const QHash<QString, QString> &values = {});
    Q_INVOKABLE void setValue(int row, const QString &text);
    Q_INVOKABLE void resetToDefaults();
    /// The language changed: labels, help and errors read again.
    void retranslate();
    /// Sets the `delay` parameter's default (Settings → default delay) for experiments shown later.
    void setDefaultDelay(double seconds) { m_defaultDelay = seconds; }

    [[nodiscard]] bool isValid() const;
    [[nodiscard]] QString firstError() const;
    /// The resolved parameters, or nullopt with the first error.
    [[nodiscard]] std::optional<Params> params(QString *error) const;
    /// key → text as typed (remembered per experiment).
    [[nodiscard]] QHash<QString, QString> values() const;

Q_SIGNALS:
    void validChanged();

private:
    struct Row
    {
        ParamSpec spec;
        QString text;
        QString error;
    };
    [[nodiscard]] static QString textOf(const ParamSpec &spec, const QVariant &value);
    void check(Row &row) const;

    const Experiment *m_experiment = nullptr;
    std::vector<Row> m_rows;
    double m_defaultDelay = 0;
};

} // namespace Coroscope
