#include "app/dataset_controller.h"

#include <memory>
#include <utility>

#include "core/data/split_csv.h"
#include "core/data/summary.h"
#include "core/text/format.h"
#include "core/text/json_text.h"
#include "core/workflow/experiment.h"
#include "core/workflow/intents.h"
#include "platform/download.h"

namespace tb::app {

namespace {
using workflow::State;
using Level = workflow::Status::Level;

// An experiment's JSON holds a few thousand rows at most; anything far larger is not one.
constexpr std::size_t kMaxExperimentBytes = 256u << 20;

bool is_json_name(const std::string& name) {
    return name.size() >= 5 && (name.compare(name.size() - 5, 5, ".json") == 0 || name.compare(name.size() - 5, 5, ".JSON") == 0);
}

}  // namespace

DatasetController::DatasetController(State& state, Post post, std::function<double()> now)
    : state_(state), post_(std::move(post)), now_(std::move(now)) {}

void DatasetController::file_opened(const platform::FileInfo& info) {
    if (info.site_request != 0) {
        if (info.site_request != demo_request_) {
            // A demo asked for before the person opened a file of their own (or before another demo).
            platform::release_file(info.handle);
            return;
        }
        demo_request_ = 0;
    } else {
        person_file_opened_ = true;
        demo_request_ = 0;  // a read of the demo under way is replaced by start_read below
    }
    if (is_json_name(info.name)) {
        import_experiment(info);
        return;
    }
    workflow::OpenFile file{info.handle, info.name, info.bytes, info.site_request != 0};
    post_([this, file](State&) {
        // A new file means new columns, and its own header line: let the file decide them again.
        state_.data.load.text_column.clear();
        state_.data.load.label_column.clear();
        state_.data.load.header_line = 0;
        start_read(file);
    });
}

void DatasetController::open_picker() { platform::open_file_picker(); }

void DatasetController::load_demo() {
    state_.set_status(Level::Info, "Loading the demo data…");
    const auto request = std::make_shared<int>(0);
    *request = platform::open_site_file(kDemoPath, kDemoName, [this, request](const std::string& error) {
        post_([this, request, error](State& state) {
            if (demo_request_ != *request) return;  // given up for a file of the person's
            demo_request_ = 0;
            state.set_status(Level::Error, error + " Open a CSV of your own instead.");
        });
    });
    demo_request_ = *request;
}

void DatasetController::load_demo_at_start() {
    if (!person_file_opened_) load_demo();
}

void DatasetController::cancel() {
    if (state_.data.reading) platform::cancel_stream(state_.data.reading->stream);
}

void DatasetController::read_again() {
    if (state_.data.reading) {
        start_read(state_.data.reading->file);
    } else if (state_.data.failed) {
        start_read(*state_.data.failed);  // the last file opened: new settings may make it readable
    } else if (state_.data.dataset) {
        start_read(state_.data.dataset->file);
    }
}

void DatasetController::change_split(const data::SplitSettings& settings) {
    state_.data.split_settings = settings;
    if (workflow::redraw_split(state_)) return;
    // The samples kept hold too few rows for these sizes: read again, keeping more.
    state_.data.load.sample_capacity = settings.train + settings.validation + settings.test;
    read_again();
}

void DatasetController::switch_to_split(const std::string& id) {
    const workflow::ShelvedResults* aside = state_.eval.shelf(id);
    if (aside == nullptr) return;
    const workflow::SplitRecord& split = aside->split;
    const auto& dataset = state_.data.dataset;
    if (!dataset || dataset->summary.fingerprint != split.file_fingerprint) {
        state_.set_status(Level::Error, "Those results were computed on rows of " + split.file +
                                            ": open that file (Open CSV…), then switch to its split.");
        return;
    }
    // The seed, columns and filters decide which rows are read; the split settings only how they are dealt.
    const bool read = !dataset->loader || workflow::to_json(split.load) != workflow::to_json(state_.data.load);
    state_.data.load = split.load;
    switching_to_ = id;
    if (read) {
        read_again();
        return;
    }
    change_split(split.settings);
    check_switch();
}

void DatasetController::check_switch() {
    if (switching_to_.empty() || state_.data.reading) return;
    const std::string wanted = std::exchange(switching_to_, {});
    if (state_.eval.split.id == wanted) {
        state_.set_status(Level::Info, "Switched to the split " + workflow::describe(state_.eval.split, state_.data.dataset ? state_.data.dataset->file.name : std::string()) + ".");
    } else if (state_.eval.shelf(wanted) != nullptr) {
        state_.set_status(Level::Error, "The file gave other rows for that split's settings (has it changed?): its "
                                        "results stay aside, and the split shown is a new one.");
    }
}

void DatasetController::start_read(workflow::OpenFile file) {
    if (file.handle == 0 && file.synthetic) {
        load_demo();  // the site has it: fetch it again, then read it with these settings
        return;
    }
    if (file.handle == 0) {
        // Restored from a saved experiment: the browser gives the file back only when asked.
        state_.set_status(Level::Error, "Open " + file.name + " again (Open CSV…) to read it with these settings.");
        return;
    }
    if (state_.data.reading) {
        const int old = state_.data.reading->stream;
        state_.data.reading.reset();  // its remaining callbacks find no reading with their id
        platform::cancel_stream(old);
    }
    auto& reading = state_.data.reading.emplace();
    reading.file = std::move(file);
    reading.loader = std::make_unique<data::Loader>(state_.data.load);
    reading.started_at = now_();
    state_.set_status(Level::Info, "Reading " + reading.file.name + "…");
    // The stream's id is known only once it starts; its callbacks check it, so a stream being cancelled
    // never feeds the reading that replaced it.
    auto id = std::make_shared<int>(0);
    const auto current = [this, id] { return state_.data.reading && state_.data.reading->stream == *id; };
    *id = platform::stream_file(
        reading.file.handle,
        [this, current](std::string_view chunk) {
            // Runs between frames, once per chunk; the loader keeps only what it needs.
            if (current()) state_.data.reading->loader->feed(chunk);
        },
        [this, id](platform::StreamEnd end, const std::string& error) {
            const double ended_at = now_();  // now, not at the next frame: the read's time is measured
            post_([this, id, end, error, ended_at](State&) { read_ended(*id, end, error, ended_at); });
        });
    reading.stream = *id;
}

void DatasetController::read_ended(int stream, platform::StreamEnd end, const std::string& error, double ended_at) {
    if (!state_.data.reading || state_.data.reading->stream != stream) return;
    workflow::Reading reading = std::move(*state_.data.reading);
    state_.data.reading.reset();
    if (end == platform::StreamEnd::Cancelled) {
        state_.set_status(Level::Info, "Stopped reading " + reading.file.name + ".");
        return;
    }
    if (end == platform::StreamEnd::Failed) {
        state_.data.error = error;
        state_.set_status(Level::Error, error);
        return;
    }
    reading.loader->finish();
    const csv::Status status = reading.loader->reader().status();
    if (status != csv::Status::Ok) {
        const csv::StatusText text = csv::describe(status);
        state_.data.error = reading.file.name + ": " + std::string(text.what) + " " + std::string(text.todo);
        state_.data.failed = std::move(reading.file);
        state_.set_status(Level::Error, state_.data.error);
        return;
    }
    state_.data.error.clear();
    state_.data.failed.reset();
    data::DatasetSummary summary = data::summarize(*reading.loader);
    // A file under the name of the one the saved split came from, but with other content.
    const auto& previous = state_.data.dataset;
    state_.data.notice.clear();
    if (previous && previous->file.name == reading.file.name && !previous->summary.fingerprint.empty() &&
        previous->summary.fingerprint != summary.fingerprint) {
        state_.data.notice = "This " + reading.file.name + " is not the file the previous split came from (its "
                             "size or content differ), so the split was drawn anew.";
    }
    state_.data.dataset = workflow::Dataset{std::move(reading.file), std::move(summary), std::move(reading.loader),
                                            {}, {}, ended_at - reading.started_at};
    if (state_.data.dataset->summary.needs_columns()) {
        state_.set_status(Level::Error, state_.data.dataset->file.name + ": " +
                                            data::missing_columns(state_.data.dataset->summary, state_.data.load));
        return;
    }
    workflow::redraw_split(state_);
    const data::DatasetSummary& read = state_.data.dataset->summary;
    std::string message = "Read " + state_.data.dataset->file.name + ": " + text::with_commas(read.rows) + " rows, " +
                          text::with_commas(read.rows_with_text) + " with text, " +
                          text::with_commas(read.classes.size()) + " classes.";
    if (!read.problems.empty()) message += " Some rows have problems: see the list.";
    for (const std::string& note : {data::header_notice(read), data::duplicates_notice(read)}) {
        if (!note.empty()) message += " " + note;
    }
    const auto& warnings = state_.data.dataset->split.warnings;
    if (!warnings.empty()) message += " " + warnings.front();
    if (!state_.data.notice.empty()) message += " " + state_.data.notice;
    state_.set_status(warnings.empty() ? Level::Info : Level::Error, message);
    check_switch();
}

void DatasetController::import_experiment(const platform::FileInfo& info) {
    platform::read_whole_file(info.handle, kMaxExperimentBytes, [this, info](std::string text, const std::string& error) {
        post_([text = std::move(text), info, error](State& state) {
            platform::release_file(info.handle);
            std::string problem = error;
            if (problem.empty()) {
                const text::ParsedJson parsed = text::parse_json(text);
                problem = parsed.ok() ? workflow::restore_experiment(state, parsed.value) : parsed.problem;
            }
            if (!problem.empty()) {
                // The experiment open before stays as it was.
                state.set_status(Level::Error, info.name + " could not be opened as an experiment: " + problem +
                                                   ". Export one from Tuneboard (Compare, Export experiment).");
                return;
            }
            // Opened to be looked at: nothing is sent until the person runs it.
            for (auto& evaluation : state.eval.evaluations) {
                if (evaluation.phase == eval::Phase::Running) evaluation.phase = eval::Phase::Paused;
            }
            state.unsaved = state.eval_unsaved = true;
            state.set_status(Level::Info, "Opened the experiment \"" + state.experiment_name + "\" from " + info.name + ".");
        });
    });
}

void DatasetController::download_split() {
    if (!state_.data.dataset) return;
    const workflow::Dataset& dataset = *state_.data.dataset;
    std::string base = dataset.file.name;
    if (const auto dot = base.rfind('.'); dot != std::string::npos) base.resize(dot);
    platform::download(base + "-split-seed" + std::to_string(dataset.summary.seed) + ".csv", "text/csv",
                       data::split_csv(dataset.split, dataset.summary.text_column));
}

}  // namespace tb::app
