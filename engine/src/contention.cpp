#include "wijksim/engine/contention.hpp"

#include <algorithm>
#include <cassert>
#include <tuple>

#include "wijksim/engine/random.hpp"

namespace wijksim::engine {

std::vector<Request> RequestBuffer::gather() const {
  std::size_t total = 0;
  for (const auto& b : buffers_) total += b.size();
  std::vector<Request> all;
  all.reserve(total);
  for (const auto& b : buffers_) all.insert(all.end(), b.begin(), b.end());
  return all;
}

std::vector<Grant> arbitrate(std::vector<Request> requests, std::span<double> capacity,
                             const ArbitrationRule& rule) {
  const auto tie_hash = [&rule](const Request& r) {
    return mix64(rule.salt ^ (static_cast<std::uint64_t>(r.requester) << 20U) ^ r.sequence);
  };
  std::sort(requests.begin(), requests.end(), [&](const Request& a, const Request& b) {
    return std::make_tuple(a.resource, -a.priority, tie_hash(a), a.requester, a.sequence) <
           std::make_tuple(b.resource, -b.priority, tie_hash(b), b.requester, b.sequence);
  });
  std::vector<Grant> grants;
  grants.reserve(requests.size());
  for (const Request& r : requests) {
    assert(r.resource < capacity.size());
    assert(r.amount > 0.0);
    double& left = capacity[r.resource];
    if (left <= 0.0) continue;
    if (r.amount <= left) {
      left -= r.amount;
      grants.push_back(Grant{r.resource, r.requester, r.sequence, r.amount});
    } else if (rule.allow_partial) {
      grants.push_back(Grant{r.resource, r.requester, r.sequence, left});
      left = 0.0;
    }
  }
  return grants;
}

}  // namespace wijksim::engine
