#include "app/label_vectors_controller.h"

#include "core/api/embeddings.h"
#include "core/eval/spend_estimate.h"
#include "core/eval/file_vectors.h"
#include "core/linear/vector_search.h"
#include "core/text/format.h"
#include "core/workflow/label_vectors.h"
#include "platform/main_loop.h"
#include "platform/service_worker.h"

namespace tb::app {

namespace {
using Level = workflow::Status::Level;

// Texts waiting for their vectors before the reading stops: enough for every request at once to be full.
constexpr std::size_t kMaxWaitingTexts = 2048;
// Rows of training between looks at the clock.
constexpr std::size_t kRowsPerLook = 256;
}  // namespace

struct LabelVectorsController::Run {
    eval::Candidate candidate;
    std::string space;                            // SpaceVectors' key
    std::unique_ptr<linear::VectorSearch> search;  // until the classifier is trained
    eval::VectorRowLabeller* labeller = nullptr;   // the pass's, while it runs
    int asking = 0;                                // its requests in flight
};

LabelVectorsController::LabelVectorsController(workflow::State& state, Post post, LabelFileController& labelling,
                                               RequestRunner& runner, ProvidersController& providers,
                                               EmbedController& embeds)
    : state_(state), post_(std::move(post)), labelling_(labelling), runner_(runner), providers_(providers), embeds_(embeds) {}

LabelVectorsController::~LabelVectorsController() = default;

void LabelVectorsController::start() {
    if (run_ || labelling_.busy()) return;
    const std::string source = state_.label_file.source;
    std::string why = workflow::label_vectors_unavailable_because(state_, source);
    const eval::Evaluation* e = state_.eval.find(source);
    if (why.empty()) why = providers_.missing_key(e->candidate.profile);
    if (!why.empty()) {
        state_.set_status(Level::Error, why);
        return;
    }
    workflow::SpaceVectors& vectors = workflow::space_vectors(state_, e->candidate);
    auto search = workflow::vector_search(state_, *e, state_.data.dataset->split, vectors);
    if (!search) {
        state_.set_status(Level::Error, "The vectors " + eval::candidate_name(e->candidate) +
                                            " learnt from are not all in this browser any more: run it again (Evaluate "
                                            "step), then label the file.");
        return;
    }
    auto run = std::make_unique<Run>();
    run->candidate = e->candidate;
    run->space = vectors.space.key();
    run->search = std::move(search);
    const std::string space = run->space;
    auto labeller = std::make_unique<eval::VectorRowLabeller>(
        e->candidate.model, [this, space](std::uint64_t key) -> std::span<const float> {
            const auto found = state_.embed.spaces.find(space);
            return found == state_.embed.spaces.end() ? std::span<const float>{} : found->second.store.find(key);
        });
    run->labeller = labeller.get();
    run_ = std::move(run);
    const int serial = ++serial_;

    LabelFileController::Pass pass;
    pass.labeller = std::move(labeller);
    pass.model = workflow::label_file_model_name(state_);
    pass.written = "labelled";
    // Nothing is read before the classifier is trained, nor while enough texts wait for their vectors.
    pass.hold = [this] {
        return !run_ || !run_->labeller->has_model() || run_->labeller->waiting() >= kMaxWaitingTexts;
    };
    pass.on_end = [this, serial](eval::RowLabeller&, bool finished) {
        if (serial != serial_ || !run_) return;
        state_.label_file.texts_asked = run_->labeller->texts_asked();
        state_.label_file.rows_from_held = run_->labeller->rows_from_held();
        if (finished) {
            say_what_it_cost();
        } else if (state_.label_file.phase == workflow::LabelFileState::Phase::Cancelled && state_.label_file.texts_asked > 0) {
            // (A failed run's message says so already.)
            state_.label_file.message += " The vectors that came are kept: labelling again sends only the texts "
                                         "whose vectors never came.";
        }
        run_.reset();  // answers still to come keep their vectors, nothing more
    };
    labelling_.run(std::move(pass));
    workflow::LabelFileState& label = state_.label_file;
    label.training = true;
    if (!labelling_.busy()) run_.reset();
}

void LabelVectorsController::pump(double now, double slice_seconds) {
    if (!run_) return;
    Run& run = *run_;
    workflow::LabelFileState& label = state_.label_file;
    if (run.search) {
        while (!run.search->done() && platform::now_seconds() - now < slice_seconds) run.search->step(kRowsPerLook);
        if (!run.search->done()) return;
        if (!run.search->error().empty()) {
            labelling_.fail("its classifier could not be trained: " + run.search->error());
            return;
        }
        linear::VectorModel model = run.search->take_model();
        run.search.reset();
        const auto found = state_.embed.spaces.find(run.space);
        const double beta = found == state_.embed.spaces.end()
                                ? 1
                                : eval::calibrate(model, found->second.store, state_.data.dataset->split.validation,
                                                  state_.data.dataset->summary.text_column);
        run.labeller->set_model(std::move(model), beta);
        label.training = false;
    }
    label.texts_asked = run.labeller->texts_asked();
    label.rows_from_held = run.labeller->rows_from_held();
    if (label.phase != workflow::LabelFileState::Phase::Running) return;
    const int most = std::max(1, state_.eval.concurrency);
    runner_.set_max(run.candidate.profile, most);
    const api::EmbeddingBatchLimits limits = EmbedController::request_limits();
    while (run.asking < most && run.labeller->to_ask() > 0) {
        std::vector<eval::VectorRowLabeller::Question> questions = run.labeller->take(limits, run.candidate.dimensions);
        if (questions.empty()) break;
        std::vector<std::string> inputs;
        for (const auto& question : questions) inputs.push_back(question.text);
        ++run.asking;
        ++in_flight_;
        embeds_.send(run.candidate, run.space, std::move(inputs),
                     [this, serial = serial_, space = run.space, questions = std::move(questions)](api::HttpResponse response) {
                         post_([this, serial, space, questions, response = std::move(response)](workflow::State&) {
                             --in_flight_;
                             received(serial == serial_ && run_ != nullptr, space, questions, response);
                         });
                     });
    }
}

void LabelVectorsController::received(bool current, const std::string& space,
                                      const std::vector<eval::VectorRowLabeller::Question>& questions,
                                      const api::HttpResponse& response) {
    const auto parsed = api::openai::parse_embeddings(response, questions.size());
    const auto* answer = api::value_of(parsed);
    const auto vectors = state_.embed.spaces.find(space);
    // The file's vectors take at most half the page's room: the evaluations keep the rest.
    if (answer != nullptr && vectors != state_.embed.spaces.end() &&
        vectors->second.store.bytes() + questions.size() * static_cast<std::size_t>(vectors->second.store.dims()) * sizeof(float) <=
            vectors->second.store.memory_limit() / 2) {
        std::vector<std::uint64_t> keys;
        for (const auto& question : questions) keys.push_back(question.key);
        // Kept whatever became of the run: they are paid for.
        embeds_.keep(vectors->second, keys, answer->vectors, response.replay_key);
    } else if (!response.replay_key.empty()) {
        platform::release_answers({response.replay_key});
    }
    if (!current) return;
    Run& run = *run_;
    --run.asking;
    if (answer == nullptr) {
        labelling_.fail("the provider did not give the texts' vectors: " + api::describe(std::get<api::ApiError>(parsed)) +
                        " The vectors that came are kept: labelling again sends only the rest.");
        return;
    }
    state_.label_file.embedding_tokens += answer->prompt_tokens;
    run.labeller->answer(questions, answer->vectors);
}

void LabelVectorsController::say_what_it_cost() {
    workflow::LabelFileState& label = state_.label_file;
    const auto vectors = state_.embed.spaces.find(run_->space);
    const std::optional<double> price =
        vectors != state_.embed.spaces.end() ? vectors->second.usd_per_token : std::nullopt;
    label.message += " Texts sent for their vectors: " + text::with_commas(label.texts_asked) + " (" +
                     text::with_commas(static_cast<std::uint64_t>(label.embedding_tokens)) + " tokens billed" +
                     (price ? ", " + eval::cost_text(*price * static_cast<double>(label.embedding_tokens)) : std::string()) +
                     "); rows answered by a vector this browser held: " + text::with_commas(label.rows_from_held) + ".";
}

}  // namespace tb::app
