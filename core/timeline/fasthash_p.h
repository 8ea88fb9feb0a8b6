// SPDX-License-Identifier: MIT
// Internal to core/timeline: hash keys for the big readers' string caches. Qt 6.4's qHash of
// bytes and of a QString is SipHash in Debian's build (no AES at compile time): ~100 ns for a
// 20-byte name, and a Chrome trace of 1 000 000 events hashes eight of them per event. These
// keys hash 8 bytes per multiply instead — enough for caches of a few hundred names, and still
// seeded by QHash's per-process seed.
#pragma once

#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <cstring>

namespace Coroscope::Detail {

inline std::size_t fastHashBytes(const void *data, std::size_t size, std::size_t seed) noexcept
{
    constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15ull;
    const auto *p = static_cast<const unsigned char *>(data);
    std::uint64_t h = (seed ^ size) * kMul;
    while (size >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * kMul;
        h ^= h >> 29;
        p += 8;
        size -= 8;
    }
    if (size > 0) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, size);
        h = (h ^ w) * kMul;
        h ^= h >> 29;
    }
    h *= kMul;
    return static_cast<std::size_t>(h ^ (h >> 32));
}

/// Raw bytes as a key (they must outlive the hash).
struct BytesKey
{
    QByteArrayView bytes;
    friend bool operator==(const BytesKey &a, const BytesKey &b) noexcept { return a.bytes == b.bytes; }
    friend std::size_t qHash(const BytesKey &k, std::size_t seed = 0) noexcept
    {
        return fastHashBytes(k.bytes.data(), static_cast<std::size_t>(k.bytes.size()), seed);
    }
};

/// A QString as a key, hashed by its UTF-16 units.
struct StringKey
{
    QString text;
    friend bool operator==(const StringKey &a, const StringKey &b) noexcept { return a.text == b.text; }
    friend std::size_t qHash(const StringKey &k, std::size_t seed = 0) noexcept
    {
        return fastHashBytes(k.text.constData(), static_cast<std::size_t>(k.text.size()) * sizeof(QChar), seed);
    }
};

/// Two QStrings (a category and a name) as a key.
struct StringPairKey
{
    QString first;
    QString second;
    friend bool operator==(const StringPairKey &a, const StringPairKey &b) noexcept
    {
        return a.first == b.first && a.second == b.second;
    }
    friend std::size_t qHash(const StringPairKey &k, std::size_t seed = 0) noexcept
    {
        const std::size_t h = fastHashBytes(
            k.first.constData(), static_cast<std::size_t>(k.first.size()) * sizeof(QChar), seed);
        return fastHashBytes(k.second.constData(), static_cast<std::size_t>(k.second.size()) * sizeof(QChar), h);
    }
};

} // namespace Coroscope::Detail
