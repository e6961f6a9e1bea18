#pragma once
// Deterministic contention for capacity-limited resources (caseload slots, a carer's hours,
// beds). Three steps:
//   request   — parallel phases push Requests into per-block buffers (RequestBuffer);
//   arbitrate — serially, requests are put in a canonical order, by (resource, priority
//               descending, salted hash of the requester, requester, sequence), and each
//               resource grants in that order until its capacity is used;
//   grant     — the Grants are applied by a later phase.
// The order is a pure function of the requests and the salt: never of threads or of the
// order requests arrived in. The salted hash stops low ids from always winning ties.
#include <cstdint>
#include <span>
#include <vector>

#include "wijksim/engine/executor.hpp"

namespace wijksim::engine {

struct Request {
  std::uint32_t resource = 0;   ///< index into the capacity vector
  std::uint32_t requester = 0;  ///< the asking entity (an agent slot or id)
  std::int32_t priority = 0;    ///< higher is served first
  std::uint32_t sequence = 0;   ///< distinguishes several requests of one requester
  double amount = 1.0;          ///< units of capacity wanted (> 0)
};

struct Grant {
  std::uint32_t resource = 0;
  std::uint32_t requester = 0;
  std::uint32_t sequence = 0;
  double amount = 0.0;  ///< units granted: amount asked, or less when partial grants are on
};

struct ArbitrationRule {
  bool allow_partial = false;  ///< grant what is left when less than asked remains
  std::uint64_t salt = 0;      ///< e.g. mix64(tick) so tie order changes from tick to tick
};

/// Per-block request buffers: block b writes only buffers_[b], so parallel pushes need no
/// lock. Sized for a phase's block count before the phase runs.
class RequestBuffer {
 public:
  void reset(std::size_t blocks) {
    buffers_.resize(blocks);
    for (auto& b : buffers_) b.clear();
  }
  void push(const BlockRange& block, const Request& request) { buffers_[block.index].push_back(request); }
  /// All requests, blocks concatenated in block order.
  [[nodiscard]] std::vector<Request> gather() const;

 private:
  std::vector<std::vector<Request>> buffers_;
};

/// Grants requests against `capacity` (indexed by resource, in units; left reduced by what
/// was granted). Requests for a resource outside `capacity` are a programming error
/// (asserted). Returns grants in canonical order; requests granted nothing are left out.
[[nodiscard]] std::vector<Grant> arbitrate(std::vector<Request> requests,
                                           std::span<double> capacity, const ArbitrationRule& rule);

}  // namespace wijksim::engine
