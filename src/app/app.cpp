#include "app/app.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <utility>

#include <GLES3/gl3.h>
#include <emscripten/heap.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include "app/image_export.h"
#include "app/training_files.h"
#include "core/data/split_csv.h"
#include "core/data/summary.h"
#include "core/eval/report.h"
#include "core/text/format.h"
#include "core/text/json_text.h"
#include "core/text/utf8.h"
#include "core/tokens/encoding.h"
#include "core/workflow/experiment.h"
#include "core/workflow/label_vectors.h"
#include "core/workflow/providers_settings.h"
#include "platform/announce.h"
#include "platform/download.h"
#include "platform/file_source.h"
#include "platform/location.h"
#include "platform/page_exit.h"
#include "platform/service_worker.h"
#include "platform/storage.h"
#include "platform/main_loop.h"
#include "platform/timer.h"
#include "ui/item_hooks.h"

namespace tb::app {

namespace {
constexpr const char* kExperimentKey = "experiment";
constexpr const char* kEvaluationKey = "evaluation";
constexpr const char* kSettingsKey = "settings";
constexpr const char* kLabelBatchesKey = "label-batches";

// "My experiment" → "My-experiment": a file name that every system takes.
std::string file_stem(const workflow::State& state) { return text::safe_file_name(state.experiment_name); }
}

App::App(GLFWwindow* window)
    : window_(window),
      datasets_(state_, [this](auto apply) { post(std::move(apply)); }, [] { return platform::now_seconds(); }),
      flows_(requests_, [this](auto apply) { post(std::move(apply)); }),
      providers_(state_, [this](auto apply) { post(std::move(apply)); }, requests_),
      jobs_(state_, [this](auto apply) { post(std::move(apply)); }, flows_, providers_),
      evals_(state_, [this](auto apply) { post(std::move(apply)); }, requests_, providers_),
      batches_(state_, flows_, providers_),
      local_(state_, [this](auto apply) { post(std::move(apply)); }),
      labelling_(state_, [this](auto apply) { post(std::move(apply)); }),
      label_batches_(state_, flows_, providers_, labelling_),
      embeds_(state_, [this](auto apply) { post(std::move(apply)); }, requests_, providers_, tokens_),
      label_vectors_(state_, [this](auto apply) { post(std::move(apply)); }, labelling_, requests_, providers_, embeds_),
      spending_(state_, tokens_, [this](auto apply) { post(std::move(apply)); }),
      maps_(state_) {
    workspace_.set_map_feed(&maps_);
    ui::record_items_into(&items_);
    redraw_.note_activity(platform::now_seconds());  // the first frames
}

void App::start() {
    maps_.start();
    start_bench_if_asked();
    providers_.load_remembered_keys();
    platform::on_page_exit([this] { save_at_exit(); });
    // The person's provider settings come back first, so that nothing resumed below (a run, a job's
    // watching) ever goes to a default base URL instead of theirs.
    platform::load_text(kSettingsKey, [this](bool found, const std::string& text) {
        post([this, found, text](workflow::State& state) {
            restore_settings(state, found, text);
            restore_experiment();
            restore_label_batches();
        });
    });
}

// bench/map.sh opens the page at #bench-map=N (&draw=imgui for the yardstick): N random points drawn every
// frame, and nothing else.
void App::start_bench_if_asked() {
    const std::string fragment = platform::location_fragment();
    const auto at = fragment.find("bench-map=");
    if (at == std::string::npos) return;
    const std::size_t points = std::strtoull(fragment.c_str() + at + 10, nullptr, 10);
    if (points > 0) maps_.start_bench(points, fragment.find("draw=imgui") != std::string::npos);
}

void App::restore_settings(workflow::State& state, bool found, const std::string& text) {
    std::string problem;
    if (found) {
        const text::ParsedJson parsed = text::parse_json(text);
        problem = !parsed.ok() ? parsed.problem + "; the defaults are used."
                               : workflow::restore_providers_settings(state.providers, parsed.value);
    } else {
        problem = text;  // a failed read says why; a first visit says nothing
    }
    if (!problem.empty()) state.set_status(workflow::Status::Level::Error, "The provider settings: " + problem);
    // A shared link may preselect a provider and its base URL (never a key).
    if (const auto link = api::parse_link_fragment(platform::location_fragment())) {
        workflow::apply_link(state.providers, *link);
    }
    settings_restored_ = true;
}

void App::restore_experiment() {
    platform::load_text(kExperimentKey, [this](bool found, const std::string& text) {
        post([this, found, text](workflow::State& state) {
            if (found) {
                const text::ParsedJson parsed = text::parse_json(text);
                // A file the person opened while this was loading wins over the saved data: as if the
                // experiment had been restored first and the file opened after.
                std::optional<workflow::DatasetState> theirs;
                if (datasets_.person_file_opened()) theirs = std::move(state.data);
                std::string problem = parsed.ok() ? workflow::restore_experiment(state, parsed.value) : parsed.problem;
                if (theirs) state.data = std::move(*theirs);
                if (problem.empty()) {
                    state.set_status(workflow::Status::Level::Info, "Restored the saved experiment \"" +
                                                                        state.experiment_name + "\".");
                    jobs_.resume_watching();
                    restore_evaluation();
                    return;
                }
                state.set_status(workflow::Status::Level::Error, "The saved experiment could not be restored: " + problem);
            } else if (!text.empty()) {
                state.set_status(workflow::Status::Level::Error, text);
            }
            // What a newcomer sees first: the demo data, already read and split.
            if (platform::can_fetch_site_files()) datasets_.load_demo_at_start();
        });
    });
}

// The batches of a "Label the file" under way: watched again (once their key is there), their answers
// read again from their output files.
void App::restore_label_batches() {
    platform::load_text(kLabelBatchesKey, [this](bool found, const std::string& text) {
        post([found, text](workflow::State& state) {
            if (!found || text == "null") return;
            const text::ParsedJson parsed = text::parse_json(text);
            std::string problem = parsed.ok() ? std::string() : parsed.problem;
            std::optional<workflow::LabelBatchJob> job;
            if (parsed.ok()) job = workflow::label_batch_job_from_json(parsed.value, problem);
            if (!job) {
                state.set_status(workflow::Status::Level::Error, "The batches labelling a file could not be read: " + problem +
                                                                     ". They are not watched; their answers stay at the provider.");
                return;
            }
            if (state.label_file.batch) return;  // one begun meanwhile is newer
            state.label_file.source = job->candidate;
            state.label_file.batch = std::move(job);
        });
    });
}

void App::restore_evaluation() {
    platform::load_text(kEvaluationKey, [this](bool found, const std::string& text) {
        post([found, text](workflow::State& state) {
            const auto parse = [](const std::string& saved) {
                const text::ParsedJson parsed = text::parse_json(saved);
                return parsed.ok() ? parsed.value : nlohmann::json();
            };
            const nlohmann::json stored = found ? parse(text) : nlohmann::json();
            const auto kept = platform::kept_at_exit(kEvaluationKey);
            const nlohmann::json at_exit = kept ? parse(*kept) : nlohmann::json();
            const nlohmann::json& newer = workflow::newer_saved_eval(stored, at_exit);
            if (!newer.is_object()) {
                if (found) {
                    const std::string problem = text::parse_json(text).problem;
                    state.set_status(workflow::Status::Level::Error, "The saved evaluations could not be read: " +
                                                                         (problem.empty() ? "they are not a JSON object" : problem) + ".");
                }
                return;
            }
            // Runs that were going on go on (each waits for its key).
            workflow::restore_eval(state.eval, newer);
            // Answers saved before splits had ids belong to the restored split; others stay with theirs.
            workflow::follow_split(state);
            // The copy written as the page went away is ahead of IndexedDB's: bring that up to date.
            if (&newer == &at_exit) state.eval_unsaved = true;
        });
    });
}

void App::save_if_changed() {
    const auto report = [this](const std::string& error) {
        post([error](workflow::State& state) { state.set_status(workflow::Status::Level::Error, error); });
    };
    // Not before the saved settings are back: the defaults would overwrite them.
    if (state_.providers.unsaved && settings_restored_) {
        state_.providers.unsaved = false;
        platform::store_text(kSettingsKey, text::dump_json(workflow::providers_settings_json(state_.providers)), report);
    }
    if (state_.unsaved) {
        state_.unsaved = false;
        platform::store_text(kExperimentKey, text::dump_json(workflow::experiment_to_json(state_, /*with_evaluation=*/false)), report);
    }
    if (state_.label_file.batch_unsaved) {
        state_.label_file.batch_unsaved = false;
        platform::store_text(kLabelBatchesKey,
                             state_.label_file.batch ? text::dump_json(workflow::to_json(*state_.label_file.batch)) : "null",
                             report);
    }
    // Answers arrive many a second: they are kept apart, so each save writes kilobytes, not the split.
    if (state_.eval_unsaved) {
        state_.eval_unsaved = false;
        ++state_.eval.save_serial;
        // The answers in this save are the page's to keep from now on: the service worker may forget them.
        platform::store_text(kEvaluationKey, text::dump_json(workflow::to_json(state_.eval)), report,
                             [released = std::exchange(state_.eval.answers_to_release, {})] {
                                 platform::release_answers(released);
                             });
    }
}

// An answer that reached the page in its last moments (before a frame could apply it, or while its
// IndexedDB write was still to commit) would be lost and paid for again after the reload: it is applied
// now and the evaluations written synchronously.
void App::save_at_exit() {
    apply_completions();
    // The write begun below may never finish (the page is going): the copy written synchronously after it
    // holds these answers, so they are released here.
    const std::vector<std::string> released = state_.eval.answers_to_release;
    save_if_changed();
    // Nothing restored or saved yet: a copy now could only hide the one in IndexedDB.
    if (state_.eval.save_serial == 0) return;
    ++state_.eval.save_serial;
    platform::keep_at_exit(kEvaluationKey, text::dump_json(workflow::to_json(state_.eval)));
    platform::release_answers(released);
}

void App::apply_completions() {
    auto done = std::move(completions_);
    completions_.clear();
    for (auto& apply : done) apply(state_);
}

void App::post(std::function<void(workflow::State&)> apply) {
    completions_.push_back(std::move(apply));
    redraw_.note_activity(platform::now_seconds());
    platform::resume_main_loop();
}

void App::input_arrived() {
    redraw_.note_input(platform::now_seconds());
    platform::resume_main_loop();
}

void App::rescale_if_needed() {
    if (!canvas_dirty_) return;
    canvas_dirty_ = false;
    canvas_ = platform::fit_canvas_to_page();
    if (canvas_.device_pixel_ratio == scale_) return;
    scale_ = canvas_.device_pixel_ratio;
    fonts_ = ui::build_fonts(scale_);
    ui::apply_style(scale_);
    if (frames_ > 0) {  // the backend uploads the first atlas itself
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

void App::frame() {
    // Completions first, so this frame already shows what they changed.
    apply_completions();

    const double now = platform::now_seconds();
    rebuild_training_files(state_, tokens_, [this](auto apply) { post(std::move(apply)); });
    if (state_.eval.reports_stale) {
        std::string ignored;  // the Fine-tune step names a broken price edit
        const auto& dataset = state_.data.dataset;
        workflow::rebuild_reports(state_.eval, dataset ? &dataset->split : nullptr, dataset ? dataset->summary.seed : 0,
                                  prices_for(state_.finetune.price_edits, ignored));
    }
    evals_.pump(now);
    batches_.pump();
    label_batches_.pump();
    // Training takes half of a frame the app draws, and most of one it skips (see RedrawPolicy): the
    // browser still gets the rest for input and the compositor.
    local_.pump(now, redraw_.should_draw(now) ? 0.008 : 0.012);
    embeds_.pump(now, redraw_.should_draw(now) ? 0.008 : 0.012);
    label_vectors_.pump(now, redraw_.should_draw(now) ? 0.008 : 0.012);
    labelling_.pump(now, redraw_.should_draw(now) ? 0.008 : 0.012);
    maps_.pump(redraw_.should_draw(now) ? 0.008 : 0.012);
    spending_.update();
    // What the completions brought is kept now, drawn or not: an answer paid for must survive a reload.
    save_if_changed();
    local_.save_if_changed();
    redraw_.set_pending((datasets_.busy() ? 1 : 0) + (jobs_.busy() ? 1 : 0) + (local_.busy() ? 1 : 0) + (embeds_.busy() ? 1 : 0) +
                        (batches_.busy() ? 1 : 0) + (labelling_.busy() ? 1 : 0) + (label_batches_.busy() ? 1 : 0) +
                        (label_vectors_.busy() ? 1 : 0) + (maps_.busy() ? 1 : 0) +
                        requests_.in_flight(), now);
    // Input Dear ImGui holds and has not handed to the widgets yet keeps frames coming: it passes a press and
    // its release on in two frames, so a frame skipped between them (the page slow, the idle time past)
    // would leave a click half done until the next input — a click lost, as browser tests saw under load.
    if (ImGui::GetCurrentContext()->InputEventsQueue.Size > 0) redraw_.note_input(now);
    // Training, labelling or the map's layout in slices goes at the pace of the browser's tasks rather than its frames while
    // nobody is using the page (main_loop.h says why); the frames still drawn show its progress.
    const bool crunching = local_.busy() || labelling_.busy() || (maps_.busy() && !maps_.benching());
    platform::set_main_loop_pace(crunching && !redraw_.interacting(now) ? platform::Pace::Work : platform::Pace::Display);
    if (redraw_.idle(now)) {
        platform::pause_main_loop();
        return;
    }
    if (!redraw_.should_draw(now)) return;
    redraw_.note_drawn(now);
    render();
}

void App::render() {
    rescale_if_needed();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    items_.begin_frame();
    ImGui::NewFrame();
    const double started = platform::now_seconds();
    if (maps_.benching()) {
        maps_.draw_bench();
    } else {
        workspace_.draw(state_, fonts_, platform::now_seconds(), platform::epoch_seconds(), intents_);
        providers_window_.draw(state_, intents_);
    }
    ImGui::Render();

    int width = 0, height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (maps_.benching()) {
        // The frame's time includes the GPU's work: reading a pixel back waits for it.
        unsigned char pixel[4];
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, pixel);
        maps_.note_frame_ms((platform::now_seconds() - started) * 1000);
    }
    if (frames_++ == 0) platform::first_frame_drawn();

    for (const auto& intent : intents_) carry_out(intent);
    if (!intents_.empty()) redraw_.note_activity(platform::now_seconds());  // the change shows next frame
    intents_.clear();
    save_if_changed();
    if (state_.status.serial != announced_serial_) {
        announced_serial_ = state_.status.serial;
        platform::announce(state_.status.text);
    }
}

void App::carry_out(const workflow::Intent& intent) {
    if (workflow::apply(state_, intent)) return;
    if (std::holds_alternative<workflow::OpenFilePicker>(intent)) {
        datasets_.open_picker();
    } else if (std::holds_alternative<workflow::LoadDemoData>(intent)) {
        datasets_.load_demo();
    } else if (std::holds_alternative<workflow::CancelReading>(intent)) {
        datasets_.cancel();
    } else if (const auto* load = std::get_if<workflow::ChangeLoadSettings>(&intent)) {
        state_.data.load = load->settings;
        datasets_.read_again();
    } else if (const auto* split = std::get_if<workflow::ChangeSplitSettings>(&intent)) {
        datasets_.change_split(split->settings);
    } else if (const auto* to = std::get_if<workflow::SwitchToSplit>(&intent)) {
        datasets_.switch_to_split(to->id);
    } else if (std::holds_alternative<workflow::DownloadSplit>(intent)) {
        datasets_.download_split();
    } else if (const auto* key = std::get_if<workflow::SetKey>(&intent)) {
        providers_.set_key(key->profile, key->key);
        jobs_.resume_watching(/*only_stalled=*/true);  // jobs waiting for this key go on
    } else if (const auto* remember = std::get_if<workflow::SetRememberKey>(&intent)) {
        providers_.set_remember(remember->profile, remember->remember);
    } else if (const auto* forget = std::get_if<workflow::ForgetKey>(&intent)) {
        providers_.forget(forget->profile);
    } else if (const auto* confirm = std::get_if<workflow::ConfirmKey>(&intent)) {
        providers_.confirm_key(confirm->profile);
        jobs_.resume_watching(/*only_stalled=*/true);  // jobs waiting for this key go on
    } else if (const auto* test = std::get_if<workflow::TestConnection>(&intent)) {
        providers_.test_connection(test->profile);
    } else if (const auto* cancel_test = std::get_if<workflow::CancelTest>(&intent)) {
        providers_.cancel_test(cancel_test->profile);
    } else if (const auto* file = std::get_if<workflow::DownloadTrainingFile>(&intent)) {
        const auto& files = state_.finetune.files;
        platform::download(file->validation ? "validation.jsonl" : "training.jsonl", "application/jsonl",
                           file->validation ? files.validation : files.training);
    } else if (std::holds_alternative<workflow::EditBundledPrices>(intent)) {
        workflow::apply(state_, workflow::SetPriceEdits{bundled_prices_json()});
    } else if (std::holds_alternative<workflow::StartJob>(intent)) {
        jobs_.start_job();
    } else if (const auto* check = std::get_if<workflow::CheckJobNow>(&intent)) {
        jobs_.check_now(check->key);
    } else if (const auto* cancel = std::get_if<workflow::CancelJob>(&intent)) {
        jobs_.cancel(cancel->key);
    } else if (const auto* attach = std::get_if<workflow::AttachJob>(&intent)) {
        jobs_.attach(attach->profile, attach->id);
    } else if (const auto* recent = std::get_if<workflow::ListRecentJobs>(&intent)) {
        jobs_.list_recent(recent->profile);
    } else if (std::holds_alternative<workflow::CancelListRecentJobs>(intent)) {
        jobs_.cancel_list_recent();
    } else if (std::holds_alternative<workflow::CancelUpload>(intent)) {
        jobs_.cancel_upload();
    } else if (std::holds_alternative<workflow::CancelAttach>(intent)) {
        jobs_.cancel_attach();
    } else if (const auto* cancel_check = std::get_if<workflow::CancelJobCheck>(&intent)) {
        jobs_.cancel_check(cancel_check->key);
    } else if (const auto* stop_cancel = std::get_if<workflow::StopWaitingForJobCancel>(&intent)) {
        jobs_.stop_waiting_for_cancel(stop_cancel->key);
    } else if (std::holds_alternative<workflow::StopWaitingForCreate>(intent)) {
        jobs_.stop_waiting_for_create();
    } else if (const auto* batch = std::get_if<workflow::RunAsBatch>(&intent)) {
        batches_.run_as_batch(batch->id);
    } else if (const auto* cancel_batch = std::get_if<workflow::CancelBatch>(&intent)) {
        batches_.cancel(cancel_batch->id, cancel_batch->client_id);
    } else if (const auto* check_batch = std::get_if<workflow::CheckBatch>(&intent)) {
        batches_.check_again(check_batch->client_id);
    } else if (const auto* save = std::get_if<workflow::SaveFile>(&intent)) {
        platform::download(save->name, save->mime_type, save->content);
    } else if (std::holds_alternative<workflow::SavePlotImage>(intent)) {
        save_plot_image();
    } else if (std::holds_alternative<workflow::ExportPredictions>(intent)) {
        if (!state_.data.dataset) return;
        std::vector<const eval::Evaluation*> evaluations;
        for (const auto& evaluation : state_.eval.evaluations) evaluations.push_back(&evaluation);
        const auto& dataset = *state_.data.dataset;
        platform::download(file_stem(state_) + "-predictions.csv", "text/csv",
                           eval::predictions_csv(evaluations, dataset.split.test, dataset.summary.text_column));
    } else if (std::holds_alternative<workflow::ExportExperiment>(intent)) {
        // The State holds no key, so neither does this.
        platform::download(file_stem(state_) + ".json", "application/json", text::dump_json(workflow::experiment_to_json(state_), 1));
    } else if (std::holds_alternative<workflow::ImportExperiment>(intent) ||
               std::holds_alternative<workflow::LoadLocalModel>(intent)) {
        datasets_.open_picker();  // a .json file picked there is imported, a .tbmodel loaded
    } else if (std::holds_alternative<workflow::DownloadLocalModel>(intent)) {
        local_.download(file_stem(state_));
    } else if (std::holds_alternative<workflow::LabelFile>(intent)) {
        if (state_.label_file.source.empty()) {
            labelling_.start();
        } else if (workflow::labels_with_vectors(state_, state_.label_file.source)) {
            label_vectors_.start();
        } else {
            label_batches_.send();
        }
    } else if (std::holds_alternative<workflow::WriteLabelBatches>(intent)) {
        label_batches_.write();
    } else if (std::holds_alternative<workflow::ResendLabelBatches>(intent)) {
        label_batches_.send_again();
    } else if (std::holds_alternative<workflow::CancelLabelBatches>(intent)) {
        label_batches_.cancel();
    } else if (std::holds_alternative<workflow::ForgetLabelBatches>(intent)) {
        label_batches_.forget();
    } else if (std::holds_alternative<workflow::CancelLabelFile>(intent)) {
        labelling_.cancel();
    }
}

void App::file_opened(const platform::FileInfo& opened) {
    // A name the browser gives may hold a lone UTF-16 surrogate, which arrives as invalid UTF-8: made
    // valid here, as it is shown, saved and exported.
    platform::FileInfo file = opened;
    file.name = text::valid_utf8(opened.name);
    if (is_model_file_name(file.name)) {
        local_.load_file(file);
    } else {
        datasets_.file_opened(file);
    }
}

// Runs after the frame is drawn: the chart the UI composed in it is rendered off screen and saved.
void App::save_plot_image() {
    ui::PlotImage& image = workspace_.plot_image();
    if (!image.pending()) return;
    const auto png = render_png(image, ImGui::GetStyle().Colors[ImGuiCol_WindowBg]);
    if (!png.empty()) platform::download(image.file_name(), "image/png", std::string(png.begin(), png.end()));
    image.clear();
}

std::string App::state_json() const {
    nlohmann::json json = workflow::to_json(state_);
    json["display"] = {{"cssWidth", canvas_.css_width},
                       {"cssHeight", canvas_.css_height},
                       {"backingWidth", canvas_.backing_width},
                       {"backingHeight", canvas_.backing_height},
                       {"devicePixelRatio", canvas_.device_pixel_ratio}};
    json["idle"] = platform::main_loop_paused();
    const auto& data = state_.data;
    if (data.dataset) {
        json["dataset"] = data::to_json(data.dataset->summary);
        json["dataset"]["name"] = data.dataset->file.name;
        json["dataset"]["synthetic"] = data.dataset->file.synthetic;
        json["dataset"]["readSeconds"] = data.dataset->read_seconds;
        json["split"] = data::to_json(data.dataset->split, data.dataset->summary.seed, false);
    } else {
        json["dataset"] = nullptr;
        json["split"] = nullptr;
    }
    json["reading"] = data.reading.has_value();
    json["siteFilesLoading"] = platform::site_files_loading();
    json["providers"] = workflow::providers_json(state_.providers);
    json["wasmMemoryBytes"] = emscripten_get_heap_size();  // memory only grows: this is the peak
    json["dataError"] = data.error;
    json["dataNotice"] = data.notice;
    json["candidates"] = workflow::candidates_json(state_.finetune);
    json["map"] = maps_.json(workspace_.map_panel(), canvas_.device_pixel_ratio, canvas_.left, canvas_.top);
    json["plots"] = nlohmann::json::array();
    for (const ui::PlotReport& plot : workspace_.plot_reports()) {
        json["plots"].push_back({{"label", plot.label}, {"frame", plot.frame}, {"autoFit", plot.auto_fit},
                                 {"window", {plot.window.x_min, plot.window.x_max, plot.window.y_min, plot.window.y_max}},
                                 {"wheelHint", plot.wheel_hint}});
    }
    return text::dump_json(json);
}

void App::count_tokens(const std::string& text, const std::string& encoding,
                       std::function<void(double, const std::string&)> done) {
    const auto known = tokens::encoding_from_name(encoding);
    if (!known) {
        done(-1, "Unknown encoding \"" + encoding + "\": use o200k_base or cl100k_base.");
        return;
    }
    tokens_.when_ready(*known, [text, done](const tokens::Bpe* bpe, const std::string& error) {
        if (bpe == nullptr) {
            done(-1, error);
        } else {
            done(static_cast<double>(bpe->count(text)), {});
        }
    });
}

std::string App::items_json() const {
    return text::dump_json(items_.to_json(canvas_.device_pixel_ratio, canvas_.left, canvas_.top));
}

}  // namespace tb::app
