#pragma once
/// The prepared statements of one physical connection, keyed by SQL text and
/// bounded (least recently used out first), so a plugin that builds SQL
/// dynamically (filters, sort columns) cannot grow it without limit.
///
/// Both dialects keep one per connection object: SqliteConnection caches
/// sqlite3_stmt handles, PostgresConnection the names of server-side
/// prepared statements. The cache never frees anything itself: insert()
/// hands back the entry it pushed out and clear() every entry, so the owner
/// finalizes (SQLite) or DEALLOCATEs (PostgreSQL) them. It dies with the
/// connection that owns it; nothing outlives a reconnect.
///
/// Not thread-safe: a connection is used by one thread at a time.

#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace motel::host {

template <class Statement> class StatementCache {
public:
    static constexpr std::size_t kDefaultCapacity = 256;

    explicit StatementCache(std::size_t capacity = kDefaultCapacity) : capacity_(capacity == 0 ? 1 : capacity) {}

    /// The statement prepared for `sql`, now the most recently used; null when absent.
    Statement* find(const std::string& sql) {
        const auto it = index_.find(sql);
        if (it == index_.end()) return nullptr;
        entries_.splice(entries_.begin(), entries_, it->second);
        return &it->second->second;
    }

    /// Adds `statement` for `sql` (which must not be cached yet); returns the
    /// least recently used entry when that makes the cache exceed its capacity.
    std::optional<Statement> insert(const std::string& sql, Statement statement) {
        entries_.emplace_front(sql, std::move(statement));
        index_.emplace(entries_.front().first, entries_.begin());
        if (entries_.size() <= capacity_) return std::nullopt;
        std::optional<Statement> evicted(std::move(entries_.back().second));
        index_.erase(entries_.back().first);
        entries_.pop_back();
        return evicted;
    }

    /// Forgets `sql` and hands its statement back; nullopt when absent.
    std::optional<Statement> remove(const std::string& sql) {
        const auto it = index_.find(sql);
        if (it == index_.end()) return std::nullopt;
        std::optional<Statement> removed(std::move(it->second->second));
        entries_.erase(it->second);
        index_.erase(it);
        return removed;
    }

    /// Empties the cache and hands every statement back.
    std::vector<Statement> clear() {
        std::vector<Statement> all;
        all.reserve(entries_.size());
        for (auto& entry : entries_) all.push_back(std::move(entry.second));
        index_.clear();
        entries_.clear();
        return all;
    }

    std::size_t size() const { return entries_.size(); }
    std::size_t capacity() const { return capacity_; }

private:
    using Entries = std::list<std::pair<std::string, Statement>>;
    std::size_t capacity_;
    Entries entries_;
    std::unordered_map<std::string, typename Entries::iterator> index_;
};

} // namespace motel::host
