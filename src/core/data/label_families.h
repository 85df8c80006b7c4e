#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/string_map.h"

namespace tb::data {

// Labels that name the same class, merged under one name: the CFPB renamed its products in 2017 and
// 2023, and old complaints keep the old names.
struct LabelFamily {
    std::string name;
    std::vector<std::string> members;
};

class LabelFamilies {
public:
    LabelFamilies() = default;
    explicit LabelFamilies(std::vector<LabelFamily> families);

    // The class a raw label belongs to: its family's name, or the label itself.
    std::string_view family_of(std::string_view label) const;

    const std::vector<LabelFamily>& families() const { return families_; }

private:
    std::vector<LabelFamily> families_;
    StringMap<std::size_t> index_;  // member label → family
};

// The built-in preset for CFPB product names.
LabelFamilies cfpb_label_families();

nlohmann::json to_json(const LabelFamilies& families);
// Reads [{name, members:[…]}]; entries without a name or with non-string members are skipped.
LabelFamilies label_families_from_json(const nlohmann::json& json);

// One family a line, for editing by hand: "Name = member | member | member". Lines without " = " or
// without a name are skipped; a family always includes its own name as a member.
std::string label_families_to_text(const LabelFamilies& families);
LabelFamilies label_families_from_text(std::string_view text);

}  // namespace tb::data
