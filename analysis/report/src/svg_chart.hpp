#pragma once
// Charts as inline SVG text, drawn here without any library, font or script: line charts with
// interval bands, grouped bar charts and life lines (horizontal bars coloured by state). Text
// uses the page's sans-serif font; every chart has a title, axis labels with units and a
// legend. Sizes are in SVG user units (the page scales them to its width).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wijksim::report {

/// Colours of the arms (Okabe–Ito, distinguishable with colour-blindness), cycled.
[[nodiscard]] std::string_view series_colour(std::size_t index) noexcept;
/// `text` with &, <, >, " and ' escaped for HTML and SVG.
[[nodiscard]] std::string escape_xml(std::string_view text);
/// A number for an axis or a table: up to 3 significant digits, thousands separated.
[[nodiscard]] std::string format_number(double value);

struct LineSeries {
  std::string name;                 ///< legend entry
  std::vector<double> y;            ///< one per x; NaN: a gap
  std::vector<double> band_low;     ///< empty: no band
  std::vector<double> band_high;
  double stroke_width = 1.6;
};

struct LineChart {
  std::string id;       ///< the svg element's id
  std::string title;
  std::string x_label;  ///< with unit
  std::string y_label;  ///< with unit
  std::vector<double> x;
  std::vector<LineSeries> series;
  bool y_from_zero = true;  ///< include 0 in the y range
};

struct BarGroup {
  std::string label;           ///< x category
  std::vector<double> values;  ///< one per bar series
  std::vector<double> low;     ///< optional whiskers (empty: none)
  std::vector<double> high;
};

struct BarChart {
  std::string id;
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<std::string> series;  ///< legend: one bar per series in each group
  std::vector<std::string> colours;  ///< one per series; empty: the arms' colours (series_colour)
  std::vector<BarGroup> groups;
  bool rotate_labels = false;  ///< long category labels drawn at an angle
};

/// One horizontal line of a life-line chart: segments [from, to) each in a state.
struct LifeLine {
  std::string label;
  struct Segment {
    double from = 0.0;
    double to = 0.0;
    std::size_t state = 0;  ///< index into LifeLineChart::states
  };
  std::vector<Segment> segments;
};

struct LifeLineChart {
  std::string id;
  std::string title;
  std::string x_label;
  double x_min = 0.0;
  double x_max = 1.0;
  std::vector<std::string> states;  ///< legend, in colour order
  std::vector<LifeLine> lines;
};

[[nodiscard]] std::string render_svg(const LineChart& chart);
[[nodiscard]] std::string render_svg(const BarChart& chart);
[[nodiscard]] std::string render_svg(const LifeLineChart& chart);

}  // namespace wijksim::report
