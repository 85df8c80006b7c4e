#include "core/data/label_families.h"

namespace tb::data {

LabelFamilies::LabelFamilies(std::vector<LabelFamily> families) : families_(std::move(families)) {
    for (std::size_t i = 0; i < families_.size(); ++i) {
        for (const std::string& member : families_[i].members) index_.emplace(member, i);
    }
}

std::string_view LabelFamilies::family_of(std::string_view label) const {
    if (index_.empty()) return label;
    const auto found = index_.find(label);
    return found == index_.end() ? label : std::string_view(families_[found->second].name);
}

LabelFamilies cfpb_label_families() {
    return LabelFamilies({
        {"Credit reporting or other personal consumer reports",
         {"Credit reporting or other personal consumer reports",
          "Credit reporting, credit repair services, or other personal consumer reports", "Credit reporting"}},
        {"Checking or savings account", {"Checking or savings account", "Bank account or service"}},
        {"Credit card or prepaid card", {"Credit card or prepaid card", "Credit card", "Prepaid card"}},
        {"Payday loan, title loan, personal loan, or advance loan",
         {"Payday loan, title loan, personal loan, or advance loan", "Payday loan, title loan, or personal loan",
          "Payday loan"}},
        {"Money transfer, virtual currency, or money service",
         {"Money transfer, virtual currency, or money service", "Money transfers", "Virtual currency"}},
    });
}

nlohmann::json to_json(const LabelFamilies& families) {
    auto json = nlohmann::json::array();
    for (const LabelFamily& family : families.families()) {
        json.push_back({{"name", family.name}, {"members", family.members}});
    }
    return json;
}

LabelFamilies label_families_from_json(const nlohmann::json& json) {
    std::vector<LabelFamily> families;
    if (!json.is_array()) return LabelFamilies();
    for (const auto& entry : json) {
        if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) continue;
        LabelFamily family{entry["name"].get<std::string>(), {}};
        if (entry.contains("members") && entry["members"].is_array()) {
            for (const auto& member : entry["members"]) {
                if (member.is_string()) family.members.push_back(member.get<std::string>());
            }
        }
        families.push_back(std::move(family));
    }
    return LabelFamilies(std::move(families));
}

namespace {
std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}
}  // namespace

std::string label_families_to_text(const LabelFamilies& families) {
    std::string out;
    for (const LabelFamily& family : families.families()) {
        out += family.name + " =";
        bool first = true;
        for (const std::string& member : family.members) {
            if (member == family.name) continue;
            out += first ? " " : " | ";
            out += member;
            first = false;
        }
        out += "\n";
    }
    return out;
}

LabelFamilies label_families_from_text(std::string_view text) {
    std::vector<LabelFamily> families;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        const auto equals = line.find('=');
        if (equals == std::string_view::npos) continue;
        const std::string_view name = trim(line.substr(0, equals));
        if (name.empty()) continue;
        LabelFamily family{std::string(name), {std::string(name)}};
        std::string_view rest = line.substr(equals + 1);
        while (!rest.empty()) {
            const auto bar = rest.find('|');
            const std::string_view member = trim(rest.substr(0, bar));
            rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
            if (!member.empty() && member != name) family.members.emplace_back(member);
        }
        families.push_back(std::move(family));
    }
    return LabelFamilies(std::move(families));
}

}  // namespace tb::data
