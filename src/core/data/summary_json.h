#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/data/loader.h"
#include "core/data/split.h"

namespace tb::data {

// state().dataset: {name, bytes, rows, badRows, textColumn, labelColumn, rowsWithText, classes:[{label,
// count}], …}; counts are among rows with text, after label families.
nlohmann::json dataset_json(const std::string& name, const Loader& loader);

// state().split: {seed, train, validation, test}, each a list of {row, label} (row: 1-based data row).
nlohmann::json split_json(std::uint64_t seed, const Split& split);

}  // namespace tb::data
