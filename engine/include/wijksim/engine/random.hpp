#pragma once
// Deterministic random streams: Philox4x32-10 (Random123), counter-based, so that a draw is a
// pure function of (seed, run id, entity, tick, purpose, index) and never depends on which
// thread asks or in what order (ARCHITECTURE.md "Reproducible").
//
//   key     = derived from (seed, run id)             — one per run
//   counter = (entity id, tick, purpose, index)       — one block of 4 words per index
//
// Thread-safety: a RandomStream is a small value owned by one thread; make one per
// (entity, tick, purpose) where you need it. Nothing is shared.
#include <Random123/philox.h>

#include <array>
#include <cstdint>
#include <span>

#include "wijksim/engine/strong_id.hpp"

namespace wijksim::engine {

/// splitmix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
[[nodiscard]] constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

/// The Philox key of one run. Built from (seed, run id) through two rounds of mix64, so that
/// neighbouring seeds and run ids give unrelated keys.
struct RandomKey {
  std::uint32_t k0 = 0;
  std::uint32_t k1 = 0;

  [[nodiscard]] static constexpr RandomKey from(std::uint64_t seed, std::uint64_t run_id) noexcept {
    const std::uint64_t k = mix64(mix64(seed) ^ (run_id * 0xD1B54A32D192ED03ULL + 1U));
    return RandomKey{static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k >> 32U)};
  }
  friend constexpr bool operator==(RandomKey, RandomKey) noexcept = default;
};

/// One Philox4x32-10 block: 4 uniformly distributed 32-bit words.
[[nodiscard]] inline std::array<std::uint32_t, 4> philox_block(RandomKey key, std::uint32_t c0,
                                                               std::uint32_t c1, std::uint32_t c2,
                                                               std::uint32_t c3) noexcept {
  r123::Philox4x32 generator;
  const r123::Philox4x32::ctr_type counter = {{c0, c1, c2, c3}};
  const r123::Philox4x32::key_type philox_key = {{key.k0, key.k1}};
  const auto out = generator(counter, philox_key);
  return {out[0], out[1], out[2], out[3]};
}

/// A sequence of random words for one (entity, tick, purpose). The index counter advances by
/// one per Philox block; words are handed out in order, so the n-th draw of a stream is always
/// the same number. Streams with different purposes never overlap.
class RandomStream {
 public:
  /// A placeholder (key 0, entity 0, tick 0, purpose 0), so that arrays of streams can be
  /// filled in place; assign a real stream before drawing from it.
  RandomStream() noexcept : RandomStream(RandomKey{}, 0, Tick{0}, 0) {}
  RandomStream(RandomKey key, std::uint32_t entity, Tick tick, std::uint32_t purpose) noexcept
      : key_(key),
        entity_(entity),
        tick_(static_cast<std::uint32_t>(tick.value())),
        purpose_(purpose) {}

  /// The same stream with its first block already computed (by first_blocks): the draws are
  /// exactly those of the stream above.
  RandomStream(RandomKey key, std::uint32_t entity, Tick tick, std::uint32_t purpose,
               const std::array<std::uint32_t, 4>& first_block) noexcept
      : key_(key),
        entity_(entity),
        tick_(static_cast<std::uint32_t>(tick.value())),
        purpose_(purpose),
        index_(1),
        used_(0),
        buffer_(first_block) {}

  /// The next uniformly distributed 32-bit word.
  [[nodiscard]] std::uint32_t next_u32() noexcept {
    if (used_ == 4) refill();
    return buffer_[used_++];
  }

  /// A uniform double in [0, 1) with 53 random bits (two words).
  [[nodiscard]] double next_double() noexcept {
    const std::uint64_t hi = next_u32();
    const std::uint64_t lo = next_u32();
    const std::uint64_t bits53 = ((hi << 32U) | lo) >> 11U;
    return static_cast<double>(bits53) * 0x1.0p-53;
  }

  /// How many Philox blocks this stream has consumed (for tests and diagnostics).
  [[nodiscard]] std::uint32_t blocks_used() const noexcept { return index_; }

 private:
  void refill() noexcept {
    buffer_ = philox_block(key_, entity_, tick_, purpose_, index_++);
    used_ = 0;
  }

  RandomKey key_;
  std::uint32_t entity_;
  std::uint32_t tick_;
  std::uint32_t purpose_;
  std::uint32_t index_ = 0;
  std::uint32_t used_ = 4;
  std::array<std::uint32_t, 4> buffer_{};
};

/// The first Philox block of many streams of one tick and purpose that differ only in their
/// entity: out[i] = philox_block(key, entities[i], tick, purpose, 0), for i < entities.size()
/// (out must be at least as long). Many entities per instruction — the vectorised way to
/// start a stream per agent of a block; the words are exactly philox_block's.
void first_blocks(RandomKey key, std::span<const std::uint32_t> entities, Tick tick, std::uint32_t purpose,
                  std::span<std::array<std::uint32_t, 4>> out) noexcept;

/// The streams of one tick and purpose for a batch of entities, their first blocks computed
/// together by first_blocks: after prepare(n, entity_of), stream(k) draws exactly what
/// RandomStream(key, entity_of(k), tick, purpose) draws. For loops that start a stream per
/// agent and draw one or two numbers from it (most of a scalar stream's cost is its first
/// block). Lives on the stack (5 KiB); one per thread.
///
/// @code
///   StreamBatch deaths(ctx.key(), ctx.tick(), kPurposeDeath);
///   deaths.prepare(n, [&](std::size_t k) { return ids[k]; });  // n <= StreamBatch::kSize
///   RandomStream s = deaths.stream(k);                          // == ctx.stream(ids[k], kPurposeDeath)
/// @endcode
class StreamBatch {
 public:
  static constexpr std::size_t kSize = 256;

  StreamBatch(RandomKey key, Tick tick, std::uint32_t purpose) noexcept : key_(key), tick_(tick), purpose_(purpose) {}

  /// Takes the entities entity_of(0) .. entity_of(count - 1) and computes the first blocks of
  /// their streams; count <= kSize.
  template <typename EntityOf>
  void prepare(std::size_t count, EntityOf&& entity_of) noexcept {
    size_ = count;
    for (std::size_t k = 0; k < count; ++k) entities_[k] = entity_of(k);
    first_blocks(key_, std::span<const std::uint32_t>(entities_.data(), size_), tick_, purpose_, blocks_);
  }

  /// The k-th entity's stream (k < the size given to the last prepare).
  [[nodiscard]] RandomStream stream(std::size_t k) const noexcept {
    return RandomStream(key_, entities_[k], tick_, purpose_, blocks_[k]);
  }
  [[nodiscard]] std::uint32_t entity(std::size_t k) const noexcept { return entities_[k]; }

 private:
  RandomKey key_;
  Tick tick_;
  std::uint32_t purpose_;
  std::size_t size_ = 0;
  std::array<std::uint32_t, kSize> entities_{};
  std::array<std::array<std::uint32_t, 4>, kSize> blocks_{};
};

}  // namespace wijksim::engine
