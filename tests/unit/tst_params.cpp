// SPDX-License-Identifier: MIT
#include "experiments/catalog.h"
#include "experiments/experiment.h"
#include "experiments/params.h"

#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

using Overrides = QList<std::pair<QString, QString>>;
Q_DECLARE_METATYPE(Overrides)

namespace {
QList<ParamSpec> specs()
{
    return {delayParam(), tasksParam(2, 16),
        ParamSpec {.key = u"variant"_s,
            .type = ParamType::Choice,
            .defaultValue = u"tasks"_s,
            .choices = {u"sequential"_s, u"tasks"_s}}};
}
} // namespace

class TestParams : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsInDeclaredOrder()
    {
        QString error;
        const auto params = Params::resolve(u"x"_s, specs(), {}, &error);
        QVERIFY2(params, qPrintable(error));
        QCOMPARE(params->number(u"delay"), 1.0);
        QCOMPARE(params->integer(u"tasks"), 2);
        QCOMPARE(params->text(u"variant"), u"tasks"_s);
        QCOMPARE(params->summary(), u"delay=1 tasks=2 variant=tasks"_s);
    }

    void overridesAreParsed()
    {
        QString error;
        const auto params = Params::resolve(u"x"_s, specs(),
            {{u"delay"_s, u" 0.25"_s}, {u"tasks"_s, u"5"_s}, {u"variant"_s, u"sequential"_s}}, &error);
        QVERIFY2(params, qPrintable(error));
        QCOMPARE(params->number(u"delay"), 0.25);
        QCOMPARE(params->integer(u"tasks"), 5);
        QCOMPARE(params->text(u"variant"), u"sequential"_s);
    }

    void badValuesNameParameterAndRange_data()
    {
        QTest::addColumn<Overrides>("overrides");
        QTest::addColumn<QString>("message");
        QTest::newRow("delay_not_a_number") << Overrides {
            {u"delay"_s, u"abc"_s}} << u"parameter 'delay' must be a number in 0.01–30 s, got 'abc'"_s;
        QTest::newRow("delay_too_small")
            << Overrides {{u"delay"_s, u"0"_s}} << u"parameter 'delay' = 0 is out of range 0.01–30 s"_s;
        QTest::newRow("delay_too_large")
            << Overrides {{u"delay"_s, u"31"_s}} << u"parameter 'delay' = 31 is out of range 0.01–30 s"_s;
        QTest::newRow("delay_nan") << Overrides {{u"delay"_s, u"nan"_s}}
                                   << u"parameter 'delay' must be a number in 0.01–30 s, got 'nan'"_s;
        QTest::newRow("tasks_fraction") << Overrides {{u"tasks"_s, u"2.5"_s}}
                                        << u"parameter 'tasks' must be a whole number in 1–16, got '2.5'"_s;
        QTest::newRow("tasks_zero") << Overrides {{u"tasks"_s, u"0"_s}}
                                    << u"parameter 'tasks' = 0 is out of range 1–16"_s;
        QTest::newRow("variant_unknown") << Overrides {
            {u"variant"_s, u"both"_s}} << u"parameter 'variant' = 'both' is not one of: sequential, tasks"_s;
        QTest::newRow("unknown_key") << Overrides {
            {u"dealy"_s, u"1"_s}} << u"unknown parameter 'dealy' for x (it takes: delay, tasks, variant)"_s;
    }

    void badValuesNameParameterAndRange()
    {
        QFETCH(Overrides, overrides);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!Params::resolve(u"x"_s, specs(), overrides, &error));
        QCOMPARE(error, message);
    }

    void everyExperimentIsWellFormed()
    {
        QVERIFY(Catalog::all().size() >= 4);
        QSet<QString> ids;
        for (const Experiment *e : Catalog::all()) {
            const auto &info = e->info();
            QVERIFY2(!ids.contains(info.id), qPrintable(info.id));
            ids.insert(info.id);
            QVERIFY(!info.title.isEmpty());
            QVERIFY(!info.group.isEmpty());
            QVERIFY(!info.seed.isEmpty());
            QVERIFY(!info.explanation.isEmpty());
            QVERIFY(!info.expectation.isEmpty());
            QVERIFY2(!info.params.isEmpty() && info.params.constFirst().key == u"delay",
                "the base delay is always the first parameter, 'delay'");
            QString error;
            const auto defaults = e->resolveParams({}, &error);
            QVERIFY2(defaults, qPrintable(error));
            QVERIFY(e->idealSeconds(*defaults) > 0);
            // The real source, cut from the experiment's own file.
            const QString source = e->source();
            QVERIFY2(source.contains(u"::run(RunContext &ctx) const"_s), qPrintable(info.id));
            QVERIFY(!source.contains(u"[coroscope-begin]"_s));
        }
        QVERIFY(Catalog::find(u"tasks-concurrent") != nullptr);
        QVERIFY(Catalog::find(u"nope") == nullptr);
    }

    void sourceIsTheRealFile()
    {
        // The embedded text is the file on disk, not a copy that could drift.
        const Experiment *e = Catalog::find(u"tasks-concurrent");
        QFile file(QStringLiteral(COROSCOPE_SOURCE_DIR "/core/experiments/tasksconcurrent.cpp"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(file.readAll()).contains(e->source().trimmed()));
    }
};

QTEST_GUILESS_MAIN(TestParams)
#include "tst_params.moc"
