// SPDX-License-Identifier: MIT
#include "experiment.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Coroscope {

Experiment::Experiment(ExperimentInfo info)
    : m_info(std::move(info))
{ }

Experiment::~Experiment() = default;

ExperimentInfo Experiment::translatedInfo() const
{
    ExperimentInfo info = m_info;
    info.title = translated(info.title);
    info.group = translated(info.group);
    info.summary = translated(info.summary);
    info.explanation = translated(info.explanation);
    info.expectation = translated(info.expectation);
    for (ParamSpec &p : info.params) {
        p = p.translatedSpec();
    }
    return info;
}

QString Experiment::source() const
{
    QFile file(u":/coroscope/sources/"_s + m_info.sourceFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QString text = QString::fromUtf8(file.readAll());
    const auto beginMarker = u"// [coroscope-begin]"_s;
    const auto endMarker = u"// [coroscope-end]"_s;
    const auto begin = text.indexOf(beginMarker);
    const auto end = text.indexOf(endMarker);
    if (begin < 0 || end < begin) {
        return text;
    }
    const auto from = text.indexOf(u'\n', begin) + 1;
    return text.mid(from, end - from).trimmed() + u'\n';
}

std::optional<Params> Experiment::resolveParams(
    const QList<std::pair<QString, QString>> &overrides, QString *error) const
{
    return Params::resolve(m_info.id, m_info.params, overrides, error);
}

} // namespace Coroscope
