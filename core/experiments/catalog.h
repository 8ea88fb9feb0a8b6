// SPDX-License-Identifier: MIT
#pragma once

#include <QStringView>

#include <vector>

namespace Coroscope {

class Experiment;

/// Every experiment Coroscope knows, in catalog order.
namespace Catalog {
[[nodiscard]] const std::vector<const Experiment *> &all();
/// nullptr when there is no experiment with that id.
[[nodiscard]] const Experiment *find(QStringView id);
} // namespace Catalog

} // namespace Coroscope
