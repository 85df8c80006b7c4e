#include <catch2/catch.hpp>

#include "core/api/upload_cache.h"

using tb::api::UploadCache;
using tb::api::UploadRecord;

TEST_CASE("the same bytes for the same provider reuse the uploaded file") {
    UploadCache cache;
    const std::string train = "{\"messages\":[]}\n{\"messages\":[]}\n";
    CHECK(cache.find("openai", train) == nullptr);
    cache.remember({"openai", UploadCache::hash_of(train), "file-1", train.size()});
    REQUIRE(cache.find("openai", train) != nullptr);
    CHECK(cache.find("openai", train)->file_id == "file-1");
    CHECK(cache.find("together", train) == nullptr);          // another provider has its own files
    CHECK(cache.find("openai", train + "\n") == nullptr);     // one byte more is another file
    cache.remember({"openai", UploadCache::hash_of(train), "file-2", train.size()});
    CHECK(cache.records().size() == 1);
    CHECK(cache.find("openai", train)->file_id == "file-2");
    cache.forget("openai", "file-2");
    CHECK(cache.find("openai", train) == nullptr);
}

TEST_CASE("the cache survives its JSON, and bad entries are skipped") {
    UploadCache cache;
    cache.remember({"azure", UploadCache::hash_of("x"), "file-9", 1});
    const UploadCache back = UploadCache::from_json(nlohmann::json::parse(cache.to_json().dump()));
    REQUIRE(back.find("azure", "x") != nullptr);
    CHECK(back.find("azure", "x")->bytes == 1);
    CHECK(UploadCache::from_json(nlohmann::json::parse(R"([{"profile":"a"},7,{"profile":"b","contentHash":"h","fileId":"f"}])"))
              .records()
              .size() == 1);
}
