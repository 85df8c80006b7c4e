#pragma once

// Reading what tests/unit/make_token_fixtures.mjs wrote with js-tiktoken at build time, and the BPE
// assets, for the tokens_*_test.cpp files.

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/tokens/bpe.h"
#include "core/tokens/encoding.h"

namespace tb::test {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path + " (built by the tb_token_fixtures target)");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string token_fixture_path(const std::string& name) {
    return std::string(TB_TOKEN_FIXTURE_DIR) + "/" + name;
}

// The encoder for `encoding`, built once per test process from the asset in the build dir.
inline const tokens::Bpe& bpe_for(tokens::Encoding encoding) {
    static std::map<tokens::Encoding, tokens::Bpe> loaded;
    auto found = loaded.find(encoding);
    if (found == loaded.end()) {
        const std::string path =
            std::string(TB_TOKEN_ASSET_DIR) + "/" + std::string(tokens::encoding_name(encoding)) + ".tiktoken.bin";
        std::string error;
        auto bpe = tokens::Bpe::from_asset(read_file(path), &error);
        if (!bpe) throw std::runtime_error(path + ": " + error);
        found = loaded.emplace(encoding, std::move(*bpe)).first;
    }
    return found->second;
}

struct TokenCase {
    std::string label;
    std::string text;                                            // UTF-8, possibly ill-formed
    std::map<tokens::Encoding, std::vector<std::uint32_t>> ids;  // js-tiktoken's
};

class FixtureReader {
public:
    explicit FixtureReader(std::string data) : data_(std::move(data)) {}
    std::uint32_t u32() {
        std::uint32_t value = 0;
        std::memcpy(&value, take(4), 4);  // written little-endian; the tests run on little-endian machines
        return value;
    }
    std::string bytes(std::size_t size) { return std::string(take(size), size); }
    bool done() const { return at_ == data_.size(); }

private:
    const char* take(std::size_t size) {
        if (data_.size() - at_ < size) throw std::runtime_error("token fixture file is cut short");
        const char* p = data_.data() + at_;
        at_ += size;
        return p;
    }
    std::string data_;
    std::size_t at_ = 0;
};

inline std::vector<TokenCase> read_token_cases(const std::string& name) {
    FixtureReader in(read_file(token_fixture_path(name)));
    if (in.bytes(8) != "TBTOKFX1") throw std::runtime_error(name + ": not a token fixture file");
    std::vector<tokens::Encoding> encodings(in.u32());
    for (auto& encoding : encodings) {
        const std::string encoding_name = in.bytes(static_cast<unsigned char>(in.bytes(1)[0]));
        const auto known = tokens::encoding_from_name(encoding_name);
        if (!known) throw std::runtime_error(name + ": unknown encoding " + encoding_name);
        encoding = *known;
    }
    std::vector<TokenCase> cases(in.u32());
    for (auto& c : cases) {
        c.label = in.bytes(in.u32());
        c.text = in.bytes(in.u32());
        for (const auto encoding : encodings) {
            auto& ids = c.ids[encoding];
            ids.resize(in.u32());
            for (auto& id : ids) id = in.u32();
        }
    }
    if (!in.done()) throw std::runtime_error(name + ": unexpected bytes after the last case");
    return cases;
}

}  // namespace tb::test
