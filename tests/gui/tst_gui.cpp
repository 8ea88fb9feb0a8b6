// SPDX-License-Identifier: MIT
// The desktop app for real, offscreen: the real QML window, an experiment run live, pinned,
// compared and exported through the same calls as the Export action; the view and a PNG export
// of the same run and size are the same pixels. Plus QAbstractItemModelTester on every model.

#include "appcontroller.h"
#include "chartoptions.h"
#include "cli/language.h"
#include "experimentmodel.h"
#include "experiments/catalog.h"
#include "experiments/experiment.h"
#include "exporter.h"
#include "ganttitem.h"
#include "historymodel.h"
#include "parammodel.h"
#include "pinboard.h"
#include "runhandle.h"
#include "servicestatus.h"
#include "sweepcontroller.h"
#include "experiments/sweep.h"
#include "testutil.h"
#include "timeline/runfile.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickItemGrabResult>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(CoroscopePlugin)

using namespace Coroscope;
using namespace Coroscope::Test;
using namespace Qt::StringLiterals;

namespace {

int rowOf(ParamModel *model, const QString &key)
{
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->data(model->index(r), ParamModel::KeyRole).toString() == key) {
            return r;
        }
    }
    return -1;
}

/// Items named `name` in the visual tree (Repeater's items are not QObject children).
QList<GanttItem *> chartsNamed(QQuickItem *root, const QString &name)
{
    QList<GanttItem *> found;
    for (QQuickItem *child : root->childItems()) {
        if (auto *chart = qobject_cast<GanttItem *>(child); chart && chart->objectName() == name) {
            found.append(chart);
        }
        found.append(chartsNamed(child, name));
    }
    return found;
}

/// The first item named `name` in the visual tree (a Repeater's delegates included).
QQuickItem *itemNamed(QQuickItem *root, const QString &name)
{
    for (QQuickItem *child : root->childItems()) {
        if (child->objectName() == name) {
            return child;
        }
        if (QQuickItem *found = itemNamed(child, name)) {
            return found;
        }
    }
    return nullptr;
}

} // namespace

class TestGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_engine.load(QUrl(u"qrc:/Coroscope/Main.qml"_s));
        QVERIFY(!m_engine.rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow *>(m_engine.rootObjects().constFirst());
        QVERIFY(m_window);
        m_app = m_window->findChild<AppController *>(u"controller"_s);
        QVERIFY(m_app);
        m_gantt = m_window->findChild<GanttItem *>(u"gantt"_s);
        QVERIFY(m_gantt);
        m_window->resize(1400, 860);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void modelsPassTheModelTester()
    {
        QAbstractItemModelTester experiments(
            m_app->experiments(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester params(
            m_app->params(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester history(
            m_app->history(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int all = m_app->experiments()->rowCount();
        QCOMPARE(all, static_cast<int>(Catalog::all().size()));
        m_app->experiments()->setFilter(u"pool"_s);
        QVERIFY(m_app->experiments()->rowCount() > 0 && m_app->experiments()->rowCount() < all);
        QVERIFY(m_app->experiments()->indexOf(u"pg-pool-saturation"_s) >= 0);
        m_app->experiments()->setFilter({});
        QCOMPARE(m_app->experiments()->rowCount(), all);
        m_app->setExperimentId(u"http-fanout"_s);
        m_app->setExperimentId(u"await-sequential"_s);
        QSignalSpy loaded(m_app->history(), &HistoryModel::loaded);
        m_app->history()->reload(); // on a pool thread
        QVERIFY(loaded.wait(5000));
    }

    void badParameterIsNamedAndRunRefused()
    {
        m_app->setExperimentId(u"await-sequential"_s);
        ParamModel *params = m_app->params();
        params->setValue(rowOf(params, u"delay"_s), u"abc"_s);
        QVERIFY(!params->isValid());
        QVERIFY2(params->firstError().contains(u"delay"_s), qPrintable(params->firstError()));
        QVERIFY(!m_app->run());
        QVERIFY(m_app->message().contains(u"delay"_s));
        params->resetToDefaults();
        QVERIFY(params->isValid());
    }

    void runDrawsLiveThenPinsComparesAndExports()
    {
        // 1. A run that adds spans as it goes: three calls awaited one after the other, far
        //    enough apart that a slow (ASan, loaded CI) scene graph still paints between them.
        // A short run first: the first one pays for what is set up lazily (QML caches).
        QCOMPARE(runToEnd(u"tasks-concurrent"_s, u"0.05"_s), u"ok"_s);
        m_app->setExperimentId(u"await-sequential"_s);
        ParamModel *params = m_app->params();
        params->setValue(rowOf(params, u"delay"_s), u"0.5"_s);
        params->setValue(rowOf(params, u"tasks"_s), u"3"_s);
        QVERIFY(params->isValid());

        // The run handed to the chart while it goes (snapshots), and the frames drawn of it.
        std::vector<int> liveSnapshots; // spans in each live snapshot
        int livePaints = 0;
        const auto handed = connect(m_app->current(), &RunHandle::changed, this, [&] {
            if (m_app->current()->isLive()) {
                liveSnapshots.push_back(m_app->current()->spanCount());
            }
        });
        const auto conn = connect(m_gantt, &GanttItem::painted, this, [&] {
            livePaints += m_app->current()->isLive() ? 1 : 0;
        });
        QSignalSpy finished(m_app, &AppController::runFinished);
        QVERIFY(m_app->run());
        QVERIFY(m_app->isRunning());
        QVERIFY(finished.wait(20000));
        disconnect(conn);
        disconnect(handed);
        QCOMPARE(finished.constFirst().constFirst().toString(), u"ok"_s);
        // Snapshots all along, growing; at least one frame drawn of them. (How many frames is
        // the scene graph's business: a fresh ASan build in CI, compiling its QML caches on the
        // first run, drew one in 1.5 s.)
        QVERIFY2(liveSnapshots.size() >= 3, qPrintable(QString::number(liveSnapshots.size())));
        for (std::size_t i = 1; i < liveSnapshots.size(); ++i) {
            QVERIFY(liveSnapshots[i] >= liveSnapshots[i - 1]);
        }
        QVERIFY2(liveSnapshots.back() > liveSnapshots.front(), "the live chart grew while running");
        QVERIFY2(livePaints >= 1, "the chart was drawn while running");
        QVERIFY(!m_app->current()->isLive());
        QVERIFY(m_app->current()->wallSeconds() >= 1.2);
        QVERIFY(!m_app->current()->path().isEmpty()); // saved to the history
        QVERIFY(QFile::exists(m_app->current()->path()));
        QVERIFY(m_app->history()->rowCount() >= 1);

        // 2. Pin it, run another, pin that: the compare view stacks both on one axis.
        QVERIFY(m_app->pin());
        QCOMPARE(runToEnd(u"tasks-concurrent"_s, u"0.15"_s), u"ok"_s);
        QVERIFY(m_app->pin());
        QCOMPARE(m_app->pinned().size(), 2);
        QVERIFY(m_app->pins()->endSeconds() >= 0.45);
        QObject *tabs = m_window->findChild<QObject *>(u"viewTabs"_s);
        QVERIFY(tabs);
        tabs->setProperty("currentIndex", 1);
        QTRY_COMPARE(chartsNamed(m_window->contentItem(), u"pinnedChart"_s).size(), 2);
        for (GanttItem *chart : chartsNamed(m_window->contentItem(), u"pinnedChart"_s)) {
            QCOMPARE(chart->axisEndSeconds(), m_app->pins()->endSeconds());
            QCOMPARE(chart->labelWidth(), m_app->pins()->labelWidth()); // the axes line up
        }
        QVERIFY(m_app->pins()->labelWidth() >= 90);
        QVERIFY(m_app->exporter()->exportTo(m_dir.filePath(u"compare.png"_s), 1200, true).isEmpty());
        QImage comparison(m_dir.filePath(u"compare.png"_s));
        QCOMPARE(comparison.width(), 1200);
        tabs->setProperty("currentIndex", 0);

        // 3. Export through the Export action's call, at the view's size.
        const double w = m_gantt->width();
        const double h = m_gantt->height();
        for (const QString &name : {u"chart.png"_s, u"chart.svg"_s, u"chart.pdf"_s, u"run.json"_s,
                 u"run.trace.json"_s, u"run.csv"_s}) {
            const QString error = m_app->exporter()->exportTo(m_dir.filePath(name), w, false);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(QFileInfo(m_dir.filePath(name)).size() > 100);
        }
        QVERIFY(QSvgRenderer(m_dir.filePath(u"chart.svg"_s)).isValid());
        QFile pdf(m_dir.filePath(u"chart.pdf"_s));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        const QString bad = m_app->exporter()->exportTo(u"/nonexistent-dir/x.png"_s, w, false);
        QVERIFY2(bad.contains(u"/nonexistent-dir/x.png"_s), qPrintable(bad));

        // 4. The view is the export: same pixels.
        QImage exported(m_dir.filePath(u"chart.png"_s));
        QCOMPARE(exported.size(), QSize(qRound(w), qRound(h)));
        m_gantt->update();
        QSharedPointer<QQuickItemGrabResult> grab = m_gantt->grabToImage();
        QVERIFY(grab);
        QSignalSpy ready(grab.data(), &QQuickItemGrabResult::ready);
        QVERIFY(ready.wait(5000));
        const QImage shown = grab->image().convertToFormat(QImage::Format_ARGB32);
        const QImage file = exported.convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(shown.size(), file.size());
        int differing = 0;
        for (int y = 0; y < shown.height(); ++y) {
            differing += std::memcmp(shown.constScanLine(y), file.constScanLine(y),
                             static_cast<std::size_t>(shown.bytesPerLine()))
                != 0;
        }
        if (differing) {
            shown.save(m_dir.filePath(u"shown.png"_s));
        }
        QVERIFY2(differing == 0,
            qPrintable(u"%1 rows differ (see %2)"_s.arg(differing).arg(m_dir.filePath(u"shown.png"_s))));
    }

    void hoverDescribesABarAndAxisDragGivesStatistics()
    {
        QCOMPARE(runToEnd(u"tasks-concurrent"_s, u"0.1"_s), u"ok"_s);
        ParamModel *params = m_app->params();
        QTRY_VERIFY(m_gantt->paintCount() > 0);
        // The first task's bar: find its row by hovering down the middle of the plot.
        const QPointF base = m_gantt->mapToScene(QPointF(0, 0));
        QString text;
        for (int y = 60; y < 300 && !text.contains(u"sleep"_s); y += 4) {
            QTest::mouseMove(m_window, (base + QPointF(m_gantt->width() / 2, y)).toPoint());
            text = m_gantt->hoverText();
        }
        QVERIFY2(text.contains(u"sleep"_s) && text.contains(u"took"_s) && text.contains(u"status ok"_s),
            qPrintable(text));
        // Dragging along the time axis (below the rows) selects a range and describes it.
        const int x1 = qRound(m_gantt->width() * 0.35);
        const int x2 = qRound(m_gantt->width() * 0.7);
        for (int y = qRound(m_gantt->height()) - 4; y > 0 && m_gantt->selectionText().isEmpty(); y -= 3) {
            m_gantt->resetView(); // a press above the axis pans instead
            QTest::mousePress(m_window, Qt::LeftButton, {}, (base + QPointF(x1, y)).toPoint());
            const QPointF to = base + QPointF(x2, y);
            QMouseEvent move(
                QEvent::MouseMove, to, m_window->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, {});
            QGuiApplication::sendEvent(m_window, &move);
            QTest::mouseRelease(m_window, Qt::LeftButton, {}, to.toPoint());
        }
        const QString stats = m_gantt->selectionText();
        QVERIFY2(stats.contains(u"spans"_s) && stats.contains(u"busy"_s) && stats.contains(u"at once"_s),
            qPrintable(stats));
        QVERIFY2(stats.contains(u"up to 2 at once"_s), qPrintable(stats)); // both sleeps overlap there
        m_gantt->clearSelection();
        m_gantt->resetView();
        params->resetToDefaults();
    }

    // The Why tab's figures and table, the hover's blame line, and the chart options: Arrows off
    // hides the blame arrows in the view and in the app's exports.
    void whyTabBlamesAndOptionsHideArrows()
    {
        m_app->setExperimentId(u"blocking-in-task"_s);
        QCOMPARE(runToEnd(u"blocking-in-task"_s, u"0.1"_s), u"ok"_s);
        RunHandle *run = m_app->current();
        const QVariantList blame = run->blame();
        QVERIFY(!blame.isEmpty());
        const QString sentence = blame.constFirst().toMap().value(u"sentence"_s).toString();
        QVERIFY2(
            sentence.contains(u"task 1: time.sleep"_s) && sentence.contains(u"scheduled by create_task"_s),
            qPrintable(sentence));
        QVERIFY2(
            blame.constFirst().toMap().value(u"delay"_s).toString().startsWith(u"+"_s), "delay shown as +…");
        QVERIFY2(run->schedule().contains(u"If the run's 2 blocking steps were async"_s),
            qPrintable(run->schedule()));

        // Hovering task 2's wait for the loop says who delayed it.
        QTRY_VERIFY(m_gantt->paintCount() > 0);
        const QPointF base = m_gantt->mapToScene(QPointF(0, 0));
        QString text;
        for (int y = 60; y < 360 && !text.startsWith(u"scheduled by create_task"_s); y += 3) {
            QTest::mouseMove(m_window, (base + QPointF(m_gantt->width() * 0.3, y)).toPoint());
            text = m_gantt->hoverText();
        }
        QVERIFY2(text.contains(u"delayed +"_s) && text.contains(u"held the loop"_s), qPrintable(text));

        // Arrows off: the view follows, and an export differs from one with them on.
        ChartOptions *options = m_app->chartOptions();
        QVERIFY(options->blame());
        const QString with = m_dir.filePath(u"with-arrows.png"_s);
        const QString without = m_dir.filePath(u"without-arrows.png"_s);
        QCOMPARE(m_app->exporter()->exportTo(with, 1000, false), QString());
        options->setBlame(false);
        QTRY_VERIFY(!m_gantt->blame());
        QCOMPARE(m_app->exporter()->exportTo(without, 1000, false), QString());
        options->setBlame(true);
        QTRY_VERIFY(m_gantt->blame());
        QVERIFY(QImage(with) != QImage(without));
        QCOMPARE(QImage(with).width(), QImage(without).width());
        m_app->params()->resetToDefaults();
    }

    void stopKeepsThePartialTimeline()
    {
        m_app->setExperimentId(u"tasks-concurrent"_s);
        ParamModel *params = m_app->params();
        params->setValue(rowOf(params, u"delay"_s), u"5"_s);
        QSignalSpy finished(m_app, &AppController::runFinished);
        QVERIFY(m_app->run());
        QTest::qWait(200);
        m_app->stop();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.constFirst().constFirst().toString(), u"cancelled"_s);
        QVERIFY(m_app->current()->spanCount() >= 2);
        QVERIFY(m_app->current()->wallSeconds() < 2);
        params->resetToDefaults();
    }

    // Predict, then run: a bad guess is refused naming it; a good one is drawn and kept.
    void predictionIsCheckedDrawnAndKept()
    {
        m_app->setExperimentId(u"tasks-concurrent"_s);
        ParamModel *params = m_app->params();
        params->setValue(rowOf(params, u"delay"_s), u"0.1"_s);
        m_app->setPrediction(u"soon"_s);
        QVERIFY(!m_app->run());
        QVERIFY2(m_app->message().contains(u"got 'soon'"_s), qPrintable(m_app->message()));
        m_app->setPrediction(u"0.2"_s);
        QSignalSpy finished(m_app, &AppController::runFinished);
        QVERIFY(m_app->run());
        QVERIFY(finished.wait(10000));
        const RunData *run = m_app->current()->run();
        QVERIFY(run);
        QCOMPARE(run->predictedNs, qint64(200'000'000));
        QVERIFY2(m_app->lastSummary().contains(u"predicted 0.2 s, measured 0.10"_s), qPrintable(m_app->lastSummary()));
        // The history's file keeps it.
        QString error;
        const auto saved = RunFile::read(m_app->current()->path(), &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(saved->predictedNs, qint64(200'000'000));
        // The next run without a guess has none.
        m_app->setPrediction({});
        QVERIFY(m_app->run());
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_app->current()->run()->predictedNs, kUnknownTime);

        // Which tasks run at once: a malformed guess is refused before the run, naming it; a
        // wrong one is said to be wrong in the summary and the chart's headline, and kept.
        auto *overlapField = itemNamed(m_window->contentItem(), u"overlapPredictionField"_s);
        QVERIFY(overlapField);
        m_app->setOverlapPrediction(u"1+"_s);
        m_app->setPrediction(u"soon"_s);
        QVERIFY(!m_app->run());
        // Both said, under the fields (and in the status bar); changing a field clears it.
        auto *fieldsError = itemNamed(m_window->contentItem(), u"predictionError"_s);
        QVERIFY(fieldsError);
        QTRY_COMPARE(fieldsError->property("text").toString(),
            u"Your prediction must be a positive number of seconds, e.g. 0.6 — got 'soon'.\n"
            "Which tasks will run at once — '1+': a task is missing around a '+' (e.g. 1+2)."_s);
        QVERIFY(fieldsError->isVisible());
        QVERIFY2(m_app->message().contains(u"'1+': a task is missing around a '+'"_s), qPrintable(m_app->message()));
        QCOMPARE(overlapField->property("text").toString(), u"1+"_s);
        m_app->setPrediction({});
        QTRY_VERIFY(!fieldsError->isVisible());
        m_app->setExperimentId(u"blocking-in-task"_s);
        params->setValue(rowOf(params, u"delay"_s), u"0.05"_s);
        m_app->setOverlapPrediction(u"1+2"_s);
        QVERIFY(m_app->run());
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_app->current()->run()->predictedOverlap, u"1+2"_s);
        QVERIFY2(m_app->lastSummary().contains(u"predicted 1+2 at once — wrong: task 1 and task 2 never ran at once"_s),
            qPrintable(m_app->lastSummary()));
        QCOMPARE(
            m_app->current()->model()->overlapVerdict(),
            u"predicted 1+2 at once — wrong: task 1 and task 2 never ran at once"_s); // the chart's headline
        const auto kept = RunFile::read(m_app->current()->path(), &error);
        QVERIFY2(kept, qPrintable(error));
        QCOMPARE(kept->predictedOverlap, u"1+2"_s);
        // A task the run does not have: the message says so, and the run keeps no verdict.
        m_app->setOverlapPrediction(u"1+7"_s);
        QVERIFY(m_app->run());
        QVERIFY(finished.wait(10000));
        QVERIFY2(m_app->message().contains(
                     u"Which tasks will run at once — '1+7': there is no task 7: this run has 2 tasks besides main (1–2)."_s),
            qPrintable(m_app->message()));
        QCOMPARE(m_app->predictionError(), m_app->message());
        QVERIFY(m_app->current()->run()->predictedOverlap.isEmpty());
        m_app->setOverlapPrediction({});
        params->resetToDefaults();
        m_app->setExperimentId(u"tasks-concurrent"_s);
        params->resetToDefaults();
    }

    // The wheel over the lane names, or with Shift, scrolls a chart taller than the view; over
    // the bars it zooms; sideways it pans.
    void wheelScrollsATallChartAndZoomsOverTheBars()
    {
        ParamModel *params = m_app->params();
        m_app->setExperimentId(u"http-fanout"_s);
        params->setValue(rowOf(params, u"n"_s), u"60"_s);
        params->setValue(rowOf(params, u"limit"_s), u"60"_s);
        QCOMPARE(runToEnd(u"http-fanout"_s, u"0.05"_s), u"ok"_s);
        QQuickItem *view = m_gantt->parentItem()->parentItem(); // the Flickable around the chart
        QVERIFY(view && view->property("contentY").isValid());
        QTRY_VERIFY(m_gantt->property("scrollable").toBool());
        m_gantt->resetView();
        // A still pointer: events at a scene point, the chart moving under it.
        const auto wheel = [this](QPointF scene, int dx, int dy, Qt::KeyboardModifiers modifiers) {
            QWheelEvent e(scene, m_window->mapToGlobal(scene.toPoint()), QPoint(), QPoint(dx, dy), Qt::NoButton,
                modifiers, Qt::NoScrollPhase, false);
            QGuiApplication::sendEvent(m_window, &e);
        };
        const double top = view->property("contentY").toDouble();
        wheel(m_gantt->mapToScene(QPointF(20, 300)), 0, -240, Qt::NoModifier); // over the names: down
        QTRY_VERIFY(view->property("contentY").toDouble() > top + 50);
        QVERIFY(!m_gantt->isZoomed());
        const double down = view->property("contentY").toDouble();
        const QPointF pointer = m_gantt->mapToScene(QPointF(m_gantt->width() / 2, 300)); // over the bars
        wheel(pointer, 0, 120, Qt::ShiftModifier); // with Shift: up
        QTRY_VERIFY(view->property("contentY").toDouble() < down);
        QVERIFY(!m_gantt->isZoomed());
        // The hover is of what the pointer is over now: its tooltip moved with the chart and, left
        // there, could sit under the pointer and take the next notch (CI saw it do so).
        QCOMPARE(m_gantt->hoverPos(), m_gantt->mapFromScene(pointer));
        QCOMPARE(m_gantt->hoverPos().y(), 300 - (down - view->property("contentY").toDouble()));
        QVERIFY2(!m_gantt->hoverText().isEmpty(), "the pointer is over a bar: its tooltip is up");
        wheel(pointer, 0, 120, Qt::NoModifier); // over the bars, past the tooltip: zoom in
        QTRY_VERIFY(m_gantt->isZoomed());
        const double start = m_gantt->viewStartSeconds();
        wheel(pointer, -120, 0, Qt::NoModifier); // sideways: pan later
        QTRY_VERIFY(m_gantt->viewStartSeconds() > start);
        m_gantt->resetView();
        view->setProperty("contentY", 0);
        params->resetToDefaults();
    }

    // Notes on the current run: added, refused outside it, edited, deleted, kept in its history file.
    void notesAreAddedEditedDeletedAndSaved()
    {
        m_app->setExperimentId(u"tasks-concurrent"_s);
        m_app->params()->setValue(rowOf(m_app->params(), u"delay"_s), u"0.1"_s);
        QSignalSpy finished(m_app, &AppController::runFinished);
        QVERIFY(m_app->run());
        QVERIFY(finished.wait(10000));
        QVERIFY(!m_app->addNote(5, 5, u"late"_s));
        QVERIFY2(m_app->message().contains(u"outside the run"_s), qPrintable(m_app->message()));
        QVERIFY(!m_app->addNote(0.05, 0.05, u"  "_s));
        QVERIFY(m_app->addNote(0.05, 0.05, u"half way"_s));
        QVERIFY(m_app->addNote(0.08, 0.0, u"both asleep"_s)); // a range given backwards
        const RunData *run = m_app->current()->run(); // each change replaces the run: read it again after one
        QCOMPARE(run->notes.size(), std::size_t(2));
        QVERIFY(run->notes[0] == (Note {0, 80'000'000, u"both asleep"_s}));
        const QVariantList near = m_app->notesNear(0.05, 0.001);
        QCOMPARE(near.size(), 2); // the instant and the range over it
        QVERIFY(m_app->editNote(1, u"halfway there"_s));
        QVERIFY(m_app->deleteNote(0));
        QVERIFY(!m_app->deleteNote(5));
        QString error;
        const auto saved = RunFile::read(m_app->current()->path(), &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(saved->notes.size(), std::size_t(1));
        QCOMPARE(saved->notes[0].text, u"halfway there"_s);
        QCOMPARE(saved->notes[0].beginNs, qint64(50'000'000));
        // The chart item maps the pointer into the run (a note's place).
        auto *gantt = m_window->findChild<GanttItem *>(u"gantt"_s);
        QVERIFY(gantt);
        QCOMPARE(gantt->secondsAt(-1e6), 0.0);
        QCOMPARE(gantt->secondsAt(1e6), static_cast<double>(m_app->current()->run()->wallNs) / 1e9);
        m_app->resetParams();
    }

    // Quiz mode: what gives the answer away — "what you should see", the explanation, the ideal,
    // the summary over the parameters — stays hidden until a run of the experiment has ended.
    void quizHidesTheExpectationUntilTheRun()
    {
        m_app->setExperimentId(u"await-sequential"_s);
        const ExperimentInfo info = Catalog::find(u"await-sequential")->translatedInfo();
        const QString expectation = info.expectation.toHtmlEscaped();
        const QString explanation = info.explanation.toHtmlEscaped();
        const QString ideal = info.idealFormula.toHtmlEscaped();
        QVERIFY(m_app->experimentAbout().contains(expectation));
        QVERIFY(m_app->experimentAbout().contains(explanation));
        QVERIFY(m_app->experimentAbout().contains(ideal));
        QCOMPARE(m_app->experimentSummary(), info.summary);
        m_app->setQuiz(true);
        m_app->setExperimentId(u"tasks-concurrent"_s);
        m_app->setExperimentId(u"await-sequential"_s);
        QVERIFY(!m_app->experimentAbout().contains(expectation));
        QVERIFY(!m_app->experimentAbout().contains(explanation));
        QVERIFY(!m_app->experimentAbout().contains(ideal));
        QVERIFY(m_app->experimentAbout().contains(u"Hidden in quiz mode"_s));
        QVERIFY(m_app->experimentSummary().startsWith(u"Quiz: what will happen"_s));
        m_app->params()->setValue(rowOf(m_app->params(), u"delay"_s), u"0.05"_s);
        QSignalSpy finished(m_app, &AppController::runFinished);
        QVERIFY(m_app->run());
        QVERIFY(finished.wait(10000));
        QVERIFY(m_app->experimentAbout().contains(expectation));
        QVERIFY(m_app->experimentAbout().contains(explanation));
        QCOMPARE(m_app->experimentSummary(), info.summary);
        // Another experiment is hidden again; quiz off shows it.
        m_app->setExperimentId(u"tasks-concurrent"_s);
        QVERIFY(m_app->experimentAbout().contains(u"Hidden in quiz mode"_s));
        m_app->setQuiz(false);
        QVERIFY(!m_app->experimentAbout().contains(u"Hidden in quiz mode"_s));
        m_app->setExperimentId(u"await-sequential"_s);
        m_app->resetParams();
    }

    void historyRenamesPinsAndDeletes()
    {
        HistoryModel *history = m_app->history();
        QVERIFY(history->rowCount() >= 2);
        const QString before = history->pathAt(0);
        QVERIFY(history->rename(0, u"../escape"_s).contains(u"cannot be a file name"_s));
        QCOMPARE(history->rename(0, u"my favourite run"_s), QString());
        QCOMPARE(history->data(history->index(0), HistoryModel::NameRole).toString(), u"my favourite run"_s);
        QVERIFY(!QFile::exists(before));
        QVERIFY(QFile::exists(history->pathAt(0)));
        QVERIFY(history->rename(1, u"my favourite run"_s).contains(u"exists already"_s));
        const qsizetype pinned = m_app->pinned().size();
        QVERIFY(m_app->pinHistory(0));
        QCOMPARE(m_app->pinned().size(), pinned + 1);
        QVERIFY(m_app->openHistory(0));
        QCOMPARE(m_app->current()->name(), u"my favourite run"_s);
        const int rows = history->rowCount();
        const QString path = history->pathAt(0);
        QVERIFY(history->remove(0));
        QCOMPARE(history->rowCount(), rows - 1);
        QVERIFY(!QFile::exists(path));
        QSignalSpy loaded(history, &HistoryModel::loaded);
        history->reload(); // what is on disk agrees
        QVERIFY(loaded.wait(5000));
        QCOMPARE(history->rowCount(), rows - 1);
        QVERIFY(m_app->history()->data(m_app->history()->index(0), HistoryModel::PinnedRole).toBool()
            || m_app->pins()->count() == pinned + 1);
        m_app->pins()->clear();
        QCOMPARE(m_app->pinned().size(), 0);
    }

    /// A DSN with a password that fails: the password appears nowhere the app shows or saves
    /// (message, log, status, the run in the history folder); the settings file that holds
    /// the DSN is readable by the user alone.
    void dsnPasswordNeverShown()
    {
        const QString secret = u"Gv8-gui-secret"_s;
        const QString before = m_app->postgresDsn();
        m_app->setPostgresDsn(u"host=127.0.0.1 port=1 user=x password=%1 dbname=postgres"_s.arg(secret));
        QCOMPARE(runToEnd(u"pg-async-x2"_s, u"0.05"_s), u"failed"_s);
        QVERIFY2(m_app->message().contains(u"Connection refused"_s), qPrintable(m_app->message()));
        QTRY_COMPARE(m_app->status()->postgresState(), u"unreachable"_s);
        QVERIFY2(m_app->status()->postgresText().contains(u"Connection refused"_s)
                && m_app->status()->postgresText().contains(u"not reached"_s),
            qPrintable(m_app->status()->postgresText()));
        QStringList shown {m_app->message(), m_app->log().join(u'\n'), m_app->status()->postgresText(),
            m_app->postgresDsnRedacted(), m_app->lastSummary()};
        for (const QString &text : shown) {
            QVERIFY2(!text.contains(secret), qPrintable(text));
        }
        QDirIterator files(m_app->historyDirectory(), QDir::Files, QDirIterator::Subdirectories);
        int checked = 0;
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(secret.toUtf8()), qPrintable(f.fileName()));
            ++checked;
        }
        QVERIFY(checked > 0);
        const QString settings = QSettings().fileName();
        QVERIFY(QFile::exists(settings));
        QCOMPARE(QFile::permissions(settings)
                & ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
            QFile::Permissions());
        m_app->setPostgresDsn(before);
    }

    // The clock moves while nothing new is recorded: a 1.5 s wait still advances the "now" line
    // and the status bar, ~30 frames a second.
    void liveClockMovesDuringALongWait()
    {
        m_app->setExperimentId(u"tasks-concurrent"_s);
        ParamModel *params = m_app->params();
        params->setValue(rowOf(params, u"delay"_s), u"1.5"_s);
        QSignalSpy finished(m_app, &AppController::runFinished);
        QVERIFY(m_app->run());
        QTest::qWait(300);
        const double early = m_app->current()->wallSeconds();
        const int spans = m_app->current()->spanCount();
        const int paints = m_gantt->paintCount();
        auto *status = m_window->findChild<QObject *>(u"statusMessage"_s);
        QVERIFY(status);
        const QString earlyText = status->property("text").toString();
        QTest::qWait(600);
        QVERIFY(m_app->isRunning());
        QCOMPARE(m_app->current()->spanCount(), spans); // nothing new recorded meanwhile
        QVERIFY2(m_app->current()->wallSeconds() > early + 0.4,
            qPrintable(u"%1 → %2"_s.arg(early).arg(m_app->current()->wallSeconds())));
        QVERIFY2(
            m_gantt->paintCount() >= paints + 5, qPrintable(QString::number(m_gantt->paintCount() - paints)));
        QVERIFY2(status->property("text").toString().startsWith(u"Running tasks-concurrent"_s),
            qPrintable(status->property("text").toString()));
        QVERIFY(status->property("text").toString() != earlyText);
        m_app->stop();
        QVERIFY(finished.wait(5000));
        // A stopped run states no overhead (it ended early on purpose).
        QVERIFY2(
            !m_app->current()->summary().contains(u"overhead"_s), qPrintable(m_app->current()->summary()));
        params->resetToDefaults();
    }

    // Reset to defaults takes the error it fixes with it; so does picking another experiment.
    void staleErrorIsCleared()
    {
        m_app->setExperimentId(u"await-sequential"_s);
        m_app->params()->setValue(rowOf(m_app->params(), u"delay"_s), u"-1"_s);
        QVERIFY(!m_app->run());
        QVERIFY(!m_app->message().isEmpty());
        m_app->resetParams();
        QCOMPARE(m_app->message(), QString());
        m_app->params()->setValue(rowOf(m_app->params(), u"delay"_s), u"x"_s);
        QVERIFY(!m_app->run());
        m_app->setExperimentId(u"tasks-concurrent"_s);
        QCOMPARE(m_app->message(), QString());
        m_app->setExperimentId(u"await-sequential"_s);
        m_app->resetParams();
    }

    // The chart of another experiment than the one selected says so in a strip above it, not
    // over its title.
    void staleBannerSitsAboveTheChart()
    {
        QCOMPARE(runToEnd(u"tasks-concurrent"_s, u"0.05"_s), u"ok"_s);
        const double chartTop = m_gantt->mapToScene(QPointF(0, 0)).y();
        auto *banner = m_window->findChild<QQuickItem *>(u"staleBanner"_s);
        QVERIFY(banner);
        QVERIFY(!banner->isVisible());
        m_app->setExperimentId(u"await-sequential"_s);
        QTRY_VERIFY(banner->isVisible());
        const QRectF b = banner->mapRectToScene(QRectF(0, 0, banner->width(), banner->height()));
        QTRY_VERIFY(m_gantt->mapToScene(QPointF(0, 0)).y() >= b.bottom());
        m_app->setExperimentId(u"tasks-concurrent"_s);
        QTRY_VERIFY(!banner->isVisible());
        QTRY_COMPARE(m_gantt->mapToScene(QPointF(0, 0)).y(), chartTop);
        m_app->resetParams();
    }

    // Typing "pool", Down and Enter in the search field runs the highlighted match — never the
    // previously selected experiment that the filter hid.
    void searchThenEnterRunsTheHighlightedMatch()
    {
        m_app->setExperimentId(u"tasks-concurrent"_s);
        auto *search = m_window->findChild<QQuickItem *>(u"experimentSearch"_s);
        QVERIFY(search);
        search->forceActiveFocus();
        QTRY_VERIFY(search->hasActiveFocus());
        for (const char c : std::string("pre-ping")) {
            QTest::keyClick(m_window, c);
        }
        QTRY_COMPARE(m_app->experiments()->rowCount(), 1);
        const QString match = m_app->experiments()->idAt(0);
        QCOMPARE(match, u"pg-pool-pre-ping"_s);
        QCOMPARE(m_app->experimentId(), u"tasks-concurrent"_s); // hidden, still selected
        QTest::keyClick(m_window, Qt::Key_Down);
        QCOMPARE(m_app->experimentId(), match);
        QSignalSpy finished(m_app, &AppController::runFinished);
        QTest::keyClick(m_window, Qt::Key_Return);
        if (m_app->isRunning()) {
            QCOMPARE(m_app->current()->experimentId(), match);
            m_app->stop();
            QVERIFY(finished.wait(10000));
        } else {
            QVERIFY2(
                !m_app->unavailableReason().isEmpty() || !m_app->message().isEmpty(), "Enter ran nothing");
        }
        search->setProperty("text", QString());
        QTRY_COMPARE(m_app->experiments()->rowCount(), static_cast<int>(Catalog::all().size()));
    }

    // A run is pinned once; the pins come back after a restart (a new board reads them).
    void pinsAreDeduplicatedAndRestored()
    {
        m_app->pins()->clear();
        QCOMPARE(runToEnd(u"tasks-concurrent"_s, u"0.05"_s), u"ok"_s);
        QVERIFY(m_app->pin());
        QVERIFY(!m_app->pin());
        QVERIFY2(m_app->message().contains(u"pinned already"_s), qPrintable(m_app->message()));
        QCOMPARE(m_app->pins()->count(), 1);
        QCOMPARE(runToEnd(u"tasks-concurrent"_s, u"0.08"_s), u"ok"_s);
        QVERIFY(m_app->pin());
        // Two runs of one experiment are labelled with the parameter that differs.
        const auto runs = m_app->pins()->handles();
        QVERIFY2(runs[0]->run()->title.endsWith(u"delay=0.05"_s), qPrintable(runs[0]->run()->title));
        QVERIFY2(runs[1]->run()->title.endsWith(u"delay=0.08"_s), qPrintable(runs[1]->run()->title));
        PinBoard restored;
        restored.restore();
        QCOMPARE(restored.count(), 2);
        QCOMPARE(restored.paths(), m_app->pins()->paths());
        m_app->pins()->clear();
        PinBoard none;
        none.restore();
        QCOMPARE(none.count(), 0);
    }

    // The Code tab's "Run the seed's Python": the traced asyncio run is pinned beside the C++
    // run of the same experiment, with the same delay, and Compare is asked for; a program
    // traced from the dialog shows its output in the Log; a missing script is refused.
    void seedPythonIsPinnedBesideTheCppRun()
    {
        m_app->pins()->clear();
        QCOMPARE(runToEnd(u"blocking-in-task"_s, u"0.1"_s), u"ok"_s);
        QVERIFY(m_app->seedRunnable());
        QSignalSpy finished(m_app, &AppController::runFinished);
        QSignalSpy compare(m_app, &AppController::compareRequested);
        QVERIFY2(m_app->runSeedPython(), qPrintable(m_app->message()));
        QVERIFY(m_app->isRunning());
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.constFirst().constFirst().toString(), u"ok"_s);
        QCOMPARE(compare.count(), 1);
        const auto runs = m_app->pins()->handles();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0]->run()->experiment, u"blocking-in-task"_s);
        QCOMPARE(runs[1]->run()->experiment, u"python"_s);
        // Two tasks blocking 0.1 s each, one after the other, as in C++.
        QVERIFY2(runs[1]->run()->stats.totalStallS >= 0.18, qPrintable(runs[1]->summary()));
        QVERIFY(runs[1]->run()->title.contains(u"the seed's Python"_s));
        QVERIFY(m_app->log().join(u'\n').contains(u"Get stock price of GOOG..."_s));
        m_app->pins()->clear();

        QVERIFY(!m_app->tracePython(m_dir.filePath(u"missing.py"_s), {}, u"python3"_s, {}));
        QVERIFY2(m_app->message().contains(u"no such file"_s), qPrintable(m_app->message()));
        QVERIFY(!m_app->isRunning());
        m_app->setExperimentId(u"http-fanout"_s);
        QVERIFY(!m_app->seedRunnable());
    }

    // The Export dialog's paths: an absolute path as typed, a relative one in the remembered
    // folder; the size it states is the size written.
    void exportTakesTypedPathsAndStatesTheSizeWritten()
    {
        QCOMPARE(runToEnd(u"tasks-concurrent"_s, u"0.05"_s), u"ok"_s);
        Exporter *exporter = m_app->exporter();
        QVERIFY(QDir().mkpath(m_dir.filePath(u"figures"_s)));
        const QString absolute = m_dir.filePath(u"figures/abs.png"_s);
        exporter->setScale(2);
        exporter->setWidth(900);
        QCOMPARE(exporter->exportTo(absolute, 1234, false), QString());
        QVERIFY(QFile::exists(absolute));
        QCOMPARE(exporter->folder(), m_dir.filePath(u"figures"_s)); // remembered
        const QImage image(absolute);
        const QSizeF logical = exporter->imageSize(1234, false);
        QCOMPARE(image.width(), 1800);
        QCOMPARE(image.height(), static_cast<int>(std::ceil(logical.height() * 2)));
        QVERIFY2(exporter->sizeText(1234, false, u"png"_s).contains(u"1800 × %1"_s.arg(image.height())),
            qPrintable(exporter->sizeText(1234, false, u"png"_s)));
        QVERIFY(exporter->lastSaved().contains(absolute));
        QCOMPARE(exporter->exportTo(u"relative.svg"_s, 1234, false), QString());
        QVERIFY(QFile::exists(m_dir.filePath(u"figures/relative.svg"_s)));
        QCOMPARE(exporter->resolve(u"file://"_s + absolute), absolute);
        QVERIFY(exporter->suggestedPath(u"png"_s, false)
                    .startsWith(m_dir.filePath(u"figures/tasks-concurrent-"_s)));
        QVERIFY(exporter->withSuffix(u"/a/b.trace.json"_s, u"png"_s) == u"/a/b.png"_s);
        QVERIFY(exporter->exportTo(m_dir.filePath(u"figures"_s), 1234, false).contains(u"folder"_s));
        exporter->setScale(1);
        exporter->setWidth(0);
    }

    // Settings → Language: the window, the experiment texts and the chart switch to Korean at once,
    // and back; the choice is remembered.
    void languageSwitchesToKoreanAndBack()
    {
        m_app->setExperimentId(u"tasks-concurrent"_s);
        const QString english = m_app->experimentTitle();
        auto *runButton = m_window->findChild<QObject *>(u"runButton"_s);
        QVERIFY(runButton);
        QCOMPARE(runButton->property("text").toString(), u"▶ Run"_s);
        auto hangul = [](const QString &text) {
            return std::any_of(text.begin(), text.end(),
                [](QChar c) { return c.unicode() >= 0xAC00 && c.unicode() <= 0xD7A3; });
        };
        m_app->setLanguage(u"ko"_s);
        QCOMPARE(Language::current(), u"ko"_s);
        QVERIFY2(hangul(m_app->experimentTitle()), qPrintable(m_app->experimentTitle()));
        QTRY_VERIFY2(hangul(runButton->property("text").toString()),
            qPrintable(runButton->property("text").toString()));
        QVERIFY(hangul(m_app->params()->data(m_app->params()->index(0), ParamModel::HelpRole).toString()));
        QCOMPARE(QSettings().value(u"language"_s).toString(), u"ko"_s);
        m_app->setLanguage(u"en"_s);
        QCOMPARE(m_app->experimentTitle(), english);
        QTRY_COMPARE(runButton->property("text").toString(), u"▶ Run"_s);
        m_app->setLanguage(u"system"_s);
        Language::install(u"en"_s);
    }

    void openingABadFileSaysWhy()
    {
        QVERIFY(!m_app->openFile(m_dir.filePath(u"missing.json"_s)));
        QVERIFY2(m_app->message().contains(u"missing.json"_s), qPrintable(m_app->message()));
        QVERIFY(m_app->openFile(m_dir.filePath(u"run.json"_s)));
        QCOMPARE(m_app->current()->experimentId(), u"tasks-concurrent"_s);
    }

    // A big file opens on a worker thread: the window keeps drawing, Run waits for it, a file
    // opened meanwhile wins over it, and a broken big file says why.
    void bigFilesOpenInTheBackground()
    {
        QVERIFY(m_app->openFile(m_dir.filePath(u"run.json"_s)));
        const qint64 threshold = m_app->backgroundOpenBytes();
        m_app->setBackgroundOpenBytes(16); // every file here is "big"
        QSignalSpy opened(m_app, &AppController::fileOpened);
        QVERIFY(m_app->openFile(m_dir.filePath(u"run.json"_s)));
        QCOMPARE(m_app->opening(), m_dir.filePath(u"run.json"_s));
        QVERIFY(!m_app->run());
        QVERIFY2(m_app->message().contains(u"Wait until run.json is open"_s), qPrintable(m_app->message()));
        QVERIFY(opened.wait(10000));
        QCOMPARE(m_app->opening(), QString());
        QCOMPARE(m_app->current()->experimentId(), u"tasks-concurrent"_s);
        QCOMPARE(m_app->current()->path(), m_dir.filePath(u"run.json"_s));
        // Broken: the reader's message, nothing replaced.
        QFile broken(m_dir.filePath(u"broken.json"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(R"({"format":"coroscope-run","version":1,"spans":[)");
        broken.close();
        QVERIFY(m_app->openFile(broken.fileName()));
        QTRY_COMPARE_WITH_TIMEOUT(m_app->opening(), QString(), 10000);
        QVERIFY2(m_app->message().contains(u"broken.json"_s), qPrintable(m_app->message()));
        QCOMPARE(m_app->current()->path(), m_dir.filePath(u"run.json"_s));
        // Two in a row: the last one asked for is the one shown.
        opened.clear();
        QVERIFY(m_app->openFile(broken.fileName()));
        QVERIFY(m_app->openFile(m_dir.filePath(u"run.json"_s)));
        QVERIFY(opened.wait(10000));
        QTest::qWait(200);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(m_app->current()->path(), m_dir.filePath(u"run.json"_s));
        m_app->setBackgroundOpenBytes(threshold);
    }

    void replayDrawsTheRunAsItWasAndIsTheUntilExport()
    {
        m_window->findChild<QObject *>(u"viewTabs"_s)->setProperty("currentIndex", 0); // the timeline
        QCOMPARE(runToEnd(u"tasks-concurrent"_s, u"0.2"_s), u"ok"_s);
        m_app->chartOptions()->setBlame(true);
        m_app->chartOptions()->setStates(true);
        m_app->chartOptions()->setIdeal(true);
        QObject *replay = m_window->findChild<QObject *>(u"replay"_s);
        QVERIFY(replay);
        QVERIFY(m_gantt->replayable());
        QCOMPARE(m_gantt->replaySeconds(), -1.0); // the whole run
        const double wholeHeight = m_gantt->height();

        // 1. Halfway through both sleeps: two tasks in flight; the frame keeps the run's size.
        replay->setProperty("playhead", 0.15);
        QTRY_COMPARE(m_gantt->replaySeconds(), 0.15);
        QCOMPARE(m_gantt->replayInFlight(), 2);
        QTRY_COMPARE(m_gantt->height(), wholeHeight);
        QCOMPARE(m_app->exporter()->replaySeconds(), 0.15);

        // 2. The frame on screen is `coroscope render RUN --until 0.15` and the app's export of
        //    it, pixel for pixel.
        const QImage shown = grabChart();
        QVERIFY(!shown.isNull());
        const QString cliPng = m_dir.filePath(u"until.png"_s);
        const auto cli = Test::coroscope({u"render"_s, m_app->current()->path(), u"--until"_s, u"0.15"_s,
            u"--width"_s, QString::number(m_gantt->width(), 'g', 10), u"--theme"_s, m_gantt->themeName(),
            u"--export"_s, cliPng});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        QVERIFY2(samePixels(shown, QImage(cliPng), u"until-shown.png"_s), "the replay's frame is render --until's");
        const QString appPng = m_dir.filePath(u"frame.png"_s);
        const QString error = m_app->exporter()->exportTo(appPng, m_gantt->width(), false);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(samePixels(shown, QImage(appPng), u"frame-shown.png"_s), "exporting while replaying writes the frame");

        // 2b. A big run's frames are made on a worker (here every run is big): the playhead
        //     moves at once, the chart shows the frame when it is ready, and of several asked
        //     for in a row, the last — still render --until's pixels.
        const std::size_t bigFrom = GanttItem::backgroundFrameSpansThreshold();
        GanttItem::setBackgroundFrameSpans(1);
        for (const double t : {0.02, 0.04, 0.06}) {
            replay->setProperty("playhead", t);
        }
        QCOMPARE(m_gantt->replaySeconds(), 0.06);
        const QString cliPng2 = m_dir.filePath(u"until2.png"_s);
        const auto cli2 = Test::coroscope({u"render"_s, m_app->current()->path(), u"--until"_s, u"0.06"_s,
            u"--width"_s, QString::number(m_gantt->width(), 'g', 10), u"--theme"_s, m_gantt->themeName(),
            u"--export"_s, cliPng2});
        QVERIFY2(cli2.exitCode == 0, qPrintable(cli2.err));
        QTRY_VERIFY2(samePixels(grabChart(), QImage(cliPng2), u"until2-shown.png"_s),
            "the last frame asked for is shown");
        QCOMPARE(m_gantt->replayInFlight(), 2);
        GanttItem::setBackgroundFrameSpans(bigFrom);

        // 3. Stepping: from the start (the tasks' first steps, within a few milliseconds; one
        //    step each where they are pixels apart) to where something next happens, the sleeps'
        //    ends at D; and back.
        QVERIFY(QMetaObject::invokeMethod(replay, "rewind"));
        QCOMPARE(m_gantt->replaySeconds(), 0.0);
        double previous = 0;
        int steps = 0;
        while (m_gantt->replaySeconds() >= 0 && m_gantt->replaySeconds() < 0.02 && steps < 10) {
            QVERIFY(QMetaObject::invokeMethod(replay, "step", Q_ARG(QVariant, true)));
            QVERIFY2(m_gantt->replaySeconds() > previous || m_gantt->replaySeconds() < 0, "a step goes forward");
            previous = m_gantt->replaySeconds();
            ++steps;
        }
        // Where the run next had an event: the sleeps' ends at D — or, on a loaded machine, a
        // stall of the loop recorded before them (an event as well).
        const double first = m_gantt->replaySeconds();
        QVERIFY2((first >= 0.199 && first < 0.2 + marginFor(0.2))
                || std::any_of(m_app->current()->run()->spans.begin(), m_app->current()->run()->spans.end(),
                    [](const Span &s) { return s.kind == SpanKind::Stall; }),
            qPrintable(u"%1 after %2 steps: not the sleeps' end, and no stall"_s.arg(first).arg(steps)));
        QVERIFY(QMetaObject::invokeMethod(replay, "step", Q_ARG(QVariant, false)));
        QVERIFY2(m_gantt->replaySeconds() >= 0 && m_gantt->replaySeconds() < 0.02, // the tasks' first steps
            qPrintable(QString::number(m_gantt->replaySeconds())));
        replay->setProperty("playhead", 0.1);

        // 4. Space on a focused check box is the check box's, not the replay's (the replay's
        //    keys are the chart's, not window-wide shortcuts).
        m_window->requestActivate();
        auto *states = itemNamed(m_window->contentItem(), u"toggle_states"_s);
        QVERIFY(states);
        const bool statesWere = states->property("checked").toBool();
        states->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY(states->hasActiveFocus());
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY(states->property("checked").toBool() != statesWere);
        QVERIFY(!replay->property("playing").toBool());
        QCOMPARE(m_gantt->replaySeconds(), 0.1);
        QTest::keyClick(m_window, Qt::Key_Space); // back as it was
        QTRY_VERIFY(states->property("checked").toBool() == statesWere);

        // 5. Space on the chart plays from 0.1 s to the end at 1×: then the whole run again.
        //    A click on the empty canvas below the chart gives it the keys as well.
        states->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY(states->hasActiveFocus());
        QQuickItem *view = m_gantt->parentItem()->parentItem(); // the Flickable around the chart
        const QPointF below = m_gantt->mapToScene(QPointF(m_gantt->width() / 2, m_gantt->height() + 20));
        QVERIFY2(view->mapRectToScene(QRectF(0, 0, view->width(), view->height())).contains(below),
            "the view has canvas below the chart");
        QTest::mouseClick(m_window, Qt::LeftButton, {}, below.toPoint());
        QTRY_VERIFY(m_gantt->hasActiveFocus());
        QTest::mouseClick(m_window, Qt::LeftButton, {},
            m_gantt->mapToScene(QPointF(m_gantt->width() / 2, 10)).toPoint()); // the chart has the keys, not a text field
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY2(replay->property("playing").toBool() || m_gantt->replaySeconds() < 0,
            qPrintable(u"focus on %1"_s.arg(QString::fromLatin1(m_window->activeFocusItem()
                    ? m_window->activeFocusItem()->metaObject()->className() : "nothing"))));
        QTRY_VERIFY_WITH_TIMEOUT(m_gantt->replaySeconds() < 0, 5000);
        QVERIFY(!replay->property("playing").toBool());
        QCOMPARE(m_app->exporter()->replaySeconds(), -1.0);

        // 6. A new run ends the replay.
        replay->setProperty("playhead", 0.1);
        QCOMPARE(runToEnd(u"tasks-concurrent"_s, u"0.05"_s), u"ok"_s);
        QCOMPARE(m_gantt->replaySeconds(), -1.0);
        // A run under 0.1 s: the scrubber's time in ms ("51.1 ms", not "0.051 s").
        auto *time = itemNamed(m_window->contentItem(), u"replayTime"_s);
        QVERIFY(time);
        const QRegularExpression inMs(u"^\\d+\\.\\d ms$"_s);
        QTRY_VERIFY2(inMs.match(time->property("text").toString()).hasMatch(),
            qPrintable(time->property("text").toString()));
    }

    void sweepRunsEachValueKeepsTheStoppedOnesAndExports()
    {
        SweepController *sweep = m_app->sweep();
        m_app->setExperimentId(u"tasks-concurrent"_s);
        m_app->params()->setValue(rowOf(m_app->params(), u"delay"_s), u"0.05"_s);
        QVERIFY(!sweep->parameters().isEmpty());
        QCOMPARE(sweep->parameters().constFirst().toMap().value(u"key"_s).toString(), u"delay"_s);

        // 1. Bad values are refused naming the value, before anything runs.
        QVERIFY(!m_app->runSweep(u"tasks"_s, u"1,2,x"_s, 1));
        QVERIFY2(m_app->message().contains(u"'x'"_s) && m_app->message().contains(u"tasks"_s), qPrintable(m_app->message()));
        QVERIFY(!m_app->runSweep(u"tasks"_s, u"1,2,999999"_s, 1));
        QVERIFY2(m_app->message().contains(u"999999"_s), qPrintable(m_app->message()));
        QVERIFY(!m_app->runSweep(u"tasks"_s, u"3"_s, 1));
        QVERIFY2(m_app->message().contains(u"two values"_s), qPrintable(m_app->message()));
        QVERIFY(!sweep->isActive());
        QVERIFY(!m_app->isRunning());

        // 2. tasks = 1..3: three runs one after another, each ok, flat at D; the figure is shown.
        QSignalSpy finished(m_app, &AppController::sweepFinished);
        QVERIFY2(m_app->runSweep(u"tasks"_s, u"1..3"_s, 1), qPrintable(m_app->message()));
        QVERIFY(sweep->isActive());
        QVERIFY(m_app->isRunning());
        QVERIFY(!m_app->run()); // one thing at a time
        QVERIFY(m_app->message().contains(u"sweep"_s));
        QVERIFY(finished.wait(20000));
        QVERIFY(!sweep->isActive());
        QVERIFY(!m_app->isRunning());
        auto result = sweep->result();
        QVERIFY(result);
        QCOMPARE(result->points.size(), std::size_t(3));
        for (const SweepPoint &p : result->points) {
            QVERIFY2(p.status == RunStatus::Ok, qPrintable(p.error));
            QVERIFY(p.wallMedianS >= 0.05 && p.wallMedianS < 0.05 + marginFor(0.05));
        }
        QCOMPARE(result->points[2].run->stats.maxConcurrency, 3);
        // The status bar: the sweep's outcome, not its last run's.
        QVERIFY2(
            m_app->lastSummary().startsWith(u"sweep of tasks-concurrent: 3 values of tasks · wall 0.0"_s),
            qPrintable(m_app->lastSummary()));
        QVERIFY2(m_app->lastSummary().contains(u" s at tasks = 1 … 0.0"_s), qPrintable(m_app->lastSummary()));
        QVERIFY2(m_app->lastSummary().endsWith(u" s at 3"_s), qPrintable(m_app->lastSummary()));
        QCOMPARE(m_window->findChild<QObject *>(u"viewTabs"_s)->property("currentIndex").toInt(), 2);
        auto *figure = m_window->findChild<QQuickItem *>(u"sweepFigure"_s);
        QVERIFY(figure);
        QTRY_VERIFY(figure->property("preferredHeight").toDouble() > 300);

        // 3. Its exports: the figure and the table.
        const QString png = m_dir.filePath(u"sweep.png"_s);
        QString error = m_app->exporter()->exportSweepTo(png, 900);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(QImage(png).width(), 1200); // at least the CLI's width
        const QString csv = m_dir.filePath(u"sweep.csv"_s);
        QVERIFY(m_app->exporter()->exportSweepTo(csv, 900).isEmpty());
        QFile table(csv);
        QVERIFY(table.open(QIODevice::ReadOnly));
        QCOMPARE(table.readAll().count('\n'), 4); // the header and one row per value
        error = m_app->exporter()->exportSweepTo(m_dir.filePath(u"sweep.trace.json"_s), 900);
        QVERIFY2(error.contains(u"sweep.trace.json"_s), qPrintable(error));

        // 4. Stop during the second of four values: the first is kept, the second as stopped.
        finished.clear();
        m_app->params()->setValue(rowOf(m_app->params(), u"delay"_s), u"0.3"_s);
        QVERIFY(m_app->runSweep(u"tasks"_s, u"1,2,3,4"_s, 1));
        QTRY_VERIFY2_WITH_TIMEOUT(sweep->result() && sweep->result()->points.size() == 1,
            qPrintable(sweep->status() + u" · "_s + m_app->message()), 10000);
        QTest::qWait(100); // into the second value's run
        m_app->stop();
        QVERIFY(finished.wait(10000));
        QVERIFY(!m_app->isRunning());
        result = sweep->result();
        QVERIFY(result->cancelled);
        QVERIFY(result->points.size() >= 1 && result->points.size() <= 2);
        QVERIFY(result->points[0].status == RunStatus::Ok);
        QVERIFY2(sweep->status().contains(u"stopped after"_s), qPrintable(sweep->status()));

        // 5. The Export dialog exports what was shown when it opened: a sweep ending behind it
        //    switches the tab, not what Save writes; its size is stated while it is open.
        QObject *tabs = m_window->findChild<QObject *>(u"viewTabs"_s);
        tabs->setProperty("currentIndex", 0);
        auto *dialog = m_window->findChild<QObject *>(u"exportDialog"_s);
        QVERIFY(dialog);
        QVERIFY(QMetaObject::invokeMethod(m_window, "exportChart"));
        QTRY_VERIFY(dialog->property("opened").toBool());
        QVERIFY(!dialog->property("sweep").toBool());
        tabs->setProperty("currentIndex", 2); // as onSweepFinished does
        QVERIFY(!dialog->property("sweep").toBool());
        auto *size = m_window->findChild<QObject *>(u"exportSize"_s);
        QVERIFY(size);
        QTRY_VERIFY2(size->property("text").toString().contains(u"pixels"_s),
            qPrintable(size->property("text").toString()));
        QVERIFY(QMetaObject::invokeMethod(dialog, "close"));
        QTRY_VERIFY(!dialog->property("visible").toBool());
        m_app->params()->resetToDefaults();

        // 6. Values that fail: at the end the status bar says the sweep and its failures, not
        //    the last failed value's error.
        m_app->setExperimentId(u"http-fanout"_s);
        m_app->params()->setValue(rowOf(m_app->params(), u"n"_s), u"2"_s);
        m_app->params()->setValue(rowOf(m_app->params(), u"url"_s), u"http://127.0.0.1:9/"_s);
        finished.clear();
        QVERIFY2(m_app->runSweep(u"limit"_s, u"1,2"_s, 1), qPrintable(m_app->message()));
        QVERIFY(finished.wait(10000));
        QVERIFY2(m_app->message().startsWith(u"sweep of http-fanout: 2 values of limit · 2 failed"_s),
            qPrintable(m_app->message()));
        QCOMPARE(m_app->message(), m_app->lastSummary());
        m_app->params()->resetToDefaults();
        m_app->setExperimentId(u"tasks-concurrent"_s);
        tabs->setProperty("currentIndex", 0);
    }

private:
    QImage grabChart()
    {
        m_gantt->update();
        QSharedPointer<QQuickItemGrabResult> grab = m_gantt->grabToImage();
        if (!grab) {
            return {};
        }
        QSignalSpy ready(grab.data(), &QQuickItemGrabResult::ready);
        if (!ready.wait(5000)) {
            return {};
        }
        return grab->image().convertToFormat(QImage::Format_ARGB32);
    }

    /// Same size and every row the same; else the shown image is saved as `name` to look at.
    bool samePixels(const QImage &shown, const QImage &file, const QString &name)
    {
        const QImage other = file.convertToFormat(QImage::Format_ARGB32);
        bool same = shown.size() == other.size();
        for (int y = 0; same && y < shown.height(); ++y) {
            same = std::memcmp(shown.constScanLine(y), other.constScanLine(y),
                       static_cast<std::size_t>(shown.bytesPerLine()))
                == 0;
        }
        if (!same) {
            shown.save(m_dir.filePath(name));
            qWarning("shown %dx%d, file %dx%d: see %s", shown.width(), shown.height(), other.width(),
                other.height(), qPrintable(m_dir.filePath(name)));
        }
        return same;
    }

    /// Selects `id`, sets its delay, runs it and waits for the end: the status it ended with.
    QString runToEnd(const QString &id, const QString &delay)
    {
        m_app->setExperimentId(id);
        m_app->params()->setValue(rowOf(m_app->params(), u"delay"_s), delay);
        QSignalSpy finished(m_app, &AppController::runFinished);
        if (!m_app->run() || !finished.wait(10000)) {
            return u"did not run: "_s + m_app->message();
        }
        return finished.constFirst().constFirst().toString();
    }

    QQmlApplicationEngine m_engine;
    QQuickWindow *m_window = nullptr;
    AppController *m_app = nullptr;
    GanttItem *m_gantt = nullptr;
    QTemporaryDir m_dir;
};

int main(int argc, char **argv)
{
    // Keep the user's settings and history out of it.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(u"data"_s).toUtf8());
    qputenv("QT_NO_GLIB", "1");
    QQuickStyle::setStyle(u"Fusion"_s);
    QGuiApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Coroscope"_s);
    QCoreApplication::setApplicationName(u"coroscope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(COROSCOPE_VERSION)); // as the app's and the CLI's footer
    Language::install(u"en"_s); // the assertions read English (a test below switches to Korean)
    int result = 0;
    {
        TestGui test;
        result = QTest::qExec(&test, argc, argv);
    }
    // The window's scene graph textures are released with deleteLater: let that happen.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    return result;
}

#include "tst_gui.moc"
