#include "svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace wijksim::report {
namespace {

// Layout of every chart, in SVG user units.
constexpr double kWidth = 860.0;
constexpr double kLeft = 78.0;    // room for the y tick labels and the y label
constexpr double kRight = 190.0;  // room for the legend
constexpr double kTop = 40.0;     // room for the title
constexpr double kBottom = 52.0;  // room for the x tick labels and the x label

/// A coordinate with one decimal.
std::string c(double v) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f", v);
  return buffer.data();
}

/// Round numbers between `low` and `high` for axis ticks (about `wanted` of them).
std::vector<double> nice_ticks(double low, double high, int wanted) {
  if (!(high > low)) high = low + 1.0;
  const double raw = (high - low) / std::max(1, wanted);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  for (double t = std::ceil(low / step - 1e-9) * step; t <= high + step * 1e-9; t += step) ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

/// The y range of the data with a little room, extended to round ticks.
struct Range {
  double low = 0.0;
  double high = 1.0;
};

Range padded_range(double low, double high, bool from_zero) {
  if (!std::isfinite(low) || !std::isfinite(high)) return {0.0, 1.0};
  if (from_zero) {
    low = std::min(low, 0.0);
    high = std::max(high, 0.0);
  }
  if (high - low < 1e-12) {
    const double pad = std::max(std::fabs(high) * 0.1, 1e-6);
    low -= pad;
    high += pad;
  }
  const auto ticks = nice_ticks(low, high, 5);
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : (high - low);
  return {std::floor(low / step + 1e-9) * step, std::ceil(high / step - 1e-9) * step};
}

std::string open_svg(const std::string& id, double height, const std::string& title) {
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"" + escape_xml(id) + "\" viewBox=\"0 0 " + c(kWidth) +
                  " " + c(height) + "\" role=\"img\" aria-label=\"" + escape_xml(title) + "\">\n";
  s += "<title>" + escape_xml(title) + "</title>\n";
  s += "<rect x=\"0\" y=\"0\" width=\"" + c(kWidth) + "\" height=\"" + c(height) + "\" fill=\"#ffffff\"/>\n";
  s += "<text class=\"chart-title\" x=\"" + c(kLeft) + "\" y=\"22\" font-size=\"16\" font-weight=\"bold\">" + escape_xml(title) + "</text>\n";
  return s;
}

/// Legend entries down the right-hand side: a swatch (line or box) and the name.
std::string legend(const std::vector<std::string>& names, const std::vector<std::string>& colours, bool boxes) {
  std::string s = "<g class=\"legend\">\n";
  double y = kTop + 10.0;
  const double x = kWidth - kRight + 16.0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (boxes) {
      s += "<rect x=\"" + c(x) + "\" y=\"" + c(y - 9.0) + "\" width=\"14\" height=\"10\" fill=\"" + colours[i] + "\"/>";
    } else {
      s += "<line x1=\"" + c(x) + "\" y1=\"" + c(y - 4.0) + "\" x2=\"" + c(x + 18.0) + "\" y2=\"" + c(y - 4.0) + "\" stroke=\"" + colours[i] +
           "\" stroke-width=\"3\"/>";
    }
    std::string name = names[i];
    if (name.size() > 24) name = name.substr(0, 23) + "…";
    s += "<text x=\"" + c(x + 24.0) + "\" y=\"" + c(y) + "\" font-size=\"12\">" + escape_xml(name) + "</text>\n";
    y += 18.0;
  }
  return s + "</g>\n";
}

/// Frame, y grid with tick labels, and the axis labels.
std::string y_axis(const Range& r, double height, const std::string& y_label, const std::string& x_label) {
  const double plot_bottom = height - kBottom;
  const double plot_height = plot_bottom - kTop;
  std::string s;
  for (const double t : nice_ticks(r.low, r.high, 5)) {
    if (t < r.low - 1e-12 || t > r.high + 1e-12) continue;
    const double y = plot_bottom - (t - r.low) / (r.high - r.low) * plot_height;
    s += "<line x1=\"" + c(kLeft) + "\" y1=\"" + c(y) + "\" x2=\"" + c(kWidth - kRight) + "\" y2=\"" + c(y) +
         "\" stroke=\"#dddddd\" stroke-width=\"1\"/>";
    s += "<text x=\"" + c(kLeft - 6.0) + "\" y=\"" + c(y + 4.0) + "\" font-size=\"11\" text-anchor=\"end\">" + escape_xml(format_number(t)) +
         "</text>\n";
  }
  s += "<rect x=\"" + c(kLeft) + "\" y=\"" + c(kTop) + "\" width=\"" + c(kWidth - kRight - kLeft) + "\" height=\"" + c(plot_height) +
       "\" fill=\"none\" stroke=\"#444444\" stroke-width=\"1\"/>\n";
  s += "<text class=\"axis-label\" transform=\"translate(16," + c(kTop + plot_height / 2.0) +
       ") rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">" + escape_xml(y_label) + "</text>\n";
  s += "<text class=\"axis-label\" x=\"" + c((kLeft + kWidth - kRight) / 2.0) + "\" y=\"" + c(height - 8.0) +
       "\" font-size=\"12\" text-anchor=\"middle\">" + escape_xml(x_label) + "</text>\n";
  return s;
}

std::string x_ticks(double x_min, double x_max, double height) {
  const double plot_bottom = height - kBottom;
  const double plot_width = kWidth - kRight - kLeft;
  std::string s;
  for (const double t : nice_ticks(x_min, x_max, 8)) {
    if (t < x_min - 1e-12 || t > x_max + 1e-12) continue;
    const double x = kLeft + (t - x_min) / (x_max - x_min) * plot_width;
    s += "<line x1=\"" + c(x) + "\" y1=\"" + c(plot_bottom) + "\" x2=\"" + c(x) + "\" y2=\"" + c(plot_bottom + 4.0) + "\" stroke=\"#444444\"/>";
    s += "<text x=\"" + c(x) + "\" y=\"" + c(plot_bottom + 17.0) + "\" font-size=\"11\" text-anchor=\"middle\">" + escape_xml(format_number(t)) +
         "</text>\n";
  }
  return s;
}

}  // namespace

std::string_view series_colour(std::size_t index) noexcept {
  static constexpr std::array<std::string_view, 8> kColours{"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                            "#E69F00", "#56B4E9", "#000000", "#F0E442"};
  return kColours[index % kColours.size()];
}

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "n/a";
  const double a = std::fabs(value);
  std::array<char, 64> buffer{};
  if (a >= 1000.0) {
    const auto whole = static_cast<long long>(std::llround(a));
    const std::string digits = std::to_string(whole);
    std::string text = value < 0.0 ? "−" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) text.push_back(',');
      text.push_back(digits[i]);
    }
    return text;
  }
  std::snprintf(buffer.data(), buffer.size(), "%.3g", a);
  std::string text = value < 0.0 ? "−" : "";
  text.append(buffer.data());
  return text;
}

std::string render_svg(const LineChart& chart) {
  constexpr double height = 330.0;
  double x_min = chart.x.empty() ? 0.0 : chart.x.front();
  double x_max = chart.x.empty() ? 1.0 : chart.x.back();
  if (!(x_max > x_min)) x_max = x_min + 1.0;
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const auto& s : chart.series) {
    for (const auto* values : {&s.y, &s.band_low, &s.band_high}) {
      for (const double v : *values) {
        if (!std::isfinite(v)) continue;
        low = std::min(low, v);
        high = std::max(high, v);
      }
    }
  }
  const Range r = padded_range(low, high, chart.y_from_zero);
  const double plot_bottom = height - kBottom;
  const double plot_height = plot_bottom - kTop;
  const double plot_width = kWidth - kRight - kLeft;
  const auto px = [&](double x) { return kLeft + (x - x_min) / (x_max - x_min) * plot_width; };
  const auto py = [&](double y) { return plot_bottom - (y - r.low) / (r.high - r.low) * plot_height; };

  std::string s = open_svg(chart.id, height, chart.title);
  s += y_axis(r, height, chart.y_label, chart.x_label);
  s += x_ticks(x_min, x_max, height);
  std::vector<std::string> names, colours;
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    const LineSeries& line = chart.series[k];
    const std::string colour(series_colour(k));
    names.push_back(line.name);
    colours.push_back(colour);
    const std::size_t n = std::min(chart.x.size(), line.y.size());
    if (!line.band_low.empty() && line.band_low.size() >= n && line.band_high.size() >= n) {
      // The band as one polygon per run of finite values: upper edge forward, lower backward.
      std::size_t i = 0;
      while (i < n) {
        while (i < n && !(std::isfinite(line.band_low[i]) && std::isfinite(line.band_high[i]))) ++i;
        const std::size_t begin = i;
        while (i < n && std::isfinite(line.band_low[i]) && std::isfinite(line.band_high[i])) ++i;
        if (i - begin < 2) continue;
        std::string points;
        for (std::size_t j = begin; j < i; ++j) points += c(px(chart.x[j])) + "," + c(py(line.band_high[j])) + " ";
        for (std::size_t j = i; j-- > begin;) points += c(px(chart.x[j])) + "," + c(py(line.band_low[j])) + " ";
        s += "<polygon class=\"band\" points=\"" + points + "\" fill=\"" + colour + "\" fill-opacity=\"0.18\" stroke=\"none\"/>\n";
      }
    }
    std::string path;
    bool pen_down = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(line.y[i])) {
        pen_down = false;
        continue;
      }
      path.append(pen_down ? "L" : "M").append(c(px(chart.x[i]))).append(",").append(c(py(line.y[i])));
      pen_down = true;
    }
    s += "<path class=\"line\" d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"" + c(line.stroke_width) +
         "\" stroke-linejoin=\"round\"><title>" + escape_xml(line.name) + "</title></path>\n";
  }
  s += legend(names, colours, false);
  return s + "</svg>\n";
}

std::string render_svg(const BarChart& chart) {
  const double height = chart.rotate_labels ? 380.0 : 330.0;
  const double bottom = chart.rotate_labels ? kBottom + 50.0 : kBottom;
  double low = 0.0;
  double high = 0.0;
  for (const auto& g : chart.groups) {
    for (const auto* values : {&g.values, &g.low, &g.high}) {
      for (const double v : *values) {
        if (!std::isfinite(v)) continue;
        low = std::min(low, v);
        high = std::max(high, v);
      }
    }
  }
  const Range r = padded_range(low, high, true);
  const double plot_bottom = height - bottom;
  const double plot_height = plot_bottom - kTop;
  const double plot_width = kWidth - kRight - kLeft;
  const auto py = [&](double y) { return plot_bottom - (y - r.low) / (r.high - r.low) * plot_height; };

  // The frame and grid as for a line chart, with the plot's bottom moved up for the labels.
  std::string s = open_svg(chart.id, height, chart.title);
  for (const double t : nice_ticks(r.low, r.high, 5)) {
    if (t < r.low - 1e-12 || t > r.high + 1e-12) continue;
    s += "<line x1=\"" + c(kLeft) + "\" y1=\"" + c(py(t)) + "\" x2=\"" + c(kWidth - kRight) + "\" y2=\"" + c(py(t)) +
         "\" stroke=\"#dddddd\" stroke-width=\"1\"/>";
    s += "<text x=\"" + c(kLeft - 6.0) + "\" y=\"" + c(py(t) + 4.0) + "\" font-size=\"11\" text-anchor=\"end\">" +
         escape_xml(format_number(t)) + "</text>\n";
  }
  s += "<rect x=\"" + c(kLeft) + "\" y=\"" + c(kTop) + "\" width=\"" + c(plot_width) + "\" height=\"" + c(plot_height) +
       "\" fill=\"none\" stroke=\"#444444\" stroke-width=\"1\"/>\n";
  s += "<text class=\"axis-label\" transform=\"translate(16," + c(kTop + plot_height / 2.0) +
       ") rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">" + escape_xml(chart.y_label) + "</text>\n";
  s += "<text class=\"axis-label\" x=\"" + c(kLeft + plot_width / 2.0) + "\" y=\"" + c(height - 8.0) +
       "\" font-size=\"12\" text-anchor=\"middle\">" + escape_xml(chart.x_label) + "</text>\n";

  const std::size_t groups = std::max<std::size_t>(1, chart.groups.size());
  const std::size_t bars = std::max<std::size_t>(1, chart.series.size());
  const double group_width = plot_width / static_cast<double>(groups);
  const double bar_width = group_width * 0.8 / static_cast<double>(bars);
  std::vector<std::string> colours;
  for (std::size_t b = 0; b < chart.series.size(); ++b) {
    colours.emplace_back(b < chart.colours.size() ? std::string_view(chart.colours[b]) : series_colour(b));
  }
  for (std::size_t g = 0; g < chart.groups.size(); ++g) {
    const BarGroup& group = chart.groups[g];
    const double x0 = kLeft + group_width * (static_cast<double>(g) + 0.1);
    for (std::size_t b = 0; b < group.values.size() && b < bars; ++b) {
      const double v = group.values[b];
      if (!std::isfinite(v)) continue;
      const double x = x0 + bar_width * static_cast<double>(b);
      const double top = py(std::max(v, 0.0));
      const double base = py(std::min(v, 0.0));
      s += "<rect class=\"bar\" x=\"" + c(x) + "\" y=\"" + c(top) + "\" width=\"" + c(bar_width * 0.92) + "\" height=\"" +
           c(std::max(base - top, 0.5)) + "\" fill=\"" + colours.at(b) + "\"><title>" +
           escape_xml(chart.series.at(b) + ", " + group.label + ": " + format_number(v)) + "</title></rect>";
      if (b < group.low.size() && b < group.high.size() && std::isfinite(group.low[b]) && std::isfinite(group.high[b])) {
        const double xm = x + bar_width * 0.46;
        s += "<line class=\"whisker\" x1=\"" + c(xm) + "\" y1=\"" + c(py(group.low[b])) + "\" x2=\"" + c(xm) + "\" y2=\"" +
             c(py(group.high[b])) + "\" stroke=\"#222222\" stroke-width=\"1.2\"/>";
      }
      s += "\n";
    }
    const double xc = kLeft + group_width * (static_cast<double>(g) + 0.5);
    if (chart.rotate_labels) {
      s += "<text x=\"" + c(xc) + "\" y=\"" + c(plot_bottom + 12.0) + "\" font-size=\"11\" text-anchor=\"end\" transform=\"rotate(-30 " + c(xc) +
           " " + c(plot_bottom + 12.0) + ")\">" + escape_xml(group.label) + "</text>\n";
    } else {
      s += "<text x=\"" + c(xc) + "\" y=\"" + c(plot_bottom + 17.0) + "\" font-size=\"11\" text-anchor=\"middle\">" + escape_xml(group.label) +
           "</text>\n";
    }
  }
  s += legend(chart.series, colours, true);
  return s + "</svg>\n";
}

std::string render_svg(const LifeLineChart& chart) {
  constexpr double kRow = 7.0;
  const double height = std::max(kTop + kBottom + kRow * static_cast<double>(std::max<std::size_t>(chart.lines.size(), 4)) + 8.0,
                                 kTop + kBottom + 18.0 * static_cast<double>(chart.states.size()));
  const double plot_bottom = height - kBottom;
  const double plot_width = kWidth - kRight - kLeft;
  const double x_max = chart.x_max > chart.x_min ? chart.x_max : chart.x_min + 1.0;
  const auto px = [&](double x) { return kLeft + (x - chart.x_min) / (x_max - chart.x_min) * plot_width; };
  // States use colours after the arms' first few, so that they do not read as arms.
  static constexpr std::array<std::string_view, 10> kStateColours{"#BBBBBB", "#56B4E9", "#E69F00", "#009E73", "#D55E00",
                                                                  "#CC79A7", "#0072B2", "#F0E442", "#000000", "#882255"};
  std::string s = open_svg(chart.id, height, chart.title);
  s += "<rect x=\"" + c(kLeft) + "\" y=\"" + c(kTop) + "\" width=\"" + c(plot_width) + "\" height=\"" + c(plot_bottom - kTop) +
       "\" fill=\"none\" stroke=\"#444444\" stroke-width=\"1\"/>\n";
  s += x_ticks(chart.x_min, x_max, height);
  s += "<text class=\"axis-label\" x=\"" + c(kLeft + plot_width / 2.0) + "\" y=\"" + c(height - 8.0) +
       "\" font-size=\"12\" text-anchor=\"middle\">" + escape_xml(chart.x_label) + "</text>\n";
  s += "<text class=\"axis-label\" transform=\"translate(16," + c((kTop + plot_bottom) / 2.0) +
       ") rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">projects (one line each)</text>\n";
  for (std::size_t i = 0; i < chart.lines.size(); ++i) {
    const double y = kTop + 4.0 + kRow * static_cast<double>(i) + kRow / 2.0;
    s += "<g class=\"lifeline\"><title>" + escape_xml(chart.lines[i].label) + "</title>";
    for (const auto& seg : chart.lines[i].segments) {
      const double x1 = px(std::max(seg.from, chart.x_min));
      const double x2 = px(std::min(seg.to, x_max));
      if (x2 <= x1) continue;
      s += "<line x1=\"" + c(x1) + "\" y1=\"" + c(y) + "\" x2=\"" + c(x2) + "\" y2=\"" + c(y) + "\" stroke=\"" +
           std::string(kStateColours[seg.state % kStateColours.size()]) + "\" stroke-width=\"" + c(kRow - 1.5) + "\"/>";
    }
    s += "</g>\n";
  }
  std::vector<std::string> colours;
  for (std::size_t k = 0; k < chart.states.size(); ++k) colours.emplace_back(kStateColours[k % kStateColours.size()]);
  s += legend(chart.states, colours, true);
  return s + "</svg>\n";
}

}  // namespace wijksim::report
