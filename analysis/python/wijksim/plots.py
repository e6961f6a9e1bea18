"""Small matplotlib helpers for comparisons: a line per arm with its 95% band, in the same
colour for an arm in every figure. They draw on the axes given and never show or save."""
import matplotlib


def arm_colours(arms):
    """A colour per arm (matplotlib's tab10 cycle, in the order given)."""
    cycle = matplotlib.colormaps["tab10"].colors
    return {arm: cycle[k % len(cycle)] for k, arm in enumerate(arms)}


def plot_bands(ax, summary, x="year", group="arm", scale=1.0, colours=None, alpha=0.2):
    """Draws one line per ``group`` (mean) with a shaded band (low–high) from a summary data
    frame such as :func:`wijksim.arm_summary` returns, against column ``x``; values are
    multiplied by ``scale`` (100 for percentages). Groups keep their order of appearance."""
    groups = list(dict.fromkeys(summary[group]))
    colours = colours or arm_colours(groups)
    for name in groups:
        part = summary[summary[group] == name].sort_values(x)
        colour = colours.get(name)
        ax.plot(part[x], part["mean"] * scale, label=str(name), color=colour, linewidth=1.4)
        ax.fill_between(part[x], part["low"] * scale, part["high"] * scale, color=colour,
                        alpha=alpha, linewidth=0)
    ax.set_xlabel("years since the end of the warm-up" if x == "year" else x)
    ax.grid(True, alpha=0.3)
    return ax
