package dev.dorisccr.server.view;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Lag history as inline SVG, drawn by the server: no script, no external asset. The x axis is
 * time (gaps where the lag could not be read stay as straight segments), the y axis starts at 0
 * and ends at the largest reading in the window.
 */
final class LagChart {
    private LagChart() {}

    /** A small line for a table cell; its tooltip says the range and the largest value. */
    static String sparkline(List<LagPoint> points, ToLongFunction<LagPoint> value, String unit, int width, int height) {
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"spark\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(caption(points, value, unit)))
                .append("\"><title>").append(Html.escape(caption(points, value, unit))).append("</title>");
        b.append("<line class=\"base\" x1=\"0\" y1=\"").append(height - 0.5).append("\" x2=\"").append(width)
                .append("\" y2=\"").append(height - 0.5).append("\"/>");
        plot(b, points, value, Math.max(1, max(points, value)) * 1.12, 1, 2, width - 2, height - 3);
        return b.append("</svg>").toString();
    }

    /** A larger chart with its largest value and time range written on it. */
    static String chart(List<LagPoint> points, ToLongFunction<LagPoint> value, String unit, int width, int height) {
        int left = 56;
        int bottom = 18;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(caption(points, value, unit)))
                .append("\">");
        double top = niceTop(max(points, value));
        int plotW = width - left - 4;
        int plotH = height - bottom - 6;
        for (int i = 0; i <= 2; i++) {
            double y = 6 + plotH - plotH * i / 2.0;
            b.append("<line class=\"grid\" x1=\"").append(left).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(left + plotW).append("\" y2=\"").append(fmt(y)).append("\"/>");
            b.append("<text class=\"axis\" x=\"").append(left - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.escape(axisLabel(top * i / 2.0)))
                    .append("</text>");
        }
        if (points.size() >= 2) {
            long spanMs = points.get(points.size() - 1).atMs() - points.get(0).atMs();
            b.append("<text class=\"axis\" x=\"").append(left).append("\" y=\"").append(height - 4).append("\">")
                    .append(Html.escape(Html.span(Duration.ofMillis(spanMs)) + " ago")).append("</text>");
            b.append("<text class=\"axis\" x=\"").append(left + plotW).append("\" y=\"").append(height - 4)
                    .append("\" text-anchor=\"end\">now</text>");
        } else {
            b.append("<text class=\"axis\" x=\"").append(left + plotW / 2).append("\" y=\"").append(6 + plotH / 2)
                    .append("\" text-anchor=\"middle\">").append(points.isEmpty() ? "no readings yet" : "one reading so far")
                    .append("</text>");
        }
        plot(b, points, value, top, left, 6, plotW, plotH);
        return b.append("</svg>").toString();
    }

    private static void plot(StringBuilder b, List<LagPoint> points, ToLongFunction<LagPoint> value, double max,
            double x0, double y0, double w, double h) {
        if (points.isEmpty()) {
            return;
        }
        if (points.size() == 1) {
            double y = y0 + h - h * value.applyAsLong(points.get(0)) / (double) max;
            b.append("<circle class=\"dot\" cx=\"").append(fmt(x0 + w)).append("\" cy=\"").append(fmt(y))
                    .append("\" r=\"2.5\"/>");
            return;
        }
        long t0 = points.get(0).atMs();
        double tSpan = Math.max(1, points.get(points.size() - 1).atMs() - t0);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            LagPoint p = points.get(i);
            double x = x0 + w * (p.atMs() - t0) / tSpan;
            double y = y0 + h - h * value.applyAsLong(p) / (double) max;
            line.append(i == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
        }
        double firstX = x0;
        double lastX = x0 + w;
        b.append("<path class=\"area\" d=\"M").append(fmt(firstX)).append(',').append(fmt(y0 + h)).append(" L")
                .append(line).append(" L").append(fmt(lastX)).append(',').append(fmt(y0 + h)).append(" Z\"/>");
        b.append("<polyline class=\"line\" points=\"").append(line).append("\"/>");
    }

    private static String caption(List<LagPoint> points, ToLongFunction<LagPoint> value, String unit) {
        if (points.isEmpty()) {
            return "no lag readings yet";
        }
        long last = value.applyAsLong(points.get(points.size() - 1));
        return "lag " + Html.number(last) + " " + unit + " now, at most " + Html.number(max(points, value)) + " " + unit
                + " over the last " + points.size() + " reading" + (points.size() == 1 ? "" : "s");
    }

    /** The top of the y axis: a round number a little over {@code max} (at least 2). */
    static double niceTop(long max) {
        double want = Math.max(2, max * 1.05);
        double pow = Math.pow(10, Math.floor(Math.log10(want)));
        for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * pow >= want) {
                return step * pow;
            }
        }
        return 10 * pow;
    }

    private static String axisLabel(double v) {
        return v == Math.rint(v) ? Html.number((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static long max(List<LagPoint> points, ToLongFunction<LagPoint> value) {
        long max = 0;
        for (LagPoint p : points) {
            max = Math.max(max, value.applyAsLong(p));
        }
        return max;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
