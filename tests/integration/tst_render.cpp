// SPDX-License-Identifier: MIT
// The chart and its exports: PNG/SVG/PDF decode, the SVG stays small with 100 000 spans,
// Chrome trace structure and import round trip, CSV, text, errors naming the path.

#include "experiments/catalog.h"
#include "experiments/experiment.h"
#include "experiments/runner.h"
#include "render/exporters.h"
#include "render/ganttmodel.h"
#include "render/ganttpainter.h"
#include "render/textchart.h"
#include "testutil.h"
#include "timeline/runfile.h"
#include "timeline/stats.h"
#include "timeline/traceimport.h"

#include <QFileInfo>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QFile>
#include <QTest>

#include <random>

using namespace Coroscope;
using namespace Coroscope::Test;
using namespace Qt::StringLiterals;

namespace {

RunData realRun(const QString &id, const QList<std::pair<QString, QString>> &extra = {})
{
    const Experiment *e = Catalog::find(id);
    QList<std::pair<QString, QString>> overrides {{u"delay"_s, u"0.05"_s}};
    overrides.append(extra);
    QString error;
    const auto params = e->resolveParams(overrides, &error);
    Runner runner;
    return runner.runAndWait(*e, *params);
}

} // namespace

class TestRender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_run = realRun(u"tasks-concurrent"_s);
        QVERIFY(m_run.status == RunStatus::Ok);
    }

    void pngDecodesAtScale_data()
    {
        QTest::addColumn<double>("scale");
        QTest::newRow("scale_1") << 1.0;
        QTest::newRow("scale_2_hidpi") << 2.0;
    }

    void pngDecodesAtScale()
    {
        QFETCH(double, scale);
        const GanttModel model(m_run);
        Export::ImageOptions options;
        options.scale = scale;
        const QString path = m_dir.filePath(u"chart-%1.png"_s.arg(scale));
        QString error;
        QVERIFY2(Export::write(model, path, options, &error), qPrintable(error));
        QImageReader reader(path);
        const QImage image = reader.read();
        QVERIFY2(!image.isNull(), qPrintable(reader.errorString()));
        const QSizeF logical = Export::imageSize(model, options);
        QCOMPARE(image.width(), qRound(logical.width() * scale));
        QCOMPARE(image.height(), static_cast<int>(std::ceil(logical.height() * scale)));
        // Not blank: the chart has many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7) {
                colours.insert(image.pixel(x, y));
            }
        }
        QVERIFY2(colours.size() > 10, "the PNG must show a chart, not a blank page");
    }

    void svgIsValid()
    {
        const GanttModel model(m_run);
        const QString path = m_dir.filePath(u"chart.svg"_s);
        QString error;
        QVERIFY2(Export::write(model, path, {}, &error), qPrintable(error));
        QSvgRenderer svg(path);
        QVERIFY(svg.isValid());
        QCOMPARE(svg.viewBoxF().width(), 1200.0);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray xml = f.readAll();
        QVERIFY(xml.contains("tasks-concurrent"));
        QVERIFY(xml.contains("sleep 0.05 s"));
    }

    void pdfRendersWithPdftoppm()
    {
        const QString pdftoppm = QStandardPaths::findExecutable(u"pdftoppm"_s);
        if (pdftoppm.isEmpty()) {
            QSKIP("pdftoppm not installed (poppler-utils)");
        }
        const GanttModel model(m_run);
        const QString path = m_dir.filePath(u"chart.pdf"_s);
        QString error;
        QVERIFY2(Export::write(model, path, {}, &error), qPrintable(error));
        QProcess p;
        p.start(
            pdftoppm, {u"-png"_s, u"-r"_s, u"96"_s, u"-singlefile"_s, path, m_dir.filePath(u"pdfpage"_s)});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QImage page(m_dir.filePath(u"pdfpage.png"_s));
        QVERIFY(!page.isNull());
        const QSizeF logical = Export::imageSize(model, {});
        // The page is fitted to the chart.
        QVERIFY2(
            std::abs(page.width() - logical.width()) <= 2 && std::abs(page.height() - logical.height()) <= 2,
            qPrintable(u"page %1x%2, chart %3x%4"_s.arg(page.width())
                           .arg(page.height())
                           .arg(logical.width())
                           .arg(logical.height())));
    }

    void exportsOfAHundredThousandSpansStaySmall()
    {
        const GanttModel model(syntheticRun());
        QString error;
        const QString svg = m_dir.filePath(u"big.svg"_s);
        QVERIFY2(Export::write(model, svg, {.width = 1920}, &error), qPrintable(error));
        const qint64 bytes = QFileInfo(svg).size();
        QVERIFY2(bytes < 5 * 1024 * 1024, qPrintable(u"SVG of 100 000 spans is %1 bytes"_s.arg(bytes)));
        QVERIFY(QSvgRenderer(svg).isValid());
        // Folded: the page stays far below PDF's 14 400 pt limit.
        const QSizeF size = Export::imageSize(model, {.width = 1920});
        QVERIFY(size.height() * 0.75 < 14400);
        QVERIFY(model.rows().size() < 60);
        const QString pdf = m_dir.filePath(u"big.pdf"_s);
        QVERIFY2(Export::write(model, pdf, {.width = 1920}, &error), qPrintable(error));
    }

    void renderingIsDeterministicAndThemed()
    {
        const GanttModel model(m_run);
        const QSizeF size(900, 300);
        const QImage a = Export::renderImage(model, size, 1, GanttTheme::light());
        const QImage b = Export::renderImage(model, size, 1, GanttTheme::light());
        QCOMPARE(a, b);
        const QImage dark = Export::renderImage(model, size, 1, GanttTheme::dark());
        QCOMPARE(dark.pixelColor(2, 2), GanttTheme::dark().background);
        QCOMPARE(a.pixelColor(2, 2), GanttTheme::light().background);
    }

    void zoomedLayoutPaints()
    {
        const GanttModel model(m_run);
        const GanttPainter painter(model, GanttTheme::light());
        const QSizeF size(800, painter.preferredHeight(800));
        const GanttLayout zoomed = painter.layout(size, 10'000'000, 20'000'000);
        QImage image(size.toSize(), QImage::Format_ARGB32_Premultiplied);
        QPainter p(&image);
        painter.paint(p, size, zoomed);
        p.end();
        QCOMPARE(zoomed.rangeNs(), qint64(10'000'000));
        // Rows map to the task lanes: the label column and the plot do not overlap.
        QVERIFY(zoomed.plot().left() > 90);
    }

    void chromeTraceStructure()
    {
        const auto doc = QJsonDocument::fromJson(Export::chromeTrace(m_run));
        const QJsonArray events = doc.object().value(u"traceEvents"_s).toArray();
        QMap<int, QString> threadNames;
        int complete = 0;
        int flowsStart = 0;
        int flowsEnd = 0;
        int wakeups = 0;
        bool process = false;
        for (const QJsonValue &v : events) {
            const QJsonObject e = v.toObject();
            const QString ph = e.value(u"ph"_s).toString();
            if (ph == u"M" && e.value(u"name"_s) == u"thread_name"_s) {
                threadNames.insert(
                    e.value(u"tid"_s).toInt(), e.value(u"args"_s).toObject().value(u"name"_s).toString());
            } else if (ph == u"M" && e.value(u"name"_s) == u"process_name"_s) {
                process = true;
            } else if (ph == u"X") {
                ++complete;
                QVERIFY(e.contains(u"ts"_s) && e.contains(u"dur"_s) && e.contains(u"tid"_s));
                QVERIFY(e.value(u"args"_s).toObject().contains(u"status"_s));
                QVERIFY(spanKindFromString(e.value(u"cat"_s).toString()).has_value());
            } else if (ph == u"s") {
                ++flowsStart;
                wakeups += e.value(u"cat"_s) == u"wakeup"_s ? 1 : 0;
            } else if (ph == u"f") {
                ++flowsEnd;
            }
        }
        QVERIFY(process);
        // One tid per lane, in lane order.
        QCOMPARE(threadNames.size(), m_run.lanes.size());
        for (const Lane &lane : m_run.lanes) {
            QCOMPARE(threadNames.value(static_cast<int>(lane.id) + 1), lane.name);
        }
        QCOMPARE(complete, static_cast<int>(m_run.spans.size()));
        // main awaited task 1 and task 2: wake-ups drawn as flows.
        QVERIFY(wakeups >= 1);
        QVERIFY(flowsStart >= 1);
        QCOMPARE(flowsStart, flowsEnd);
    }

    void chromeTraceRoundTrip()
    {
        const RunData original = realRun(u"gather-exceptions"_s, {{u"mode"_s, u"fail-fast"_s}});
        QString error;
        const auto back = importChromeTrace(Export::chromeTrace(original), u"x.trace.json"_s, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->lanes.size(), original.lanes.size());
        for (qsizetype i = 0; i < original.lanes.size(); ++i) {
            QCOMPARE(back->lanes[i].name, original.lanes[i].name);
        }
        QCOMPARE(back->spans.size(), original.spans.size());
        // Same spans (times to the µs, kinds from the category, status and detail from args).
        auto key = [](const RunData &r, const Span &s) {
            return u"%1|%2|%3|%4|%5|%6"_s
                .arg(r.lanes.at(s.lane).name, r.str(s.name), toString(s.kind), toString(s.status),
                    r.str(s.detail))
                .arg(s.beginNs / 1000);
        };
        QStringList a;
        QStringList b;
        for (const Span &s : original.spans) {
            a.append(key(original, s));
        }
        for (const Span &s : back->spans) {
            b.append(key(*back, s));
        }
        a.sort();
        b.sort();
        QCOMPARE(b, a);
        QCOMPARE(back->stats.errors, original.stats.errors);
        QCOMPARE(back->experiment, original.experiment);
        QCOMPARE(back->idealNs, original.idealNs);
        QVERIFY(std::abs(back->wallNs - original.wallNs) <= 1000);
        QCOMPARE(back->stats.cancelled, original.stats.cancelled);
        QCOMPARE(back->marks.size(), original.marks.size());
    }

    void importsAnotherToolsTrace()
    {
        // What VizTracer / Perfetto JSON looks like: µs timestamps, B/E and X, metadata, instants.
        const QByteArray json = R"({"traceEvents":[
            {"ph":"M","name":"process_name","pid":7,"tid":7,"args":{"name":"python3"}},
            {"ph":"M","name":"thread_name","pid":7,"tid":1,"args":{"name":"Task-1"}},
            {"ph":"M","name":"thread_name","pid":7,"tid":2,"args":{"name":"Task-2"}},
            {"ph":"X","name":"asyncio.sleep","pid":7,"tid":1,"ts":1000.0,"dur":3000000.0},
            {"ph":"B","name":"httpx.AsyncClient.get","pid":7,"tid":2,"ts":1000.5},
            {"ph":"E","pid":7,"tid":2,"ts":3001000.5},
            {"ph":"X","name":"compute","pid":7,"tid":2,"ts":3001000.5,"dur":10.0},
            {"ph":"i","name":"print","pid":7,"tid":1,"ts":3001000,"s":"t","args":{"detail":"300"}},
            {"ph":"C","name":"in flight","pid":7,"tid":1,"ts":1000,"args":{"n":2}},
            {"ph":"s","name":"flow","id":1,"pid":7,"tid":1,"ts":1000}
        ],"viztracer_metadata":{"version":"0.16"}})";
        QString error;
        const auto run = importChromeTrace(json, u"viz.json"_s, &error);
        QVERIFY2(run, qPrintable(error));
        QCOMPARE(run->lanes.size(), 2);
        QCOMPARE(run->lanes[0].name, u"Task-1"_s);
        QCOMPARE(run->lanes[1].name, u"Task-2"_s);
        QCOMPARE(run->spans.size(), std::size_t(3));
        QCOMPARE(run->spans[0].beginNs, qint64(0)); // normalised to the first event
        QVERIFY(run->spans[0].kind == SpanKind::Sleep);
        QVERIFY(run->spans[1].kind == SpanKind::Http);
        QCOMPARE(run->spans[1].endNs - run->spans[1].beginNs, qint64(3'000'000'000));
        QVERIFY(run->spans[2].kind == SpanKind::Cpu);
        QCOMPARE(run->wallNs, qint64(3'000'010'500));
        QCOMPARE(run->marks.size(), std::size_t(1));
        QCOMPARE(run->counters.size(), std::size_t(1));
        QCOMPARE(run->title, u"viz.json"_s);
        QCOMPARE(run->stats.maxConcurrency, 2);
    }

    // Nestable async events (b/e/n with id or id2, scope) and the legacy S/T/F: a lane per
    // operation, after the threads; slices nest; a callback holds the thread, the operation
    // waits; one still pending at the trace's end runs to it, not "cancelled".
    void importsAsyncSlices()
    {
        const QByteArray json = R"({"traceEvents":[
            {"ph":"X","name":"main","pid":1,"tid":1,"ts":0,"dur":1000},
            {"ph":"b","name":"Timeout","cat":"node.async_hooks","id":"0x5","pid":1,"tid":1,"ts":10},
            {"ph":"b","name":"Timeout_CALLBACK","cat":"node.async_hooks","id":"0x5","pid":1,"tid":1,"ts":500},
            {"ph":"n","name":"fired","cat":"node.async_hooks","id":"0x5","pid":1,"tid":1,"ts":501},
            {"ph":"e","name":"Timeout_CALLBACK","cat":"node.async_hooks","id":"0x5","pid":1,"tid":1,"ts":520},
            {"ph":"e","name":"Timeout","cat":"node.async_hooks","id":"0x5","pid":1,"tid":1,"ts":600},
            {"ph":"b","name":"fetch","cat":"net","id2":{"local":"0x1"},"scope":"s","pid":1,"tid":1,"ts":20},
            {"ph":"e","cat":"net","id2":{"local":"0x1"},"scope":"s","pid":1,"tid":1,"ts":900},
            {"ph":"b","name":"PROMISE","cat":"app","id":7,"pid":1,"tid":1,"ts":30},
            {"ph":"S","name":"legacy job","cat":"app","id":3,"pid":1,"tid":1,"ts":40},
            {"ph":"T","name":"legacy job","cat":"app","id":3,"pid":1,"tid":1,"ts":50,"args":{"step":"half"}},
            {"ph":"F","name":"legacy job","cat":"app","id":3,"pid":1,"tid":1,"ts":80},
            {"ph":"e","name":"Timeout","cat":"node.async_hooks","id":"0x99","pid":1,"tid":1,"ts":700}
        ]})";
        QString error;
        const auto run = importChromeTrace(json, u"async.json"_s, &error);
        QVERIFY2(run, qPrintable(error));
        QStringList names;
        for (const Lane &l : run->lanes) {
            names.append(l.name);
            QVERIFY(l.kind == LaneKind::Task);
        }
        // The thread first, then one lane per operation: requests, then timers, then the rest,
        // each in order of appearance (an "e" whose "b" is before the trace makes none).
        QCOMPARE(names,
            (QStringList {
                u"thread 1"_s, u"fetch #0x1"_s, u"Timeout #0x5"_s, u"PROMISE #7"_s, u"legacy job #3"_s}));
        auto spansOn = [&](int lane) {
            std::vector<Span> out;
            for (const Span &s : run->spans) {
                if (s.lane == static_cast<LaneId>(lane)) {
                    out.push_back(s);
                }
            }
            return out;
        };
        const auto timer = spansOn(2);
        QCOMPARE(timer.size(), std::size_t(2));
        QVERIFY(timer[0].kind == SpanKind::Sleep && !timer[0].holdsThread()); // the timer pending
        QCOMPARE(timer[0].endNs - timer[0].beginNs, qint64(590'000));
        QVERIFY(timer[1].kind == SpanKind::Cpu && timer[1].holdsThread()); // its callback running
        QCOMPARE(timer[1].endNs - timer[1].beginNs, qint64(20'000));
        QVERIFY(spansOn(1).size() == 1 && spansOn(1)[0].kind == SpanKind::Http); // "e" without a name
        QCOMPARE(spansOn(1)[0].endNs - spansOn(1)[0].beginNs, qint64(880'000));
        const auto promise = spansOn(3);
        QCOMPARE(promise.size(), std::size_t(1));
        QVERIFY(promise[0].status == SpanStatus::Ok); // pending at the end: not cancelled
        QCOMPARE(promise[0].endNs, run->wallNs);
        QCOMPARE(spansOn(4).size(), std::size_t(1));
        QCOMPARE(spansOn(4)[0].endNs - spansOn(4)[0].beginNs, qint64(40'000));
        int marksOnAsync = 0;
        for (const Mark &m : run->marks) {
            marksOnAsync += m.lane == 2 || m.lane == 4; // "n" and "T" on their operations
        }
        QCOMPARE(marksOnAsync, 2);
        QVERIFY(run->stats.maxConcurrency >= 3);
    }

    // A real trace from another tool: Node.js 20 with --trace-event-categories node.async_hooks
    // --trace-events-enabled on tests/data/node-async-hooks.js (two timers of 100 and 200 ms
    // side by side, then a file read each). Before async slices were read, only the main
    // thread's few events showed.
    void importsARealNodeAsyncHooksTrace()
    {
        QString error;
        const auto run = loadRunOrTrace(
            QStringLiteral(COROSCOPE_SOURCE_DIR) + u"/tests/data/node-async-hooks.trace.json"_s, &error);
        QVERIFY2(run, qPrintable(error));
        std::vector<qint64> timeouts;
        int callbacks = 0;
        for (const Span &s : run->spans) {
            const QString name = run->str(s.name);
            if (name == u"Timeout") {
                timeouts.push_back(s.endNs - s.beginNs);
            }
            callbacks += name.endsWith(u"_CALLBACK") && s.holdsThread();
        }
        std::sort(timeouts.begin(), timeouts.end());
        QCOMPARE(timeouts.size(), std::size_t(2));
        QVERIFY2(timeouts[0] >= 100'000'000 && timeouts[0] < 130'000'000,
            qPrintable(QString::number(timeouts[0])));
        QVERIFY2(timeouts[1] >= 200'000'000 && timeouts[1] < 230'000'000,
            qPrintable(QString::number(timeouts[1])));
        QVERIFY(callbacks >= 4);
        int asyncLanes = 0;
        int promiseLanes = 0;
        for (const Lane &l : run->lanes) {
            asyncLanes += l.name.contains(u" #0x"_s);
            promiseLanes += l.name.startsWith(u"PROMISE"_s);
        }
        QVERIFY2(asyncLanes >= 10, qPrintable(QString::number(asyncLanes)));
        // Its 69 promises (their b..e is how long the object lived, until garbage collection)
        // are one lane of their callbacks, not 69 bars "pending" to the end.
        QCOMPARE(promiseLanes, 1);
        QVERIFY(std::none_of(run->spans.begin(), run->spans.end(),
            [&](const Span &s) { return run->str(s.name) == u"PROMISE"; }));
        QVERIFY(run->stats.maxConcurrency >= 2); // the two timers overlap
        // No zero-overhead outlines for async operations: the replay's model of tasks is not theirs.
        QVERIFY(run->ideal.beginNs.empty());
        QCOMPARE(run->stats.idealScheduleS, 0.0);
        // It draws: the model folds the many operations beyond the lane limit.
        const GanttModel model(*run);
        QVERIFY(!model.rows().empty());
    }

    // A real Node.js trace of HTTP requests (tests/data/node-http.js against the delay server:
    // two of 0.2 s one after the other, then two with Promise.all): each request is a lane,
    // right under the main thread; the runtime's bookkeeping (51 TickObjects, 11 promises) is
    // folded into a lane per kind; no task states or "sequential" sum are made up for it.
    void importsANodeTraceWithHttpRequestsAsLanes()
    {
        QString error;
        const auto run = loadRunOrTrace(
            QStringLiteral(COROSCOPE_SOURCE_DIR) + u"/tests/data/node-http.trace.json"_s, &error);
        QVERIFY2(run, qPrintable(error));
        QCOMPARE(run->lanes.at(0).name, u"JavaScriptMainThread"_s);
        std::vector<const Span *> requests;
        for (int lane = 1; lane <= 4; ++lane) {
            QVERIFY2(run->lanes.at(lane).name.startsWith(u"HTTPCLIENTREQUEST #0x"_s),
                qPrintable(run->lanes.at(lane).name));
            for (const Span &s : run->spans) {
                if (s.lane == static_cast<LaneId>(lane) && run->str(s.name) == u"HTTPCLIENTREQUEST") {
                    requests.push_back(&s);
                }
            }
        }
        QCOMPARE(requests.size(), std::size_t(4));
        for (const Span *r : requests) {
            QVERIFY(r->kind == SpanKind::Http && !r->holdsThread());
            QVERIFY2(r->durationNs() >= 195'000'000 && r->durationNs() < 260'000'000,
                qPrintable(QString::number(r->durationNs())));
        }
        QVERIFY(requests[0]->endNs <= requests[1]->beginNs); // awaited one after the other
        QVERIFY(requests[1]->endNs <= requests[2]->beginNs);
        QVERIFY(requests[3]->beginNs < requests[2]->endNs); // Promise.all: side by side
        QVERIFY(requests[2]->beginNs < requests[3]->endNs);
        QStringList folded;
        for (const Lane &l : run->lanes) {
            QVERIFY2(!l.name.startsWith(u"PlatformWorkerThread"_s), "an idle thread is not a blank lane");
            if (l.name.contains(u" ×"_s)) {
                folded.append(l.name);
            }
        }
        folded.sort();
        QCOMPARE(folded, QStringList({u"PROMISE ×11"_s, u"TickObject ×51"_s}));
        QVERIFY2(run->lanes.size() <= 24, qPrintable(QString::number(run->lanes.size())));
        const GanttModel model(*run);
        QVERIFY(!model.legendFacts().states);
        QCOMPARE(model.sequentialNs(), qint64(0));
        for (std::size_t r = 0; r < model.rows().size(); ++r) {
            QVERIFY(model.states(r).empty());
        }
    }

    // The reader without a DOM reads exactly what QJsonDocument does: the real fixtures, and
    // what is easy to get wrong — escaped keys, duplicate keys (the last wins), "-0" as an id,
    // id2 objects, counters' keys in order, args that are not an object, broken JSON.
    void fastReaderAgreesWithTheReference_data()
    {
        QTest::addColumn<QByteArray>("json");
        const auto file = [](const QString &path) {
            QFile f(QStringLiteral(COROSCOPE_SOURCE_DIR) + path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QTest::newRow("node-http") << file(u"/tests/data/node-http.trace.json"_s);
        QTest::newRow("node-async-hooks") << file(u"/tests/data/node-async-hooks.trace.json"_s);
        QTest::newRow("tricky-keys") << file(u"/tests/fuzz/corpus/trace/tricky-keys.json"_s);
        QTest::newRow("async-ids") << file(u"/tests/fuzz/corpus/trace/async-ids.json"_s);
        // Raw non-ASCII keys: Qt orders them by code point, escaped ones by UTF-16 unit.
        QTest::newRow("non-ascii-keys") << QByteArray(
            "[{\"ph\":\"b\",\"name\":\"op\",\"cat\":\"c\",\"ts\":0,\"pid\":1,\"tid\":1,"
            "\"id2\":{\"\xee\x80\x80\":\"a\",\"\xf0\x90\x80\x80\":\"b\"}},"
            "{\"ph\":\"C\",\"name\":\"n\",\"ts\":1,\"pid\":1,\"tid\":1,"
            "\"args\":{\"\xee\x80\x80\":1,\"\xf0\x90\x80\x80\":2}},"
            "{\"ph\":\"X\",\"name\":\"w\",\"ts\":0,\"dur\":5,\"pid\":1,\"tid\":1}]");
        QTest::newRow("truncated") << QByteArray(R"({"traceEvents":[{"ph":"X","name":"a","ts":1,"dur":2})");
        QTest::newRow("garbage-after") << QByteArray(R"([{"ph":"X","name":"a","ts":1,"dur":2}] x)");
        QTest::newRow("missing-ts-then-bad")
            << QByteArray(R"([{"ph":"X","name":"a","dur":2},{"ph":"X","ts":01}])");
        QTest::newRow("events-twice") << QByteArray(
            R"({"traceEvents":[{"ph":"X","name":"a","ts":1,"dur":2}],"traceEvents":[{"ph":"X","name":"b","ts":1,"dur":3}]})");
        QTest::newRow("not-an-object") << QByteArray(R"([{"ph":"X","name":"a","ts":1,"dur":2}, 5])");
        QTest::newRow("ours") << QByteArray(
            R"({"otherData":{"generator":"Coroscope 0.1","experiment":"gather","wall_s":0.5},"traceEvents":[{"ph":"X","name":"a","pid":1,"tid":2,"ts":100,"dur":200}]})");
    }

    void fastReaderAgreesWithTheReference()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!json.isEmpty());
        QString fastError;
        QString referenceError;
        const auto fast = importChromeTrace(json, u"t.json"_s, &fastError);
        const auto reference = importChromeTraceReference(json, u"t.json"_s, &referenceError);
        QCOMPARE(bool(fast), bool(reference));
        QCOMPARE(fastError, referenceError);
        if (!fast) {
            return;
        }
        QCOMPARE(fast->lanes.size(), reference->lanes.size());
        for (qsizetype i = 0; i < fast->lanes.size(); ++i) {
            QCOMPARE(fast->lanes[i].name, reference->lanes[i].name);
        }
        QCOMPARE(fast->spans.size(), reference->spans.size());
        for (std::size_t i = 0; i < fast->spans.size(); ++i) {
            const Span &a = fast->spans[i];
            const Span &b = reference->spans[i];
            QCOMPARE(a.beginNs, b.beginNs);
            QCOMPARE(a.endNs, b.endNs);
            QCOMPARE(a.lane, b.lane);
            QVERIFY(a.kind == b.kind && a.status == b.status);
            QCOMPARE(fast->str(a.name), reference->str(b.name));
        }
        QCOMPARE(fast->marks.size(), reference->marks.size());
        QCOMPARE(fast->counters.size(), reference->counters.size());
        for (std::size_t i = 0; i < fast->counters.size(); ++i) {
            QCOMPARE(fast->str(fast->counters[i].name), reference->str(reference->counters[i].name));
            QCOMPARE(fast->counters[i].value, reference->counters[i].value);
        }
        QCOMPARE(fast->wallNs, reference->wallNs);
        QCOMPARE(fast->experiment, reference->experiment);
    }

    void refusesBadTraces_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not_json") << QByteArray("{nope") << u"not valid JSON"_s;
        QTest::newRow("wrong_shape") << QByteArray(R"({"spans":[]})") << u"not a Chrome trace"_s;
        QTest::newRow("no_durations")
            << QByteArray(R"([{"ph":"i","name":"x","ts":1,"pid":1,"tid":1}])") << u"no duration events"_s;
        QTest::newRow("missing_ts") << QByteArray(R"([{"ph":"X","name":"work","pid":1,"tid":1,"dur":5}])")
                                    << u"traceEvents[0] (X \"work\"): \"ts\" is missing or not a number"_s;
    }

    void refusesBadTraces()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!importChromeTrace(json, u"t.json"_s, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void loadsEitherFormatByContent()
    {
        QString error;
        const QString runPath = m_dir.filePath(u"run.json"_s);
        QVERIFY(RunFile::write(m_run, runPath, &error));
        const auto run = loadRunOrTrace(runPath, &error);
        QVERIFY2(run, qPrintable(error));
        QCOMPARE(run->experiment, u"tasks-concurrent"_s);

        const QString tracePath = m_dir.filePath(u"t.trace.json"_s);
        QVERIFY(Export::write(GanttModel(m_run), tracePath, {}, &error));
        const auto trace = loadRunOrTrace(tracePath, &error);
        QVERIFY2(trace, qPrintable(error));
        QCOMPARE(trace->experiment, u"tasks-concurrent"_s); // our own trace keeps what it was
        QCOMPARE(trace->idealNs, m_run.idealNs);

        QVERIFY(!loadRunOrTrace(m_dir.filePath(u"missing.json"_s), &error));
        QVERIFY(error.startsWith(u"cannot open "_s));
    }

    void csvHasOneQuotedRowPerSpan()
    {
        RunData run = m_run;
        run.spans.front().detail = run.intern(u"a, \"quoted\"\nline"_s);
        const QString text = QString::fromUtf8(Export::csv(run));
        QVERIFY(text.startsWith(
            u"lane,lane_kind,name,kind,start_s,end_s,duration_s,ready_s,status,blocking,detail,"
            "ready_waiting_s,ideal_start_s,ideal_end_s\n"_s));
        QVERIFY(text.contains(u"\"a, \"\"quoted\"\"\nline\""_s));
        // Rows: header + spans (one quoted field spans two physical lines).
        QCOMPARE(text.count(u'\n'), static_cast<qsizetype>(run.spans.size()) + 2);
    }

    void writeFailuresNameThePath()
    {
        const GanttModel model(m_run);
        for (const auto *name : {"x.png", "x.svg", "x.pdf", "x.csv", "x.trace.json", "x.json"}) {
            const QString path = u"/no/such/dir/"_s + QLatin1StringView(name);
            QString error;
            QVERIFY(!Export::write(model, path, {}, &error));
            QVERIFY2(error.startsWith(u"cannot write "_s + path + u": "_s), qPrintable(error));
        }
        QString error;
        QVERIFY(!Export::write(model, m_dir.filePath(u"x.bmp"_s), {}, &error));
        QVERIFY(error.contains(u"unknown format"_s));
    }

    void textChartShowsLanesAndBars()
    {
        const QString text = textChart(GanttModel(realRun(u"blocking-in-task"_s)), 80);
        QVERIFY(text.contains(u"event loop"_s));
        QVERIFY(text.contains(u"task 1"_s));
        QVERIFY(text.contains(QChar(0x2588))); // █: blocking and the stalled loop
        QVERIFY(text.contains(QChar(0x2591))); // ░: task 2 ready (create_task), waiting for the loop
        QVERIFY2(text.contains(u"delayed +"_s), qPrintable(text));
        QVERIFY2(text.contains(u"if every blocking step were async: "_s), qPrintable(text));
        const QString concurrent = textChart(GanttModel(m_run), 80);
        QVERIFY(concurrent.contains(QChar(0x2592))); // ▒: suspended timers
        for (const QString &line : concurrent.split(u'\n')) {
            QVERIFY(line.size() <= 80);
        }
    }

private:
    QTemporaryDir m_dir;
    RunData m_run;
};

QTEST_MAIN(TestRender)
#include "tst_render.moc"
