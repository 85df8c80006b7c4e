#pragma once

#include <string>
#include <variant>

#include "core/workflow/state.h"

namespace tb::workflow {

// What a person asked for in the UI; the app carries these out after the frame is drawn. Those that
// need the browser (files, downloads) are the app's; apply() below takes the rest.
struct SelectStep {
    Step step;
};
struct RenameExperiment {
    std::string name;
};
struct OpenFilePicker {};
struct LoadDemoData {};
struct CancelReading {};
// Settings that change which rows are read (columns, seed, families, filters): the file is read again.
struct ChangeLoadSettings {
    data::LoadSettings settings;
};
// Settings that only change how the split is drawn from what was read (classes, sizes, balance).
struct ChangeSplitSettings {
    data::SplitSettings settings;
};
struct DownloadSplit {};

struct ShowProviders {
    bool open;
};
struct SelectProfile {
    std::string id;
};
struct SetBaseUrl {
    std::string profile, url;
};
// Keys go to the app's key ring, never into the State.
struct SetKey {
    std::string profile, key;
};
struct SetRememberKey {
    std::string profile;
    bool remember;
};
struct ForgetKey {
    std::string profile;
};
struct TestConnection {
    std::string profile;
};

using Intent = std::variant<SelectStep, RenameExperiment, OpenFilePicker, LoadDemoData, CancelReading,
                            ChangeLoadSettings, ChangeSplitSettings, DownloadSplit, ShowProviders, SelectProfile,
                            SetBaseUrl, SetKey, SetRememberKey, ForgetKey, TestConnection>;

// Applies the intents that need nothing but the state; returns false for the others.
bool apply(State& state, const Intent& intent);

// Draws the split again from the dataset's samples; false when they hold too few rows for the sizes
// asked, or are gone (restored without the file): the file must then be read again.
bool redraw_split(State& state);

}  // namespace tb::workflow
