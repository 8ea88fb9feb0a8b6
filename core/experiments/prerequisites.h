// SPDX-License-Identifier: MIT
#pragma once

// What experiments need started before their clock runs (their prepare()), in one place.

#include "experiment.h"

namespace Coroscope {

/// Starts the embedded delay server unless the `url` parameter names another endpoint.
void prepareHttp(const Params &params);

/// The `sql` parameter of the PostgreSQL experiments (default SELECT pg_sleep($1)).
[[nodiscard]] ParamSpec sqlParam();
/// A query's parameters: the delay bound as $1 when the SQL uses it (never spliced into it).
[[nodiscard]] QStringList delayParams(const QString &sql, double delay);

/// Base of the PostgreSQL experiments: unavailable (with the reason) when there is no
/// PostgreSQL here; prepare() gets the database ready (starts the private cluster if that is
/// where it comes from) before the clock.
class PostgresExperiment : public Experiment
{
public:
    using Experiment::Experiment;
    [[nodiscard]] QString unavailableReason() const override;
    void prepare(const Params &params) const override;
};

} // namespace Coroscope
