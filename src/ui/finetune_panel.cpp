#include "ui/finetune_panel.h"

#include <cstdio>

#include <imgui.h>

#include "core/text/format.h"
#include "core/text/utf8.h"
#include "ui/model_picker.h"
#include "ui/prompt_panel.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

using workflow::JobSettings;
using workflow::Launch;

void draw_openai_notice(const JobSettings& settings, double epoch_now) {
    if (settings.profile != "openai") return;
    const int days = workflow::openai_fine_tuning_days_left(epoch_now);
    char text[256];
    if (days > 0) {
        std::snprintf(text, sizeof text,
                      "OpenAI accepts no new fine-tuning jobs after 2027-01-06 (%d days from now); its models "
                      "are shut down on their shutdown dates (see Providers → Test connection).", days);
    } else {
        std::snprintf(text, sizeof text, "OpenAI accepts no new fine-tuning jobs since 2027-01-06: choose Azure "
                                         "OpenAI, Nebius or Together, or train the in-browser classifier.");
    }
    wrapped(kWarningColor, text);
}

// "auto" or a number, as the API takes each hyperparameter: "Epochs: auto" ticked, or the number.
bool hyperparameter(const char* label, std::optional<double>& value, double fallback, const char* format) {
    bool is_auto = !value.has_value();
    bool changed = false;
    const std::string auto_label = std::string(label) + ": auto";
    if (ImGui::Checkbox(auto_label.c_str(), &is_auto)) {
        value = is_auto ? std::nullopt : std::optional<double>(fallback);
        changed = true;
    }
    if (is_auto || !value) return changed;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    double number = *value;
    if (ImGui::InputDouble(label, &number, 0, 0, format, ImGuiInputTextFlags_EnterReturnsTrue) && number > 0 &&
        number <= api::kMaxHyperparameter) {
        value = number;
        changed = true;
    }
    return changed;
}

void draw_confirm(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const auto& files = state.finetune.files;
    const JobSettings& settings = state.finetune.settings;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0));
    if (!ImGui::BeginPopupModal("Start fine-tuning?", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    const api::Profile* profile = state.providers.find(settings.profile);
    ImGui::Text("Provider: %s", profile ? profile->name.c_str() : settings.profile.c_str());
    ImGui::Text("Model: %s", settings.model.c_str());
    ImGui::Text("Training: %zu examples (%s); validation: %zu examples (%s)", files.training_check.examples,
                text::format_bytes(files.training.size()).c_str(), files.validation_check.examples,
                text::format_bytes(files.validation.size()).c_str());
    wrapped("Cost: " + files.cost.statement);
    ImGui::Spacing();
    wrapped("The two files are uploaded to the provider with your key, then the job is created. The test rows are "
            "never sent.");
    const std::vector<std::string> unconfirmed = workflow::unconfirmed_jobs(state.finetune);
    if (!unconfirmed.empty()) {
        ImGui::Spacing();
        wrapped(kWarningColor, "Job " + unconfirmed.front() +
                                   " was started and its creation never confirmed: the provider may have created it, "
                                   "and bills it if so. Check now on it first; starting again may train, and bill, twice.");
    }
    ImGui::Spacing();
    if (ImGui::Button(unconfirmed.empty() ? "Start" : "Start anyway")) {
        intents.push_back(workflow::StartJob{});
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Back")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void draw_launch(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const auto& files = state.finetune.files;
    const Launch& launch = state.finetune.launch;
    draw_cost(files);
    const bool busy = launch.phase == Launch::Phase::Uploading || launch.phase == Launch::Phase::Creating;
    const bool ready = files.ready_to_upload();
    ImGui::BeginDisabled(busy || !ready);
    if (ImGui::Button("Start fine-tuning…")) ImGui::OpenPopup("Start fine-tuning?");
    ImGui::EndDisabled();
    if (!ready && !busy) {
        ImGui::SameLine();
        ImGui::TextDisabled(files.template_error.empty() ? "the training files are not ready: see the Prompt step"
                                                          : "the prompt has a problem: see the Prompt step");
    }
    draw_confirm(state, intents);
    if (busy) {
        ImGui::SameLine();
        ImGui::TextUnformatted(launch.doing.c_str());
    }
    if (launch.phase == Launch::Phase::Uploading) {
        ImGui::SameLine();
        if (ImGui::Button("Cancel upload")) intents.push_back(workflow::CancelUpload{});
    }
    if (launch.phase == Launch::Phase::Creating) {
        ImGui::SameLine();
        if (ImGui::Button("Stop waiting")) intents.push_back(workflow::StopWaitingForCreate{});
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Stops waiting for the provider's answer. The request may have created the job all the "
                              "same: it is then found by its client id (Check now on the job), never created twice.");
        }
    }
    if (launch.phase == Launch::Phase::Failed) wrapped(kErrorColor, launch.error);
}

void draw_job_list(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const auto& jobs = state.finetune.jobs;
    if (jobs.empty()) {
        ImGui::TextDisabled("No jobs yet.");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("jobs", 4, flags)) return;
    for (const char* column : {"Job", "Model", "Status", "Fine-tuned model"}) ImGui::TableSetupColumn(column);
    ImGui::TableHeadersRow();
    for (auto job = jobs.rbegin(); job != jobs.rend(); ++job) {
        const std::string key = workflow::job_key(*job);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ImGui::Selectable(key.c_str(), key == state.finetune.shown_job, ImGuiSelectableFlags_SpanAllColumns)) {
            intents.push_back(workflow::ShowJob{key});
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted((job->confirmed() ? job->job.model : job->request.model).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(job->confirmed() ? std::string(api::job_status_key(job->job.status)).c_str() : "creating");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(job->job.fine_tuned_model.c_str());
    }
    ImGui::EndTable();
}

}  // namespace

void FinetunePanel::draw_settings(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const JobSettings& settings = state.finetune.settings;
    JobSettings changed = settings;
    bool dirty = false;
    const float field = ImGui::GetFontSize() * 20;

    dirty |= draw_model_picker(state, /*fine_tuning=*/true, changed.profile, changed.model, model_, field, intents);

    dirty |= hyperparameter("Epochs", changed.hyperparameters.n_epochs,
                            static_cast<double>(state.finetune.files.cost.epochs > 0 ? state.finetune.files.cost.epochs : 3), "%.0f");
    dirty |= hyperparameter("Batch size", changed.hyperparameters.batch_size, 1, "%.0f");
    dirty |= hyperparameter("Learning-rate multiplier", changed.hyperparameters.learning_rate_multiplier, 1.8, "%.2f");

    ImGui::SetNextItemWidth(field);
    if (suffix_.input("Suffix", settings.suffix, ImVec2(0, 0))) {
        changed.suffix = std::string(text::cut_utf8(suffix_.text(), 64));
        dirty = true;
    }
    bool fixed_seed = settings.seed.has_value();
    if (ImGui::Checkbox("Fixed seed", &fixed_seed)) {
        changed.seed = fixed_seed ? std::optional<std::int64_t>(42) : std::nullopt;
        dirty = true;
    }
    if (settings.seed) {
        ImGui::SameLine();
        int seed = static_cast<int>(*settings.seed);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
        if (ImGui::InputInt("Seed", &seed, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue)) {
            changed.seed = seed;
            dirty = true;
        }
    }
    if (dirty) intents.push_back(workflow::SetJobSettings{changed});
}

void FinetunePanel::draw_prices(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const auto& files = state.finetune.files;
    if (!ImGui::CollapsingHeader("Prices")) return;
    wrapped("Training and asking prices and per-example limits come from a dated table (as of " + files.prices_as_of +
            ", each number with its source; assets/fine_tuning_prices.json). Edit a copy here: an entry you "
            "change replaces the bundled one of the same provider and model.", 60);
    if (price_edits_.input("##price edits", state.finetune.price_edits,
                           ImVec2(ImGui::GetFontSize() * 44, ImGui::GetFontSize() * 12))) {
        intents.push_back(workflow::SetPriceEdits{price_edits_.text()});
    }
    if (ImGui::Button("Edit a copy of the bundled table")) intents.push_back(workflow::EditBundledPrices{});
    if (!state.finetune.price_edits.empty()) {
        ImGui::SameLine();
        if (ImGui::Button("Drop my edits")) intents.push_back(workflow::SetPriceEdits{{}});
    }
    if (!files.prices_error.empty()) wrapped(kErrorColor, files.prices_error);
}

void FinetunePanel::draw_attach(const workflow::State& state, std::vector<workflow::Intent>& intents) {
    const std::string& profile = state.finetune.settings.profile;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    if (job_id_field_.input("Job id", job_id_, ImVec2(0, 0))) job_id_ = job_id_field_.text();
    ImGui::SameLine();
    if (ImGui::Button("Attach")) intents.push_back(workflow::AttachJob{profile, job_id_});
    ImGui::SameLine();
    if (ImGui::Button("List recent jobs")) intents.push_back(workflow::ListRecentJobs{profile});
    if (!state.finetune.attaching.empty()) {
        ImGui::TextDisabled("Asking the provider for %s…", state.finetune.attaching.c_str());
        ImGui::SameLine();
        if (ImGui::Button("Cancel attach")) intents.push_back(workflow::CancelAttach{});
    }
    const workflow::RecentJobs& recent = state.finetune.recent;
    if (recent.phase == workflow::RecentJobs::Phase::Loading) {
        ImGui::TextDisabled("Listing…");
        ImGui::SameLine();
        if (ImGui::Button("Cancel listing")) intents.push_back(workflow::CancelListRecentJobs{});
    }
    if (recent.phase == workflow::RecentJobs::Phase::Failed) wrapped(kErrorColor, recent.error);
    if (recent.phase != workflow::RecentJobs::Phase::Ok) return;
    if (recent.jobs.empty()) ImGui::TextDisabled("The provider lists no jobs for this key.");
    for (const api::Job& job : recent.jobs) {
        ImGui::PushID(job.id.c_str());
        ImGui::Text("%s  %s  %s", job.id.c_str(), job.model.c_str(), std::string(api::job_status_key(job.status)).c_str());
        ImGui::SameLine();
        if (state.finetune.find_job(job.id) == nullptr) {
            if (ImGui::Button("Attach")) intents.push_back(workflow::AttachJob{recent.profile, job.id});
        } else {
            ImGui::TextDisabled("followed");
        }
        ImGui::PopID();
    }
}

void FinetunePanel::draw_provider_tab(const workflow::State& state, double epoch_now, PlotTools& tools,
                                      std::vector<workflow::Intent>& intents) {
    draw_openai_notice(state.finetune.settings, epoch_now);
    if (ImGui::CollapsingHeader("New job", ImGuiTreeNodeFlags_DefaultOpen)) {
        draw_settings(state, intents);
        ImGui::Spacing();
        draw_launch(state, intents);
        draw_prices(state, intents);
    }
    if (ImGui::CollapsingHeader("Jobs", ImGuiTreeNodeFlags_DefaultOpen)) {
        int seconds = static_cast<int>(state.finetune.check_seconds);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
        if (ImGui::InputInt("Check every (s)", &seconds, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue)) {
            intents.push_back(workflow::SetCheckSeconds{static_cast<double>(seconds)});
        }
        help_marker("How often a running job is asked about. While nothing changes the wait doubles, up to a minute.");
        draw_job_list(state, intents);
        draw_attach(state, intents);
    }
    if (const finetune::TrackedJob* shown = state.finetune.find_job(state.finetune.shown_job)) {
        ImGui::Spacing();
        job_view_.draw(state, *shown, epoch_now, tools, intents);
    }
}

void FinetunePanel::draw(const workflow::State& state, const Fonts& fonts, double epoch_now, PlotTools& tools,
                         std::vector<workflow::Intent>& intents) {
    heading(fonts, "Fine-tune");
    if (!ImGui::BeginTabBar("fine-tune-ways")) return;
    if (ImGui::BeginTabItem("Through a provider")) {
        draw_provider_tab(state, epoch_now, tools, intents);
        ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("In the browser (no key)")) {
        local_model_.draw(state, tools, intents);
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

}  // namespace tb::ui
