#pragma once

#include <functional>
#include <vector>

#include "core/frame/item_log.h"
#include "core/frame/redraw_policy.h"
#include "core/workflow/intents.h"
#include "app/batch_eval_controller.h"
#include "app/dataset_controller.h"
#include "app/embed_controller.h"
#include "app/label_vectors_controller.h"
#include "app/eval_controller.h"
#include "app/flow_runner.h"
#include "app/jobs_controller.h"
#include "app/label_batch_controller.h"
#include "app/label_file_controller.h"
#include "app/local_model_controller.h"
#include "app/map_controller.h"
#include "app/providers_controller.h"
#include "app/spend_estimator.h"
#include "app/token_counters.h"
#include "core/workflow/state.h"
#include "platform/canvas.h"
#include "ui/providers_window.h"
#include "ui/style.h"
#include "ui/workspace.h"

struct GLFWwindow;

namespace tb::app {

// Owns the State, the queue of async completions and the frame loop.
class App {
public:
    explicit App(GLFWwindow* window);

    // Restores the saved experiment, or else opens the demo data.
    void start();

    // Runs one animation frame, or pauses the loop when there is nothing to draw.
    void frame();

    // Hands the result of async work back to the main loop: `apply` runs on the State at the start of
    // the next frame. Callbacks of browser requests do nothing but this.
    void post(std::function<void(workflow::State&)> apply);

    // Input arrived: draw again now, at full frame rate.
    void input_arrived();

    // The page's size or pixel ratio changed: refit the canvas and, if needed, the fonts.
    void canvas_changed() {
        canvas_dirty_ = true;
        input_arrived();
    }

    // A file picked or dropped: a model (.tbmodel) goes to the local model, anything else to the data.
    void file_opened(const platform::FileInfo& file);

    std::string state_json() const;
    std::string items_json() const;
    double frames() const { return static_cast<double>(frames_); }
    // window.tuneboard.countTokens: the exact count, once the encoding's tokenizer has loaded.
    void count_tokens(const std::string& text, const std::string& encoding,
                      std::function<void(double, const std::string&)> done);

private:
    void rescale_if_needed();
    void render();
    void carry_out(const workflow::Intent& intent);
    void apply_completions();
    void save_if_changed();
    void restore_settings(workflow::State& state, bool found, const std::string& text);
    void restore_experiment();
    void save_at_exit();
    void restore_evaluation();
    void restore_label_batches();
    void save_plot_image();
    void start_bench_if_asked();

    GLFWwindow* window_;
    workflow::State state_;
    DatasetController datasets_;
    RequestRunner requests_;
    FlowRunner flows_;  // long provider work (uploads, creating and watching jobs), as core step machines
    ProvidersController providers_;
    JobsController jobs_;
    EvalController evals_;
    BatchEvalController batches_;
    LocalModelController local_;
    LabelFileController labelling_;
    LabelBatchController label_batches_;  // "Label the file" through a provider's Batch API
    TokenCounters tokens_;
    EmbedController embeds_;
    LabelVectorsController label_vectors_;  // "Label the file" with an embeddings candidate, in the tab
    SpendEstimator spending_;
    MapController maps_;  // the Compare step's map: its layout, its points' buffers and their shaders
    std::vector<std::function<void(workflow::State&)>> completions_;
    std::vector<workflow::Intent> intents_;
    frame::RedrawPolicy redraw_;
    frame::ItemLog items_;
    platform::CanvasSize canvas_;
    ui::Fonts fonts_;
    ui::Workspace workspace_;
    ui::ProvidersWindow providers_window_;
    float scale_ = 0;  // device pixels per CSS pixel the fonts and style were built for
    bool canvas_dirty_ = true;
    long long frames_ = 0;
    int announced_serial_ = 0;
    bool settings_restored_ = false;
};

}  // namespace tb::app
