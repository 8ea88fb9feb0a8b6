// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace Coroscope {

/// Append-only vector that never moves its elements: storage grows in fixed chunks, so
/// appending is O(1) without reallocation copies and references stay valid.
template<typename T, std::size_t ChunkBits = 12> class ChunkedVector
{
public:
    static constexpr std::size_t kChunkSize = std::size_t(1) << ChunkBits;

    T &push_back(const T &value)
    {
        const std::size_t offset = m_size & (kChunkSize - 1);
        if (offset == 0 && (m_size >> ChunkBits) == m_chunks.size()) {
            m_chunks.push_back(std::make_unique_for_overwrite<T[]>(kChunkSize));
        }
        T &slot = m_chunks[m_size >> ChunkBits][offset];
        slot = value;
        ++m_size;
        return slot;
    }

    [[nodiscard]] T &operator[](std::size_t i) { return m_chunks[i >> ChunkBits][i & (kChunkSize - 1)]; }
    [[nodiscard]] const T &operator[](std::size_t i) const
    {
        return m_chunks[i >> ChunkBits][i & (kChunkSize - 1)];
    }
    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] bool empty() const { return m_size == 0; }
    [[nodiscard]] std::size_t capacityBytes() const { return m_chunks.size() * kChunkSize * sizeof(T); }
    /// Empties the vector but keeps its first chunk for reuse.
    void clear()
    {
        if (m_chunks.size() > 1) {
            m_chunks.resize(1);
        }
        m_size = 0;
    }

    template<typename Out> void copyTo(Out &out) const
    {
        out.reserve(out.size() + m_size);
        for (std::size_t i = 0; i < m_size; ++i) {
            out.push_back((*this)[i]);
        }
    }

private:
    std::vector<std::unique_ptr<T[]>> m_chunks;
    std::size_t m_size = 0;
};

} // namespace Coroscope
