// The classifier's cross-build values (tests/unit/train_golden_cases.h) computed by the WebAssembly
// build and printed as JSON; tests/browser/train_golden.test.mjs runs it under node and compares the
// output with tests/unit/train_golden_expected.json, which the native unit test checks too.
#include <cstdio>

#include "../unit/train_golden_cases.h"

int main() {
    std::puts(tb::train_golden::golden().dump(1).c_str());
    return 0;
}
