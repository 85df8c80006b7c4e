#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tb::api {

// Files this experiment has uploaded, by provider profile and content hash: a file with the same bytes
// is reused rather than uploaded (and stored, and billed) again — also after an upload whose answer was
// lost, once the provider's file list shows it.
struct UploadRecord {
    std::string profile;
    std::string content_hash;  // hex of the content's 64-bit hash
    std::string file_id;
    std::uint64_t bytes = 0;
};

class UploadCache {
public:
    static std::string hash_of(std::string_view content);

    const UploadRecord* find(const std::string& profile, std::string_view content) const;
    void remember(UploadRecord record);
    // A file the provider reports as deleted or unknown must be uploaded again.
    void forget(const std::string& profile, const std::string& file_id);

    const std::vector<UploadRecord>& records() const { return records_; }
    nlohmann::json to_json() const;
    static UploadCache from_json(const nlohmann::json& json);

private:
    std::vector<UploadRecord> records_;
};

}  // namespace tb::api
