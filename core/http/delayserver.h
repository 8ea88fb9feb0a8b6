// SPDX-License-Identifier: MIT
#pragma once

#include "timeline/recorder.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

namespace Coroscope {

/**
 * The delay server: a real HTTP server on 127.0.0.1, on a thread of its own.
 *
 * `GET /?delay=S[&value=V][&status=CODE]` answers after S seconds (a precise timer, no
 * thread per request) with a small JSON body: delay, value, and the server's own receive and
 * answer times on the process's steady clock. Bad parameters get 400 with a message naming
 * the parameter. `GET /stats` reports in-flight, peak and served counts.
 *
 * HTTP/1.0 and 1.1 as clients expect them (curl, ab, wrk, Python's http.client): keep-alive
 * by default in 1.1 and on request in 1.0 (answered with `Connection: keep-alive`), closed
 * after the answer otherwise; pipelined requests answered in order; HEAD, 204 and 304
 * without a body; malformed requests get 400 (413, 431, 501, 505 where those fit) and are
 * closed; other methods 405; idle and slow-header connections closed after a timeout.
 *
 * Mode `Async` answers every request after its own delay, all waiting at once; `Serial`
 * handles one request at a time, like a single synchronous worker (WSGI vs ASGI).
 *
 * A run can attach its recorder: requests carrying that run's tag (header
 * `X-Coroscope-Run`, or the path `/run/TAG/?delay=S`) then appear as spans on the run's server lane, with an in-flight
 * counter. It never runs on an experiment's loop, or a blocking client there would wait
 * forever on its own server.
 */
class DelayServer
{
public:
    enum class Mode
    {
        Async,
        Serial
    };
    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost; ///< 127.0.0.1 only, never 0.0.0.0
        quint16 port = 0; ///< 0: a free port
        Mode mode = Mode::Async;
        /// A keep-alive connection with nothing to do for this long is closed.
        std::chrono::milliseconds idleTimeout {std::chrono::seconds(30)};
        /// A client that has not finished sending a request's headers within this long gets
        /// 408 and is closed (slow-header clients cannot hold connections forever).
        std::chrono::milliseconds headerTimeout {std::chrono::seconds(10)};
    };
    struct Stats
    {
        int inFlight = 0;
        int peakInFlight = 0;
        quint64 served = 0;
        quint64 rejected = 0; ///< 400 answers
        quint64 abandoned = 0; ///< clients that hung up before their answer
    };

    static constexpr auto kRunHeader = "X-Coroscope-Run";
    static constexpr double kMaxDelaySeconds = 60;

    DelayServer();
    ~DelayServer();
    DelayServer(const DelayServer &) = delete;
    DelayServer &operator=(const DelayServer &) = delete;

    /// Starts the server thread and listens; false (with `error`, naming the address) if
    /// the port cannot be bound.
    bool start(const Options &options, QString *error = nullptr);
    void stop();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] Mode mode() const;
    /// http://127.0.0.1:PORT/
    [[nodiscard]] QUrl url() const;
    [[nodiscard]] Stats stats() const;

    /// Requests tagged `runTag` are recorded on `lane` of `recorder` until detached.
    void attach(const QByteArray &runTag, std::shared_ptr<Recorder> recorder, LaneId lane);
    void detach(const QByteArray &runTag);

    /// The process-wide server the HTTP experiments use by default (async, free port),
    /// started on first use and stopped when the application quits.
    static DelayServer &embedded(QString *error = nullptr) { return shared(Mode::Async, error); }
    /// The process-wide server of `mode` (one each), started on first use, stopped at quit.
    static DelayServer &shared(Mode mode, QString *error = nullptr);

    class Impl;

private:
    std::unique_ptr<Impl> d;
};

/// Raises the soft RLIMIT_NOFILE to the hard limit (thousands of sockets at once).
void raiseOpenFileLimit();

} // namespace Coroscope
