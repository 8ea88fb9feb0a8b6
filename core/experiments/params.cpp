// SPDX-License-Identifier: MIT
#include "params.h"

#include "http/httpclient.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
QString formatNumber(double v)
{
    // Whole numbers in full ("0–1000000", never "1e+06"), others with up to 6 digits.
    if (std::isfinite(v) && std::abs(v) < 1e15 && v == std::floor(v)) {
        return QString::number(static_cast<qint64>(v));
    }
    return QString::number(v, 'g', 6);
}

std::optional<QVariant> failWith(QString *error, const QString &why)
{
    if (error) {
        *error = why;
    }
    return std::nullopt;
}
} // namespace

QString translated(const QString &english)
{
    if (english.isEmpty()) {
        return english;
    }
    return QCoreApplication::translate("Experiments", english.toUtf8().constData());
}

ParamSpec ParamSpec::translatedSpec() const
{
    ParamSpec copy = *this;
    copy.label = translated(label);
    copy.help = translated(help);
    return copy;
}

QString ParamSpec::rangeText() const
{
    switch (type) {
    case ParamType::Number:
    case ParamType::Integer: {
        QString text = formatNumber(minimum) + u'–' + formatNumber(maximum);
        if (!unit.isEmpty()) {
            text += u' ' + unit;
        }
        return text;
    }
    case ParamType::Choice:
        return QCoreApplication::translate("Coroscope::Params", "one of: %1").arg(choices.join(u", "_s));
    case ParamType::Text:
        return u"text"_s;
    }
    return {};
}

std::optional<QVariant> ParamSpec::parse(const QString &text, QString *error) const
{
    const QString trimmed = text.trimmed();
    auto fail = [error](const QString &why) { return failWith(error, why); };
    switch (type) {
    case ParamType::Number: {
        bool ok = false;
        const double v = trimmed.toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            return fail(QCoreApplication::translate("Coroscope::Params", "parameter '%1' must be a number in %2, got '%3'").arg(key, rangeText(), text));
        }
        return check(v, error);
    }
    case ParamType::Integer: {
        bool ok = false;
        const qlonglong v = trimmed.toLongLong(&ok);
        if (!ok) {
            return fail(
                QCoreApplication::translate("Coroscope::Params", "parameter '%1' must be a whole number in %2, got '%3'").arg(key, rangeText(), text));
        }
        return check(v, error);
    }
    case ParamType::Choice:
    case ParamType::Text:
        return check(trimmed, error);
    }
    return std::nullopt;
}

std::optional<QVariant> ParamSpec::check(const QVariant &value, QString *error) const
{
    auto fail = [error](const QString &why) { return failWith(error, why); };
    switch (type) {
    case ParamType::Number: {
        bool ok = false;
        const double v = value.toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            return fail(QCoreApplication::translate("Coroscope::Params", "parameter '%1' must be a number in %2").arg(key, rangeText()));
        }
        if (v < minimum || v > maximum) {
            return fail(QCoreApplication::translate("Coroscope::Params", "parameter '%1' = %2 is out of range %3").arg(key, formatNumber(v), rangeText()));
        }
        return QVariant(v);
    }
    case ParamType::Integer: {
        bool ok = false;
        const qlonglong v = value.toLongLong(&ok);
        if (!ok
            || (value.typeId() == QMetaType::Double && value.toDouble() != std::floor(value.toDouble()))) {
            return fail(QCoreApplication::translate("Coroscope::Params", "parameter '%1' must be a whole number in %2").arg(key, rangeText()));
        }
        if (static_cast<double>(v) < minimum || static_cast<double>(v) > maximum) {
            return fail(QCoreApplication::translate("Coroscope::Params", "parameter '%1' = %2 is out of range %3").arg(key).arg(v).arg(rangeText()));
        }
        return QVariant(static_cast<int>(v));
    }
    case ParamType::Choice: {
        const QString v = value.toString();
        if (!choices.contains(v)) {
            return fail(QCoreApplication::translate("Coroscope::Params", "parameter '%1' = '%2' is not %3").arg(key, v, rangeText()));
        }
        return QVariant(v);
    }
    case ParamType::Text: {
        const QString v = value.toString();
        if (validate) {
            if (const QString why = validate(v); !why.isEmpty()) {
                return fail(QCoreApplication::translate("Coroscope::Params", "parameter '%1': %2").arg(key, why));
            }
        }
        return QVariant(v);
    }
    }
    return std::nullopt;
}

ParamSpec delayParam(double defaultSeconds, const QString &help)
{
    return ParamSpec {
        .key = u"delay"_s,
        .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Delay")),
        .type = ParamType::Number,
        .defaultValue = defaultSeconds,
        .minimum = 0.01,
        .maximum = 30,
        .unit = u"s"_s,
        .help = help.isEmpty() ? catalogText(QT_TRANSLATE_NOOP(
                    "Experiments", "The base delay D of every awaited call (the seeds used 3 s)."))
                               : help,
    };
}

ParamSpec urlParam()
{
    return ParamSpec {
        .key = u"url"_s,
        .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "URL")),
        .type = ParamType::Text,
        .defaultValue = QString(),
        .help = catalogText(QT_TRANSLATE_NOOP("Experiments",
            "Empty: the embedded delay server. Or your own http(s) endpoint; ?delay=D is added.")),
        .validate
        = [](const QString &text) { return text.trimmed().isEmpty() ? QString() : checkHttpUrl(text); },
    };
}

ParamSpec tasksParam(int defaultCount, int maximum, const QString &help)
{
    return ParamSpec {
        .key = u"tasks"_s,
        .label = catalogText(QT_TRANSLATE_NOOP("Experiments", "Tasks")),
        .type = ParamType::Integer,
        .defaultValue = defaultCount,
        .minimum = 1,
        .maximum = static_cast<double>(maximum),
        .help = help.isEmpty()
            ? catalogText(QT_TRANSLATE_NOOP("Experiments", "How many tasks (the seeds used 2)."))
            : help,
    };
}

QVariant Params::value(QStringView key) const
{
    for (const auto &[k, v] : m_values) {
        if (k == key) {
            return v;
        }
    }
    return {};
}

QString Params::summary() const
{
    QStringList parts;
    for (const auto &[k, v] : m_values) {
        if (!v.toString().isEmpty()) { // an empty url means the default server: not worth a word
            parts.append(k + u'=' + v.toString());
        }
    }
    return parts.join(u' ');
}

std::optional<Params> Params::resolve(const QString &experimentId, const QList<ParamSpec> &specs,
    const QList<std::pair<QString, QString>> &overrides, QString *error)
{
    ParamList values;
    for (const ParamSpec &spec : specs) {
        values.append({spec.key, spec.defaultValue});
    }
    for (const auto &[key, text] : overrides) {
        qsizetype index = -1;
        for (qsizetype i = 0; i < specs.size(); ++i) {
            if (specs.at(i).key == key) {
                index = i;
            }
        }
        if (index < 0) {
            QStringList known;
            for (const ParamSpec &spec : specs) {
                known.append(spec.key);
            }
            if (error) {
                *error = QCoreApplication::translate("Coroscope::Params", "unknown parameter '%1' for %2 (it takes: %3)").arg(
                    key, experimentId, known.isEmpty() ? QCoreApplication::translate("Coroscope::Params", "no parameters") : known.join(u", "_s));
            }
            return std::nullopt;
        }
        const auto parsed = specs.at(index).parse(text, error);
        if (!parsed) {
            return std::nullopt;
        }
        values[index].second = *parsed;
    }
    return Params(std::move(values));
}

} // namespace Coroscope
