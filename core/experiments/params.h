// SPDX-License-Identifier: MIT
#pragma once

#include "timeline/rundata.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>
#include <utility>

namespace Coroscope {

/// A text of the experiment catalog (titles, explanations, parameter labels and help): English
/// in the source, marked with QT_TRANSLATE_NOOP("Experiments", …) for lupdate, and translated
/// where it is shown (translated()) — run files keep the English.
[[nodiscard]] inline QString catalogText(const char *english)
{
    return QString::fromUtf8(english);
}

/// `english` (a catalog text) in the language of the installed translators.
[[nodiscard]] QString translated(const QString &english);

enum class ParamType
{
    Number, ///< a real number within [minimum, maximum]
    Integer, ///< a whole number within [minimum, maximum]
    Choice, ///< one of `choices`
    Text, ///< free text (URLs, SQL)
};

/// One typed parameter of an experiment, with its default and allowed range.
struct ParamSpec
{
    QString key;
    QString label;
    ParamType type = ParamType::Number;
    QVariant defaultValue;
    double minimum = 0;
    double maximum = 0;
    QStringList choices;
    QString unit; ///< e.g. "s"
    QString help;
    /// For Text parameters: empty when the value is fine, else why not (e.g. a bad URL).
    std::function<QString(const QString &)> validate;

    /// This parameter with its label and help translated (for display).
    [[nodiscard]] ParamSpec translatedSpec() const;
    /// "0.01–30 s", "1–64", "one of: sequential, tasks".
    [[nodiscard]] QString rangeText() const;
    /// Parses and checks text for this parameter; on failure returns nullopt and an error
    /// naming the parameter and its range.
    [[nodiscard]] std::optional<QVariant> parse(const QString &text, QString *error) const;
    /// Checks an already typed value (from the GUI).
    [[nodiscard]] std::optional<QVariant> check(const QVariant &value, QString *error) const;
};

/// The base delay parameter every experiment has: `delay`, in seconds.
[[nodiscard]] ParamSpec delayParam(double defaultSeconds = 1.0, const QString &help = {});
/// The `url` parameter of HTTP experiments: empty for the embedded delay server, or any
/// http(s) URL (the delay is passed as `?delay=S`).
[[nodiscard]] ParamSpec urlParam();
/// The number of tasks (default 2, as in the seeds).
[[nodiscard]] ParamSpec tasksParam(int defaultCount = 2, int maximum = 64, const QString &help = {});

/// Validated parameter values in the experiment's declared order.
class Params
{
public:
    Params() = default;
    explicit Params(ParamList values)
        : m_values(std::move(values))
    { }

    [[nodiscard]] const ParamList &values() const { return m_values; }
    [[nodiscard]] QVariant value(QStringView key) const;
    [[nodiscard]] double number(QStringView key) const { return value(key).toDouble(); }
    [[nodiscard]] int integer(QStringView key) const { return value(key).toInt(); }
    [[nodiscard]] QString text(QStringView key) const { return value(key).toString(); }
    /// "delay=0.3 tasks=2"
    [[nodiscard]] QString summary() const;

    /// Defaults overridden by `overrides` (key, text). Unknown keys and bad values fail with
    /// a message naming the parameter (and the experiment) and what is allowed.
    [[nodiscard]] static std::optional<Params> resolve(const QString &experimentId,
        const QList<ParamSpec> &specs, const QList<std::pair<QString, QString>> &overrides, QString *error);

private:
    ParamList m_values;
};

} // namespace Coroscope
