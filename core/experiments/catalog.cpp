// SPDX-License-Identifier: MIT
#include "catalog.h"

#include "experiment.h"

#include <memory>

namespace Coroscope {

// One factory per experiment file.
std::unique_ptr<Experiment> makeAwaitSequential();
std::unique_ptr<Experiment> makeTasksConcurrent();
std::unique_ptr<Experiment> makeGather();
std::unique_ptr<Experiment> makeBlockingInTask();
std::unique_ptr<Experiment> makeSayAfter();
std::unique_ptr<Experiment> makeGatherExceptions();
std::unique_ptr<Experiment> makeAsCompleted();
std::unique_ptr<Experiment> makeOffloadToPool();
std::unique_ptr<Experiment> makeCpuBound();
std::unique_ptr<Experiment> makeNestedEventLoop();
std::unique_ptr<Experiment> makeHttpBlockingX2();
std::unique_ptr<Experiment> makeHttpAsyncX2();
std::unique_ptr<Experiment> makeHttpFanout();
std::unique_ptr<Experiment> makeServerSerialVsAsync();
std::unique_ptr<Experiment> makePgBlockingX2();
std::unique_ptr<Experiment> makePgAsyncX2();
std::unique_ptr<Experiment> makePgTwoQueriesShared();
std::unique_ptr<Experiment> makePgTwoQueriesSeparate();
std::unique_ptr<Experiment> makePgScopePitfall();
std::unique_ptr<Experiment> makePgPoolSetRole();
std::unique_ptr<Experiment> makePgPoolSaturation();
std::unique_ptr<Experiment> makePgPoolPrePing();
std::unique_ptr<Experiment> makePgBlockingDriverOffload();
std::unique_ptr<Experiment> makeComboBlockingBlocking();
std::unique_ptr<Experiment> makeComboMixed();
std::unique_ptr<Experiment> makeComboAsyncAsync();

namespace {

struct Registry
{
    std::vector<std::unique_ptr<Experiment>> owned;
    std::vector<const Experiment *> view;

    Registry()
    {
        owned.push_back(makeAwaitSequential());
        owned.push_back(makeTasksConcurrent());
        owned.push_back(makeSayAfter());
        owned.push_back(makeGather());
        owned.push_back(makeGatherExceptions());
        owned.push_back(makeAsCompleted());
        owned.push_back(makeBlockingInTask());
        owned.push_back(makeOffloadToPool());
        owned.push_back(makeCpuBound());
        owned.push_back(makeNestedEventLoop());
        owned.push_back(makeHttpBlockingX2());
        owned.push_back(makeHttpAsyncX2());
        owned.push_back(makeHttpFanout());
        owned.push_back(makeServerSerialVsAsync());
        owned.push_back(makePgBlockingX2());
        owned.push_back(makePgAsyncX2());
        owned.push_back(makePgTwoQueriesShared());
        owned.push_back(makePgTwoQueriesSeparate());
        owned.push_back(makePgScopePitfall());
        owned.push_back(makePgPoolSetRole());
        owned.push_back(makePgPoolSaturation());
        owned.push_back(makePgPoolPrePing());
        owned.push_back(makePgBlockingDriverOffload());
        owned.push_back(makeComboBlockingBlocking());
        owned.push_back(makeComboMixed());
        owned.push_back(makeComboAsyncAsync());
        for (const auto &e : owned) {
            view.push_back(e.get());
        }
    }
};

const Registry &registry()
{
    static const Registry instance;
    return instance;
}

} // namespace

const std::vector<const Experiment *> &Catalog::all()
{
    return registry().view;
}

const Experiment *Catalog::find(QStringView id)
{
    for (const Experiment *e : registry().view) {
        if (e->id() == id) {
            return e;
        }
    }
    return nullptr;
}

} // namespace Coroscope
