#include "ui/job_view.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include <imgui.h>

#include "core/text/dates.h"
#include "core/text/format.h"
#include "core/workflow/curve_readings.h"
#include "ui/curve_plot.h"
#include "ui/curve_verdict.h"
#include "ui/widgets.h"

namespace tb::ui {

namespace {

using api::JobStatus;

// validating → queued → running → an end; the stage reached is lit, an end other than success in red.
void draw_timeline(const finetune::TrackedJob& tracked) {
    const JobStatus status = tracked.confirmed() ? tracked.job.status : JobStatus::Unknown;
    constexpr std::array<JobStatus, 3> kStages = {JobStatus::ValidatingFiles, JobStatus::Queued, JobStatus::Running};
    const char* const kNames[] = {"validating files", "queued", "running"};
    int reached = -1;
    for (int i = 0; i < 3; ++i) {
        if (status == kStages[static_cast<std::size_t>(i)]) reached = i;
    }
    if (status == JobStatus::Pausing || status == JobStatus::Paused) reached = 2;
    if (api::is_final(status)) reached = 3;
    for (int i = 0; i < 3; ++i) {
        if (i > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("→");
            ImGui::SameLine();
        }
        if (i == reached) {
            ImGui::TextColored(kWarningColor, "%s", kNames[i]);
        } else if (i < reached) {
            ImGui::TextUnformatted(kNames[i]);
        } else {
            ImGui::TextDisabled("%s", kNames[i]);
        }
    }
    ImGui::SameLine();
    ImGui::TextDisabled("→");
    ImGui::SameLine();
    if (!tracked.confirmed()) {
        ImGui::TextColored(kWarningColor, "not confirmed yet");
    } else if (status == JobStatus::Succeeded) {
        ImGui::TextColored(kOkColor, "succeeded");
    } else if (status == JobStatus::Failed || status == JobStatus::Cancelled) {
        ImGui::TextColored(kErrorColor, "%s", std::string(api::job_status_key(status)).c_str());
    } else {
        ImGui::TextDisabled("done");
    }
}

void draw_facts(const finetune::TrackedJob& tracked, double epoch_now) {
    const api::Job& job = tracked.job;
    const std::int64_t last_step = tracked.metrics.empty() ? 0 : tracked.metrics.back().step;
    const std::int64_t total = tracked.metrics.empty() ? 0 : tracked.metrics.back().total_steps;
    ImGui::Text("Created %s · step %lld%s · %s trained tokens", text::utc_time(job.created_at).c_str(),
                static_cast<long long>(last_step), total > 0 ? (" of " + std::to_string(total)).c_str() : "",
                text::with_commas(static_cast<std::uint64_t>(std::max<std::int64_t>(job.trained_tokens, 0))).c_str());
    if (!api::is_final(job.status) && job.estimated_finish > 0) {
        ImGui::Text("Estimated to finish %s (in %s)", text::utc_time(job.estimated_finish).c_str(),
                    text::format_duration(static_cast<double>(job.estimated_finish) - epoch_now).c_str());
    }
    if (job.finished_at > 0) ImGui::Text("Finished %s", text::utc_time(job.finished_at).c_str());
    if (!job.fine_tuned_model.empty()) {
        ImGui::TextUnformatted("Fine-tuned model:");
        ImGui::SameLine();
        ImGui::TextColored(kOkColor, "%s", job.fine_tuned_model.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("(offered as a candidate in Evaluate)");
    }
    if (job.error) wrapped(kErrorColor, "Error " + job.error->code + ": " + job.error->message);
    if (!tracked.watch_error.empty()) wrapped(kWarningColor, tracked.watch_error);
}

void draw_actions(const workflow::State& state, const finetune::TrackedJob& tracked, std::vector<workflow::Intent>& intents) {
    const std::string key = workflow::job_key(tracked);
    if (state.finetune.checks_asked.count(key) > 0) {
        if (ImGui::Button("Cancel check")) intents.push_back(workflow::CancelJobCheck{key});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stops this check; watching goes on at its usual pace.");
    } else if (ImGui::Button("Check now")) {
        intents.push_back(workflow::CheckJobNow{key});
    }
    ImGui::SameLine();
    if (state.finetune.cancels_sent.count(key) > 0) {
        ImGui::TextDisabled("Cancel sent, waiting for the provider…");
        ImGui::SameLine();
        if (ImGui::Button("Stop waiting")) intents.push_back(workflow::StopWaitingForJobCancel{key});
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Stops waiting for the provider's answer; it does not take the cancel back. The "
                              "provider may still cancel the job: watching shows what it does.");
        }
    } else if (!tracked.confirmed()) {
        if (ImGui::Button("Forget")) intents.push_back(workflow::ForgetJob{key});
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Removes this start from the list: do it once Check now has found no job from it. If "
                              "the provider did create it, it is among its jobs (List recent jobs).");
        }
    } else {
        const bool cancellable = tracked.confirmed() && !api::is_final(tracked.job.status);
        ImGui::BeginDisabled(!cancellable);
        if (ImGui::Button("Cancel job…")) ImGui::OpenPopup("Cancel this job?");
        ImGui::EndDisabled();
    }
    if (ImGui::BeginPopupModal("Cancel this job?", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::Text("Cancel %s? Training stops; steps already trained are billed.", key.c_str());
        if (ImGui::Button("Cancel the job")) {
            intents.push_back(workflow::CancelJob{key});
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep it running")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

struct SeriesKind {
    int index;  // into finetune::kSeriesNames
    const char* label;
};
constexpr std::array<SeriesKind, 3> kLosses = {{{0, "Train loss"}, {1, "Validation loss"}, {2, "Full validation loss"}}};
constexpr std::array<SeriesKind, 3> kAccuracies = {
    {{3, "Train token accuracy"}, {4, "Validation token accuracy"}, {5, "Full validation token accuracy"}}};

std::string run_name(const finetune::TrackedJob& tracked) {
    return tracked.job.fine_tuned_model.empty() ? workflow::job_key(tracked) : tracked.job.fine_tuned_model;
}

template <std::size_t N>
std::vector<plot::Series> series_of(const std::vector<const finetune::TrackedJob*>& jobs, const std::array<SeriesKind, N>& kinds) {
    std::vector<plot::Series> out;
    for (const finetune::TrackedJob* job : jobs) {
        for (const SeriesKind& kind : kinds) {
            plot::Series series{run_name(*job), kind.label, {}};
            for (const api::StepMetrics& m : job->metrics) {
                if (const auto value = finetune::series_value(m, kind.index)) {
                    series.points.push_back({static_cast<double>(m.step), *value});
                }
            }
            if (!series.points.empty()) out.push_back(std::move(series));
        }
    }
    return out;
}

void draw_checkpoints(const finetune::TrackedJob& tracked) {
    if (tracked.checkpoints.empty()) return;
    if (!ImGui::CollapsingHeader("Checkpoints")) return;
    ImGui::TextDisabled("Each checkpoint is a model of its own, offered as a candidate in Evaluate.");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("checkpoints", 4, flags)) return;
    for (const char* column : {"Step", "Model", "Train loss", "Validation loss"}) ImGui::TableSetupColumn(column);
    ImGui::TableHeadersRow();
    for (const api::Checkpoint& checkpoint : tracked.checkpoints) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(checkpoint.step));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(checkpoint.model.c_str());
        for (const auto& value : {checkpoint.metrics.train_loss, checkpoint.metrics.valid_loss}) {
            ImGui::TableNextColumn();
            if (value) {
                ImGui::Text("%.4f", *value);
            } else {
                ImGui::TextDisabled("–");
            }
        }
    }
    ImGui::EndTable();
}

}  // namespace

void JobView::draw_curves(const workflow::State& state, const finetune::TrackedJob& tracked, PlotTools& tools,
                          std::vector<workflow::Intent>& intents) {
    const std::string key = workflow::job_key(tracked);
    std::vector<const finetune::TrackedJob*> jobs = {&tracked};
    if (state.finetune.jobs.size() > 1) {
        ImGui::Checkbox("Overlay the other jobs", &overlay_);
        if (overlay_) {
            for (const auto& other : state.finetune.jobs) {
                if (&other != &tracked && !other.metrics.empty()) jobs.push_back(&other);
            }
        }
    }
    if (tracked.metrics.empty()) {
        ImGui::TextDisabled("The curves appear with the first training step.");
        return;
    }
    const float height = ImGui::GetFontSize() * 20;  // the axis titles take two lines of it
    // The provider reports its metrics per step (one batch of training examples), over the answer's
    // tokens: loss is the mean cross-entropy of each answer token, accuracy the share predicted exactly.
    // The provider does not say how many rows its training file held: the file and the tokens name them.
    std::string rows = "Training file " + (tracked.job.training_file.empty() ? std::string("unknown") : tracked.job.training_file);
    if (tracked.job.trained_tokens > 0) {
        rows += ", " + text::with_commas(static_cast<std::uint64_t>(tracked.job.trained_tokens)) + " tokens trained";
    }
    const auto plot = [&](const char* id, const char* file_stem, const char* y_title, std::vector<plot::Series> series) {
        const CurvePlotText text{run_name(tracked) + ": " + id, {"Training step (one batch)", y_title}, rows,
                                 run_name(tracked) + "-" + file_stem};
        draw_curve_plot(tools, id, text, series, views_[key + id], height, intents);
    };
    plot("Loss", "loss", "Cross-entropy loss (mean per answer token)", series_of(jobs, kLosses));
    draw_curve_verdict(workflow::job_reading(tracked));  // this job's, whatever else is overlaid
    plot("Token accuracy", "accuracy", "Token accuracy (share of answer tokens right)", series_of(jobs, kAccuracies));
}

void JobView::draw_events(const finetune::TrackedJob& tracked) {
    char title[64];
    std::snprintf(title, sizeof title, "Events (%zu)###events", tracked.events.size());
    if (!ImGui::CollapsingHeader(title)) return;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (filter_field_.input("Filter", filter_, ImVec2(0, 0))) filter_ = filter_field_.text();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    ImGui::Combo("Level", &level_, "all\0warnings and errors\0errors\0");
    std::vector<const api::JobEvent*> shown;
    for (const api::JobEvent& event : tracked.events) {
        if (level_ >= 1 && event.level == "info") continue;
        if (level_ == 2 && event.level != "error") continue;
        if (!filter_.empty() && event.message.find(filter_) == std::string::npos) continue;
        shown.push_back(&event);
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("events", 3, flags, ImVec2(0, ImGui::GetFontSize() * 14))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 11);
    ImGui::TableSetupColumn("Level", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
    ImGui::TableSetupColumn("Message");
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const api::JobEvent& event = *shown[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(text::utc_time(event.created_at).c_str());
            ImGui::TableNextColumn();
            const ImVec4 color = event.level == "error" ? kErrorColor : event.level == "warn" ? kWarningColor
                                                                                             : ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
            ImGui::TextColored(color, "%s", event.level.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(event.message.c_str());
        }
    }
    ImGui::EndTable();
}

void JobView::draw(const workflow::State& state, const finetune::TrackedJob& tracked, double epoch_now,
                   PlotTools& tools, std::vector<workflow::Intent>& intents) {
    ImGui::PushID(workflow::job_key(tracked).c_str());
    ImGui::SeparatorText(("Job " + workflow::job_key(tracked)).c_str());
    draw_timeline(tracked);
    draw_facts(tracked, epoch_now);
    draw_actions(state, tracked, intents);
    ImGui::Spacing();
    draw_curves(state, tracked, tools, intents);
    draw_checkpoints(tracked);
    draw_events(tracked);
    ImGui::PopID();
}

}  // namespace tb::ui
