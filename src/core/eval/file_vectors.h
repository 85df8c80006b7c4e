#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/api/embeddings.h"
#include "core/eval/file_labeller.h"
#include "core/embed/vector_store.h"
#include "core/linear/vector_model.h"

namespace tb::eval {

// "Label the file" with an embeddings candidate, in the tab: a row's answer is its classifier's on the
// vector of its text (cut as embed::embedded_text sends it). A vector the page holds (the split's rows', a
// stopped run's) answers at once; the others are asked of the provider by the app, a few texts a request
// (take, then answer or forget), and their rows stay pending until then. A text met twice is asked once.
class VectorRowLabeller : public RowLabeller {
public:
    // A held vector by text key, or empty. Asked as rows are read, so a vector kept meanwhile is used.
    using Find = std::function<std::span<const float>(std::uint64_t key)>;
    struct Question {
        std::uint64_t key = 0;  // embed::text_key of the text
        std::string text;       // as sent
    };

    VectorRowLabeller(std::string model_id, Find find) : model_id_(std::move(model_id)), find_(std::move(find)) {}
    // The classifier, once trained; `beta` calibrates its probabilities (eval::sharpen; 1 leaves them). No
    // row may be labelled before (the app holds the reading until then).
    void set_model(linear::VectorModel model, double beta);
    bool has_model() const { return !model_.empty(); }

    Answer label(const RowQuestion& question) override;
    Answer later_answer(std::uint64_t ticket) override;
    const std::vector<std::string>& classes() const override { return model_.classes(); }
    std::string model_id() const override { return model_id_; }

    // The texts of the next request: those not handed out yet, oldest first, as many as one request within
    // `limits` takes (tokens estimated, embed::estimated_tokens); their rows wait for answer() or forget().
    std::vector<Question> take(const api::EmbeddingBatchLimits& limits, int dimensions);
    std::size_t to_ask() const { return to_ask_.size() - taken_; }
    // Texts whose rows wait (for the vector, or to be written): the reading stops while there are too many.
    std::size_t waiting() const { return rows_of_.size(); }
    // The vectors of `asked`, in its order: the rows waiting for each get the classifier's answer. A
    // question without a vector (fewer came, or of another length) leaves its rows without an answer.
    void answer(std::span<const Question> asked, std::span<const std::vector<float>> vectors);
    // Rows of these texts get no answer (their request failed for good): their columns stay blank.
    void forget(std::span<const Question> asked);

    std::uint64_t texts_asked() const { return texts_asked_; }  // handed out by take()
    std::uint64_t rows_from_held() const { return rows_from_held_; }  // answered by a held vector

private:
    Answer answer_for(std::span<const float> vector);

    linear::VectorModel model_;
    double beta_ = 1;
    std::string model_id_;
    Find find_;
    std::vector<Question> to_ask_;  // from taken_ on (a vector: a deque costs the page kilobytes of code)
    std::size_t taken_ = 0;
    // By text key (a pending answer's ticket): how many rows wait for it, and its answer once known (packed:
    // the label + 1 in the high half, the probability as a float in the low; the same map types as the
    // vectors' index and the token counts', so the page gains no code for them).
    std::unordered_map<std::uint64_t, std::uint32_t> rows_of_;
    std::unordered_map<std::uint64_t, std::int64_t> answers_;
    std::uint64_t texts_asked_ = 0, rows_from_held_ = 0;
};

// The β that calibrates `model`'s probabilities on the `rows` (the validation rows: never trained on) whose
// vector `store` holds, their text in field `text_column`; rows of a class the model lacks are left out.
double calibrate(const linear::VectorModel& model, const embed::VectorStore& store,
                 const std::vector<data::SplitRow>& rows, int text_column);

}  // namespace tb::eval
