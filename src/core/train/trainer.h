#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/train/dictionary.h"
#include "core/train/dictionary_builder.h"
#include "core/train/hyperparameters.h"
#include "core/train/model.h"

namespace tb::train {

// One point of the training-loss curve: the mean loss of a window of consecutive examples (each taken
// just before its own update, as fastText reports it). Windows never span two epochs.
struct LossPoint {
    double progress = 0;       // of the whole run (0..1) at the window's end: the plot's x
    int epoch = 0;             // 0-based
    double train_loss = 0;     // mean -log p(label) over the window
    std::size_t examples = 0;  // in the window
};

// Why a trainer cannot be built from these inputs, or empty when it can: the texts and labels differ in
// number, a label is out of range, there are no classes or texts, or check(hp) objects.
std::string check_training_data(const std::vector<std::string>& texts, const std::vector<int>& labels,
                                const std::vector<std::string>& classes, const Hyperparameters& hp);

// Trains in slices so a browser frame never freezes: construct with the data, then call step(n) each
// frame until done(). Preparing is sliced too: reading every text (tokens, word counts), encoding each
// as rows, and drawing the initial weights take about 0.4 s in WebAssembly for 20,000 texts, so they
// run in step() before the first epoch. The result depends only on the data and the hyperparameters
// (the seed included), never on how the work was sliced nor on the platform.
class Trainer {
public:
    enum class Phase { Reading, Encoding, Initialising, Training, Done };

    // Keeps a copy of the texts until they are read (the caller may free its own). On invalid inputs
    // (see check_training_data) the trainer is done() at once, with error() saying why and an empty
    // model: exceptions are off in the web build.
    Trainer(const std::vector<std::string>& texts, const std::vector<int>& labels, std::vector<std::string> classes,
            Hyperparameters hp);

    // Does up to `work` units and returns how many it did (0 once done()). A unit takes about as long as
    // training on one example: reading one text, encoding one text, drawing about a thousand initial
    // weights, or training on one example. Training is SGD one example at a time as fastText does, each
    // epoch in its own order shuffled from the seed, the learning rate decaying linearly with the tokens
    // processed (hp.lr at the start, 0 at the end). Stops at the end of each phase and of each epoch, so
    // a caller can show the phase and score the model between epochs.
    std::size_t step(std::size_t work);

    Phase phase() const { return phase_; }
    bool done() const { return phase_ == Phase::Done; }
    // Set when the inputs are invalid, or when the dictionary turns out to need too large a table (found
    // at the end of Reading); the trainer is then done.
    const std::string& error() const { return error_; }
    double preparation() const;  // 0..1 of the work before training
    double progress() const;     // 0..1 of training, by tokens processed, as the learning rate decays
    int epoch() const { return epoch_; }  // 0-based epoch in progress; epochs() once done
    int epochs() const { return hp_.epochs; }
    double learning_rate() const;  // the rate the next example gets
    std::size_t examples_done() const { return examples_done_; }
    std::size_t examples_total() const { return texts_ * static_cast<std::size_t>(hp_.epochs); }

    // Mean training loss over the current epoch so far: the previous epoch's until the current one has
    // an example (so the last epoch's once done), 0 before any.
    double average_loss() const;
    // The curve so far, a point every loss_window() examples and at each epoch's end: a few hundred
    // points for the whole run whatever its size. New points are appended; none changes once there.
    const std::vector<LossPoint>& loss_curve() const { return curve_; }
    std::size_t loss_window() const { return window_; }

    // The model being trained: empty while Reading, then with its final dictionary (and zero weights
    // until Initialising is over).
    const Model& model() const { return model_; }
    // Moves the model out; the trainer is then done.
    Model take_model();

    // Example i's input rows (the order of the given texts), as its model's dictionary encodes the text;
    // from Initialising until done (the rows are freed then).
    std::span<const std::int32_t> input_rows(std::size_t example) const { return encoded_.of(example); }

private:
    std::size_t read(std::size_t work);
    std::size_t encode(std::size_t work);
    std::size_t initialise(std::size_t work);
    std::size_t train(std::size_t work);
    void start_epoch();
    void close_window();
    void fail(std::string why);

    Hyperparameters hp_;
    std::string error_;
    Phase phase_ = Phase::Reading;
    std::size_t texts_ = 0, next_ = 0;  // next_: the next text to read or encode, or row block to draw
    // Reading: the texts back to back (one allocation, freed once read) and the builder.
    std::string text_bytes_;
    std::vector<std::size_t> text_starts_;
    std::vector<std::string> classes_;
    std::optional<DictionaryBuilder> builder_;  // Reading and Encoding only
    Model model_;
    EncodedTexts encoded_;
    std::vector<int> labels_;
    std::vector<std::uint32_t> order_;
    Scratch scratch_;
    std::uint64_t tokens_per_epoch_ = 0, tokens_done_ = 0;
    std::size_t examples_done_ = 0, position_ = 0;
    int epoch_ = 0;
    std::size_t window_ = 1;
    double window_loss_ = 0, epoch_loss_ = 0;
    std::size_t window_examples_ = 0, epoch_examples_ = 0;
    double last_epoch_loss_ = 0;
    std::vector<LossPoint> curve_;
};

}  // namespace tb::train
