#pragma once
// Struct-of-arrays storage for one kind of agent (residents, households, professionals).
//
// Each attribute is a typed column (a contiguous std::vector<T>); agent i of the store lives
// in slot i of every column. Ids are stable and never reused: an id names the same agent for
// the whole run, whatever moves or deaths happen around it. Slots are not stable across
// commit(): removals are deferred (mark_removed) and applied by commit(), which compacts the
// columns in place *preserving order*, so slot order is always id order. That keeps every
// iteration and every reduction in a fixed order (determinism) without sorting.
//
// Thread-safety: concurrent writes to *different* slots of a column are safe (the scheduler
// gives each block its own slots); spawn() and commit() are serial only.
#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <typeindex>
#include <utility>
#include <vector>

#include "wijksim/engine/error.hpp"
#include "wijksim/engine/executor.hpp"
#include "wijksim/engine/strong_id.hpp"

namespace wijksim::engine {

/// A column of some store, type-erased: what the scheduler's access declarations name.
struct ColumnKey {
  std::uint64_t store = 0;      ///< identity of the owning store (see AgentStore::uid)
  std::uint32_t index = 0;      ///< column index within the store
  friend bool operator==(const ColumnKey&, const ColumnKey&) = default;
};

/// A typed handle to a column, obtained from AgentStore::add_column. Cheap to copy; use it in
/// hot loops instead of names (STYLE.md: no strings looked up in hot loops).
template <class T>
struct Column {
  ColumnKey key;
};

/// Where each old slot went after a commit(): kRemoved, or its new slot.
struct SlotRemap {
  static constexpr std::uint32_t kRemoved = UINT32_MAX;
  std::vector<std::uint32_t> new_slot_of_old;  ///< size = slot count before the commit
  std::uint32_t new_size = 0;
  [[nodiscard]] bool is_identity() const noexcept;
};

/// A run of consecutive slots that survive a commit: [first, first + count).
struct KeptRun {
  std::size_t first = 0;
  std::size_t count = 0;
};

namespace detail {

/// A process-wide counter that only hands out identities (never read back as state).
std::uint64_t next_store_uid() noexcept;

class ColumnBase {
 public:
  ColumnBase(std::string name, std::type_index type) : name_(std::move(name)), type_(type) {}
  virtual ~ColumnBase() = default;
  ColumnBase(const ColumnBase&) = delete;
  ColumnBase& operator=(const ColumnBase&) = delete;

  virtual void grow_to(std::size_t n) = 0;
  /// Keeps the slots of `runs` (in order, non-overlapping, ascending), moving each run of
  /// consecutive kept slots as one block to the front: O(kept) with a few large copies when
  /// removals are few, as they are tick to tick.
  virtual void compact(std::span<const KeptRun> runs, std::size_t kept) = 0;
  [[nodiscard]] virtual std::size_t value_bytes() const noexcept = 0;
  [[nodiscard]] virtual std::span<const std::byte> bytes() const noexcept = 0;
  [[nodiscard]] virtual std::size_t capacity_bytes() const noexcept = 0;

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] std::type_index type() const noexcept { return type_; }

 private:
  std::string name_;
  std::type_index type_;
};

template <class T>
class TypedColumn final : public ColumnBase {
 public:
  TypedColumn(std::string name, T default_value, std::size_t n)
      : ColumnBase(std::move(name), typeid(T)), default_(default_value), values(n, default_value) {}

  void grow_to(std::size_t n) override { values.resize(n, default_); }
  void compact(std::span<const KeptRun> runs, std::size_t kept) override {
    std::size_t out = 0;
    for (const KeptRun& run : runs) {
      if (run.first != out) {  // destination before source: a forward copy is safe
        const auto from = values.begin() + static_cast<std::ptrdiff_t>(run.first);
        std::copy(from, from + static_cast<std::ptrdiff_t>(run.count), values.begin() + static_cast<std::ptrdiff_t>(out));
      }
      out += run.count;
    }
    values.resize(kept);
  }
  [[nodiscard]] std::size_t value_bytes() const noexcept override { return sizeof(T); }
  [[nodiscard]] std::span<const std::byte> bytes() const noexcept override {
    return std::as_bytes(std::span<const T>(values));
  }
  [[nodiscard]] std::size_t capacity_bytes() const noexcept override {
    return values.capacity() * sizeof(T);
  }

  T default_;
  std::vector<T> values;
};

}  // namespace detail

/// Storage for agents named by `Id` (a StrongId). See the file comment for the contract.
template <class Id>
class AgentStore {
 public:
  using id_type = Id;

  explicit AgentStore(std::string name) : name_(std::move(name)), uid_(detail::next_store_uid()) {}
  AgentStore(const AgentStore&) = delete;
  AgentStore& operator=(const AgentStore&) = delete;
  AgentStore(AgentStore&&) noexcept = default;
  AgentStore& operator=(AgentStore&&) noexcept = default;
  ~AgentStore() = default;

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// Identity of this store for column keys; survives moves, unique in the process.
  [[nodiscard]] std::uint64_t uid() const noexcept { return uid_; }

  /// Adds a column; existing agents get `default_value`. Names are unique within the store.
  /// Throws DeclarationError on a duplicate name. `bool` is refused at compile time (the
  /// std::vector<bool> specialisation packs bits and cannot be written by several threads):
  /// use std::uint8_t.
  template <class T>
  Column<T> add_column(std::string column_name, T default_value = T{}) {
    static_assert(!std::is_same_v<T, bool>, "use std::uint8_t for flags (vector<bool> races)");
    static_assert(std::is_trivially_copyable_v<T>, "columns hold plain values");
    for (const auto& c : columns_) {
      if (c->name() == column_name) {
        throw DeclarationError("store '" + name_ + "': column '" + column_name +
                               "' declared twice");
      }
    }
    columns_.push_back(
        std::make_unique<detail::TypedColumn<T>>(std::move(column_name), default_value, size()));
    return Column<T>{ColumnKey{uid_, static_cast<std::uint32_t>(columns_.size() - 1)}};
  }

  /// All values of a column, slot-indexed.
  template <class T>
  [[nodiscard]] std::span<T> values(Column<T> column) noexcept {
    return typed(column).values;
  }
  template <class T>
  [[nodiscard]] std::span<const T> values(Column<T> column) const noexcept {
    return const_cast<AgentStore*>(this)->typed(column).values;
  }

  /// Number of agents (live and marked-for-removal until the next commit()).
  [[nodiscard]] std::size_t size() const noexcept { return ids_.size(); }
  [[nodiscard]] bool empty() const noexcept { return ids_.empty(); }

  /// Ids in slot order (ascending).
  [[nodiscard]] std::span<const Id> ids() const noexcept { return ids_; }
  [[nodiscard]] Id id_at(std::size_t slot) const noexcept { return ids_[slot]; }

  /// The slot of a live agent, or nothing if the id was never issued or has been removed.
  [[nodiscard]] std::optional<std::size_t> slot_of(Id id) const noexcept {
    const auto v = static_cast<std::size_t>(id.value());
    if (!id.is_valid() || v >= slot_of_id_.size() || slot_of_id_[v] == SlotRemap::kRemoved) {
      return std::nullopt;
    }
    return slot_of_id_[v];
  }
  [[nodiscard]] bool contains(Id id) const noexcept { return slot_of(id).has_value(); }

  /// Appends one agent with every column at its default, and returns its new id (the next
  /// unused one). Serial only. Slots of existing agents do not change.
  Id spawn() {
    const Id id{next_id_++};
    const auto slot = static_cast<std::uint32_t>(ids_.size());
    ids_.push_back(id);
    removed_.push_back(0);
    slot_of_id_.push_back(slot);
    for (auto& c : columns_) c->grow_to(ids_.size());
    return id;
  }

  /// Marks the agent in `slot` for removal at the next commit(). Safe from a parallel phase
  /// as long as each slot is marked by the block that owns it.
  void mark_removed(std::size_t slot) noexcept { removed_[slot] = 1; }
  [[nodiscard]] bool is_marked_removed(std::size_t slot) const noexcept {
    return removed_[slot] != 0;
  }
  [[nodiscard]] std::size_t pending_removals() const noexcept {
    std::size_t n = 0;
    for (const auto r : removed_) n += r;
    return n;
  }

  /// Applies pending removals: compacts every column, keeping order. Returns where each old
  /// slot went, so that references held elsewhere (network vertices, indices) can follow.
  /// With an executor the columns are compacted side by side (each by one thread; the same
  /// bytes at any thread count).
  SlotRemap commit(Executor* executor = nullptr) {
    SlotRemap remap;
    remap.new_slot_of_old.assign(ids_.size(), SlotRemap::kRemoved);
    std::vector<std::uint32_t> kept;
    kept.reserve(ids_.size());
    for (std::uint32_t slot = 0; slot < ids_.size(); ++slot) {
      if (removed_[slot] != 0) {
        slot_of_id_[ids_[slot].value()] = SlotRemap::kRemoved;
      } else {
        remap.new_slot_of_old[slot] = static_cast<std::uint32_t>(kept.size());
        kept.push_back(slot);
      }
    }
    remap.new_size = static_cast<std::uint32_t>(kept.size());
    if (kept.size() == ids_.size()) return remap;
    std::vector<KeptRun> runs;
    for (std::size_t k = 0; k < kept.size(); ++k) {
      if (!runs.empty() && runs.back().first + runs.back().count == kept[k]) {
        ++runs.back().count;
      } else {
        runs.push_back(KeptRun{kept[k], 1});
      }
    }
    if (executor != nullptr) {
      executor->for_each_block(columns_.size(), 1, [&](const BlockRange& column) {
        columns_[column.begin]->compact(runs, kept.size());
      });
    } else {
      for (auto& c : columns_) c->compact(runs, kept.size());
    }
    std::size_t out = 0;
    for (const std::uint32_t slot : kept) ids_[out++] = ids_[slot];
    ids_.resize(out);
    removed_.assign(out, 0);
    for (std::uint32_t slot = 0; slot < ids_.size(); ++slot) slot_of_id_[ids_[slot].value()] = slot;
    return remap;
  }

  /// Bytes of all column values per agent (what one more agent costs), excluding the id map.
  [[nodiscard]] std::size_t bytes_per_agent() const noexcept {
    std::size_t bytes = sizeof(Id) + sizeof(std::uint8_t) + sizeof(std::uint32_t);
    for (const auto& c : columns_) bytes += c->value_bytes();
    return bytes;
  }
  /// Bytes held by the store now (capacity, not size).
  [[nodiscard]] std::size_t allocated_bytes() const noexcept {
    std::size_t bytes = ids_.capacity() * sizeof(Id) + removed_.capacity() +
                        slot_of_id_.capacity() * sizeof(std::uint32_t);
    for (const auto& c : columns_) bytes += c->capacity_bytes();
    return bytes;
  }

  /// Calls f(name, bytes) for each column in declaration order, then for the ids: the
  /// complete state of the store, for checksums and determinism tests.
  template <class F>
  void for_each_column_bytes(F&& f) const {
    for (const auto& c : columns_) f(c->name(), c->bytes());
    f(std::string("<ids>"), std::as_bytes(std::span<const Id>(ids_)));
  }

  [[nodiscard]] std::size_t column_count() const noexcept { return columns_.size(); }
  [[nodiscard]] const std::string& column_name(std::uint32_t index) const noexcept {
    return columns_[index]->name();
  }

 private:
  template <class T>
  detail::TypedColumn<T>& typed(Column<T> column) noexcept {
    assert(column.key.store == uid_ && "column handle belongs to another store");
    assert(column.key.index < columns_.size());
    auto* base = columns_[column.key.index].get();
    assert(base->type() == std::type_index(typeid(T)));
    return *static_cast<detail::TypedColumn<T>*>(base);
  }

  std::string name_;
  std::uint64_t uid_;
  std::vector<std::unique_ptr<detail::ColumnBase>> columns_;
  std::vector<Id> ids_;
  std::vector<std::uint8_t> removed_;
  std::vector<std::uint32_t> slot_of_id_;  // indexed by id value; kRemoved when gone
  typename Id::rep_type next_id_ = 0;
};

inline bool SlotRemap::is_identity() const noexcept {
  if (new_size != new_slot_of_old.size()) return false;
  for (std::uint32_t i = 0; i < new_slot_of_old.size(); ++i) {
    if (new_slot_of_old[i] != i) return false;
  }
  return true;
}

}  // namespace wijksim::engine
