#include <catch2/catch.hpp>

#include "core/frame/item_log.h"

using tb::frame::ItemLog;
using tb::frame::visible_label;

TEST_CASE("the visible label drops what follows ## or ###") {
    CHECK(visible_label("Data##step") == "Data");
    CHECK(visible_label("Open###open") == "Open");
    CHECK(visible_label("##hidden").empty());
    CHECK(visible_label("Plain") == "Plain");
}

TEST_CASE("items of the frame being built show only once the next frame begins") {
    ItemLog log;
    log.begin_frame();
    log.add(7, 10, 20, 110, 50);
    log.set_label(7, "Data##step");
    CHECK(log.last_frame().empty());
    log.begin_frame();
    REQUIRE(log.last_frame().size() == 1);
    const auto& item = log.last_frame()[0];
    CHECK(item.label == "Data");
    CHECK(item.id == 7);
    CHECK(item.w == 100);
    CHECK(item.h == 30);
    log.begin_frame();
    CHECK(log.last_frame().empty());
}

TEST_CASE("a label goes to the latest rectangle with its id") {
    ItemLog log;
    log.begin_frame();
    log.add(1, 0, 0, 1, 1);
    log.add(2, 0, 0, 1, 1);
    log.add(1, 5, 5, 6, 6);
    log.set_label(1, "second");
    log.set_label(99, "nobody");
    log.begin_frame();
    CHECK(log.last_frame()[0].label.empty());
    CHECK(log.last_frame()[2].label == "second");
}

TEST_CASE("JSON coordinates are in CSS pixels, offset by the canvas position") {
    ItemLog log;
    log.begin_frame();
    log.add(3, 20, 40, 220, 80);
    log.set_label(3, "Compare##step");
    log.begin_frame();
    const auto json = log.to_json(2.0f, 5.0f, 7.0f);
    REQUIRE(json.size() == 1);
    CHECK(json[0]["label"] == "Compare");
    CHECK(json[0]["x"].get<double>() == 15.0);
    CHECK(json[0]["y"].get<double>() == 27.0);
    CHECK(json[0]["w"].get<double>() == 100.0);
    CHECK(json[0]["h"].get<double>() == 20.0);
}

TEST_CASE("a label that comes before its rectangle waits for it, within the frame") {
    ItemLog log;
    log.begin_frame();
    log.set_label(9, "In the browser##tab");  // a tab item names itself first
    log.add(3, 0, 0, 10, 10);
    log.add(9, 50, 0, 90, 20);
    log.add(9, 50, 30, 90, 50);  // the label went to the first rectangle only
    log.set_label(4, "never drawn");
    log.begin_frame();
    REQUIRE(log.last_frame().size() == 3);
    CHECK(log.last_frame()[0].label.empty());
    CHECK(log.last_frame()[1].label == "In the browser");
    CHECK(log.last_frame()[2].label.empty());
    log.add(4, 0, 0, 1, 1);  // a later frame's widget with that id gets nothing left over
    log.begin_frame();
    CHECK(log.last_frame()[0].label.empty());
}

TEST_CASE("an item's clip, window and whether it is a window reach the JSON, in CSS pixels") {
    ItemLog log;
    log.begin_frame();
    log.add(5, 20, 40, 220, 80, tb::frame::Placement{{10, 30, 410, 630}, 77, false});
    log.set_label(5, "Run");
    log.add(9, 20, 90, 220, 120, tb::frame::Placement{{10, 30, 410, 630}, 77, false});
    log.set_label(9, "##plot");  // named, with nothing to show
    log.add(6, 0, 0, 800, 600, tb::frame::Placement{{0, 0, 800, 600}, 77, true});
    log.add(8, 1, 2, 3, 4);  // recorded by hand: no placement known
    log.begin_frame();
    const auto json = log.to_json(2.0f, 5.0f, 7.0f);
    REQUIRE(json.size() == 4);
    CHECK(json[0]["clip"]["x"].get<double>() == 10.0);   // 10 / 2 + 5
    CHECK(json[0]["clip"]["y"].get<double>() == 22.0);   // 30 / 2 + 7
    CHECK(json[0]["clip"]["w"].get<double>() == 200.0);  // (410 − 10) / 2
    CHECK(json[0]["clip"]["h"].get<double>() == 300.0);  // (630 − 30) / 2
    CHECK(json[0]["root"] == 77);
    CHECK(json[0]["window"] == false);
    CHECK(json[0]["named"] == true);
    CHECK(json[1]["label"] == "");
    CHECK(json[1]["named"] == true);
    CHECK(json[2]["window"] == true);
    CHECK(json[2]["named"] == false);  // a scrollbar or a window Begin did not name here
    CHECK_FALSE(json[3].contains("clip"));
}
