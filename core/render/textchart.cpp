// SPDX-License-Identifier: MIT
#include "textchart.h"

#include "ganttlayout.h"
#include "theme.h"

#include "timeline/analysis.h"
#include "timeline/prediction.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

/// Higher wins when several spans share a cell.
constexpr int kReadyRank = 4; ///< the late part of a step: ready, waiting for the loop

int rank(const Span &s)
{
    if (s.status == SpanStatus::Error) {
        return 6;
    }
    if (s.status == SpanStatus::Cancelled) {
        return 1;
    }
    if (s.holdsThread()) {
        return 5;
    }
    return s.kind == SpanKind::Wait ? 2 : 3;
}

QChar glyph(int r)
{
    switch (r) {
    case 6:
        return QChar(0x2715); // ✕
    case 5:
        return QChar(0x2588); // █
    case kReadyRank:
        return QChar(0x2591); // ░
    case 3:
        return QChar(0x2592); // ▒
    case 2:
        return QChar(0x2500); // ─
    case 1:
        return QChar(0x00b7); // ·
    default:
        return u' ';
    }
}

} // namespace

QString textChart(const GanttModel &model, int columns)
{
    const RunData &run = model.run();
    int labelWidth = 8;
    for (const GanttRow &row : model.rows()) {
        labelWidth = std::max(labelWidth, static_cast<int>(displayName(row.label).size()));
    }
    labelWidth = std::min(labelWidth, 24);
    const int barWidth = std::max(20, columns - labelWidth - 3);
    const qint64 end = std::max<qint64>(model.endNs(), 1);
    const double nsPerCell = static_cast<double>(end) / barWidth;
    auto cellOf = [&](qint64 ns) {
        return std::clamp(static_cast<int>(std::floor(static_cast<double>(ns) / nsPerCell)), 0, barWidth - 1);
    };

    QString out;
    const QString title = run.experiment
        + (run.title.isEmpty()
                ? QString()
                : u" — "_s + QCoreApplication::translate("Experiments", run.title.toUtf8().constData()));
    out += (title.size() > columns ? title.left(columns - 1) + QChar(0x2026) : title) + u'\n';
    if (!run.notes.empty()) {
        // The notes' row: ▼ at an instant, ├──┤ over a range (their texts below the chart).
        QString cells(barWidth, u' ');
        for (const Note &n : run.notes) {
            const int b = cellOf(n.beginNs);
            if (n.isRange()) {
                const int e = std::max(b, cellOf(n.endNs));
                for (int c = b; c <= e; ++c) {
                    cells[c] = c == b ? QChar(0x251c) : (c == e ? QChar(0x2524) : QChar(0x2500));
                }
            } else {
                cells[b] = QChar(0x25bc);
            }
        }
        const QString label = QCoreApplication::translate("Coroscope::TextChart", "notes");
        out += label.leftJustified(labelWidth, u' ', true) + u" │"_s + cells + u"│\n"_s;
    }
    for (const GanttRow &row : model.rows()) {
        std::vector<int> cells(static_cast<std::size_t>(barWidth), 0);
        if (row.type == GanttRow::Type::Density) {
            for (int c = 0; c < barWidth; ++c) {
                const int n = GanttModel::densityAt(
                    row, static_cast<qint64>(c * nsPerCell), static_cast<qint64>((c + 1) * nsPerCell));
                cells[static_cast<std::size_t>(c)] = n > 0 ? 3 : 0;
            }
        } else {
            for (const quint32 index : row.spans) {
                const Span &s = run.spans[index];
                const int r = rank(s);
                const int c0 = cellOf(s.beginNs);
                const int c1 = cellOf(std::max(s.beginNs, (s.isOpen() ? end : s.endNs) - 1));
                for (int c = c0; c <= c1; ++c) {
                    cells[static_cast<std::size_t>(c)] = std::max(cells[static_cast<std::size_t>(c)], r);
                }
                if (const qint64 late = Analysis::lateFromNs(run, s);
                    late != kUnknownTime && r < kReadyRank) {
                    for (int c = cellOf(late); c <= c1; ++c) {
                        cells[static_cast<std::size_t>(c)]
                            = std::max(cells[static_cast<std::size_t>(c)], kReadyRank);
                    }
                }
            }
        }
        QString label = displayName(row.label);
        if (label.size() > labelWidth) {
            label = label.left(labelWidth - 1) + QChar(0x2026);
        }
        out += label.leftJustified(labelWidth) + u" │"_s;
        for (const int r : cells) {
            out += glyph(r);
        }
        out += u"│\n"_s;
    }
    // Axis: 0 on the left, the end on the right, the ideal marked if there is one.
    QString axis(barWidth, u' ');
    auto put = [&](int c, const QString &text) {
        for (int i = 0; i < text.size() && c + i < barWidth; ++i) {
            axis[c + i] = text[i];
        }
    };
    put(0, u"0"_s);
    const QString endLabel = GanttLayout::formatDuration(end);
    put(std::max(0, barWidth - static_cast<int>(endLabel.size())), endLabel);
    if (run.idealNs > 0 && run.idealNs < end) {
        const int c = cellOf(run.idealNs);
        const QString idealLabel = u"^ideal"_s;
        if (c > 2 && c + idealLabel.size() < barWidth - endLabel.size() - 1) {
            put(c, idealLabel);
        }
    }
    out += QString(labelWidth, u' ') + u"  "_s + axis + u'\n';
    const QString legend = QCoreApplication::translate("Coroscope::TextChart",
        "█ holding the thread  ▒ suspended (timer, I/O)  ░ ready, waiting for the loop  ─ awaiting  ✕ error  "
        "· cancelled");
    out += (legend.size() > columns ? legend.left(columns) : legend) + u'\n';
    // Why: the main culprits, and what the run would take with every blocking step async.
    auto line = [&](const QString &text) {
        out += (text.size() > columns ? text.left(columns - 1) + QChar(0x2026) : text) + u'\n';
    };
    int shown = 0;
    for (const Blame &b : run.blame) {
        if (shown++ == 3) {
            break;
        }
        line(QCoreApplication::translate("Coroscope::TextChart", "delayed +%1: %2")
                 .arg(GanttLayout::formatDuration(b.delayNs),
                     Analysis::blameSentence(run, b.culprit, b.victim)));
    }
    for (const Note &n : run.notes) {
        line(n.isRange() ? QCoreApplication::translate("Coroscope::TextChart", "note %1–%2: %3")
                               .arg(GanttLayout::formatDuration(n.beginNs), GanttLayout::formatDuration(n.endNs), n.text)
                         : QCoreApplication::translate("Coroscope::TextChart", "note at %1: %2")
                               .arg(GanttLayout::formatDuration(n.beginNs), n.text));
    }
    if (run.predictedNs != kUnknownTime && run.status == RunStatus::Ok) {
        line(predictionVerdict(run.predictedNs, static_cast<double>(run.wallNs) / 1e9));
    }
    if (const auto overlap = overlapVerdictOf(run)) {
        line(overlap->text);
    }
    if (run.status == RunStatus::Ok && run.stats.madeAsync > 0) {
        line(QCoreApplication::translate("Coroscope::TextChart", "if every blocking step were async: %1")
                 .arg(GanttLayout::formatDuration(
                     static_cast<qint64>(std::llround(run.stats.idealAllAsyncS * 1e9)))));
    }
    return out;
}

} // namespace Coroscope
