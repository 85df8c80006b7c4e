#include "core/api/upload_cache.h"

#include <algorithm>
#include <cstdio>

#include "core/data/hashing.h"
#include "core/text/json_fields.h"

namespace tb::api {

std::string UploadCache::hash_of(std::string_view content) {
    return data::hex64(data::hash_text(content)) + ":" + std::to_string(content.size());
}

const UploadRecord* UploadCache::find(const std::string& profile, std::string_view content) const {
    const std::string hash = hash_of(content);
    const auto found = std::find_if(records_.begin(), records_.end(), [&](const UploadRecord& record) {
        return record.profile == profile && record.content_hash == hash;
    });
    return found == records_.end() ? nullptr : &*found;
}

void UploadCache::remember(UploadRecord record) {
    std::erase_if(records_, [&](const UploadRecord& old) {
        return old.profile == record.profile && old.content_hash == record.content_hash;
    });
    records_.push_back(std::move(record));
}

void UploadCache::forget(const std::string& profile, const std::string& file_id) {
    std::erase_if(records_, [&](const UploadRecord& record) { return record.profile == profile && record.file_id == file_id; });
}

nlohmann::json UploadCache::to_json() const {
    auto out = nlohmann::json::array();
    for (const UploadRecord& record : records_) {
        out.push_back({{"profile", record.profile}, {"contentHash", record.content_hash}, {"fileId", record.file_id},
                       {"bytes", record.bytes}});
    }
    return out;
}

UploadCache UploadCache::from_json(const nlohmann::json& json) {
    UploadCache cache;
    if (!json.is_array()) return cache;
    for (const auto& item : json) {
        UploadRecord record;
        text::read_field(item, "profile", record.profile);
        text::read_field(item, "contentHash", record.content_hash);
        text::read_field(item, "fileId", record.file_id);
        text::read_field(item, "bytes", record.bytes);
        if (!record.profile.empty() && !record.content_hash.empty() && !record.file_id.empty()) cache.remember(record);
    }
    return cache;
}

}  // namespace tb::api
