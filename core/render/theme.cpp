// SPDX-License-Identifier: MIT
#include "theme.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Coroscope {

QColor GanttTheme::textOn(const QColor &fill) const
{
    // Relative luminance (sRGB approximation) decides dark or light text.
    const double l = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return l > 0.55 ? QColor(0x1a, 0x1a, 0x1a) : QColor(0xff, 0xff, 0xff);
}

GanttTheme GanttTheme::light()
{
    GanttTheme t;
    t.name = u"light"_s;
    t.background = QColor(0xff, 0xff, 0xff);
    t.text = QColor(0x1f, 0x23, 0x28);
    t.mutedText = QColor(0x5f, 0x67, 0x70);
    t.grid = QColor(0xe6, 0xe8, 0xeb);
    t.axis = QColor(0x8c, 0x95, 0x9f);
    t.laneStripe = QColor(0xf6, 0xf8, 0xfa);
    t.separator = QColor(0xd0, 0xd7, 0xde);
    t.loopRunning = QColor(0x2d, 0xa4, 0x4e);
    t.error = QColor(0xcf, 0x22, 0x2e);
    t.cancelled = QColor(0x8c, 0x95, 0x9f);
    t.total = QColor(0x1f, 0x23, 0x28);
    t.ideal = QColor(0x00, 0x72, 0xb2);
    t.density = QColor(0x56, 0xb4, 0xe9);
    t.blame = QColor(0x5a, 0x32, 0xa3);
    t.counterfactual = QColor(0xb0, 0x4a, 0x8a);
    t.wakeup = QColor(0x1a, 0x7f, 0x37);
    t.note = QColor(0x9a, 0x67, 0x00);
    t.prediction = QColor(0x82, 0x50, 0xdf);
    t.kinds = {
        QColor(0x00, 0x72, 0xb2), // http: blue
        QColor(0x00, 0x9e, 0x73), // db: bluish green
        QColor(0x9c, 0x75, 0x5f), // sleep: sand brown (sky blue was too close to HTTP's blue)
        QColor(0xe6, 0x9f, 0x00), // cpu: orange
        QColor(0xd5, 0x5e, 0x00), // blocking: vermillion
        QColor(0xcc, 0x79, 0xa7), // acquire: reddish purple
        QColor(0xb3, 0x9b, 0x00), // connect: dark yellow (F0E442 is too light on white)
        QColor(0x88, 0x66, 0xaa), // setup: purple
        QColor(0x9a, 0xa4, 0xae), // wait: grey
        QColor(0xa5, 0x0f, 0x15), // stall: dark red
        QColor(0x7f, 0xc8, 0xb0), // checkout: light bluish green (the connection's side of db)
        QColor(0x4a, 0x9b, 0xb5), // io: steel teal (a socket, not known to be HTTP or a database)
    };
    return t;
}

GanttTheme GanttTheme::dark()
{
    GanttTheme t = light();
    t.name = u"dark"_s;
    t.background = QColor(0x16, 0x1b, 0x22);
    t.text = QColor(0xe6, 0xed, 0xf3);
    t.mutedText = QColor(0x9d, 0xa7, 0xb3);
    t.grid = QColor(0x26, 0x2d, 0x36);
    t.axis = QColor(0x6e, 0x76, 0x81);
    t.laneStripe = QColor(0x1c, 0x22, 0x2b);
    t.separator = QColor(0x30, 0x36, 0x3d);
    t.loopRunning = QColor(0x3f, 0xb9, 0x50);
    t.error = QColor(0xff, 0x5c, 0x5c);
    t.cancelled = QColor(0x6e, 0x76, 0x81);
    t.total = QColor(0xe6, 0xed, 0xf3);
    t.ideal = QColor(0x56, 0xb4, 0xe9);
    t.blame = QColor(0xd2, 0xa8, 0xff);
    t.counterfactual = QColor(0xe6, 0x9f, 0xd0);
    t.wakeup = QColor(0x56, 0xd3, 0x64);
    t.note = QColor(0xe3, 0xb3, 0x41);
    t.prediction = QColor(0xbc, 0x8c, 0xff);
    t.kinds[static_cast<std::size_t>(SpanKind::Http)] = QColor(0x3a, 0x9a, 0xe0);
    t.kinds[static_cast<std::size_t>(SpanKind::Connect)] = QColor(0xf0, 0xe4, 0x42);
    t.kinds[static_cast<std::size_t>(SpanKind::Sleep)] = QColor(0xc8, 0xa5, 0x8a);
    t.kinds[static_cast<std::size_t>(SpanKind::Wait)] = QColor(0x6e, 0x76, 0x81);
    t.kinds[static_cast<std::size_t>(SpanKind::Stall)] = QColor(0xf8, 0x51, 0x49);
    t.kinds[static_cast<std::size_t>(SpanKind::Checkout)] = QColor(0x2e, 0x7d, 0x66);
    t.kinds[static_cast<std::size_t>(SpanKind::Io)] = QColor(0x6c, 0xc0, 0xd6);
    return t;
}

GanttTheme GanttTheme::byName(const QString &name, bool *ok)
{
    const QString n = name.trimmed().toLower();
    if (ok) {
        *ok = n == u"light" || n == u"dark";
    }
    return n == u"dark" ? dark() : light();
}

QString displayName(const QString &recorded)
{
    static const char *const kNames[] = {
        QT_TRANSLATE_NOOP("Coroscope::Recorded", "event loop"),
        QT_TRANSLATE_NOOP("Coroscope::Recorded", "loop blocked"),
        QT_TRANSLATE_NOOP("Coroscope::Recorded", "delay server"),
        QT_TRANSLATE_NOOP("Coroscope::Recorded", "waiting for a connection"),
        QT_TRANSLATE_NOOP("Coroscope::Recorded", "waiting for a pool thread"),
        QT_TRANSLATE_NOOP("Coroscope::Recorded", "run failed"),
    };
    for (const char *name : kNames) {
        if (recorded == QLatin1StringView(name)) {
            return QCoreApplication::translate("Coroscope::Recorded", name);
        }
    }
    return recorded;
}

QString kindDescription(SpanKind kind, bool holdsThread)
{
    switch (kind) {
    case SpanKind::Http:
        return holdsThread
            ? QCoreApplication::translate("Coroscope::Theme", "HTTP request (blocking the thread)")
            : QCoreApplication::translate("Coroscope::Theme", "HTTP request (suspended)");
    case SpanKind::Db:
        return holdsThread
            ? QCoreApplication::translate("Coroscope::Theme", "database query (blocking the thread)")
            : QCoreApplication::translate("Coroscope::Theme", "database query (suspended)");
    case SpanKind::Sleep:
        return holdsThread ? QCoreApplication::translate("Coroscope::Theme", "sleep (blocking the thread)")
                           : QCoreApplication::translate("Coroscope::Theme", "timer (suspended)");
    case SpanKind::Cpu:
        return QCoreApplication::translate("Coroscope::Theme", "computing");
    case SpanKind::Blocking:
        return QCoreApplication::translate("Coroscope::Theme", "blocking the thread");
    case SpanKind::Acquire:
        return QCoreApplication::translate("Coroscope::Theme", "waiting for a slot");
    case SpanKind::Connect:
        return holdsThread
            ? QCoreApplication::translate("Coroscope::Theme", "connecting (blocking the thread)")
            : QCoreApplication::translate("Coroscope::Theme", "connecting");
    case SpanKind::Setup:
        return QCoreApplication::translate("Coroscope::Theme", "setup");
    case SpanKind::Wait:
        return QCoreApplication::translate("Coroscope::Theme", "awaiting other tasks");
    case SpanKind::Stall:
        return QCoreApplication::translate("Coroscope::Theme", "event loop stalled");
    case SpanKind::Checkout:
        return QCoreApplication::translate("Coroscope::Theme", "connection checked out");
    case SpanKind::Io:
        return holdsThread
            ? QCoreApplication::translate("Coroscope::Theme", "socket I/O (blocking the thread)")
            : QCoreApplication::translate("Coroscope::Theme", "socket I/O (suspended)");
    }
    return {};
}

} // namespace Coroscope
