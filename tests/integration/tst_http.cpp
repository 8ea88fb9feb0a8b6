// SPDX-License-Identifier: MIT
// The delay server and the HTTP clients against each other, for real, on 127.0.0.1.

#include "async/errors.h"
#include "async/gather.h"
#include "http/delayserver.h"
#include "http/httpclient.h"
#include "testutil.h"
#include "timeline/rundata.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Coroscope;
using namespace Coroscope::Test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QCoro::Task<int> statusOf(AsyncHttpClient &client, QUrl url, Trace trace = {})
{
    const HttpResponse r = co_await client.get(url, trace);
    co_return r.status;
}

/// Sends a raw request and reads the whole answer (status line + body) within `timeoutMs`.
QByteArray rawGet(quint16 port, const QByteArray &target, int timeoutMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs)) {
        return {};
    }
    socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray answer;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (socket.waitForReadyRead(50)) {
            answer += socket.readAll();
            const auto headerEnd = answer.indexOf("\r\n\r\n");
            const auto lengthAt = answer.toLower().indexOf("content-length:");
            if (headerEnd > 0 && lengthAt > 0) {
                const auto length
                    = answer.mid(lengthAt + 15, answer.indexOf("\r\n", lengthAt) - lengthAt - 15)
                          .trimmed()
                          .toInt();
                if (answer.size() >= headerEnd + 4 + length) {
                    break;
                }
            }
        }
    }
    return answer;
}

} // namespace

class TestHttp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start({}, &error), qPrintable(error));
        QVERIFY(m_server.port() > 0);
        QCOMPARE(m_server.url().host(), u"127.0.0.1"_s);
    }

    void answersAfterTheDelay()
    {
        AsyncHttpClient client({}, CancelToken());
        QElapsedTimer t;
        t.start();
        auto outcome = runTask(statusOf(client, withDelay(m_server.url(), 0.1)));
        const double elapsed = static_cast<double>(t.nsecsElapsed()) / 1e9;
        QVERIFY2(outcome.ok(), qPrintable(outcome.errorMessage()));
        QCOMPARE(outcome.value(), 200);
        QVERIFY2(elapsed >= 0.1 && elapsed <= 0.1 + marginFor(0.1), qPrintable(QString::number(elapsed)));
    }

    void bodyCarriesValueAndTimestamps()
    {
        const QByteArray answer = rawGet(m_server.port(), "/?delay=0.02&value=GOOG&status=201");
        QVERIFY2(answer.startsWith("HTTP/1.1 201"), answer.constData());
        const auto body = QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
        QCOMPARE(body.value(u"value"_s).toString(), u"GOOG"_s);
        QCOMPARE(body.value(u"delay"_s).toDouble(), 0.02);
        const double waited
            = body.value(u"answered_steady_ns"_s).toDouble() - body.value(u"received_steady_ns"_s).toDouble();
        QVERIFY2(waited >= 20e6 && waited < 40e6, qPrintable(QString::number(waited)));
    }

    void badParametersGet400NamingThem_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("message");
        QTest::newRow("delay_not_a_number")
            << QByteArray("/?delay=abc") << u"parameter 'delay' must be a number of seconds, got 'abc'"_s;
        QTest::newRow("delay_negative")
            << QByteArray("/?delay=-1") << u"parameter 'delay' = -1 is out of range 0–60 s"_s;
        QTest::newRow("delay_too_long")
            << QByteArray("/?delay=61") << u"parameter 'delay' = 61 is out of range 0–60 s"_s;
        QTest::newRow("status_unknown") << QByteArray(
            "/?delay=0&status=999") << u"parameter 'status' = '999' is not a final HTTP status code (200–599)"_s;
        QTest::newRow("status_text") << QByteArray(
            "/?status=teapot") << u"parameter 'status' = 'teapot' is not a final HTTP status code (200–599)"_s;
    }

    void badParametersGet400NamingThem()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, message);
        const QByteArray answer = rawGet(m_server.port(), target);
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
        const auto body = QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
        QCOMPARE(body.value(u"error"_s).toString(), message);
    }

    void unknownPathIs404()
    {
        const QByteArray answer = rawGet(m_server.port(), "/nope?delay=1");
        QVERIFY2(answer.startsWith("HTTP/1.1 404"), answer.constData());
        QVERIFY(answer.contains("unknown path '/nope'"));
    }

    void survivesClientsThatHangUpEarly()
    {
        const quint64 abandonedBefore = m_server.stats().abandoned;
        for (int i = 0; i < 20; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_server.port());
            QVERIFY(socket.waitForConnected(2000));
            socket.write("GET /?delay=0.2 HTTP/1.1\r\nHost: x\r\n\r\n");
            QVERIFY(socket.waitForBytesWritten(1000));
            QTest::qWait(5);
            socket.abort(); // gone before the answer
        }
        QTest::qWait(300); // the answers fall due now, their sockets are gone
        QTRY_COMPARE_WITH_TIMEOUT(m_server.stats().abandoned - abandonedBefore, quint64(20), 3000);
        // ...and the server still answers the next request.
        const QByteArray answer = rawGet(m_server.port(), "/?delay=0.01");
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QCOMPARE(m_server.stats().inFlight, 0);
    }

    void thousandConcurrentRequestsWithinOnePointFiveDelays()
    {
        AsyncHttpClient client({.limit = 1000}, CancelToken());
        std::vector<QCoro::Task<int>> requests;
        const QUrl url = withDelay(m_server.url(), 0.5);
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 1000; ++i) {
            requests.push_back(statusOf(client, url));
        }
        auto outcome = runTask(gather(std::move(requests)), 20000);
        const double elapsed = static_cast<double>(t.nsecsElapsed()) / 1e9;
        QVERIFY2(outcome.ok(), qPrintable(outcome.errorMessage()));
        QCOMPARE(outcome.value().size(), std::size_t(1000));
        QVERIFY2(elapsed <= 1.5 * 0.5 * (kSanitized ? 2 : 1),
            qPrintable(u"1000 requests took %1 s"_s.arg(elapsed)));
        QVERIFY(m_server.stats().peakInFlight >= 900);
        QCOMPARE(client.connectionCount(), 1000); // one keep-alive connection per slot, all on this thread
        QCOMPARE(client.managerCount(), 0);
    }

    void serialServerAnswersOneAtATime()
    {
        DelayServer serial;
        QString error;
        QVERIFY2(serial.start({.mode = DelayServer::Mode::Serial}, &error), qPrintable(error));
        AsyncHttpClient client({.limit = 10}, CancelToken());
        std::vector<QCoro::Task<int>> requests;
        for (int i = 0; i < 3; ++i) {
            requests.push_back(statusOf(client, withDelay(serial.url(), 0.1)));
        }
        QElapsedTimer t;
        t.start();
        auto outcome = runTask(gather(std::move(requests)));
        const double elapsed = static_cast<double>(t.nsecsElapsed()) / 1e9;
        QVERIFY(outcome.ok());
        QVERIFY2(elapsed >= 0.3 && elapsed <= 0.3 + marginFor(0.3), qPrintable(QString::number(elapsed)));
        QCOMPARE(serial.stats().peakInFlight, 3);
    }

    void recordsServerSpansForAttachedRuns()
    {
        auto rec = std::make_shared<Recorder>();
        const LaneId lane = rec->addLane(u"delay server"_s, LaneKind::Server);
        m_server.attach("run-x", rec, lane);
        AsyncHttpClient tagged({.runTag = "run-x"}, CancelToken());
        AsyncHttpClient untagged({}, CancelToken());
        QVERIFY(runTask(statusOf(tagged, withDelay(m_server.url(), 0.02))).ok());
        QVERIFY(runTask(statusOf(untagged, withDelay(m_server.url(), 0.02))).ok());
        m_server.detach("run-x");
        RunData run;
        rec->snapshot(run);
        QCOMPARE(run.spans.size(), std::size_t(1)); // only the tagged request
        QCOMPARE(run.str(run.spans[0].name), u"GET /?delay=0.02"_s);
        QVERIFY(run.spans[0].durationNs() >= 20'000'000);
        QVERIFY(!run.counters.empty());
    }

    void asyncClientSpansKnowWhenTheServerAnswered()
    {
        Recorder rec;
        const LaneId lane = rec.addLane(u"t"_s, LaneKind::Task);
        AsyncHttpClient client({}, CancelToken());
        QVERIFY(runTask(statusOf(client, withDelay(m_server.url(), 0.05), Trace {&rec, lane, 0, 0})).ok());
        const Span s = rec.span(0);
        QVERIFY(s.kind == SpanKind::Http);
        QVERIFY(!s.blocking);
        QCOMPARE(rec.string(s.name), u"GET /?delay=0.05"_s);
        QVERIFY2(rec.string(s.detail).startsWith(u"200 OK · "_s), qPrintable(rec.string(s.detail)));
        QVERIFY(s.readyNs != kUnknownTime);
        QVERIFY(s.readyNs - s.beginNs >= 50'000'000 && s.readyNs <= s.endNs);
    }

    void connectionLimitQueuesRequests()
    {
        Recorder rec;
        AsyncHttpClient client({.limit = 2}, CancelToken());
        std::vector<QCoro::Task<int>> requests;
        for (int i = 0; i < 4; ++i) {
            requests.push_back(statusOf(client, withDelay(m_server.url(), 0.1),
                Trace {&rec, rec.addLane(QString::number(i), LaneKind::Task), 0, 0}));
        }
        QElapsedTimer t;
        t.start();
        QVERIFY(runTask(gather(std::move(requests))).ok());
        QVERIFY(t.elapsed() >= 200); // two waves
        RunData run;
        rec.snapshot(run);
        int acquires = 0;
        for (const Span &s : run.spans) {
            acquires += s.kind == SpanKind::Acquire;
        }
        QCOMPARE(acquires, 2);
    }

    void blockingClientHoldsTheThread()
    {
        Recorder rec;
        QElapsedTimer t;
        t.start();
        const HttpResponse r
            = blockingGet(withDelay(m_server.url(), 0.1), 5s, CancelToken(), Trace {&rec, 0, 0, 0});
        QCOMPARE(r.status, 200);
        QVERIFY(t.elapsed() >= 100);
        QVERIFY(rec.span(0).blocking);
        QVERIFY(rec.span(0).kind == SpanKind::Http);
        // No event loop ran meanwhile: a timer due during the call fires only afterwards.
        bool fired = false;
        QTimer::singleShot(0, [&] { fired = true; });
        blockingGet(withDelay(m_server.url(), 0.05), 5s, CancelToken());
        QVERIFY(!fired);
        QTRY_VERIFY(fired);
    }

    void timeoutErrorNamesTheUrl()
    {
        AsyncHttpClient client({.timeout = 100ms}, CancelToken());
        const QUrl url = withDelay(m_server.url(), 2);
        QElapsedTimer t;
        t.start();
        auto outcome = runTask(statusOf(client, url));
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.errorMessage(), u"GET %1: timed out after 0.1 s (got no answer)"_s.arg(url.toDisplayString()));
        QVERIFY(t.elapsed() < 1500);
    }

    void connectionRefusedNamesTheUrl()
    {
        // A port nobody listens on: bind one, note it, close it.
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        const QUrl url(u"http://127.0.0.1:%1/?delay=1"_s.arg(port));
        AsyncHttpClient client({}, CancelToken());
        auto outcome = runTask(statusOf(client, url));
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.errorMessage().startsWith(u"GET %1: "_s.arg(url.toDisplayString())),
            qPrintable(outcome.errorMessage()));
        QVERIFY2(outcome.errorMessage().contains(u"refused"_s, Qt::CaseInsensitive),
            qPrintable(outcome.errorMessage()));
        try {
            blockingGet(url, 5s, CancelToken());
            QFAIL("a refused blocking GET must throw");
        } catch (const HttpError &e) {
            QVERIFY2(
                e.message().startsWith(u"GET %1: "_s.arg(url.toDisplayString())), qPrintable(e.message()));
        }
    }

    void httpErrorStatusIsAnError()
    {
        AsyncHttpClient client({}, CancelToken());
        QUrl url = m_server.url();
        url.setQuery(u"delay=0&status=503"_s);
        auto outcome = runTask(statusOf(client, url));
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.errorMessage().contains(u"HTTP 503"_s), qPrintable(outcome.errorMessage()));
    }

    void cancellationAbortsEveryReply()
    {
        CancelToken token;
        AsyncHttpClient client({.limit = 3}, token);
        std::vector<QCoro::Task<int>> requests;
        for (int i = 0; i < 5; ++i) { // 3 in flight, 2 waiting for a slot
            requests.push_back(statusOf(client, withDelay(m_server.url(), 10)));
        }
        QTimer::singleShot(100, [token] { token.cancel(); });
        QElapsedTimer t;
        t.start();
        auto outcome = runTask(gatherSettled(std::move(requests)));
        QVERIFY(outcome.ok());
        QVERIFY2(t.elapsed() < 2000, "cancel must abort the replies, not wait 10 s");
        for (const auto &o : outcome.value()) {
            QVERIFY(!o.ok());
            QVERIFY2(o.errorMessage().startsWith(u"cancelled"_s), qPrintable(o.errorMessage()));
        }
        QCOMPARE(client.inFlight(), 0);
        QCOMPARE(client.waiting(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_server.stats().inFlight, 0, 3000); // the server saw them go
    }

    void urlHelpers()
    {
        QCOMPARE(withDelay(QUrl(u"http://h:1"_s), 3).toString(), u"http://h:1/?delay=3"_s);
        QCOMPARE(withDelay(QUrl(u"http://h/api?x=1"_s), 0.5).toString(), u"http://h/api?x=1&delay=0.5"_s);
        QCOMPARE(withDelay(QUrl(u"http://h/?delay=9"_s), 1).toString(), u"http://h/?delay=1"_s);
        QCOMPARE(checkHttpUrl(u"https://example.org/x"_s), QString());
        QVERIFY(checkHttpUrl(u"ftp://example.org"_s).contains(u"not an http:// or https:// URL"_s));
        QVERIFY(checkHttpUrl(u"http://"_s).contains(u"no host"_s));
    }

private:
    DelayServer m_server;
};

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
