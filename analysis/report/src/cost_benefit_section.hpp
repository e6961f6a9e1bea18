#pragma once
// The report's section on costs and benefits per payer (MODEL.md §8; the Dutch MKBA, S0:L961):
// for each arm after the first, paired bars per payer of costs, benefits and net against the
// baseline arm, with 95% intervals, and the same figures with the benefit-cost ratio as a table.
#include <string>

#include "report_data.hpp"

namespace wijksim::report {

/// The section's HTML (heading included); a note where the file has no ledger (a single run, or
/// a comparison written before it was recorded).
[[nodiscard]] std::string cost_benefit_section(const ReportData& data);

}  // namespace wijksim::report
